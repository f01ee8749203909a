package dev.bulwark.host.embedded.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NbvcxzPasswordStrengthTest {
    private static final NbvcxzPasswordStrength STRENGTH = new NbvcxzPasswordStrength();

    @ParameterizedTest
    @ValueSource(strings = {"password12345", "123456789012", "qwertyuiop123", "aaaaaaaaaaaaaaaa", "iloveyou2024!",
            // xkcd's example is long but famous: it is in the leaked-password lists
            "correct horse battery staple", "correcthorsebatterystaple"})
    void commonPasswordsAndPatternsAreWeakAndTheReasonDoesNotQuoteThem(String password) {
        Optional<String> weakness = STRENGTH.weakness(password, List.of());

        assertThat(weakness).isPresent();
        assertThat(weakness.get()).isNotBlank().doesNotContain(password);
    }

    @ParameterizedTest
    @ValueSource(strings = {"marmalade ostrich telescope", "tangerine-oxygen-violin-73", "Vq8#mZ2!pL9@xR4t"})
    void longUncommonPassphrasesAndRandomStringsAreStrongEnough(String password) {
        assertThat(STRENGTH.weakness(password, List.of())).isEmpty();
    }

    @Test
    void aFamousPassphraseGetsTheEstimatorsReason() {
        assertThat(STRENGTH.weakness("correct horse battery staple", List.of()))
                .hasValue("Too easy to guess. This is a very common password. Add another word or two. Uncommon words are better.");
    }

    @Test
    void theUsersOwnInputsCountAgainstThePassword() {
        String password = "zanzibarquokka2019";

        assertThat(STRENGTH.weakness(password, List.of())).isEmpty();
        Optional<String> withInputs = STRENGTH.weakness(password,
                List.of("zanzibarquokka2019@example.com", "zanzibarquokka2019", "example"));
        assertThat(withInputs).isPresent();
        assertThat(withInputs.get()).doesNotContain(password);
    }

    @Test
    void blankInputsAreIgnored() {
        assertThat(STRENGTH.weakness("marmalade ostrich telescope", java.util.Arrays.asList("", "  "))).isEmpty();
    }
}
