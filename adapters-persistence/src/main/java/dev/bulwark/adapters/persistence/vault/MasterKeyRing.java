package dev.bulwark.adapters.persistence.vault;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The master keys the vault knows: the {@code current} one seals, and it and the {@code retiring} ones open.
 * Rotation: make a new key current, list the old one as retiring, reseal every envelope that is not
 * {@link EnvelopeVault#isCurrent current}, then drop the old key. Key ids are unique in a ring.
 */
public record MasterKeyRing(MasterKey current, List<MasterKey> retiring) {
    /** The current master key: the base64 of exactly 32 bytes, e.g. {@code openssl rand -base64 32}. */
    public static final String MASTER_KEY_VARIABLE = "BULWARK_MASTER_KEY";
    /** Former master keys still accepted for opening, comma-separated base64, until they are removed. */
    public static final String RETIRING_KEYS_VARIABLE = "BULWARK_MASTER_KEYS_RETIRING";

    public MasterKeyRing {
        Objects.requireNonNull(current, "current");
        retiring = List.copyOf(retiring);
        Set<String> ids = new HashSet<>();
        for (MasterKey key : Stream.concat(Stream.of(current), retiring.stream()).toList()) {
            if (!ids.add(key.id())) {
                throw new IllegalArgumentException("master key " + key.id()
                        + " is in the ring twice (as current and retiring, or retiring twice): list each key once");
            }
        }
    }

    /** A ring of one key: nothing to retire. */
    public static MasterKeyRing of(MasterKey current) {
        return new MasterKeyRing(current, List.of());
    }

    /** The key with this id, if it is in the ring. */
    public Optional<MasterKey> find(String keyId) {
        if (current.id().equals(keyId)) {
            return Optional.of(current);
        }
        return retiring.stream().filter(key -> key.id().equals(keyId)).findFirst();
    }

    /**
     * The ring from {@value #MASTER_KEY_VARIABLE} and, when set, {@value #RETIRING_KEYS_VARIABLE}.
     *
     * @throws IllegalArgumentException when the current key is missing or a value is not the base64 of 32 bytes;
     *                                  the message names the variable, never its value
     */
    public static MasterKeyRing fromEnvironment(Map<String, String> env) {
        String current = env.get(MASTER_KEY_VARIABLE);
        if (current == null || current.isBlank()) {
            throw new IllegalArgumentException(MASTER_KEY_VARIABLE + " is not set: give it the base64 of 32 random bytes"
                    + " (e.g. the output of `openssl rand -base64 32`)");
        }
        return new MasterKeyRing(decode(MASTER_KEY_VARIABLE, current), retiringFrom(env));
    }

    /**
     * The ring of the embedded default: the key in {@code keyFile}, created with a fresh random key and owner-only
     * permissions when it does not exist. See {@link MasterKeyFile}.
     *
     * @throws IllegalArgumentException when the file is readable or writable by group or others, or does not hold
     *                                  the base64 of 32 bytes
     * @throws java.io.UncheckedIOException when it cannot be read or created
     */
    public static MasterKeyRing fromKeyFile(Path keyFile) {
        return of(MasterKeyFile.readOrCreate(keyFile, new SecureRandom()));
    }

    /**
     * What a host starts with: the environment's keys when {@value #MASTER_KEY_VARIABLE} is set, else the key file
     * (the embedded default), with the environment's retiring keys either way.
     */
    public static MasterKeyRing fromEnvironmentOrKeyFile(Map<String, String> env, Path keyFile) {
        String current = env.get(MASTER_KEY_VARIABLE);
        if (current != null && !current.isBlank()) {
            return fromEnvironment(env);
        }
        return new MasterKeyRing(MasterKeyFile.readOrCreate(keyFile, new SecureRandom()), retiringFrom(env));
    }

    private static List<MasterKey> retiringFrom(Map<String, String> env) {
        String value = env.get(RETIRING_KEYS_VARIABLE);
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<MasterKey> keys = new ArrayList<>();
        String[] entries = value.split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            // a trailing comma or a doubled one is a typo, not a key
            if (!entries[i].isBlank()) {
                keys.add(decode(RETIRING_KEYS_VARIABLE + " entry " + (i + 1), entries[i]));
            }
        }
        return keys;
    }

    /**
     * A master key from its base64 text (standard or URL-safe alphabet, padding optional). The failure names
     * {@code what} and says what is wrong; it never quotes the value, and carries no cause (the JDK's base64
     * error quotes the offending character).
     */
    static MasterKey decode(String what, String base64) {
        byte[] key = decodeBase64(base64.strip());
        if (key == null) {
            throw new IllegalArgumentException(what + " is not valid base64: it must be the base64 of exactly "
                    + MasterKey.KEY_BYTES + " random bytes (e.g. the output of `openssl rand -base64 32`)");
        }
        try {
            if (key.length != MasterKey.KEY_BYTES) {
                throw new IllegalArgumentException(what + " decodes to " + key.length + " bytes, but a master key is exactly "
                        + MasterKey.KEY_BYTES + " bytes (e.g. the output of `openssl rand -base64 32`)");
            }
            return MasterKey.of(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte @Nullable [] decodeBase64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException notStandard) {
            try {
                return Base64.getUrlDecoder().decode(text);
            } catch (IllegalArgumentException notUrlSafe) {
                return null;
            }
        }
    }
}
