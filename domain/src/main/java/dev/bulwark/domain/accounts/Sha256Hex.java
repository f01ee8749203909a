package dev.bulwark.domain.accounts;

import java.util.Objects;
import java.util.regex.Pattern;

/** The one shape of a stored digest here: lower-case hex of 32 bytes (SHA-256 or HMAC-SHA-256). */
final class Sha256Hex {
    private static final Pattern HEX_64 = Pattern.compile("[0-9a-f]{64}");

    private Sha256Hex() {
    }

    /** Returns {@code value} when it is 64 lower-case hex digits; the refusal does not echo it. */
    static String require(String value, String name) {
        Objects.requireNonNull(value, name);
        if (!HEX_64.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " is the lower-case hex of a SHA-256 digest (64 characters)");
        }
        return value;
    }
}
