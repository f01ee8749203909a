package dev.bulwark.adapters.persistence.vault;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * A 256-bit AES master key and its id. The id is written into every envelope the key seals, so the ring finds
 * the key that opens it; {@link #of(byte[])} derives it as a fingerprint (the first 16 hex characters of
 * SHA-256 over a fixed label and the key), which names the key in logs and audit details without revealing it.
 * The key bytes never leave this class except as a {@link SecretKey} for the cipher, and {@link #toString()}
 * masks them.
 */
public final class MasterKey {
    /** AES-256. */
    public static final int KEY_BYTES = 32;

    // the id travels inside the dot-separated envelope: no dots, nothing to escape
    private static final Pattern ID = Pattern.compile("[0-9A-Za-z_-]{1,32}");
    // a label, so this fingerprint is not the plain SHA-256 of the key that some other tool may also print
    private static final byte[] FINGERPRINT_LABEL = "bulwark/master-key-id/v1\0".getBytes(StandardCharsets.US_ASCII);

    private final String id;
    private final byte[] key;

    /**
     * @param id  how envelopes name this key: 1 to 32 of {@code [0-9A-Za-z_-]}
     * @param key exactly 32 bytes; copied, so the caller may wipe its array
     */
    public MasterKey(String id, byte[] key) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a master key id is 1 to 32 of [0-9A-Za-z_-]");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a master key is exactly " + KEY_BYTES + " bytes, not " + key.length);
        }
        this.id = id;
        this.key = key.clone();
    }

    /** The key, named by its fingerprint. */
    public static MasterKey of(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a master key is exactly " + KEY_BYTES + " bytes, not " + key.length);
        }
        return new MasterKey(fingerprint(key), key);
    }

    /** A fresh random key. */
    public static MasterKey generate(SecureRandom random) {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        try {
            return of(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** The first 16 hex characters (64 bits) of SHA-256(label || key): enough to tell keys apart, useless to guess one. */
    static String fingerprint(byte[] key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(FINGERPRINT_LABEL);
            byte[] digest = sha256.digest(key);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    public String id() {
        return id;
    }

    /** A fresh key object for one cipher operation (the spec holds its own copy). */
    SecretKey secretKey() {
        return new SecretKeySpec(key, "AES");
    }

    /** Same id and same key bytes (compared in constant time). */
    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof MasterKey that && id.equals(that.id) && MessageDigest.isEqual(key, that.key);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "MasterKey[id=" + id + ", key=****]";
    }
}
