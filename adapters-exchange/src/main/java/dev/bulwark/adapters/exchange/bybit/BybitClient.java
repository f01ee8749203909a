package dev.bulwark.adapters.exchange.bybit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.system.TimeSource;
import dev.bulwark.ports.driven.venues.VenueCredentials;
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
 * Bybit's raw REST client: builds, signs and sends one request and reads Bybit's envelope
 * ({@code retCode}, {@code retMsg}, {@code result}). Failures to answer (timeouts, 5xx, unreadable bodies), throttles
 * and refused keys become the ports' failures through {@link BybitErrorAdapter}; a business {@code retCode} is
 * handed back for the gateway to interpret. Never retries; thread-safe; holds the credentials only to sign and
 * never prints them.
 */
final class BybitClient {
    static final long RECV_WINDOW = 5_000;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Bybit's envelope: {@code retCode} 0 is success. */
    record Reply(int retCode, String retMsg, JsonNode result) {
        boolean ok() {
            return retCode == 0;
        }
    }

    private final VenueId venue;
    private final String baseUrl;
    private final HttpClient http;
    private final Duration timeout;
    private final @Nullable VenueCredentials credentials;
    private final TimeSource clock;

    BybitClient(VenueId venue, URI baseUrl, HttpClient http, Duration timeout, @Nullable VenueCredentials credentials,
            TimeSource clock) {
        this.venue = venue;
        String base = baseUrl.toString();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.http = http;
        this.timeout = timeout;
        this.credentials = credentials;
        this.clock = clock;
    }

    /** A public GET (market data): unsigned. */
    Reply publicGet(String path, Map<String, String> query) {
        return send("GET", path, queryString(query), null, false);
    }

    /** A signed GET; the query is signed exactly as sent. */
    Reply get(String path, Map<String, String> query) {
        return send("GET", path, queryString(query), null, true);
    }

    /** A signed POST of a JSON object; the body is signed exactly as sent. */
    Reply post(String path, Map<String, String> body) {
        try {
            return send("POST", path, "", JSON.writeValueAsString(body), true);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
    }

    static String queryString(Map<String, String> query) {
        StringJoiner joined = new StringJoiner("&");
        query.forEach((name, value) -> joined.add(encode(name) + "=" + encode(value)));
        return joined.toString();
    }

    private Reply send(String method, String path, String query, @Nullable String body, boolean signed) {
        URI uri = URI.create(baseUrl + path + (query.isEmpty() ? "" : "?" + query));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
        if (signed) {
            VenueCredentials keys = Objects.requireNonNull(credentials, "a signed call needs credentials");
            long timestamp = clock.now().toEpochMilli();
            String signature = BybitSigner.sign(keys.secret(),
                    BybitSigner.stringToSign(timestamp, keys.apiKey(), RECV_WINDOW, body == null ? query : body));
            request.header("X-BAPI-API-KEY", keys.apiKey())
                    .header("X-BAPI-TIMESTAMP", Long.toString(timestamp))
                    .header("X-BAPI-RECV-WINDOW", Long.toString(RECV_WINDOW))
                    .header("X-BAPI-SIGN", signature);
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
        Optional<Duration> retryAfter = response.headers().firstValue("Retry-After").flatMap(BybitClient::seconds);
        BybitErrorAdapter.statusFailure(venue, response.statusCode(), retryAfter).ifPresent(failure -> {
            throw failure;
        });
        JsonNode envelope = parse(response.statusCode(), response.body());
        JsonNode code = envelope.get("retCode");
        if (code == null || !code.canConvertToInt()) {
            throw new VenueUnavailable(venue, "answered HTTP " + response.statusCode() + " without a retCode", null);
        }
        JsonNode message = envelope.path("retMsg");
        JsonNode result = envelope.path("result");
        Reply reply = new Reply(code.asInt(), message.isTextual() ? message.asText() : "", result);
        BybitErrorAdapter.failure(venue, reply.retCode(), reply.retMsg(), retryAfter).ifPresent(failure -> {
            throw failure;
        });
        if (!reply.ok() && response.statusCode() >= 300) {
            throw new VenueUnavailable(venue, "answered HTTP " + response.statusCode() + " (retCode " + reply.retCode() + ")", null);
        }
        return reply;
    }

    private JsonNode parse(int status, String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new VenueUnavailable(venue, "answered HTTP " + status + " with a body that is not a JSON object", null);
            }
            return node;
        } catch (JsonProcessingException e) {
            // the parser's message quotes the body: keep it out of ours
            throw new VenueUnavailable(venue, "answered HTTP " + status + " with a body that is not JSON", null);
        }
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
        return "BybitClient[" + baseUrl + "]";
    }
}
