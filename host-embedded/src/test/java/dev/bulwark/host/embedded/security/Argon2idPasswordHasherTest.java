package dev.bulwark.host.embedded.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.accounts.PasswordHash;
import dev.bulwark.ports.driven.system.SecureTokens;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Argon2idPasswordHasherTest {
    /** Repeatable salts for the tests (the real source is SecureRandomTokens). */
    private static final SecureTokens SALTS = new SecureTokens() {
        private final Random random = new Random(7);

        @Override
        public synchronized byte[] bytes(int length) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            return bytes;
        }
    };

    /** Cheap parameters so the suite stays quick; the algorithm is the same. */
    private final Argon2idPasswordHasher cheap = new Argon2idPasswordHasher(SALTS, 256, 1, 1);

    /**
     * Argon2id vectors of the reference implementation (phc-winner-argon2, src/test.c, version 0x13): password
     * "password", salt "somesalt" (or "diffsalt"), tag length 32.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "password| $argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "password| $argon2id$v=19$m=256,t=2,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc",
            "password| $argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
            "password| $argon2id$v=19$m=65536,t=1,p=1$c29tZXNhbHQ$9qWtwbpyPd3vm1rB1GThgPzZ3/ydHL92zKL+15XZypg",
            "differentpassword| $argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$C4TWUs9rDEvq7w3+J4umqA32aWKB1+DSiRuBfYxFj94",
            "password| $argon2id$v=19$m=65536,t=2,p=1$ZGlmZnNhbHQ$vfMrBczELrFdWP0ZsfhWsRPaHppYdP3MVEMIVlqoFBw"})
    void verifiesTheReferenceImplementationsVectors(String password, String phc) {
        PasswordHash hash = new PasswordHash(phc);

        assertThat(cheap.verify(password, hash)).isTrue();
        assertThat(cheap.verify(password + "x", hash)).isFalse();
    }

    @Test
    void hashesInTheReferenceFormatWithTheConfiguredParametersAndA16ByteSalt() {
        Argon2idPasswordHasher hasher = new Argon2idPasswordHasher(SALTS, 512, 2, 1);

        PasswordHash hash = hasher.hash("correct horse battery staple");

        assertThat(hash.encoded()).matches("\\$argon2id\\$v=19\\$m=512,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        String[] parts = hash.encoded().split("\\$");
        assertThat(Base64.getDecoder().decode(parts[4])).hasSize(16);
        assertThat(Base64.getDecoder().decode(parts[5])).hasSize(32);
        assertThat(hash.algorithm()).isEqualTo("argon2id");
    }

    @Test
    void theDefaultsAreOwaspsFirstRecommendation() {
        PasswordHash hash = new Argon2idPasswordHasher(SALTS).hash("correct horse battery staple");

        assertThat(hash.encoded()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    }

    @Test
    void roundTripsAndRefusesAWrongPassword() {
        PasswordHash hash = cheap.hash("correct horse battery staple");

        assertThat(cheap.verify("correct horse battery staple", hash)).isTrue();
        assertThat(cheap.verify("correct horse battery stapl", hash)).isFalse();
        assertThat(cheap.verify("Correct horse battery staple", hash)).isFalse();
        assertThat(cheap.verify("", hash)).isFalse();
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTime() {
        assertThat(cheap.hash("correct horse battery staple")).isNotEqualTo(cheap.hash("correct horse battery staple"));
    }

    @Test
    void nonAsciiPasswordsAreHashedAsUtf8() {
        PasswordHash hash = cheap.hash("pässwörd-ñ-密码-🙂");

        assertThat(cheap.verify("pässwörd-ñ-密码-🙂", hash)).isTrue();
        assertThat(cheap.verify("passwörd-ñ-密码-🙂", hash)).isFalse();
    }

    @Test
    void aHashOfAnotherHasherWithOtherParametersStillVerifies() {
        PasswordHash old = cheap.hash("correct horse battery staple");
        Argon2idPasswordHasher stronger = new Argon2idPasswordHasher(SALTS, 1024, 2, 1);

        assertThat(stronger.verify("correct horse battery staple", old)).isTrue();
    }

    @Test
    void weakerParametersOrAnotherAlgorithmNeedARehash() {
        Argon2idPasswordHasher configured = new Argon2idPasswordHasher(SALTS, 512, 2, 2);

        assertThat(configured.needsRehash(configured.hash("x"))).isFalse();
        assertThat(configured.needsRehash(new Argon2idPasswordHasher(SALTS, 256, 2, 2).hash("x"))).isTrue();
        assertThat(configured.needsRehash(new Argon2idPasswordHasher(SALTS, 512, 1, 2).hash("x"))).isTrue();
        assertThat(configured.needsRehash(new Argon2idPasswordHasher(SALTS, 512, 2, 1).hash("x"))).isTrue();
        assertThat(configured.needsRehash(new Argon2idPasswordHasher(SALTS, 1024, 3, 2).hash("x"))).isFalse();
        // the reference vectors: an 8-byte salt is below ours
        assertThat(cheap.needsRehash(new PasswordHash(
                "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"))).isTrue();
        assertThat(cheap.needsRehash(new PasswordHash(
                "$argon2i$v=19$m=256,t=2,p=1$c29tZXNhbHQ$iekCn0Y3spW+sCcFanM2xBT63UP2sghkUoHLIUpWRS8"))).isTrue();
        assertThat(cheap.needsRehash(new PasswordHash("$2a$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ012"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "$argon2i$v=19$m=256,t=2,p=1$c29tZXNhbHQ$iekCn0Y3spW+sCcFanM2xBT63UP2sghkUoHLIUpWRS8",
            "$argon2id$v=16$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$v=19$m=4194304,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$v=19$m=256,t=1000,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$v=19$m=256,t=2,p=0$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$v=19$m=4,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ",
            "$argon2id$v=19$t=2,m=256,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4x",
            "$bcrypt$whatever"})
    void aMalformedUnsupportedOrAbusiveHashNeverVerifies(String encoded) {
        PasswordHash hash = new PasswordHash(encoded);

        assertThat(cheap.verify("password", hash)).isFalse();
        assertThat(cheap.needsRehash(hash)).isTrue();
    }

    @Test
    void refusesParametersOutsideArgon2sRange() {
        assertThatThrownBy(() -> new Argon2idPasswordHasher(SALTS, 7, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Argon2idPasswordHasher(SALTS, 256, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Argon2idPasswordHasher(SALTS, 256, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Argon2idPasswordHasher(SALTS, 15, 1, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHashNeverPrintsItself() {
        PasswordHash hash = cheap.hash("correct horse battery staple");

        assertThat(hash.toString()).doesNotContain(hash.encoded().substring(30));
    }
}
