package dev.bulwark.adapters.persistence.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** Fixed keys and time for the vault's tests, and the check that no text carries secret material. */
final class VaultFixtures {
    static final Instant T0 = Instant.parse("2026-11-21T10:15:30.123456Z");

    private VaultFixtures() {
    }

    /** 32 bytes: seed, seed+1, ...: known, so a test can look for their base64 in messages. */
    static byte[] keyBytes(int seed) {
        byte[] key = new byte[MasterKey.KEY_BYTES];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed + i);
        }
        return key;
    }

    static MasterKey key(int seed) {
        return MasterKey.of(keyBytes(seed));
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Every spelling of a key a careless message could carry. */
    static List<String> spellingsOf(byte[] key) {
        return List.of(Base64.getEncoder().encodeToString(key), Base64.getUrlEncoder().withoutPadding().encodeToString(key),
                HexFormat.of().formatHex(key), HexFormat.of().withUpperCase().formatHex(key));
    }

    /** {@code text} (a message, a toString) holds none of {@code secrets}. */
    static void assertHoldsNone(String text, List<String> secrets) {
        for (String secret : secrets) {
            assertThat(text).as("a message or toString").doesNotContain(secret);
        }
    }

    /** The failure, its causes and suppressed ones, message and toString, hold none of {@code secrets}. */
    static void assertHoldsNone(Throwable failure, List<String> secrets) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertHoldsNone(String.valueOf(t.getMessage()), secrets);
            assertHoldsNone(t.toString(), secrets);
            for (Throwable suppressed : t.getSuppressed()) {
                assertHoldsNone(suppressed, secrets);
            }
        }
    }
}
