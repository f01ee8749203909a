package dev.bulwark.adapters.exchange.alpaca;

import dev.bulwark.adapters.exchange.support.VenueResilience;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.orders.TimeInForce;
import dev.bulwark.domain.venues.VenueCircuit;
import dev.bulwark.domain.venues.VenueId;
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
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Alpaca, the US stock broker, found by {@link java.util.ServiceLoader}. Its paper trading API is Bulwark's
 * {@link VenueEnvironment#TESTNET} (the live protocol with play money, and its own keys); {@link VenueEnvironment#LIVE}
 * trades real money. {@link VenueEnvironment#PAPER} is Bulwark's own simulation, which no order leaves, so it is
 * not offered here: an Alpaca paper account connects as TESTNET.
 *
 * <p>Thread-safe and stateless: each {@link #connect} builds a gateway with its own HTTP client, rate limiter and
 * circuit breaker (Alpaca's limit of 200 requests a minute is per key, so per gateway). The constructor does no I/O.
 */
public final class AlpacaVenueProvider implements VenueProvider {
    public static final VenueId ID = new VenueId("alpaca");
    public static final URI LIVE_URL = URI.create("https://api.alpaca.markets");
    public static final URI PAPER_URL = URI.create("https://paper-api.alpaca.markets");
    public static final URI DATA_URL = URI.create("https://data.alpaca.markets");

    private static final VenueDescriptor DESCRIPTOR = new VenueDescriptor(ID, "Alpaca", EnumSet.of(Market.STOCK),
            EnumSet.of(OrderType.MARKET, OrderType.LIMIT, OrderType.STOP_MARKET, OrderType.STOP_LIMIT, OrderType.TRAILING_STOP),
            EnumSet.of(TimeInForce.GTC, TimeInForce.IOC, TimeInForce.FOK),
            // PERMISSIONS: Alpaca's trading API keys cannot move money off the account at all (transfers are the
            // Broker API's, with other credentials), so a working key is known to read and trade and never withdraw
            EnumSet.of(VenueCapability.BALANCES, VenueCapability.POSITIONS, VenueCapability.QUOTE_AMOUNT,
                    VenueCapability.TRAILING_STOP, VenueCapability.FILLS, VenueCapability.PRICES, VenueCapability.PERMISSIONS,
                    VenueCapability.OCO),
            List.of(new RateLimit(AlpacaErrorAdapter.RATE_LIMIT, 200, Duration.ofMinutes(1), RateLimit.Scope.ACCOUNT)),
            EnumSet.of(VenueEnvironment.LIVE, VenueEnvironment.TESTNET), false);

    private final AlpacaSettings settings;
    private final Map<String, VenueResilience> breakers = new ConcurrentHashMap<>();

    /** Alpaca's own hosts, the regular session; what {@link java.util.ServiceLoader} uses. */
    public AlpacaVenueProvider() {
        this(AlpacaSettings.DEFAULTS);
    }

    public AlpacaVenueProvider(AlpacaSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public VenueDescriptor describe() {
        return DESCRIPTOR;
    }

    /** One circuit for the venue: the worst of its endpoints' breakers, CLOSED before the first connect. */
    @Override
    public List<VenueCircuit> circuits() {
        return List.of(VenueResilience.combined(ID, breakers.values()));
    }

    @Override
    public VenueGateway connect(VenueConnection connection) {
        Objects.requireNonNull(connection, "connection");
        if (!connection.account().venue().equals(ID)) {
            throw new Invalid("the Alpaca provider connects Alpaca accounts, not " + connection.account().venue());
        }
        if (!DESCRIPTOR.environments().contains(connection.environment())) {
            throw new Invalid("Alpaca offers LIVE and TESTNET (its paper trading API), not " + connection.environment());
        }
        if (connection.credentials() == null) {
            throw new Invalid("an Alpaca account needs its API key and secret");
        }
        URI trading = connection.baseUrl() != null ? URI.create(connection.baseUrl())
                : connection.environment() == VenueEnvironment.LIVE ? LIVE_URL : PAPER_URL;
        URI data = settings.dataBaseUrl() != null ? settings.dataBaseUrl() : DATA_URL;
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(settings.resilience().timeout())
                .followRedirects(HttpClient.Redirect.NEVER) // a redirect would carry the key headers elsewhere
                .build();
        AlpacaClient client = new AlpacaClient(trading, data, connection.credentials(), http, settings.resilience().timeout());
        // one breaker per endpoint (live and paper are separate services), shared by its accounts; the request limit
        // is per key, so each gateway has its own limiter
        VenueResilience breaker = breakers.computeIfAbsent(trading.toString(),
                key -> new VenueResilience(ID, List.of(), settings.resilience()));
        return new AlpacaGateway(connection.account().id(), DESCRIPTOR, client, http, connection.clock(), settings,
                breaker.withLimits(DESCRIPTOR.rateLimits()));
    }
}
