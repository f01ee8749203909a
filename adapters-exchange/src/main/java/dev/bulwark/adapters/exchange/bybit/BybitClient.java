package dev.bulwark.adapters.exchange.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.adapters.exchange.support.SignedRest;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.system.TimeSource;
import dev.bulwark.ports.driven.venues.VenueCredentials;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Bybit's raw REST client: signs one request (the transport is {@link SignedRest}) and reads Bybit's envelope
 * ({@code retCode}, {@code retMsg}, {@code result}). Failures to answer (timeouts, 5xx, unreadable bodies), throttles
 * and refused keys become the ports' failures through {@link BybitErrorAdapter}; a business {@code retCode} is
 * handed back for the gateway to interpret. Never retries; thread-safe; holds the credentials only to sign and
 * never prints them.
 */
final class BybitClient {
    static final long RECV_WINDOW = 5_000;

    /** Bybit's envelope: {@code retCode} 0 is success. */
    record Reply(int retCode, String retMsg, JsonNode result) {
        boolean ok() {
            return retCode == 0;
        }
    }

    private final VenueId venue;
    private final SignedRest rest;
    private final @Nullable VenueCredentials credentials;
    private final TimeSource clock;

    BybitClient(VenueId venue, URI baseUrl, HttpClient http, Duration timeout, @Nullable VenueCredentials credentials,
            TimeSource clock) {
        this.venue = venue;
        this.rest = new SignedRest(venue, baseUrl, http, timeout, Map.of());
        this.credentials = credentials;
        this.clock = clock;
    }

    /** A public GET (market data): unsigned. */
    Reply publicGet(String path, Map<String, String> query) {
        return read(rest.get(path, query, null));
    }

    /** A signed GET; the query is signed exactly as sent. */
    Reply get(String path, Map<String, String> query) {
        return read(rest.get(path, query, this::sign));
    }

    /**
     * A signed POST of a JSON object; the body is signed exactly as sent. Values are strings, or booleans where Bybit
     * documents a boolean ({@code reduceOnly}).
     */
    Reply post(String path, Map<String, ?> body) {
        return read(rest.post(path, body, this::sign));
    }

    static String queryString(Map<String, String> query) {
        return SignedRest.queryString(query);
    }

    /** Bybit v5: HMAC-SHA256 (hex) of timestamp + key + recv window + the query (GET) or the body (POST). */
    private Map<String, String> sign(String method, String requestPath, String query, String body) {
        VenueCredentials keys = Objects.requireNonNull(credentials, "a signed call needs credentials");
        long timestamp = clock.now().toEpochMilli();
        String signature = BybitSigner.sign(keys.secret(),
                BybitSigner.stringToSign(timestamp, keys.apiKey(), RECV_WINDOW, method.equals("GET") ? query : body));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-BAPI-API-KEY", keys.apiKey());
        headers.put("X-BAPI-TIMESTAMP", Long.toString(timestamp));
        headers.put("X-BAPI-RECV-WINDOW", Long.toString(RECV_WINDOW));
        headers.put("X-BAPI-SIGN", signature);
        return headers;
    }

    private Reply read(SignedRest.Answer answer) {
        BybitErrorAdapter.statusFailure(venue, answer.status(), answer.retryAfter()).ifPresent(failure -> {
            throw failure;
        });
        JsonNode envelope = rest.object(answer);
        JsonNode code = envelope.get("retCode");
        if (code == null || !code.canConvertToInt()) {
            throw new VenueUnavailable(venue, "answered HTTP " + answer.status() + " without a retCode", null);
        }
        JsonNode message = envelope.path("retMsg");
        Reply reply = new Reply(code.asInt(), message.isTextual() ? message.asText() : "", envelope.path("result"));
        BybitErrorAdapter.failure(venue, reply.retCode(), reply.retMsg(), answer.retryAfter()).ifPresent(failure -> {
            throw failure;
        });
        if (!reply.ok() && answer.status() >= 300) {
            throw new VenueUnavailable(venue, "answered HTTP " + answer.status() + " (retCode " + reply.retCode() + ")", null);
        }
        return reply;
    }

    /** The reply's result, or, for a refusal the caller has no answer for, the failure to serve its request. */
    JsonNode ok(Reply reply) {
        if (!reply.ok()) {
            throw refused(reply);
        }
        return reply.result();
    }

    /** A refusal the caller has no answer for, as a failure to serve the request (the venue's code and message). */
    VenueUnavailable refused(Reply reply) {
        return new VenueUnavailable(venue, "refused the request: " + BybitErrorAdapter.describe(reply.retCode(), reply.retMsg()), null);
    }

    @Override
    public String toString() {
        return "BybitClient[" + rest + "]";
    }
}
