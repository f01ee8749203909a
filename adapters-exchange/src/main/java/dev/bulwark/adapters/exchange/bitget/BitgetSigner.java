package dev.bulwark.adapters.exchange.bitget;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Bitget's signature, as its official SDK computes it: base64 of HMAC-SHA256 over
 * {@code timestamp + METHOD + requestPath + body}, where the timestamp is in milliseconds, a GET's request path ends
 * with {@code ?} and its query string, and the body is empty for a GET.
 */
final class BitgetSigner {
    private BitgetSigner() {
    }

    static String prehash(long timestamp, String method, String requestPath, String body) {
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
