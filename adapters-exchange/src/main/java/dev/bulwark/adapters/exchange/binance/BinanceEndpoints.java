package dev.bulwark.adapters.exchange.binance;

import dev.bulwark.adapters.exchange.support.VenueResilience;
import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.domain.venues.VenueCircuit;
import dev.bulwark.ports.driven.venues.RateLimit;
import dev.bulwark.ports.driven.venues.VenueConnection;
import dev.bulwark.ports.driven.venues.VenueCredentials;
import dev.bulwark.ports.driven.venues.VenueDescriptor;
import dev.bulwark.ports.driven.venues.VenueEnvironment;
import dev.bulwark.ports.errors.Invalid;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * What a Binance provider (spot or USD-M futures) keeps for its gateways: per endpoint (live, testnet or a configured
 * URL) the IP's request-weight and ban state and one {@link VenueResilience} (Binance counts limits per IP, so all
 * accounts behind this process spend one budget), and one HTTP client made at the first connect. Each provider holds
 * one, with its own descriptor, hosts and weight; what it builds from a connection (client, gateway) stays in the
 * provider. Thread-safe; nothing static.
 */
final class BinanceEndpoints {
    /** What a connection is given: its account and credentials, the endpoint's shared state and the HTTP client. */
    record Connected(VenueAccount account, VenueCredentials credentials, URI base, BinanceIpLimits limits,
                     VenueResilience resilience, HttpClient http) {
        /** The key's hint, for logs and the API, never the key. */
        String hint() {
            return VenueAccount.hintOf(credentials.apiKey());
        }
    }

    private record Endpoint(BinanceIpLimits limits, VenueResilience resilience) {
    }

    private final VenueDescriptor descriptor;
    private final String name;
    private final URI live;
    private final URI testnet;
    private final int weightPerMinute;
    private final BinanceSettings settings;
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    private volatile @Nullable HttpClient http;

    /**
     * @param name how refusals name the venue ("Binance futures")
     * @param weightPerMinute the venue's published REQUEST_WEIGHT per minute and IP
     */
    BinanceEndpoints(VenueDescriptor descriptor, String name, URI live, URI testnet, int weightPerMinute,
            BinanceSettings settings) {
        this.descriptor = descriptor;
        this.name = name;
        this.live = live;
        this.testnet = testnet;
        this.weightPerMinute = weightPerMinute;
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * One circuit for the venue: the worst of the breakers of the endpoints connected so far (live, testnet, a
     * configured URL; usually just one), CLOSED before the first connect.
     */
    VenueCircuit circuit() {
        return VenueResilience.combined(descriptor.id(), endpoints.values().stream().map(Endpoint::resilience).toList());
    }

    /**
     * Checks that the connection is of this venue, in an environment it offers, with credentials, and gives it its
     * endpoint's shared state (made at the endpoint's first connect).
     *
     * @throws Invalid naming what is wrong, never echoing a secret
     */
    Connected connect(VenueConnection connection) {
        Objects.requireNonNull(connection, "connection");
        VenueAccount account = connection.account();
        if (!account.venue().equals(descriptor.id())) {
            throw new Invalid("the " + name + " provider connects " + name + " accounts only, not " + account.venue());
        }
        if (!descriptor.environments().contains(connection.environment())) {
            throw new Invalid(name + " offers " + descriptor.environments() + ", not " + connection.environment());
        }
        VenueCredentials credentials = connection.credentials();
        if (credentials == null) {
            throw new Invalid("a " + name + " account needs an API key and secret");
        }
        URI base = connection.baseUrl() != null ? URI.create(connection.baseUrl())
                : connection.environment() == VenueEnvironment.LIVE ? live : testnet;
        Endpoint endpoint = endpoints.computeIfAbsent(base.toString(), key -> new Endpoint(
                new BinanceIpLimits(weightPerMinute),
                new VenueResilience(descriptor.id(), descriptor.rateLimits().stream()
                        .filter(limit -> limit.scope() == RateLimit.Scope.IP).toList(), settings.resilience())));
        return new Connected(account, credentials, base, endpoint.limits(), endpoint.resilience(), http());
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
}
