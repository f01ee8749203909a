package dev.bulwark.host.embedded.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.ports.errors.Invalid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CommandValidatorTest {
    record SampleCommand(@NotBlank String name, @DecimalMin(value = "0", inclusive = false) BigDecimal amount,
                         @Size(min = 12) String password) {
    }

    private final CommandValidator validator = new CommandValidator();

    @AfterEach
    void close() {
        validator.close();
    }

    @Test
    void aValidCommandPassesUnchanged() {
        var command = new SampleCommand("bot", BigDecimal.TEN, "correct horse battery");
        assertThat(validator.validate(command)).isSameAs(command);
    }

    @Test
    void reportsEveryFieldErrorAtOnceSortedByField() {
        var command = new SampleCommand(" ", new BigDecimal("-1"), "short");

        assertThatThrownBy(() -> validator.validate(command))
                .isInstanceOfSatisfying(Invalid.class, invalid -> {
                    assertThat(invalid.code()).isEqualTo("invalid");
                    assertThat(invalid.getMessage()).isEqualTo("3 fields are invalid");
                    assertThat(invalid.fieldErrors()).extracting(Invalid.FieldError::field)
                            .containsExactly("amount", "name", "password");
                });
    }

    @Test
    void neverEchoesTheRejectedValueWhichMayBeASecret() {
        var command = new SampleCommand("bot", BigDecimal.ONE, "hunter2");
        assertThatThrownBy(() -> validator.validate(command))
                .isInstanceOfSatisfying(Invalid.class, invalid -> {
                    assertThat(invalid.getMessage()).doesNotContain("hunter2");
                    assertThat(invalid.fieldErrors()).allSatisfy(e -> assertThat(e.message()).doesNotContain("hunter2"));
                });
    }
}
