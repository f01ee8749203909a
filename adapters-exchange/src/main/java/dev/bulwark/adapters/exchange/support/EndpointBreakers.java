package dev.bulwark.adapters.exchange.support;

import dev.bulwark.domain.venues.VenueCircuit;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.venues.RateLimit;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * What the provider of a venue whose limits are counted per API key (Coinbase, Kraken) shares among its gateways: one
 * circuit breaker per endpoint (an outage is the endpoint's, whichever account saw it), each gateway enforcing its own
 * account's limits over it, and one HTTP client that never follows a redirect (a signed request is not sent again to
 * wherever a redirect points), made on the first connect. Thread-safe.
 */
public final class EndpointBreakers {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final VenueId venue;
    private final VenueResilience.Settings settings;
    private final Map<String, VenueResilience> breakers = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private @Nullable HttpClient http;

    public EndpointBreakers(VenueId venue, VenueResilience.Settings settings) {
        this.venue = Objects.requireNonNull(venue, "venue");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** One circuit for the venue: the worst of its endpoints' breakers (usually one), CLOSED before the first connect. */
    public List<VenueCircuit> circuits() {
        return List.of(VenueResilience.combined(venue, breakers.values()));
    }

    /** A gateway's resilience: the endpoint's one breaker, shared by its accounts, with the account's own limits. */
    public VenueResilience forAccount(URI endpoint, List<RateLimit> enforced) {
        VenueResilience breaker = breakers.computeIfAbsent(endpoint.toString(),
                key -> new VenueResilience(venue, List.of(), settings));
        return breaker.withLimits(enforced);
    }

    /** The provider's HTTP client, made on first use. */
    public HttpClient http() {
        synchronized (lock) {
            if (http == null) {
                http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                        .followRedirects(HttpClient.Redirect.NEVER).build();
            }
            return http;
        }
    }
}
