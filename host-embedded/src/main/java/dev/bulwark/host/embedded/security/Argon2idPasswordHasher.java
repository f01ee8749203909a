package dev.bulwark.host.embedded.security;

import dev.bulwark.domain.accounts.PasswordHash;
import dev.bulwark.ports.driven.accounts.PasswordHasher;
import dev.bulwark.ports.driven.system.SecureTokens;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (RFC 9106, version 0x13) through Bouncy Castle, stored as the PHC string the reference implementation
 * writes: {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, salt and hash in base64 without padding. The
 * parameters travel with each hash, so raising them later still verifies old hashes and {@link #needsRehash} tells
 * the sign-in to replace them. The default is OWASP's first recommendation for Argon2id (19 MiB, 2 passes, 1 lane).
 *
 * <p>A stored string is parsed defensively: anything malformed, or with parameters so large that verifying would
 * exhaust memory or time, simply does not verify. Thread-safe: every call builds its own generator.
 */
public final class Argon2idPasswordHasher implements PasswordHasher {
    public static final int DEFAULT_MEMORY_KIB = 19_456;
    public static final int DEFAULT_ITERATIONS = 2;
    public static final int DEFAULT_PARALLELISM = 1;

    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;

    /** Bounds on what a stored hash may ask for: 1 GiB, 64 passes, 16 lanes. */
    private static final int MAX_MEMORY_KIB = 1 << 20;
    private static final int MAX_ITERATIONS = 64;
    private static final int MAX_PARALLELISM = 16;

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=(\\d{1,3})\\$m=(\\d{1,8}),t=(\\d{1,4}),p=(\\d{1,3})\\$([A-Za-z0-9+/]{11,88})\\$([A-Za-z0-9+/]{6,88})");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private final SecureTokens random;
    private final int memoryKib;
    private final int iterations;
    private final int parallelism;

    /** OWASP's parameters (m=19456 KiB, t=2, p=1). */
    public Argon2idPasswordHasher(SecureTokens random) {
        this(random, DEFAULT_MEMORY_KIB, DEFAULT_ITERATIONS, DEFAULT_PARALLELISM);
    }

    /**
     * @param memoryKib   memory per hash in KiB, at least 8 per lane
     * @param iterations  passes over the memory, at least 1
     * @param parallelism lanes, at least 1
     */
    public Argon2idPasswordHasher(SecureTokens random, int memoryKib, int iterations, int parallelism) {
        this.random = Objects.requireNonNull(random, "random");
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("Argon2 parallelism is 1 to " + MAX_PARALLELISM);
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("Argon2 iterations are 1 to " + MAX_ITERATIONS);
        }
        if (memoryKib < 8 * parallelism || memoryKib > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("Argon2 memory is 8 KiB per lane to " + MAX_MEMORY_KIB + " KiB");
        }
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.parallelism = parallelism;
    }

    @Override
    public PasswordHash hash(String password) {
        Objects.requireNonNull(password, "password");
        byte[] salt = random.bytes(SALT_BYTES);
        if (salt.length != SALT_BYTES) {
            throw new IllegalArgumentException("the secure token source returned a short salt");
        }
        byte[] hash = derive(password, new Phc(Argon2Parameters.ARGON2_VERSION_13, memoryKib, iterations, parallelism, salt,
                new byte[HASH_BYTES]));
        return new PasswordHash("$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(hash));
    }

    @Override
    public boolean verify(String password, PasswordHash hash) {
        Objects.requireNonNull(password, "password");
        Optional<Phc> parsed = parse(hash);
        if (parsed.isEmpty()) {
            return false;
        }
        byte[] actual = derive(password, parsed.get());
        // constant time: how much of the hash matched must not show in how long the answer takes
        return MessageDigest.isEqual(actual, parsed.get().hash());
    }

    @Override
    public boolean needsRehash(PasswordHash hash) {
        Optional<Phc> parsed = parse(hash);
        if (parsed.isEmpty()) {
            return true;
        }
        Phc phc = parsed.get();
        return phc.version() != Argon2Parameters.ARGON2_VERSION_13 || phc.memoryKib() < memoryKib
                || phc.iterations() < iterations || phc.parallelism() < parallelism
                || phc.salt().length < SALT_BYTES || phc.hash().length < HASH_BYTES;
    }

    private static byte[] derive(String password, Phc phc) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(phc.version())
                .withMemoryAsKB(phc.memoryKib())
                .withIterations(phc.iterations())
                .withParallelism(phc.parallelism())
                .withSalt(phc.salt())
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[phc.hash().length];
        try {
            generator.generateBytes(secret, out);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        return out;
    }

    /** The fields of a PHC string, or empty when it is not an Argon2id hash this class can (and should) check. */
    static Optional<Phc> parse(PasswordHash hash) {
        Matcher m = PHC.matcher(hash.encoded());
        if (!m.matches()) {
            return Optional.empty();
        }
        int version = Integer.parseInt(m.group(1));
        int memory = Integer.parseInt(m.group(2));
        int iterations = Integer.parseInt(m.group(3));
        int parallelism = Integer.parseInt(m.group(4));
        if ((version != Argon2Parameters.ARGON2_VERSION_13 && version != Argon2Parameters.ARGON2_VERSION_10)
                || parallelism < 1 || parallelism > MAX_PARALLELISM || iterations < 1 || iterations > MAX_ITERATIONS
                || memory < 8 * parallelism || memory > MAX_MEMORY_KIB) {
            return Optional.empty();
        }
        try {
            byte[] salt = B64_DECODER.decode(m.group(5));
            byte[] expected = B64_DECODER.decode(m.group(6));
            if (salt.length < 8 || expected.length < 4) {
                return Optional.empty();
            }
            return Optional.of(new Phc(version, memory, iterations, parallelism, salt, expected));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    record Phc(int version, int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {
    }
}
