package dev.bulwark.adapters.exchange.alpaca;

import dev.bulwark.domain.venues.VenueId;
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
 * Alpaca's REST APIs on the wire: the trading API and the market data API, both authenticated by the two headers
 * {@code APCA-API-KEY-ID} and {@code APCA-API-SECRET-KEY} (Alpaca signs nothing: the secret travels in a header over
 * TLS, so it must never reach a log or a message). Answers come back raw; {@link AlpacaErrorAdapter} reads failures
 * and {@link AlpacaAdapters} bodies.
 *
 * <p>Thread-safe; the {@link HttpClient} belongs to the gateway.
 */
final class AlpacaClient {
    static final String KEY_HEADER = "APCA-API-KEY-ID";
    static final String SECRET_HEADER = "APCA-API-SECRET-KEY";

    /** One answer: status, body and the Retry-After Alpaca may send with a 429. */
    record Answer(int status, String body, Optional<Duration> retryAfter) {
        Answer {
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final URI tradingUrl;
    private final URI dataUrl;
    private final VenueCredentials credentials;
    private final HttpClient http;
    private final Duration timeout;

    AlpacaClient(URI tradingUrl, URI dataUrl, VenueCredentials credentials, HttpClient http, Duration timeout) {
        this.tradingUrl = Objects.requireNonNull(tradingUrl, "tradingUrl");
        this.dataUrl = Objects.requireNonNull(dataUrl, "dataUrl");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.http = Objects.requireNonNull(http, "http");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    Answer get(String path, Map<String, String> query) {
        return send("GET", tradingUrl, path, query, null);
    }

    Answer post(String path, String jsonBody) {
        return send("POST", tradingUrl, path, Map.of(), jsonBody);
    }

    Answer delete(String path) {
        return send("DELETE", tradingUrl, path, Map.of(), null);
    }

    Answer getData(String path, Map<String, String> query) {
        return send("GET", dataUrl, path, query, null);
    }

    private Answer send(String method, URI base, String path, Map<String, String> query, @Nullable String body) {
        StringJoiner parameters = new StringJoiner("&");
        query.forEach((name, value) -> parameters.add(encode(name) + "=" + encode(value)));
        String root = base.toString().endsWith("/") ? base.toString().substring(0, base.toString().length() - 1) : base.toString();
        URI uri = URI.create(root + path + (query.isEmpty() ? "" : "?" + parameters));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Accept", "application/json")
                .header(KEY_HEADER, credentials.apiKey())
                .header(SECRET_HEADER, credentials.secret());
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("Retry-After").flatMap(AlpacaClient::seconds));
        } catch (HttpTimeoutException e) {
            // the exception's message names the URI only, never a header; still, keep the cause out: nothing to add
            throw new VenueUnavailable(AlpacaVenueProvider.ID, method + " " + path + " got no answer within "
                    + timeout.toMillis() + " ms", null);
        } catch (IOException e) {
            throw new VenueUnavailable(AlpacaVenueProvider.ID, method + " " + path + " could not reach Alpaca ("
                    + e.getClass().getSimpleName() + ")", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VenueUnavailable(AlpacaVenueProvider.ID, method + " " + path + " was interrupted", null);
        }
    }

    static String encode(String value) {
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

    /** Never the key or the secret. */
    @Override
    public String toString() {
        return "AlpacaClient[" + tradingUrl + ", data " + dataUrl + ", key " + credentials + "]";
    }

    static VenueId venue() {
        return AlpacaVenueProvider.ID;
    }
}
