package dev.bulwark.adapters.exchange.okx;

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
 * OKX (API v5), spot in cash mode, live or demo trading (the same host, with {@code x-simulated-trading: 1} and a
 * demo key). Keys come with a passphrase. The HTTP client and the resilience live in this instance and are shared
 * by its gateways; nothing is static. No I/O until a gateway is used.
 */
public final class OkxVenueProvider implements VenueProvider {
    static final URI BASE = URI.create("https://www.okx.com");

    /**
     * OKX limits each endpoint apart, the tightest we use at 20 requests per 2 seconds (tickers per IP; balances 10
     * per 2 s per account): one budget of 20 per 2 s keeps every endpoint inside its own.
     */
    static final List<RateLimit> LIMITS = List.of(
            new RateLimit(OkxErrorAdapter.LIMIT, 20, Duration.ofSeconds(2), RateLimit.Scope.IP));

    private static final VenueDescriptor DESCRIPTOR = new VenueDescriptor(OkxAdapters.VENUE, "OKX",
            EnumSet.of(Market.SPOT), EnumSet.of(OrderType.MARKET, OrderType.LIMIT), EnumSet.allOf(TimeInForce.class),
            EnumSet.of(VenueCapability.BALANCES, VenueCapability.QUOTE_AMOUNT, VenueCapability.FILLS,
                    VenueCapability.PRICES, VenueCapability.PERMISSIONS),
            LIMITS, EnumSet.of(VenueEnvironment.LIVE, VenueEnvironment.TESTNET), true);

    private final SharedTransport transport;

    public OkxVenueProvider() {
        this(VenueResilience.Settings.DEFAULTS);
    }

    OkxVenueProvider(VenueResilience.Settings settings) {
        this.transport = new SharedTransport(OkxAdapters.VENUE, LIMITS, settings);
    }

    @Override
    public VenueDescriptor describe() {
        return DESCRIPTOR;
    }

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
        URI base = connection.baseUrl() != null ? URI.create(connection.baseUrl()) : BASE;
        OkxClient client = new OkxClient(OkxAdapters.VENUE, base, transport.http(), transport.timeout(), credentials,
                connection.environment() == VenueEnvironment.TESTNET, connection.clock());
        return new OkxGateway(DESCRIPTOR, connection.account().id(), client, transport.resilience(), connection.clock());
    }
}
