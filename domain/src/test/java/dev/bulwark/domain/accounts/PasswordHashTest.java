package dev.bulwark.domain.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHashTest {
    static final String ARGON2 = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG";

    @ParameterizedTest
    @ValueSource(strings = {ARGON2, "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW", "$scrypt$ln=16,r=8,p=1$aM15713r3Xsvxbi31lqr1Q$nFNh2CVHVjNldFVKDHDlm4CbdRSCdEBsjjJxD+iCs5E"})
    void acceptsEncodedPhcStrings(String encoded) {
        assertThat(new PasswordHash(encoded).encoded()).isEqualTo(encoded);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "hunter2", "$argon2id", "$argon2id$", "$ARGON2$x", "argon2id$v=19$abc", "$argon2id$v=19 $abc",
            "$argon2id$v=19$a\nb", "$argon2id$$abc"})
    void refusesWhatIsNotAPhcStringWithoutEchoingIt(String encoded) {
        assertThatThrownBy(() -> new PasswordHash(encoded)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PHC")
                .satisfies(e -> {
                    if (!encoded.isEmpty()) {
                        assertThat(e.getMessage()).doesNotContain(encoded);
                    }
                });
    }

    @Test
    void refusesNullAndOverlongHashes() {
        assertThatThrownBy(() -> new PasswordHash(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new PasswordHash("$argon2id$" + "a".repeat(PasswordHash.MAX_LENGTH)))
                .isInstanceOf(IllegalArgumentException.class);
        String longest = "$argon2id$" + "a".repeat(PasswordHash.MAX_LENGTH - 10);
        assertThat(new PasswordHash(longest).encoded()).hasSize(PasswordHash.MAX_LENGTH);
    }

    @Test
    void namesItsAlgorithmAndNeverPrintsTheHash() {
        var hash = new PasswordHash(ARGON2);
        assertThat(hash.algorithm()).isEqualTo("argon2id");
        assertThat(hash.toString()).doesNotContain("c29tZXNhbHQ").doesNotContain("argon2id").isEqualTo("PasswordHash[****]");
    }
}
