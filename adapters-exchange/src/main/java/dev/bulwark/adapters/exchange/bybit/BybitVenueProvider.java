package dev.bulwark.adapters.exchange.bybit;

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

    private final VenueResilience.Settings settings;
    private final VenueResilience resilience;
    private final HttpClient http;

    public BybitVenueProvider() {
        this(VenueResilience.Settings.DEFAULTS);
    }

    BybitVenueProvider(VenueResilience.Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.resilience = new VenueResilience(BybitAdapters.VENUE, LIMITS, settings);
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    @Override
    public VenueDescriptor describe() {
        return DESCRIPTOR;
    }

    /** The breaker's state, for metrics and tests. */
    VenueResilience resilience() {
        return resilience;
    }

    @Override
    public VenueGateway connect(VenueConnection connection) {
        Objects.requireNonNull(connection, "connection");
        if (!connection.account().venue().equals(BybitAdapters.VENUE)) {
            throw new Invalid("the Bybit provider connects Bybit accounts, not " + connection.account().venue());
        }
        if (!DESCRIPTOR.environments().contains(connection.environment())) {
            throw new Invalid("Bybit offers no " + connection.environment() + " environment");
        }
        if (connection.credentials() == null) {
            throw new Invalid("a Bybit account needs an API key and secret");
        }
        URI base = connection.baseUrl() != null ? URI.create(connection.baseUrl())
                : connection.environment() == VenueEnvironment.LIVE ? LIVE : TESTNET;
        BybitClient client = new BybitClient(BybitAdapters.VENUE, base, http, settings.timeout(), connection.credentials(),
                connection.clock());
        return new BybitGateway(DESCRIPTOR, connection.account().id(), client, resilience, connection.clock());
    }
}
