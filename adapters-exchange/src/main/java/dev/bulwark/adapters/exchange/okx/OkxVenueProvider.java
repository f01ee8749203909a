package dev.bulwark.adapters.exchange.okx;

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

    private final VenueResilience.Settings settings;
    private final VenueResilience resilience;
    private final HttpClient http;

    public OkxVenueProvider() {
        this(VenueResilience.Settings.DEFAULTS);
    }

    OkxVenueProvider(VenueResilience.Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.resilience = new VenueResilience(OkxAdapters.VENUE, LIMITS, settings);
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
        if (!connection.account().venue().equals(OkxAdapters.VENUE)) {
            throw new Invalid("the OKX provider connects OKX accounts, not " + connection.account().venue());
        }
        if (!DESCRIPTOR.environments().contains(connection.environment())) {
            throw new Invalid("OKX offers no " + connection.environment() + " environment");
        }
        if (connection.credentials() == null || connection.credentials().passphrase() == null) {
            throw new Invalid("an OKX account needs an API key, its secret and its passphrase");
        }
        URI base = connection.baseUrl() != null ? URI.create(connection.baseUrl()) : BASE;
        OkxClient client = new OkxClient(OkxAdapters.VENUE, base, http, settings.timeout(), connection.credentials(),
                connection.environment() == VenueEnvironment.TESTNET, connection.clock());
        return new OkxGateway(DESCRIPTOR, connection.account().id(), client, resilience, connection.clock());
    }
}
