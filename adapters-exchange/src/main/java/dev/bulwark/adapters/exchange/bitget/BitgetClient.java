package dev.bulwark.adapters.exchange.bitget;

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
 * Bitget's raw REST client: builds, signs and sends one request and reads Bitget's envelope ({@code code},
 * {@code msg}, {@code data}; success is the string {@code "00000"}). Failures to answer, throttles and refused keys
 * become the ports' failures through {@link BitgetErrorAdapter}; a business code is handed back. Never retries;
 * thread-safe; never prints the credentials.
 */
final class BitgetClient {
    /** Bitget's envelope; {@code code} "00000" is success. */
    record Reply(String code, String msg, JsonNode data) {
        static final String OK = "00000";

        boolean ok() {
            return OK.equals(code);
        }
    }

    private final VenueId venue;
    private final SignedRest rest;
    private final @Nullable VenueCredentials credentials;
    private final TimeSource clock;

    BitgetClient(VenueId venue, URI baseUrl, HttpClient http, Duration timeout, @Nullable VenueCredentials credentials,
            TimeSource clock) {
        this.venue = venue;
        this.rest = new SignedRest(venue, baseUrl, http, timeout, Map.of("locale", "en-US"));
        this.credentials = credentials;
        this.clock = clock;
    }

    Reply publicGet(String path, Map<String, String> query) {
        return read(rest.get(path, query, null));
    }

    Reply get(String path, Map<String, String> query) {
        return read(rest.get(path, query, this::sign));
    }

    Reply post(String path, Map<String, ?> body) {
        return read(rest.post(path, body, this::sign));
    }

    /** Bitget: base64 HMAC-SHA256 of the millisecond timestamp + METHOD + path[?query] + body, with the passphrase. */
    private Map<String, String> sign(String method, String requestPath, String query, String body) {
        VenueCredentials keys = Objects.requireNonNull(credentials, "a signed call needs credentials");
        long timestamp = clock.now().toEpochMilli();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ACCESS-KEY", keys.apiKey());
        headers.put("ACCESS-SIGN", BitgetSigner.sign(keys.secret(), BitgetSigner.prehash(timestamp, method, requestPath, body)));
        headers.put("ACCESS-TIMESTAMP", Long.toString(timestamp));
        headers.put("ACCESS-PASSPHRASE", Objects.requireNonNull(keys.passphrase(), "Bitget needs a passphrase"));
        return headers;
    }

    private Reply read(SignedRest.Answer answer) {
        int status = answer.status();
        if (status == 429 || status == 418 || status >= 500) {
            throw BitgetErrorAdapter.statusFailure(venue, status, answer.retryAfter());
        }
        JsonNode envelope = rest.object(answer);
        JsonNode code = envelope.get("code");
        if (code == null || !code.isValueNode() || code.asText().isEmpty()) {
            throw new VenueUnavailable(venue, "answered HTTP " + status + " without a code", null);
        }
        // the documented answers spell it both ways ("msg" on orders, "message" on assets)
        JsonNode message = envelope.has("msg") ? envelope.path("msg") : envelope.path("message");
        Reply reply = new Reply(code.asText(), message.isTextual() ? message.asText() : "", envelope.path("data"));
        BitgetErrorAdapter.failure(venue, reply.code(), reply.msg(), answer.retryAfter()).ifPresent(failure -> {
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

    /** The reply's data, or, for a refusal the caller has no answer for, the failure to serve its request. */
    JsonNode ok(Reply reply) {
        if (!reply.ok()) {
            throw refused(reply);
        }
        return reply.data();
    }

    /** A refusal the caller has no answer for, as a failure to serve the request (the venue's code and message). */
    VenueUnavailable refused(Reply reply) {
        return new VenueUnavailable(venue, "refused the request: " + BitgetErrorAdapter.describe(reply.code(), reply.msg()), null);
    }

    @Override
    public String toString() {
        return "BitgetClient[" + rest + "]";
    }
}
