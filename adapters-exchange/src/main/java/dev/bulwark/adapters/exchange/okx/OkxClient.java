package dev.bulwark.adapters.exchange.okx;

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
 * OKX's raw REST client: builds, signs and sends one request and reads OKX's envelope ({@code code}, {@code msg},
 * {@code data}). Failures to answer, throttles and refused keys become the ports' failures through
 * {@link OkxErrorAdapter}; a business code is handed back. Never retries; thread-safe; never prints the credentials.
 */
final class OkxClient {
    /**
     * OKX's envelope; {@code code} "0" is success. For a single order refused, the envelope's code is "1" and the
     * reason is in {@code data[0].sCode}: {@link #businessCode()} reads it there.
     */
    record Reply(String code, String msg, JsonNode data) {
        boolean ok() {
            return "0".equals(code);
        }

        String businessCode() {
            String sCode = data.path(0).path("sCode").asText("");
            return !sCode.isEmpty() && !"0".equals(sCode) ? sCode : code;
        }

        String businessMessage() {
            String sMsg = data.path(0).path("sMsg").asText("");
            return sMsg.isBlank() ? msg : sMsg;
        }
    }

    private final VenueId venue;
    private final SignedRest rest;
    private final @Nullable VenueCredentials credentials;
    private final boolean simulated;
    private final TimeSource clock;

    OkxClient(VenueId venue, URI baseUrl, HttpClient http, Duration timeout, @Nullable VenueCredentials credentials,
            boolean simulated, TimeSource clock) {
        this.venue = venue;
        // the demo environment is the live host with this header, and a demo key
        this.rest = new SignedRest(venue, baseUrl, http, timeout, simulated ? Map.of("x-simulated-trading", "1") : Map.of());
        this.credentials = credentials;
        this.simulated = simulated;
        this.clock = clock;
    }

    Reply publicGet(String path, Map<String, String> query) {
        return read(rest.get(path, query, null));
    }

    Reply get(String path, Map<String, String> query) {
        return read(rest.get(path, query, this::sign));
    }

    /** A signed POST of a JSON object: string values, or booleans where OKX documents one ({@code reduceOnly}). */
    Reply post(String path, Map<String, ?> body) {
        return read(rest.post(path, body, this::sign));
    }

    /** OKX v5: base64 HMAC-SHA256 of the ISO timestamp + METHOD + path[?query] + body, with the plain passphrase. */
    private Map<String, String> sign(String method, String requestPath, String query, String body) {
        VenueCredentials keys = Objects.requireNonNull(credentials, "a signed call needs credentials");
        String timestamp = OkxSigner.timestamp(clock.now());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("OK-ACCESS-KEY", keys.apiKey());
        headers.put("OK-ACCESS-SIGN", OkxSigner.sign(keys.secret(), OkxSigner.prehash(timestamp, method, requestPath, body)));
        headers.put("OK-ACCESS-TIMESTAMP", timestamp);
        headers.put("OK-ACCESS-PASSPHRASE", Objects.requireNonNull(keys.passphrase(), "OKX needs a passphrase"));
        return headers;
    }

    private Reply read(SignedRest.Answer answer) {
        int status = answer.status();
        if (status == 429 || status == 418 || status >= 500) {
            throw OkxErrorAdapter.statusFailure(venue, status, answer.retryAfter());
        }
        JsonNode envelope = rest.object(answer);
        JsonNode code = envelope.get("code");
        if (code == null || !code.isValueNode() || code.asText().isEmpty()) {
            throw new VenueUnavailable(venue, "answered HTTP " + status + " without a code", null);
        }
        JsonNode message = envelope.path("msg");
        Reply reply = new Reply(code.asText(), message.isTextual() ? message.asText() : "", envelope.path("data"));
        OkxErrorAdapter.failure(venue, reply.code(), reply.msg(), answer.retryAfter()).ifPresent(failure -> {
            throw failure;
        });
        if (status == 401 || status == 403) {
            throw OkxErrorAdapter.unauthorized(venue, reply.code(), reply.msg());
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
        return new VenueUnavailable(venue, "refused the request: " + OkxErrorAdapter.describe(reply.businessCode(), reply.businessMessage()), null);
    }

    @Override
    public String toString() {
        return "OkxClient[" + rest + (simulated ? ", demo" : "") + "]";
    }
}
