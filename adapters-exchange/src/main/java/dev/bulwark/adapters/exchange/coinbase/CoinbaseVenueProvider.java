package dev.bulwark.adapters.exchange.coinbase;

import dev.bulwark.adapters.exchange.support.EndpointBreakers;
import dev.bulwark.adapters.exchange.support.VenueResilience;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.orders.TimeInForce;
import dev.bulwark.domain.venues.VenueCircuit;
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
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * Coinbase Advanced Trade spot, found with {@link java.util.ServiceLoader}. The credentials are a CDP API key:
 * its name ({@code organizations/<org>/apiKeys/<id>}) as the API key and its PEM EC private key as the secret.
 * Live only (Coinbase's Advanced Trade sandbox answers canned data). Each gateway keeps to Coinbase's 30 private
 * requests a second per key with its own {@link VenueResilience}; the HTTP client is created on the first connect
 * and shared. Thread-safe.
 */
public final class CoinbaseVenueProvider implements VenueProvider {
    public static final VenueId VENUE = new VenueId("coinbase");
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.coinbase.com");
    static final RateLimit PRIVATE_REQUESTS = new RateLimit("private-requests", 30, Duration.ofSeconds(1),
            RateLimit.Scope.ACCOUNT);
    static final RateLimit PUBLIC_REQUESTS = new RateLimit("public-requests", 10, Duration.ofSeconds(1), RateLimit.Scope.IP);

    private static final VenueDescriptor DESCRIPTOR = new VenueDescriptor(VENUE, "Coinbase Advanced Trade",
            EnumSet.of(Market.SPOT), EnumSet.of(OrderType.MARKET, OrderType.LIMIT, OrderType.STOP_LIMIT,
                    OrderType.TAKE_PROFIT_LIMIT),
            EnumSet.of(TimeInForce.GTC, TimeInForce.IOC, TimeInForce.FOK),
            EnumSet.of(VenueCapability.BALANCES, VenueCapability.QUOTE_AMOUNT, VenueCapability.FILLS,
                    VenueCapability.PRICES, VenueCapability.PERMISSIONS),
            List.of(PRIVATE_REQUESTS, PUBLIC_REQUESTS), EnumSet.of(VenueEnvironment.LIVE), false);

    private final EndpointBreakers endpoints;
    private final Duration requestTimeout;
    private final List<RateLimit> enforced;

    public CoinbaseVenueProvider() {
        this(VenueResilience.Settings.DEFAULTS, Duration.ofSeconds(10), List.of(PRIVATE_REQUESTS));
    }

    /** For tests: other timeouts and breaker settings, and the limits each gateway enforces. */
    CoinbaseVenueProvider(VenueResilience.Settings settings, Duration requestTimeout, List<RateLimit> enforced) {
        this.endpoints = new EndpointBreakers(VENUE, settings);
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.enforced = List.copyOf(enforced);
    }

    @Override
    public VenueDescriptor describe() {
        return DESCRIPTOR;
    }

    /** One circuit for the venue: the worst of its endpoints' breakers (usually one), CLOSED before the first connect. */
    @Override
    public List<VenueCircuit> circuits() {
        return endpoints.circuits();
    }

    @Override
    public VenueGateway connect(VenueConnection connection) {
        Objects.requireNonNull(connection, "connection");
        if (!connection.account().venue().equals(VENUE)) {
            throw new Invalid("the Coinbase provider connects Coinbase accounts only, not " + connection.account().venue());
        }
        if (!DESCRIPTOR.environments().contains(connection.environment())) {
            throw new Invalid("Coinbase Advanced Trade has no " + connection.environment() + " endpoint here");
        }
        VenueCredentials credentials = connection.credentials();
        if (credentials == null) {
            throw new Invalid("a Coinbase account needs its API key name and private key");
        }
        CoinbaseJwt jwt;
        try {
            jwt = CoinbaseJwt.of(credentials.apiKey(), credentials.secret());
        } catch (IllegalArgumentException e) {
            throw new Invalid(e.getMessage() == null ? "the Coinbase private key is not usable" : e.getMessage());
        }
        URI base = connection.baseUrl() == null ? DEFAULT_BASE_URL : URI.create(connection.baseUrl());
        CoinbaseClient client = new CoinbaseClient(VENUE, base, endpoints.http(), requestTimeout, jwt, connection.clock());
        // one breaker per venue endpoint, shared by its accounts; the account's own limits per gateway
        return new CoinbaseGateway(connection.account().id(), DESCRIPTOR, client, endpoints.forAccount(base, enforced),
                connection.clock());
    }
}
