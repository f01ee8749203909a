package dev.bulwark.domain.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoginSubjectTest {
    @Test
    void anAccountIsCountedUnderItsNormalizedEmail() {
        assertThat(LoginSubject.account("  Ann@Example.COM ").value()).isEqualTo("account:ann@example.com");
        assertThat(LoginSubject.account("Ann@Example.COM")).isEqualTo(LoginSubject.account("ann@example.com"));
        // not validated as an email: attempts on malformed names are counted too
        assertThat(LoginSubject.account("admin").value()).isEqualTo("account:admin");
    }

    @Test
    void anAddressIsCountedLowerCase() {
        assertThat(LoginSubject.address("2001:DB8::1").value()).isEqualTo("address:2001:db8::1");
        assertThat(LoginSubject.address("203.0.113.7")).hasToString("address:203.0.113.7");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "account:", "address:", "ann@example.com", "user:ann", "account:a b", "address:1.2.3.4\n", "ACCOUNT:ann"})
    void refusesAnythingButAPrefixedSubjectWithoutSpaces(String value) {
        assertThatThrownBy(() -> new LoginSubject(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesBlankOverlongAndNull() {
        assertThatThrownBy(() -> LoginSubject.account("   ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoginSubject.address("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoginSubject("account:" + "a".repeat(LoginSubject.MAX_LENGTH))).isInstanceOf(IllegalArgumentException.class);
        assertThat(new LoginSubject("account:" + "a".repeat(LoginSubject.MAX_LENGTH - 8)).value()).hasSize(LoginSubject.MAX_LENGTH);
        assertThatThrownBy(() -> new LoginSubject(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> LoginSubject.account(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> LoginSubject.address(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aFailureRefusesNulls() {
        var subject = LoginSubject.address("203.0.113.7");
        assertThat(new LoginFailure(subject, UserTest.T0).subject()).isEqualTo(subject);
        assertThatThrownBy(() -> new LoginFailure(null, UserTest.T0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new LoginFailure(subject, null)).isInstanceOf(NullPointerException.class);
    }
}
