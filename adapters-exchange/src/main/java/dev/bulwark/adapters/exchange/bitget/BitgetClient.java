package dev.bulwark.adapters.exchange.bitget;

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
 * Bitget's raw REST client: builds, signs and sends one request and reads Bitget's envelope ({@code code},
 * {@code msg}, {@code data}; success is the string {@code "00000"}). Failures to answer, throttles and refused keys
 * become the ports' failures through {@link BitgetErrorAdapter}; a business code is handed back. Never retries;
 * thread-safe; never prints the credentials.
 */
final class BitgetClient {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Bitget's envelope; {@code code} "00000" is success. */
    record Reply(String code, String msg, JsonNode data) {
        static final String OK = "00000";

        boolean ok() {
            return OK.equals(code);
        }
    }

    private final VenueId venue;
    private final String baseUrl;
    private final HttpClient http;
    private final Duration timeout;
    private final @Nullable VenueCredentials credentials;
    private final TimeSource clock;

    BitgetClient(VenueId venue, URI baseUrl, HttpClient http, Duration timeout, @Nullable VenueCredentials credentials,
            TimeSource clock) {
        this.venue = venue;
        String base = baseUrl.toString();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.http = http;
        this.timeout = timeout;
        this.credentials = credentials;
        this.clock = clock;
    }

    Reply publicGet(String path, Map<String, String> query) {
        return send("GET", path, query, null, false);
    }

    Reply get(String path, Map<String, String> query) {
        return send("GET", path, query, null, true);
    }

    Reply post(String path, Map<String, String> body) {
        try {
            return send("POST", path, Map.of(), JSON.writeValueAsString(body), true);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
    }

    private Reply send(String method, String path, Map<String, String> query, @Nullable String body, boolean signed) {
        StringJoiner joined = new StringJoiner("&");
        query.forEach((name, value) -> joined.add(encode(name) + "=" + encode(value)));
        String requestPath = path + (query.isEmpty() ? "" : "?" + joined);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + requestPath)).timeout(timeout)
                .header("Accept", "application/json");
        request.header("locale", "en-US");
        if (signed) {
            VenueCredentials keys = Objects.requireNonNull(credentials, "a signed call needs credentials");
            long timestamp = clock.now().toEpochMilli();
            request.header("ACCESS-KEY", keys.apiKey())
                    .header("ACCESS-SIGN", BitgetSigner.sign(keys.secret(),
                            BitgetSigner.prehash(timestamp, method, requestPath, body == null ? "" : body)))
                    .header("ACCESS-TIMESTAMP", Long.toString(timestamp))
                    .header("ACCESS-PASSPHRASE", Objects.requireNonNull(keys.passphrase(), "Bitget needs a passphrase"));
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
        Optional<Duration> retryAfter = response.headers().firstValue("Retry-After").flatMap(BitgetClient::seconds);
        int status = response.statusCode();
        if (status == 429 || status == 418 || status >= 500) {
            throw BitgetErrorAdapter.statusFailure(venue, status, retryAfter);
        }
        JsonNode envelope = parse(status, response.body());
        JsonNode code = envelope.get("code");
        if (code == null || !code.isValueNode() || code.asText().isEmpty()) {
            throw new VenueUnavailable(venue, "answered HTTP " + status + " without a code", null);
        }
        // the documented answers spell it both ways ("msg" on orders, "message" on assets)
        JsonNode message = envelope.has("msg") ? envelope.path("msg") : envelope.path("message");
        Reply reply = new Reply(code.asText(), message.isTextual() ? message.asText() : "", envelope.path("data"));
        BitgetErrorAdapter.failure(venue, reply.code(), reply.msg(), retryAfter).ifPresent(failure -> {
            throw failure;
        });
        if (status == 401 || status == 403) {
            throw BitgetErrorAdapter.unauthorized(venue, reply.code(), reply.msg());
        }
        if (!reply.ok() && status >= 300 && status != 400) {
            throw new VenueUnavailable(venue, "answered HTTP " + status + " (code " + reply.code() + ")", null);
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
        return "BitgetClient[" + baseUrl + "]";
    }
}
