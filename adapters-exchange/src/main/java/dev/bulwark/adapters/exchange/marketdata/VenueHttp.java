package dev.bulwark.adapters.exchange.marketdata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.domain.market.CandleInterval;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.errors.BulwarkException;
import dev.bulwark.ports.errors.RateLimited;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * GETs a venue's public endpoints and reads their JSON, turning every way that can fail into the port's
 * failures: unreachable, timed out, 5xx or an unreadable body become {@link VenueUnavailable}, 429 and 418
 * (Binance's ban) become {@link RateLimited}. Messages name the venue and what went wrong, never the body: a
 * venue's error page is not ours to show, and it may echo the request.
 *
 * <p>Thread-safe; the {@link HttpClient} is shared and owned by whoever built it.
 */
public final class VenueHttp {
    /** Sent when a venue rate limits without saying for how long. */
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);
    /** The most candles a live venue is asked for in one call (paged underneath): a bound on one call's cost. */
    public static final int MAX_CANDLES_PER_CALL = 10_000;
    /** Kraken asks every caller to name itself. */
    private static final String USER_AGENT = "bulwark-market-data";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final VenueId venue;
    private final URI baseUrl;
    private final HttpClient client;
    private final Duration timeout;

    /** One venue's answer: its status, body and (for 429/418) how long it asked us to wait. */
    public record Answer(int status, String body, Optional<Duration> retryAfter) {
        public Answer {
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * @param baseUrl scheme, host and port of the venue's API ({@code https://api.binance.com}); tests point it
     *        at a local fake
     * @param timeout how long one request may take, from sending to the last byte
     */
    public VenueHttp(VenueId venue, URI baseUrl, HttpClient client, Duration timeout) {
        this.venue = Objects.requireNonNull(venue, "venue");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        if (baseUrl.getScheme() == null || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("a venue's base URL names a scheme and a host, was " + baseUrl);
        }
        this.client = Objects.requireNonNull(client, "client");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a request timeout is positive, was " + timeout);
        }
    }

    public VenueId venue() {
        return venue;
    }

    /**
     * GETs {@code path} with the query parameters in the given order (values URL-encoded).
     *
     * @throws VenueUnavailable when the venue cannot be reached or does not answer within the timeout
     */
    public Answer get(String path, Map<String, String> query) {
        StringJoiner parameters = new StringJoiner("&");
        query.forEach((name, value) -> parameters.add(encode(name) + "=" + encode(value)));
        String base = baseUrl.toString().endsWith("/") ? baseUrl.toString().substring(0, baseUrl.toString().length() - 1)
                : baseUrl.toString();
        URI uri = URI.create(base + path + (query.isEmpty() ? "" : "?" + parameters));
        HttpRequest request = HttpRequest.newBuilder(uri).GET().timeout(timeout)
                .header("Accept", "application/json").header("User-Agent", USER_AGENT).build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("Retry-After").flatMap(VenueHttp::seconds));
        } catch (HttpTimeoutException e) {
            throw new VenueUnavailable(venue, "did not answer within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new VenueUnavailable(venue, "could not be reached (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VenueUnavailable(venue, "was interrupted while waiting for an answer", e);
        }
    }

    /**
     * The failure an answer that is not a success means, when its status alone says so: 429 or 418 is
     * {@link RateLimited}, 5xx {@link VenueUnavailable}. Empty for other statuses, which the venue's own error
     * body explains.
     */
    public Optional<BulwarkException> statusFailure(Answer answer) {
        if (answer.status() == 429 || answer.status() == 418) {
            return Optional.of(rateLimited(answer.retryAfter()));
        }
        if (answer.status() >= 500) {
            return Optional.of(unavailable("answered HTTP " + answer.status()));
        }
        return Optional.empty();
    }

    public RateLimited rateLimited(Optional<Duration> retryAfter) {
        return new RateLimited(venue + " is rate limiting market data requests", venue + "-public-requests",
                retryAfter.orElse(DEFAULT_RETRY_AFTER));
    }

    public VenueUnavailable unavailable(String why) {
        return new VenueUnavailable(venue, why, null);
    }

    public VenueUnavailable unavailable(String why, Throwable cause) {
        return new VenueUnavailable(venue, why, cause);
    }

    /** The body as JSON, or {@link VenueUnavailable} when it is not (malformed, truncated, an HTML error page). */
    public JsonNode json(Answer answer) {
        try {
            JsonNode node = JSON.readTree(answer.body());
            if (node == null || node.isMissingNode()) {
                throw unavailable("answered HTTP " + answer.status() + " with an empty body");
            }
            return node;
        } catch (JsonProcessingException e) {
            // the parser's message quotes the body: keep it out of ours
            throw unavailable("answered HTTP " + answer.status() + " with a body that is not JSON");
        }
    }

    /** The body as JSON when it is JSON, else empty: for error answers that may be a proxy's HTML page. */
    public Optional<JsonNode> jsonIfAny(Answer answer) {
        try {
            return Optional.ofNullable(JSON.readTree(answer.body())).filter(node -> !node.isMissingNode());
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** A decimal the venue sends as a string or a number; {@link VenueUnavailable} when missing or malformed. */
    public BigDecimal decimal(@Nullable JsonNode node, String what) {
        if (node != null && node.isNumber()) {
            return node.decimalValue();
        }
        if (node != null && node.isTextual()) {
            try {
                return new BigDecimal(node.asText().trim());
            } catch (NumberFormatException e) {
                throw unavailable("answered with a " + what + " that is not a number");
            }
        }
        throw unavailable("answered without the " + what + " it documents");
    }

    /** A whole number the venue sends as a number or a string; {@link VenueUnavailable} when missing or malformed. */
    public long integer(@Nullable JsonNode node, String what) {
        if (node != null && node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node != null && node.isTextual()) {
            try {
                return Long.parseLong(node.asText().trim());
            } catch (NumberFormatException e) {
                throw unavailable("answered with a " + what + " that is not a whole number");
            }
        }
        throw unavailable("answered without the " + what + " it documents");
    }

    /** The text of a field, or {@link VenueUnavailable} when missing. */
    public String text(@Nullable JsonNode node, String what) {
        if (node != null && node.isTextual()) {
            return node.asText();
        }
        throw unavailable("answered without the " + what + " it documents");
    }

    /**
     * Checks a candle range: {@code from} not after {@code to}, and at most {@link #MAX_CANDLES_PER_CALL}
     * candles of {@code interval} in it.
     */
    public static void requireCandleRange(Instant from, Instant to, CandleInterval interval) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(interval, "interval");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("a candle range ends at or after its start, was " + from + " to " + to);
        }
        long seconds = interval.duration().toSeconds();
        long count = Math.ceilDiv(Duration.between(from, to).toSeconds(), seconds);
        if (count > MAX_CANDLES_PER_CALL) {
            throw new IllegalArgumentException("ask a live venue for at most " + MAX_CANDLES_PER_CALL + " " + interval
                    + " candles at a time, the range holds " + count);
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
            return Optional.empty(); // an HTTP date: rare for these venues, and the default wait is safe
        }
    }
}
