package dev.bulwark.adapters.persistence.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.adapters.persistence.testing.StoreContract;
import dev.bulwark.domain.accounts.LoginFailure;
import dev.bulwark.domain.accounts.LoginSubject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

abstract class LoginThrottleContract extends StoreContract {
    static final Duration WINDOW = Duration.ofMinutes(15);

    private JooqLoginThrottle throttle() {
        return new JooqLoginThrottle(database.db());
    }

    private static LoginSubject newAccount() {
        return LoginSubject.account("user-" + UUID.randomUUID() + "@example.com");
    }

    private void fail(LoginSubject subject, Instant at) {
        throttle().recordFailure(new LoginFailure(subject, at));
    }

    @Test
    void failuresAreCountedAtOrAfterTheWindowsStart() {
        LoginSubject subject = newAccount();
        fail(subject, T0.minus(WINDOW).minusNanos(1000));
        fail(subject, T0.minus(WINDOW));
        fail(subject, T0);
        fail(subject, T0); // two at one instant are two failures

        assertThat(throttle().failuresSince(subject, T0.minus(WINDOW))).isEqualTo(3);
        assertThat(throttle().failuresSince(subject, T0.minus(WINDOW.multipliedBy(2)))).isEqualTo(4);
        assertThat(throttle().failuresSince(subject, T0.plusNanos(1000))).isZero();
    }

    @Test
    void anUnknownSubjectHasNoFailures() {
        assertThat(throttle().failuresSince(newAccount(), Instant.EPOCH)).isZero();
    }

    @Test
    void clearingForgetsOnlyThatSubject() {
        LoginSubject account = newAccount();
        LoginSubject address = LoginSubject.address("2001:db8::" + Long.toHexString(UUID.randomUUID().getLeastSignificantBits() & 0xffff));
        int addressBefore = throttle().failuresSince(address, Instant.EPOCH); // another test may have drawn the same
        fail(account, T0);
        fail(address, T0);

        throttle().clear(account);

        assertThat(throttle().failuresSince(account, Instant.EPOCH)).isZero();
        assertThat(throttle().failuresSince(address, Instant.EPOCH)).isEqualTo(addressBefore + 1);
    }

    @Test
    void forgettingDeletesOnlyFailuresBeforeTheCutoff() {
        LoginSubject subject = newAccount();
        Instant longAgo = T0.minus(Duration.ofDays(30));
        fail(subject, longAgo);
        fail(subject, longAgo.plusSeconds(1));
        fail(subject, T0);

        assertThat(throttle().forgetBefore(longAgo.plusSeconds(1))).isGreaterThanOrEqualTo(1);

        assertThat(throttle().failuresSince(subject, Instant.EPOCH)).isEqualTo(2);
    }

    @Test
    void concurrentFailuresAreAllCounted() throws InterruptedException {
        LoginSubject subject = newAccount();

        AccountFixtures.race(8, () -> {
            fail(subject, T0);
            return null;
        });

        assertThat(throttle().failuresSince(subject, T0)).isEqualTo(8);
    }

    @Test
    void subjectsNeverCountForEachOther() {
        String email = "shared-" + UUID.randomUUID() + "@example.com";
        LoginSubject account = LoginSubject.account(email);
        LoginSubject otherAccount = LoginSubject.account("x" + email);
        LoginSubject address = new LoginSubject("address:" + email); // same tail, other kind
        for (int i = 0; i < 5; i++) {
            fail(account, T0.plusSeconds(i));
        }
        fail(otherAccount, T0);

        assertThat(throttle().failuresSince(account, T0)).isEqualTo(5);
        assertThat(throttle().failuresSince(LoginSubject.account(email.toUpperCase(java.util.Locale.ROOT)), T0)).isEqualTo(5);
        assertThat(throttle().failuresSince(otherAccount, T0)).isEqualTo(1);
        assertThat(throttle().failuresSince(address, T0)).isZero();
        throttle().clear(otherAccount);
        throttle().clear(address);
        assertThat(throttle().failuresSince(account, T0)).isEqualTo(5);
    }
}
