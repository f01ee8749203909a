package dev.bulwark.adapters.exchange.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.domain.venues.VenueId;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * The transport half that the HMAC-signed JSON venues (Bybit, OKX, Bitget, spot and futures) share: it builds one
 * request from a path, a query and a JSON body, lets the venue's {@link Signer} add its authentication headers over
 * exactly what is sent, sends it once, and turns what is not an answer (a timeout, no connection, an interrupt) into
 * {@link VenueUnavailable}. What an answer means (status codes, the venue's envelope and error codes) stays in each
 * venue's client and error adapter. Never retries; thread-safe; never prints what a signer adds.
 */
public final class SignedRest {
    /** Numbers as {@link java.math.BigDecimal}, and a body with anything after its JSON value is refused. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** A venue's authentication for one request. */
    @FunctionalInterface
    public interface Signer {
        /**
         * The headers that authenticate the request as it is sent.
         *
         * @param requestPath the path, with {@code ?} and the query when there is one
         * @param query the query as sent (encoded), empty when none
         * @param body the JSON body as sent, empty for a GET
         */
        Map<String, String> headers(String method, String requestPath, String query, String body);
    }

    /** What came back: the status, the body as text, and {@code Retry-After} when it was a number of seconds. */
    public record Answer(int status, String body, Optional<Duration> retryAfter) {
        public Answer {
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    private final VenueId venue;
    private final String baseUrl;
    private final HttpClient http;
    private final Duration timeout;
    private final Map<String, String> fixedHeaders;

    /**
     * @param fixedHeaders headers every request carries (a locale, a demo-trading flag)
     */
    public SignedRest(VenueId venue, URI baseUrl, HttpClient http, Duration timeout, Map<String, String> fixedHeaders) {
        this.venue = Objects.requireNonNull(venue, "venue");
        String base = baseUrl.toString();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.http = Objects.requireNonNull(http, "http");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.fixedHeaders = Map.copyOf(new LinkedHashMap<>(fixedHeaders));
    }

    public VenueId venue() {
        return venue;
    }

    /** A GET with {@code query} (encoded in its order), signed when a signer is given. */
    public Answer get(String path, Map<String, String> query, @Nullable Signer signer) {
        return send("GET", path, queryString(query), null, signer);
    }

    /** A POST of {@code body} as a JSON object (strings, booleans, numbers, in its order), signed when a signer is given. */
    public Answer post(String path, Map<String, ?> body, @Nullable Signer signer) {
        try {
            return send("POST", path, "", JSON.writeValueAsString(body), signer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of plain values always serializes", e);
        }
    }

    /**
     * The answer's body as a JSON object; a body that is not JSON, is truncated, or is not an object is a failure to
     * answer (its text is never quoted: it may be a proxy's page, or echo what was sent).
     */
    public JsonNode object(Answer answer) {
        try {
            JsonNode node = JSON.readTree(answer.body());
            if (node == null || !node.isObject()) {
                throw new VenueUnavailable(venue, "answered HTTP " + answer.status() + " with a body that is not a JSON object", null);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new VenueUnavailable(venue, "answered HTTP " + answer.status() + " with a body that is not JSON", null);
        }
    }

    /** {@code name=value&...}, each part URL-encoded, in the map's order: the form venues sign. */
    public static String queryString(Map<String, String> query) {
        StringJoiner joined = new StringJoiner("&");
        query.forEach((name, value) -> joined.add(encode(name) + "=" + encode(value)));
        return joined.toString();
    }

    private Answer send(String method, String path, String query, @Nullable String body, @Nullable Signer signer) {
        String requestPath = path + (query.isEmpty() ? "" : "?" + query);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + requestPath)).timeout(timeout)
                .header("Accept", "application/json");
        fixedHeaders.forEach(request::header);
        if (signer != null) {
            signer.headers(method, requestPath, query, body == null ? "" : body).forEach(request::header);
        }
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new VenueUnavailable(venue, "did not answer " + method + " " + path + " within " + timeout.toMillis()
                    + " ms", e);
        } catch (IOException e) {
            throw new VenueUnavailable(venue, "could not be reached for " + method + " " + path + " ("
                    + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VenueUnavailable(venue, "was interrupted while waiting for " + method + " " + path, e);
        }
        return new Answer(response.statusCode(), response.body(),
                response.headers().firstValue("Retry-After").flatMap(SignedRest::seconds));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
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
        return baseUrl;
    }
}
