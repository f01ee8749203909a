package dev.bulwark.application.accounts;

import dev.bulwark.ports.driven.system.SecureTokens;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Bearer secrets: random, shown once, kept only as their hex SHA-256. A plain digest (not a slow hash) is enough
 * because the secret has 256 random bits: there is nothing to guess, and the lookup stays one indexed read.
 */
final class Tokens {
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final HexFormat HEX = HexFormat.of();

    private final SecureTokens random;

    Tokens(SecureTokens random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** {@code prefix} + base64url of {@link AccountPolicy#TOKEN_BYTES} random bytes. */
    String newToken(String prefix) {
        return prefix + BASE64URL.encodeToString(bytes(AccountPolicy.TOKEN_BYTES));
    }

    byte[] bytes(int length) {
        byte[] bytes = random.bytes(length);
        if (bytes.length != length) {
            // a broken source must not silently weaken every secret made from it
            throw new IllegalArgumentException("the secure token source returned " + bytes.length + " bytes, not " + length);
        }
        return bytes;
    }

    /** Lower-case hex SHA-256 of the UTF-8 text: the form every stored token, key and backup code takes. */
    static String sha256Hex(String text) {
        return HEX.formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // every Java platform must provide SHA-256 (MessageDigest's Javadoc)
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
