package dev.bulwark.adapters.exchange.bitget;

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
 * Bitget (API v2), spot, live ({@code api.bitget.com}). Keys come with a passphrase. Futures are not offered by
 * this provider yet, so neither the market nor the capability is declared. The HTTP client and the resilience live
 * in this instance and are shared by its gateways; nothing is static. No I/O until a gateway is used.
 */
public final class BitgetVenueProvider implements VenueProvider {
    static final URI BASE = URI.create("https://api.bitget.com");

    /** Bitget's spot trade and account endpoints allow 10 requests per second each (market data 20): one budget of 10. */
    static final List<RateLimit> LIMITS = List.of(
            new RateLimit(BitgetErrorAdapter.LIMIT, 10, Duration.ofSeconds(1), RateLimit.Scope.IP));

    private static final VenueDescriptor DESCRIPTOR = new VenueDescriptor(BitgetAdapters.VENUE, "Bitget",
            EnumSet.of(Market.SPOT), EnumSet.of(OrderType.MARKET, OrderType.LIMIT), EnumSet.allOf(TimeInForce.class),
            EnumSet.of(VenueCapability.BALANCES, VenueCapability.QUOTE_AMOUNT, VenueCapability.FILLS,
                    VenueCapability.PRICES),
            LIMITS, EnumSet.of(VenueEnvironment.LIVE), true);

    private final SharedTransport transport;

    public BitgetVenueProvider() {
        this(VenueResilience.Settings.DEFAULTS);
    }

    BitgetVenueProvider(VenueResilience.Settings settings) {
        this.transport = new SharedTransport(BitgetAdapters.VENUE, LIMITS, settings);
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
        BitgetClient client = new BitgetClient(BitgetAdapters.VENUE, base, transport.http(), transport.timeout(), credentials,
                connection.clock());
        return new BitgetGateway(DESCRIPTOR, connection.account().id(), client, transport.resilience(), connection.clock());
    }
}
