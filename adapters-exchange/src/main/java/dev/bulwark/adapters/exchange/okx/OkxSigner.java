package dev.bulwark.adapters.exchange.okx;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * OKX's signature: base64 of HMAC-SHA256 over {@code timestamp + METHOD + requestPath + body}, where the timestamp is
 * ISO-8601 UTC with milliseconds (the same text as the {@code OK-ACCESS-TIMESTAMP} header), the request path of a
 * GET includes its {@code ?query}, and the body is empty for a GET.
 */
final class OkxSigner {
    /** Always three fraction digits: {@link Instant#toString()} drops them when they are zero. */
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private OkxSigner() {
    }

    static String timestamp(Instant at) {
        return ISO_MILLIS.format(at);
    }

    static String prehash(String timestamp, String method, String requestPath, String body) {
        return timestamp + method + requestPath + body;
    }

    static String sign(String secret, String prehash) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(prehash.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
