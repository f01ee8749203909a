package dev.bulwark.adapters.exchange.support;

import dev.bulwark.domain.venues.VenueCircuit;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.venues.RateLimit;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the provider of a signed-REST venue (Bybit, OKX, Bitget, spot and futures) shares among all its gateways:
 * one {@link VenueResilience} (one breaker for the venue, its documented limits) and one HTTP client that never
 * follows a redirect (a signed request is not sent again to wherever a redirect points). Made when the provider
 * is; no I/O until a gateway uses it. Thread-safe.
 */
public final class SharedTransport {
    private final VenueResilience.Settings settings;
    private final VenueResilience resilience;
    private final HttpClient http;

    public SharedTransport(VenueId venue, List<RateLimit> limits, VenueResilience.Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.resilience = new VenueResilience(venue, limits, settings);
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public VenueResilience resilience() {
        return resilience;
    }

    public HttpClient http() {
        return http;
    }

    /** How long one request may take before it counts as unanswered. */
    public Duration timeout() {
        return settings.timeout();
    }

    /** The provider's one breaker, shared by its gateways. */
    public List<VenueCircuit> circuits() {
        return List.of(resilience.circuit());
    }
}
