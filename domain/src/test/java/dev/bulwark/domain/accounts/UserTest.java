package dev.bulwark.domain.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserTest {
    static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
    static final PasswordHash HASH = new PasswordHash(PasswordHashTest.ARGON2);
    static final UserId ID = new UserId(UUID.fromString("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"));
    static final WorkspaceId WS = new WorkspaceId(UUID.fromString("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c"));

    static User user(String email) {
        return new User(ID, email, HASH, WS, T0, T0);
    }

    @Test
    void emailIsTrimmedAndLowerCased() {
        assertThat(user("  Ann.Lee+Desk@Example.COM \t").email()).isEqualTo("ann.lee+desk@example.com");
        assertThat(User.normalizeEmail("BOB@EXAMPLE.ORG")).isEqualTo("bob@example.org");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "ann", "ann@", "@example.com", "ann@example", "ann@@example.com", "ann@exa@mple.com",
            "an n@example.com", "ann@example..com", "ann@.example.com", "ann@example.com.", "ann\u0000@example.com"})
    void refusesWhatIsNotTheShapeOfAnAddress(String email) {
        assertThatThrownBy(() -> user(email)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("email");
    }

    @Test
    void refusesAddressesLongerThan254OrLocalPartsLongerThan64() {
        assertThat(user("a".repeat(64) + "@example.com").email()).startsWith("a".repeat(64));
        assertThatThrownBy(() -> user("a".repeat(65) + "@example.com")).isInstanceOf(IllegalArgumentException.class);
        String exactly254 = "a".repeat(64) + "@" + "b".repeat(185) + ".com";
        assertThat(exactly254).hasSize(254);
        assertThat(user(exactly254).email()).hasSize(254);
        assertThatThrownBy(() -> user("a".repeat(64) + "@" + "b".repeat(186) + ".com")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesNulls() {
        assertThatThrownBy(() -> new User(null, "a@b.co", HASH, WS, T0, T0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new User(ID, null, HASH, WS, T0, T0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new User(ID, "a@b.co", null, WS, T0, T0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new User(ID, "a@b.co", HASH, null, T0, T0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new User(ID, "a@b.co", HASH, WS, null, T0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new User(ID, "a@b.co", HASH, WS, T0, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new UserId(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new SessionId(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void isUpdatedAtOrAfterItsCreation() {
        assertThatThrownBy(() -> new User(ID, "a@b.co", HASH, WS, T0, T0.minusNanos(1000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("updated");
    }

    @Test
    void aNewPasswordHashMovesUpdatedAt() {
        var other = new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$b3RoZXJzYWx0$AAAAAAAAAAAAAAAAAAAAAA");
        User changed = user("a@b.co").withPasswordHash(other, T0.plusSeconds(5));
        assertThat(changed.passwordHash()).isEqualTo(other);
        assertThat(changed.updatedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(changed.createdAt()).isEqualTo(T0);
    }

    @Test
    void printsNoPasswordHash() {
        assertThat(user("a@b.co").toString()).doesNotContain("c29tZXNhbHQ");
    }
}
