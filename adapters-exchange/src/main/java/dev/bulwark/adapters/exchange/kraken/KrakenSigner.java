package dev.bulwark.adapters.exchange.kraken;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Kraken's request signature: {@code API-Sign = base64(HMAC-SHA512(key = base64decode(secret),
 * message = uriPath + SHA256(nonce + postData)))}, where {@code uriPath} starts at {@code /0/private} and
 * {@code postData} is the exact form-encoded body sent (which itself holds the nonce).
 *
 * <p>Holds the decoded secret and nothing else; {@link #toString()} never shows it. Thread-safe: every signature
 * uses its own {@link Mac}.
 */
final class KrakenSigner {
    private static final String HMAC = "HmacSHA512";

    private final byte[] secret;

    private KrakenSigner(byte[] secret) {
        this.secret = secret;
    }

    /**
     * A signer for Kraken's base64 secret.
     *
     * @throws IllegalArgumentException when the secret is not base64 (the message never quotes it)
     */
    static KrakenSigner of(String base64Secret) {
        Objects.requireNonNull(base64Secret, "base64Secret");
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64Secret.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a Kraken API secret is base64, as Kraken shows it; this one is not");
        }
        if (decoded.length == 0) {
            throw new IllegalArgumentException("a Kraken API secret cannot be empty");
        }
        return new KrakenSigner(decoded);
    }

    /** The {@code API-Sign} header for one request. */
    String sign(String uriPath, String nonce, String postData) {
        try {
            byte[] inner = MessageDigest.getInstance("SHA-256").digest((nonce + postData).getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret, HMAC));
            mac.update(uriPath.getBytes(StandardCharsets.UTF_8));
            mac.update(inner);
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            // SHA-256 and HmacSHA512 are in every JDK; a key of any length is accepted by HMAC
            throw new IllegalStateException("the JDK cannot compute HMAC-SHA512", e);
        }
    }

    @Override
    public String toString() {
        return "KrakenSigner[secret=***]";
    }
}
