package dev.bulwark.adapters.exchange.kraken;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.domain.venues.VenueId;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Kraken's REST API on the wire: public GETs under {@code /0/public/} and signed POSTs under {@code /0/private/}
 * (form-encoded, {@code nonce} first, headers {@code API-Key} and {@code API-Sign}). It reads Kraken's envelope
 * ({@code {"error": [...], "result": ...}}, HTTP 200 even for errors) into a {@link Reply} and turns what is not
 * an answer into the ports' failures: unreachable, timed out, 5xx, or a body that is not Kraken's JSON become
 * {@link VenueUnavailable}; 429 and 418 become {@link RateLimited}. The error strings themselves are
 * {@link KrakenErrorAdapter}'s business, except {@code EAPI:Invalid nonce}, retried here with a fresh nonce
 * (Kraken refuses such a request before acting on it, so even an order is safe to send again).
 *
 * <p>Messages never hold the key, the secret, a signature or a body. Thread-safe.
 */
final class KrakenClient {
    static final String USER_AGENT = "bulwark-kraken";
    static final String INVALID_NONCE = "EAPI:Invalid nonce";
    /** How often a request refused for its nonce is signed again: concurrent requests can overtake each other. */
    private static final int NONCE_ATTEMPTS = 3;
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Kraken's answer: its error strings (empty on success) and its result (an empty object when absent). */
    record Reply(List<String> errors, JsonNode result, Optional<Duration> retryAfter) {
        Reply {
            errors = List.copyOf(errors);
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }

        boolean ok() {
            return errors.isEmpty();
        }

        boolean has(String prefix) {
            return errors.stream().anyMatch(e -> e.startsWith(prefix));
        }
    }

    private final VenueId venue;
    private final String base;
    private final HttpClient http;
    private final Duration timeout;
    private final String apiKey;
    private final KrakenSigner signer;
    private final KrakenNonces nonces;

    KrakenClient(VenueId venue, URI baseUrl, HttpClient http, Duration timeout, String apiKey, KrakenSigner signer,
            KrakenNonces nonces) {
        this.venue = Objects.requireNonNull(venue, "venue");
        String url = baseUrl.toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.http = Objects.requireNonNull(http, "http");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.nonces = Objects.requireNonNull(nonces, "nonces");
    }

    /** {@code GET /0/public/<method>?query}. */
    Reply publicCall(String method, Map<String, String> query) {
        String encoded = form(query);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/0/public/" + method
                        + (encoded.isEmpty() ? "" : "?" + encoded)))
                .GET().timeout(timeout).header("Accept", "application/json").header("User-Agent", USER_AGENT).build();
        return read(send(request));
    }

    /** {@code POST /0/private/<method>} with {@code nonce} and {@code params} (in their order), signed. */
    Reply privateCall(String method, Map<String, String> params) {
        String path = "/0/private/" + method;
        Reply reply = null;
        for (int attempt = 0; attempt < NONCE_ATTEMPTS; attempt++) {
            String nonce = Long.toString(nonces.next());
            String rest = form(params);
            String body = "nonce=" + nonce + (rest.isEmpty() ? "" : "&" + rest);
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .timeout(timeout)
                    .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                    .header("Accept", "application/json")
                    .header("User-Agent", USER_AGENT)
                    .header("API-Key", apiKey)
                    .header("API-Sign", signer.sign(path, nonce, body))
                    .build();
            reply = read(send(request));
            if (!reply.has(INVALID_NONCE)) {
                return reply;
            }
        }
        return reply;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new VenueUnavailable(venue, "did not answer within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new VenueUnavailable(venue, "could not be reached (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VenueUnavailable(venue, "was interrupted while waiting for an answer", e);
        }
    }

    private Reply read(HttpResponse<String> response) {
        int status = response.statusCode();
        Optional<Duration> retryAfter = response.headers().firstValue("Retry-After").flatMap(KrakenClient::seconds);
        if (status == 429 || status == 418) {
            throw new RateLimited(venue + " is rate limiting this key", "private-counter",
                    retryAfter.orElse(DEFAULT_RETRY_AFTER));
        }
        if (status >= 500) {
            throw new VenueUnavailable(venue, "answered HTTP " + status, null);
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            // the parser's message quotes the body: keep it out of ours
            throw new VenueUnavailable(venue, "answered HTTP " + status + " with a body that is not JSON", null);
        }
        if (body == null || !body.isObject() || !body.path("error").isArray()) {
            throw new VenueUnavailable(venue, "answered HTTP " + status + " without Kraken's error list", null);
        }
        List<String> errors = new ArrayList<>();
        for (JsonNode error : body.get("error")) {
            errors.add(error.asText(""));
        }
        JsonNode result = body.path("result");
        if (errors.isEmpty() && (status < 200 || status >= 300 || result.isMissingNode() || result.isNull())) {
            throw new VenueUnavailable(venue, "answered HTTP " + status + " without the result it documents", null);
        }
        return new Reply(errors, result.isMissingNode() ? JSON.createObjectNode() : result, retryAfter);
    }

    static String form(Map<String, String> params) {
        StringJoiner joined = new StringJoiner("&");
        params.forEach((name, value) -> joined.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return joined.toString();
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
        return "KrakenClient[" + base + "]";
    }
}
