package dev.bulwark.adapters.exchange.binance;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Binance's HMAC-SHA256 request signature: the hex digest of the exact parameter string sent (query string, then
 * request body, joined without a separator), keyed with the API secret. Thread-safe (a {@link Mac} per call); the
 * secret is held only as the key spec and never shown.
 */
final class BinanceSigner {
    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    BinanceSigner(String secret) {
        Objects.requireNonNull(secret, "secret");
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The lower-case hex signature of {@code payload} (Binance compares HMAC signatures case-blind). */
    String sign(String payload) {
        Objects.requireNonNull(payload, "payload");
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // every JDK ships HmacSHA256 and takes any non-empty key: this is a broken runtime, not a venue failure
            throw new IllegalStateException("HmacSHA256 is unavailable in this JDK", e);
        }
    }

    @Override
    public String toString() {
        return "BinanceSigner[secret=***]";
    }
}
