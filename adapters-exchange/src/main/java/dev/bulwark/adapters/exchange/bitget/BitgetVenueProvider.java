package dev.bulwark.adapters.exchange.bitget;

import dev.bulwark.adapters.exchange.support.VenueResilience;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.orders.TimeInForce;
import dev.bulwark.ports.driven.venues.RateLimit;
import dev.bulwark.ports.driven.venues.VenueCapability;
import dev.bulwark.ports.driven.venues.VenueConnection;
import dev.bulwark.ports.driven.venues.VenueDescriptor;
import dev.bulwark.ports.driven.venues.VenueEnvironment;
import dev.bulwark.ports.driven.venues.VenueGateway;
import dev.bulwark.ports.driven.venues.VenueProvider;
import dev.bulwark.ports.errors.Invalid;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

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

    private final VenueResilience.Settings settings;
    private final VenueResilience resilience;
    private final HttpClient http;

    public BitgetVenueProvider() {
        this(VenueResilience.Settings.DEFAULTS);
    }

    BitgetVenueProvider(VenueResilience.Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.resilience = new VenueResilience(BitgetAdapters.VENUE, LIMITS, settings);
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    @Override
    public VenueDescriptor describe() {
        return DESCRIPTOR;
    }

    VenueResilience resilience() {
        return resilience;
    }

    @Override
    public VenueGateway connect(VenueConnection connection) {
        Objects.requireNonNull(connection, "connection");
        if (!connection.account().venue().equals(BitgetAdapters.VENUE)) {
            throw new Invalid("the Bitget provider connects Bitget accounts, not " + connection.account().venue());
        }
        if (!DESCRIPTOR.environments().contains(connection.environment())) {
            throw new Invalid("Bitget offers no " + connection.environment() + " environment here");
        }
        if (connection.credentials() == null || connection.credentials().passphrase() == null) {
            throw new Invalid("a Bitget account needs an API key, its secret and its passphrase");
        }
        URI base = connection.baseUrl() != null ? URI.create(connection.baseUrl()) : BASE;
        BitgetClient client = new BitgetClient(BitgetAdapters.VENUE, base, http, settings.timeout(), connection.credentials(),
                connection.clock());
        return new BitgetGateway(DESCRIPTOR, connection.account().id(), client, resilience, connection.clock());
    }
}
