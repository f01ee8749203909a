package dev.bulwark.adapters.exchange.bybit;

import dev.bulwark.adapters.exchange.support.Connections;
import dev.bulwark.adapters.exchange.support.SharedTransport;
import dev.bulwark.adapters.exchange.support.VenueResilience;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.orders.TimeInForce;
import dev.bulwark.domain.venues.VenueCircuit;
import dev.bulwark.ports.driven.venues.RateLimit;
import dev.bulwark.ports.driven.venues.VenueCapability;
import dev.bulwark.ports.driven.venues.VenueConnection;
import dev.bulwark.ports.driven.venues.VenueCredentials;
import dev.bulwark.ports.driven.venues.VenueDescriptor;
import dev.bulwark.ports.driven.venues.VenueEnvironment;
import dev.bulwark.ports.driven.venues.VenueGateway;
import dev.bulwark.ports.driven.venues.VenueProvider;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

/**
 * Bybit (API v5), spot on a unified trading account, live ({@code api.bybit.com}) or testnet
 * ({@code api-testnet.bybit.com}). The HTTP client and the resilience (breaker, the per-IP request limit) live in
 * this instance and are shared by its gateways; nothing is static. No I/O until a gateway is used.
 */
public final class BybitVenueProvider implements VenueProvider {
    static final URI LIVE = URI.create("https://api.bybit.com");
    static final URI TESTNET = URI.create("https://api-testnet.bybit.com");

    /** Bybit's documented HTTP limit: 600 requests per 5 seconds per IP. */
    static final List<RateLimit> LIMITS = List.of(
            new RateLimit(BybitErrorAdapter.LIMIT, 600, Duration.ofSeconds(5), RateLimit.Scope.IP));

    private static final VenueDescriptor DESCRIPTOR = new VenueDescriptor(BybitAdapters.VENUE, "Bybit",
            EnumSet.of(Market.SPOT), EnumSet.of(OrderType.MARKET, OrderType.LIMIT), EnumSet.allOf(TimeInForce.class),
            EnumSet.of(VenueCapability.BALANCES, VenueCapability.QUOTE_AMOUNT, VenueCapability.FILLS,
                    VenueCapability.PRICES, VenueCapability.PERMISSIONS),
            LIMITS, EnumSet.of(VenueEnvironment.LIVE, VenueEnvironment.TESTNET), false);

    private final SharedTransport transport;

    public BybitVenueProvider() {
        this(VenueResilience.Settings.DEFAULTS);
    }

    BybitVenueProvider(VenueResilience.Settings settings) {
        this.transport = new SharedTransport(BybitAdapters.VENUE, LIMITS, settings);
    }

    @Override
    public VenueDescriptor describe() {
        return DESCRIPTOR;
    }

    /** The breaker's state, for metrics and tests. */
    VenueResilience resilience() {
        return transport.resilience();
    }

    /** The provider's one breaker, shared by its gateways. */
    @Override
    public List<VenueCircuit> circuits() {
        return transport.circuits();
    }

    @Override
    public VenueGateway connect(VenueConnection connection) {
        VenueCredentials credentials = Connections.require(connection, DESCRIPTOR);
        URI base = connection.baseUrl() != null ? URI.create(connection.baseUrl())
                : connection.environment() == VenueEnvironment.LIVE ? LIVE : TESTNET;
        BybitClient client = new BybitClient(BybitAdapters.VENUE, base, transport.http(), transport.timeout(), credentials,
                connection.clock());
        return new BybitGateway(DESCRIPTOR, connection.account().id(), client, transport.resilience(), connection.clock());
    }
}
