package dev.bulwark.adapters.exchange.binance;

import dev.bulwark.adapters.exchange.support.VenueResilience;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.orders.TimeInForce;
import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.venues.RateLimit;
import dev.bulwark.ports.driven.venues.VenueCapability;
import dev.bulwark.ports.driven.venues.VenueConnection;
import dev.bulwark.ports.driven.venues.VenueCredentials;
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
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Binance spot, found with {@code ServiceLoader}. Gateways of one provider share, per endpoint (live or testnet
 * host), one HTTP client, the IP's request-weight and ban state, and one {@link VenueResilience} (Binance counts
 * limits per IP, so all accounts behind this process spend one budget). Nothing is created or contacted until the
 * first {@link #connect}; nothing is static.
 *
 * <p>Declared: spot only (USD-M futures are the venue {@code binance-futures}, {@link BinanceFuturesVenueProvider}), MARKET/LIMIT/STOP_LOSS(_LIMIT)/TAKE_PROFIT(_LIMIT)
 * orders, GTC/IOC/FOK, quote-amount market orders, fills, prices and key permissions. Binance's native OCO and
 * trailing stops are not offered through this SPI version.
 */
public final class BinanceVenueProvider implements VenueProvider {
    public static final VenueId BINANCE = new VenueId("binance");
    public static final URI LIVE_URL = URI.create("https://api.binance.com");
    public static final URI TESTNET_URL = URI.create("https://testnet.binance.vision");
    /** Binance's published REQUEST_WEIGHT limit per minute (exchangeInfo rateLimits). */
    static final int WEIGHT_PER_MINUTE = 6_000;

    private static final VenueDescriptor DESCRIPTOR = new VenueDescriptor(BINANCE, "Binance",
            EnumSet.of(Market.SPOT),
            EnumSet.of(OrderType.MARKET, OrderType.LIMIT, OrderType.STOP_MARKET, OrderType.STOP_LIMIT,
                    OrderType.TAKE_PROFIT, OrderType.TAKE_PROFIT_LIMIT),
            EnumSet.allOf(TimeInForce.class),
            EnumSet.of(VenueCapability.BALANCES, VenueCapability.QUOTE_AMOUNT, VenueCapability.FILLS,
                    VenueCapability.PRICES, VenueCapability.PERMISSIONS),
            List.of(new RateLimit(BinanceIpLimits.REQUEST_WEIGHT, WEIGHT_PER_MINUTE, Duration.ofMinutes(1), RateLimit.Scope.IP),
                    new RateLimit("raw-requests", 61_000, Duration.ofMinutes(5), RateLimit.Scope.IP),
                    new RateLimit("orders-10s", 100, Duration.ofSeconds(10), RateLimit.Scope.ACCOUNT),
                    new RateLimit("orders-1d", 200_000, Duration.ofDays(1), RateLimit.Scope.ACCOUNT)),
            EnumSet.of(VenueEnvironment.LIVE, VenueEnvironment.TESTNET), false);

    /** What gateways of one endpoint share. */
    private record Endpoint(BinanceIpLimits limits, VenueResilience resilience) {
    }

    private final BinanceSettings settings;
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    private volatile HttpClient http;

    /** With {@link BinanceSettings#DEFAULTS}; for {@code ServiceLoader}. */
    public BinanceVenueProvider() {
        this(BinanceSettings.DEFAULTS);
    }

    public BinanceVenueProvider(BinanceSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public VenueDescriptor describe() {
        return DESCRIPTOR;
    }

    @Override
    public VenueGateway connect(VenueConnection connection) {
        Objects.requireNonNull(connection, "connection");
        VenueAccount account = connection.account();
        if (!account.venue().equals(BINANCE)) {
            throw new Invalid("the Binance provider connects Binance accounts only, not " + account.venue());
        }
        if (!DESCRIPTOR.environments().contains(connection.environment())) {
            throw new Invalid("Binance offers " + DESCRIPTOR.environments() + ", not " + connection.environment());
        }
        VenueCredentials credentials = connection.credentials();
        if (credentials == null) {
            throw new Invalid("a Binance account needs an API key and secret");
        }
        URI base = connection.baseUrl() != null ? URI.create(connection.baseUrl())
                : connection.environment() == VenueEnvironment.LIVE ? LIVE_URL : TESTNET_URL;
        Endpoint endpoint = endpoints.computeIfAbsent(base.toString(), key -> new Endpoint(
                new BinanceIpLimits(WEIGHT_PER_MINUTE),
                new VenueResilience(BINANCE, DESCRIPTOR.rateLimits().stream()
                        .filter(limit -> limit.scope() == RateLimit.Scope.IP).toList(), settings.resilience())));
        String hint = VenueAccount.hintOf(credentials.apiKey());
        BinanceClient client = new BinanceClient(BINANCE, base, http(), credentials.apiKey(),
                new BinanceSigner(credentials.secret()), connection.clock(), endpoint.limits(), settings);
        return new BinanceGateway(account, DESCRIPTOR, client, endpoint.resilience(), connection.clock(), hint, settings);
    }

    private HttpClient http() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                client = http;
                if (client == null) {
                    client = HttpClient.newBuilder().connectTimeout(settings.requestTimeout())
                            .followRedirects(HttpClient.Redirect.NEVER).build();
                    http = client;
                }
            }
        }
        return client;
    }

    @Override
    public String toString() {
        return "BinanceVenueProvider";
    }
}
