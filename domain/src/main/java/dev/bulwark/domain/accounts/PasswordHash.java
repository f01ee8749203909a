package dev.bulwark.domain.accounts;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A password as stored: an encoded PHC string such as {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, which
 * names its algorithm and parameters so old hashes keep verifying after the parameters change. Never printable:
 * {@link #toString()} hides it, and a refusal never echoes the value (it may be a password passed by mistake).
 */
public record PasswordHash(String encoded) {
    public static final int MAX_LENGTH = 512;

    /** {@code $id} then one or more {@code $}-separated fields of the PHC alphabet (B64, parameters, version). */
    private static final Pattern PHC = Pattern.compile("\\$[a-z0-9-]{1,32}(\\$[A-Za-z0-9+/.=,-]+)+");

    public PasswordHash {
        Objects.requireNonNull(encoded, "encoded");
        if (encoded.length() > MAX_LENGTH || !PHC.matcher(encoded).matches()) {
            throw new IllegalArgumentException("a password hash is an encoded PHC string ($algorithm$...), at most "
                    + MAX_LENGTH + " characters");
        }
    }

    /** The algorithm the hash names ({@code argon2id}), so a verifier can tell when to rehash. */
    public String algorithm() {
        return encoded.substring(1, encoded.indexOf('$', 1));
    }

    @Override
    public String toString() {
        return "PasswordHash[****]";
    }
}
