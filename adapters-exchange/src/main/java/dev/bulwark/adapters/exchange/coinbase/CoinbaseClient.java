package dev.bulwark.adapters.exchange.coinbase;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.system.TimeSource;
import dev.bulwark.ports.errors.RateLimited;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * Coinbase Advanced Trade on the wire: JSON over HTTPS, each request with its own JWT whose {@code uri} claim names
 * the method, host and path (without the query). Answers come back as a status and a JSON body; what is not an
 * answer becomes a port failure: unreachable, timed out, 5xx or a body that is not JSON are
 * {@link VenueUnavailable}, 429 is {@link RateLimited}. Messages never hold the key, the token or a body.
 * Thread-safe.
 */
final class CoinbaseClient {
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(10);

    /** Coinbase's answer: its status and body. */
    record Answer(int status, JsonNode body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final VenueId venue;
    private final String base;
    private final String host;
    private final HttpClient http;
    private final Duration timeout;
    private final CoinbaseJwt jwt;
    private final TimeSource clock;

    CoinbaseClient(VenueId venue, URI baseUrl, HttpClient http, Duration timeout, CoinbaseJwt jwt, TimeSource clock) {
        this.venue = Objects.requireNonNull(venue, "venue");
        String url = baseUrl.toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        // the uri claim names the host as requests reach it: api.coinbase.com, or a local fake's host:port
        this.host = baseUrl.getPort() < 0 ? baseUrl.getHost() : baseUrl.getHost() + ":" + baseUrl.getPort();
        this.http = Objects.requireNonNull(http, "http");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.jwt = Objects.requireNonNull(jwt, "jwt");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    Answer get(String path, Map<String, String> query) {
        return send("GET", path, query, null);
    }

    Answer post(String path, JsonNode body) {
        return send("POST", path, Map.of(), body);
    }

    private Answer send(String method, String path, Map<String, String> query, @Nullable JsonNode body) {
        StringJoiner parameters = new StringJoiner("&");
        query.forEach((name, value) -> parameters.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        URI uri = URI.create(base + path + (query.isEmpty() ? "" : "?" + parameters));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + jwt.token(method, host + path, clock.now()));
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new VenueUnavailable(venue, "did not answer within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new VenueUnavailable(venue, "could not be reached (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VenueUnavailable(venue, "was interrupted while waiting for an answer", e);
        }
        int status = response.statusCode();
        if (status == 429) {
            Duration wait = response.headers().firstValue("Retry-After").flatMap(CoinbaseClient::seconds)
                    .orElse(DEFAULT_RETRY_AFTER);
            throw new RateLimited(venue + " is rate limiting this key", "private-requests", wait);
        }
        if (status >= 500) {
            throw new VenueUnavailable(venue, "answered HTTP " + status, null);
        }
        JsonNode json;
        try {
            json = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new VenueUnavailable(venue, "answered HTTP " + status + " with a body that is not JSON", null);
        }
        if (json == null || !json.isObject()) {
            throw new VenueUnavailable(venue, "answered HTTP " + status + " with a body that is not a JSON object", null);
        }
        return new Answer(status, json);
    }

    private static Optional<Duration> seconds(String header) {
        try {
            long seconds = Long.parseLong(header.trim());
            return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "CoinbaseClient[" + base + "]";
    }
}
