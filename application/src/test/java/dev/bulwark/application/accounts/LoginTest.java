package dev.bulwark.application.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.accounts.LoginSubject;
import dev.bulwark.domain.accounts.Session;
import dev.bulwark.domain.accounts.User;
import dev.bulwark.domain.audit.AuditEntry;
import dev.bulwark.ports.driving.accounts.AccountCommands.Login;
import dev.bulwark.ports.driving.accounts.AccountViews.SignIn;
import dev.bulwark.ports.errors.Invalid;
import dev.bulwark.ports.errors.RateLimited;
import dev.bulwark.ports.errors.Unauthorized;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class LoginTest {
    private final World world = new World();
    private final User ann = world.register("ann@example.com");

    private SignIn login(String email, String password) {
        return login(email, password, World.IP);
    }

    private SignIn login(String email, String password, String ip) {
        return world.accounts.login(new Login(email, password, null, ip, "test-agent"));
    }

    private void failTimes(int n, String email, String ip) {
        for (int i = 0; i < n; i++) {
            assertThatThrownBy(() -> login(email, "wrong-password-123", ip)).isInstanceOf(Unauthorized.class);
        }
    }

    @Test
    void theRightPasswordOpensASessionWithAnOpaqueTokenKeptOnlyAsItsHash() {
        SignIn.SignedIn signedIn = (SignIn.SignedIn) login("ann@example.com", World.PASSWORD);

        assertThat(signedIn.token()).startsWith("bws_");
        assertThat(Base64.getUrlDecoder().decode(signedIn.token().substring(4))).hasSize(32);
        Session session = world.sessions.all.get(signedIn.session());
        assertThat(session.tokenHash()).isEqualTo(Tokens.sha256Hex(signedIn.token()));
        assertThat(session.tokenHash()).doesNotContain(signedIn.token());
        assertThat(session.expiresAt()).isEqualTo(world.clock.now().plus(Duration.ofHours(24)));
        assertThat(session.workspace()).isEqualTo(ann.personalWorkspace());
        assertThat(session.ip()).isEqualTo(World.IP);
        assertThat(signedIn.user()).isEqualTo(ann.id());
        assertThat(signedIn.expiresAt()).isEqualTo(session.expiresAt());
        assertThat(signedIn.revoked()).isEmpty();
        assertThat(signedIn.toString()).doesNotContain(signedIn.token());
    }

    @Test
    void aSuccessIsAuditedWithTheAddressAndNoSecret() {
        SignIn.SignedIn signedIn = (SignIn.SignedIn) login("ann@example.com", World.PASSWORD);

        AuditEntry entry = world.audit.entries.getLast();
        assertThat(entry.action()).isEqualTo("login.success");
        assertThat(entry.ip()).isEqualTo(World.IP);
        assertThat(entry.actor()).isEqualTo("user:" + ann.id());
        assertThat(entry.toString()).doesNotContain(World.PASSWORD, signedIn.token());
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailGetTheSameAnswer() {
        Throwable wrongPassword = org.assertj.core.api.Assertions.catchThrowable(() -> login("ann@example.com", "wrong-password-123"));
        Throwable unknownEmail = org.assertj.core.api.Assertions.catchThrowable(() -> login("nobody@example.com", World.PASSWORD));

        assertThat(wrongPassword).isInstanceOf(Unauthorized.class);
        assertThat(unknownEmail).isInstanceOf(Unauthorized.class).hasMessage(wrongPassword.getMessage());
        assertThat(wrongPassword.getMessage()).doesNotContain("wrong-password-123");
    }

    @Test
    void anUnknownEmailStillPaysOnePasswordVerification() {
        int before = world.hasher.verifies;

        assertThatThrownBy(() -> login("nobody@example.com", World.PASSWORD)).isInstanceOf(Unauthorized.class);

        assertThat(world.hasher.verifies).isEqualTo(before + 1);
    }

    @Test
    void aFailureCountsAgainstTheAccountAndTheAddressAndIsAuditedWithoutThePassword() {
        failTimes(1, "Ann@Example.com", World.IP);

        assertThat(world.throttle.count(LoginSubject.account("ann@example.com"))).isEqualTo(1);
        assertThat(world.throttle.count(LoginSubject.address(World.IP))).isEqualTo(1);
        AuditEntry entry = world.audit.entries.getLast();
        assertThat(entry.action()).isEqualTo("login.failure");
        assertThat(entry.details()).containsEntry("reason", "password");
        assertThat(entry.toString()).doesNotContain("wrong-password-123");
    }

    @Test
    void fiveFailuresLockTheAccountEvenForTheRightPassword() {
        failTimes(5, "ann@example.com", World.IP);

        assertThatThrownBy(() -> login("ann@example.com", World.PASSWORD, "198.51.100.1"))
                .isInstanceOfSatisfying(RateLimited.class, e -> {
                    assertThat(e.limit()).isEqualTo("login-attempts");
                    assertThat(e.getMessage()).isEqualTo("too many failed sign-ins");
                    assertThat(e.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(15).plusSeconds(1));
                });
    }

    @Test
    void fourFailuresDoNotLock() {
        failTimes(4, "ann@example.com", World.IP);

        assertThat(login("ann@example.com", World.PASSWORD)).isInstanceOf(SignIn.SignedIn.class);
    }

    @Test
    void aLockedUnknownEmailGetsTheSameAnswerAsALockedAccount() {
        failTimes(5, "nobody@example.com", "198.51.100.1");
        failTimes(5, "ann@example.com", "198.51.100.2");

        RateLimited unknown = org.assertj.core.api.Assertions.catchThrowableOfType(RateLimited.class,
                () -> login("nobody@example.com", World.PASSWORD, "198.51.100.3"));
        RateLimited known = org.assertj.core.api.Assertions.catchThrowableOfType(RateLimited.class,
                () -> login("ann@example.com", World.PASSWORD, "198.51.100.4"));

        assertThat(unknown).hasMessage(known.getMessage());
        assertThat(unknown.limit()).isEqualTo(known.limit());
    }

    @Test
    void theLockEndsWhenTheOldestCountedFailureLeavesTheWindow() {
        for (int i = 0; i < 5; i++) {
            failTimes(1, "ann@example.com", "198.51.100." + (i + 1));
            world.clock.advance(Duration.ofMinutes(1));
        }
        // failures at 0, 1, 2, 3, 4 minutes; now is 5 minutes: the first leaves the window at 15 minutes
        RateLimited locked = org.assertj.core.api.Assertions.catchThrowableOfType(RateLimited.class,
                () -> login("ann@example.com", World.PASSWORD));
        assertThat(locked.retryAfter()).isBetween(Duration.ofMinutes(10), Duration.ofMinutes(10).plusSeconds(1));

        world.clock.advance(locked.retryAfter().minusSeconds(2));
        assertThatThrownBy(() -> login("ann@example.com", World.PASSWORD)).isInstanceOf(RateLimited.class);

        world.clock.advance(Duration.ofSeconds(2));
        assertThat(login("ann@example.com", World.PASSWORD)).isInstanceOf(SignIn.SignedIn.class);
    }

    @Test
    void aRefusedAttemptIsNotCountedSoTheLockEndsOnItsOwn() {
        failTimes(5, "ann@example.com", World.IP);
        long counted = world.throttle.failures.size();

        assertThatThrownBy(() -> login("ann@example.com", "wrong-password-123")).isInstanceOf(RateLimited.class);

        assertThat(world.throttle.failures).hasSize((int) counted);
    }

    @Test
    void fiveFailuresFromOneAddressLockThatAddressForEveryAccount() {
        world.register("bob@example.com");
        for (int i = 0; i < 5; i++) {
            failTimes(1, "guess" + i + "@example.com", World.IP);
        }

        assertThatThrownBy(() -> login("bob@example.com", World.PASSWORD, World.IP)).isInstanceOf(RateLimited.class);
        assertThat(login("bob@example.com", World.PASSWORD, "198.51.100.9")).isInstanceOf(SignIn.SignedIn.class);
    }

    @Test
    void successForgetsTheAccountsFailuresButNotTheAddresss() {
        failTimes(3, "ann@example.com", World.IP);

        login("ann@example.com", World.PASSWORD);

        assertThat(world.throttle.count(LoginSubject.account("ann@example.com"))).isZero();
        assertThat(world.throttle.count(LoginSubject.address(World.IP))).isEqualTo(3);
    }

    @Test
    void aHashMadeWithWeakerParametersIsReplacedOnSignIn() {
        world.hasher.version = 2;

        login("ann@example.com", World.PASSWORD);

        User after = world.users.find(ann.id()).orElseThrow();
        assertThat(after.passwordHash()).isNotEqualTo(ann.passwordHash());
        assertThat(world.hasher.needsRehash(after.passwordHash())).isFalse();
        assertThat(world.hasher.verify(World.PASSWORD, after.passwordHash())).isTrue();
    }

    @Test
    void aCurrentHashIsLeftAlone() {
        login("ann@example.com", World.PASSWORD);

        assertThat(world.users.find(ann.id()).orElseThrow().passwordHash()).isEqualTo(ann.passwordHash());
    }

    @Test
    void missingFieldsAreInvalidAndNotCounted() {
        assertThatThrownBy(() -> world.accounts.login(new Login(null, null, null, null, null)))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.fieldErrors())
                        .extracting(Invalid.FieldError::field).containsExactlyInAnyOrder("email", "password"));
        assertThatThrownBy(() -> world.accounts.login(null)).isInstanceOf(Invalid.class);
        assertThat(world.throttle.failures).isEmpty();
    }

    @Test
    void anEmailThatCannotBeASubjectIsInvalid() {
        assertThatThrownBy(() -> login("ann smith@example.com", World.PASSWORD))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.fieldErrors())
                        .extracting(Invalid.FieldError::field).containsExactly("email"));
    }

    @Test
    void withoutAnAddressOnlyTheAccountIsCountedAndSignInStillWorks() {
        assertThatThrownBy(() -> world.accounts.login(new Login("ann@example.com", "wrong-password-123", null, null, null)))
                .isInstanceOf(Unauthorized.class);
        assertThat(world.throttle.failures).extracting(f -> f.subject().value()).containsExactly("account:ann@example.com");

        SignIn result = world.accounts.login(new Login("ann@example.com", World.PASSWORD, null, null, null));

        assertThat(world.sessions.all.get(((SignIn.SignedIn) result).session()).ip()).isNull();
    }
}
