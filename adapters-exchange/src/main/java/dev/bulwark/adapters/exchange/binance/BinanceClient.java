package dev.bulwark.adapters.exchange.binance;

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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Binance's REST API as it is on the wire: public GETs and signed requests (parameters plus {@code recvWindow} and
 * {@code timestamp}, signed with HMAC-SHA256, the key in {@code X-MBX-APIKEY}). It turns transport failures, 5xx,
 * 429/418 and unreadable bodies into the port's failures and hands back either the JSON of a success or Binance's
 * own error ({@code {"code":…,"msg":…}}) for the gateway to judge. It keeps the server-time offset: on {@code -1021}
 * it reads {@code /api/v3/time}, corrects the offset and sends the request once more (the timestamp check happens
 * before Binance processes anything, so the first attempt certainly did nothing).
 *
 * <p>Thread-safe. Messages never carry the query (it holds the signature), the key, the secret or a body.
 */
final class BinanceClient {
    static final String API_KEY_HEADER = "X-MBX-APIKEY";
    /** Binance's wait when a 429/418 comes without Retry-After: the shortest ban it hands out. */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofMinutes(2);
    /** The code of an {@link Outcome.Error} for a path the host does not serve (404 without Binance's error body). */
    static final int NOT_SERVED = 0;
    static final String SPOT_TIME = "/api/v3/time";
    static final String FUTURES_TIME = "/fapi/v1/time";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** What Binance answered: the JSON of a success, or its error code and message. */
    sealed interface Outcome {
        record Ok(JsonNode json) implements Outcome {
        }

        record Error(int httpStatus, int code, String message) implements Outcome {
        }
    }

    private final VenueId venue;
    private final String baseUrl;
    private final HttpClient http;
    private final String apiKey;
    private final BinanceSigner signer;
    private final TimeSource clock;
    private final BinanceIpLimits limits;
    private final BinanceSettings settings;
    private final AtomicLong offsetMillis = new AtomicLong();
    private final String timePath;

    /** A spot client: server time from {@code /api/v3/time}. */
    BinanceClient(VenueId venue, URI baseUrl, HttpClient http, String apiKey, BinanceSigner signer, TimeSource clock,
            BinanceIpLimits limits, BinanceSettings settings) {
        this(venue, baseUrl, http, apiKey, signer, clock, limits, settings, SPOT_TIME);
    }

