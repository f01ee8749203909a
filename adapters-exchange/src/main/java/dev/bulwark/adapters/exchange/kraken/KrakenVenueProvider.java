package dev.bulwark.adapters.exchange.kraken;

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
 * Kraken spot, found with {@link java.util.ServiceLoader}. Kraken has no spot sandbox, so it offers the live
 * endpoint only. Each gateway keeps to the account's call counter (Kraken's Starter tier: 15 calls, decaying by
 * one every 3 seconds, approximated as 15 per 45 seconds) with its own {@link VenueResilience}: Kraken counts per
 * API key, and a breaker opened by one account's failures says nothing of another's key. The HTTP client is
 * created on the first connect and shared by the provider's gateways. Thread-safe.
 */
public final class KrakenVenueProvider implements VenueProvider {
    public static final VenueId VENUE = new VenueId("kraken");
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.kraken.com");
    /** The account's call counter (Starter tier), every private call costing one. */
    static final RateLimit PRIVATE_COUNTER = new RateLimit("private-counter", 15, Duration.ofSeconds(45),
            RateLimit.Scope.ACCOUNT);
    /** Kraken's public endpoints: about one call a second per IP. */
    static final RateLimit PUBLIC_CALLS = new RateLimit("public-calls", 1, Duration.ofSeconds(1), RateLimit.Scope.IP);

    private static final VenueDescriptor DESCRIPTOR = new VenueDescriptor(VENUE, "Kraken", EnumSet.of(Market.SPOT),
            EnumSet.of(OrderType.MARKET, OrderType.LIMIT, OrderType.STOP_MARKET, OrderType.STOP_LIMIT,
                    OrderType.TAKE_PROFIT, OrderType.TAKE_PROFIT_LIMIT),
            EnumSet.of(TimeInForce.GTC, TimeInForce.IOC),
            EnumSet.of(VenueCapability.BALANCES, VenueCapability.FILLS, VenueCapability.PRICES),
            List.of(PRIVATE_COUNTER, PUBLIC_CALLS), EnumSet.of(VenueEnvironment.LIVE), false);

    private final EndpointBreakers endpoints;
    private final Duration requestTimeout;
    private final List<RateLimit> enforced;

    public KrakenVenueProvider() {
        this(VenueResilience.Settings.DEFAULTS, Duration.ofSeconds(10), List.of(PRIVATE_COUNTER));
    }

    /** For tests: other timeouts and breaker settings, and the limits each gateway enforces. */
    KrakenVenueProvider(VenueResilience.Settings settings, Duration requestTimeout, List<RateLimit> enforced) {
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
            throw new Invalid("the Kraken provider connects Kraken accounts only, not " + connection.account().venue());
        }
        if (!DESCRIPTOR.environments().contains(connection.environment())) {
            throw new Invalid("Kraken has no " + connection.environment() + " endpoint for spot trading");
        }
        VenueCredentials credentials = connection.credentials();
        if (credentials == null) {
            throw new Invalid("a Kraken account needs its API key and secret");
        }
        KrakenSigner signer;
        try {
            signer = KrakenSigner.of(credentials.secret());
        } catch (IllegalArgumentException e) {
            throw new Invalid(e.getMessage() == null ? "the Kraken API secret is not usable" : e.getMessage());
        }
        URI base = connection.baseUrl() == null ? DEFAULT_BASE_URL : URI.create(connection.baseUrl());
        KrakenClient client = new KrakenClient(VENUE, base, endpoints.http(), requestTimeout, credentials.apiKey(), signer,
                new KrakenNonces(connection.clock()));
        // one breaker per venue endpoint, shared by its accounts; the account's own limits per gateway
        return new KrakenGateway(connection.account().id(), DESCRIPTOR, client, endpoints.forAccount(base, enforced),
                connection.clock());
    }
}