    /**
     * @param timePath where this API serves its server time ({@code /api/v3/time} spot, {@code /fapi/v1/time}
     *     USD-M futures): the signing, headers and error bodies are the same on both
     */
    BinanceClient(VenueId venue, URI baseUrl, HttpClient http, String apiKey, BinanceSigner signer, TimeSource clock,
            BinanceIpLimits limits, BinanceSettings settings, String timePath) {
        this.timePath = Objects.requireNonNull(timePath, "timePath");
        this.venue = Objects.requireNonNull(venue, "venue");
        String base = baseUrl.toString();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.http = Objects.requireNonNull(http, "http");
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** A public GET (market data, exchange info): no key, no signature. */
    Outcome get(String path, Map<String, String> params) {
        return send("GET", path, encode(params), false);
    }

    /**
     * A signed request; on {@code -1021} (timestamp outside the recvWindow) the clock offset is corrected from
     * the server time and the request sent once more with a fresh timestamp.
     */
    Outcome signed(String method, String path, Map<String, String> params) {
        Outcome first = sendSigned(method, path, params);
        if (first instanceof Outcome.Error error && error.code() == BinanceErrorAdapter.INVALID_TIMESTAMP) {
            syncTime();
            return sendSigned(method, path, params);
        }
        return first;
    }

    long usedWeight1m() {
        return limits.usedWeight1m();
    }

    /** Milliseconds added to our clock to get Binance's: corrected after a -1021. */
    long offsetMillis() {
        return offsetMillis.get();
    }

    /** Reads Binance's time and keeps how far our clock is from it (taking the middle of the round trip). */
    void syncTime() {
        long before = clock.now().toEpochMilli();
        Outcome outcome = get(timePath, Map.of());
        long after = clock.now().toEpochMilli();
        if (!(outcome instanceof Outcome.Ok(JsonNode json)) || !json.path("serverTime").canConvertToLong()) {
            throw unavailable("answered " + timePath + " without its serverTime");
        }
        offsetMillis.set(json.get("serverTime").asLong() - (before + (after - before) / 2));
    }

    private Outcome sendSigned(String method, String path, Map<String, String> params) {
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("recvWindow", Long.toString(settings.recvWindow().toMillis()));
        all.put("timestamp", Long.toString(clock.now().toEpochMilli() + offsetMillis.get()));
        String payload = encode(all);
        return send(method, path, payload + "&signature=" + signer.sign(payload), true);
    }

    private Outcome send(String method, String path, String parameters, boolean signed) {
        limits.checkBeforeCall(clock.now());
        boolean inBody = method.equals("POST") && signed;
        String target = baseUrl + path + (inBody || parameters.isEmpty() ? "" : "?" + parameters);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target)).timeout(settings.requestTimeout())
                .header("Accept", "application/json");
        if (signed) {
            request.header(API_KEY_HEADER, apiKey);
        }
        if (inBody) {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(parameters, StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw unavailable(method + " " + path + " got no answer within " + settings.requestTimeout().toMillis() + " ms");
        } catch (IOException e) {
            throw unavailable(method + " " + path + " could not be completed (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(method + " " + path + " was interrupted while waiting for an answer");
        }
        Instant now = clock.now();
        limits.record(response.headers().map(), now);
        int status = response.statusCode();
        if (status == 418) {
            Duration wait = retryAfter(response).orElse(DEFAULT_RETRY_AFTER);
            limits.bannedFor(now, wait);
            throw new RateLimited("Binance has banned this IP for " + wait.toSeconds() + " s after too many requests",
                    BinanceIpLimits.REQUEST_WEIGHT, wait);
        }
        if (status == 429) {
            Duration wait = retryAfter(response).orElse(DEFAULT_RETRY_AFTER);
            limits.throttled(now, wait);
            throw new RateLimited("Binance is rate limiting this IP; wait " + wait.toSeconds() + " s",
                    BinanceIpLimits.REQUEST_WEIGHT, wait);
        }
        if (status >= 500) {
            // Binance: a 5xx means the execution status is UNKNOWN
            throw unavailable(method + " " + path + " answered HTTP " + status + "; the outcome is unknown");
        }
        if (status == 404 && !response.body().stripLeading().startsWith("{")) {
            // an endpoint this host does not serve (the testnet has no /sapi): an answer, not a failure
            return new Outcome.Error(404, NOT_SERVED, "this host does not serve " + path);
        }
        JsonNode json = parse(response.body(), method, path, status);
        if (status >= 200 && status < 300) {
            return new Outcome.Ok(json);
        }
        JsonNode code = json.get("code");
        if (code == null || !code.canConvertToInt()) {
            throw unavailable(method + " " + path + " answered HTTP " + status + " without Binance's error code");
        }
        String message = json.path("msg").asText("");
        return new Outcome.Error(status, code.asInt(), message.isBlank() ? "Binance error " + code.asInt() : message);
    }

    private JsonNode parse(String body, String method, String path, int status) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw unavailable(method + " " + path + " answered HTTP " + status + " with an empty body");
            }
            return node;
        } catch (JsonProcessingException e) {
            // the parser's message quotes the body: keep it out of ours
            throw unavailable(method + " " + path + " answered HTTP " + status + " with a body that is not JSON");
        }
    }

    VenueUnavailable unavailable(String why) {
        return new VenueUnavailable(venue, why, null);
    }

    static String encode(Map<String, String> params) {
        StringJoiner joined = new StringJoiner("&");
        params.forEach((name, value) -> joined.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")));
        return joined.toString();
    }

    private static Optional<Duration> retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                long seconds = Long.parseLong(value.trim());
                return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public String toString() {
        return "BinanceClient[" + baseUrl + ", key=" + dev.bulwark.domain.venues.VenueAccount.hintOf(apiKey) + "]";
    }
}
