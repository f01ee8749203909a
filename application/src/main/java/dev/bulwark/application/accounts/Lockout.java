package dev.bulwark.application.accounts;

import static dev.bulwark.application.accounts.AccountPolicy.FAILURE_WINDOW;
import static dev.bulwark.application.accounts.AccountPolicy.MAX_FAILURES;

import dev.bulwark.domain.accounts.LoginFailure;
import dev.bulwark.domain.accounts.LoginSubject;
import dev.bulwark.ports.driven.accounts.LoginThrottle;
import dev.bulwark.ports.errors.RateLimited;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;

/**
 * Lockout by counting failed sign-ins per subject in a sliding window: {@value AccountPolicy#MAX_FAILURES} failures
 * within the window lock the subject until the oldest of them leaves it. A refused attempt is not itself counted,
 * so a lock ends on its own; the answer is the same whether the account exists.
 */
final class Lockout {
    static final String LIMIT = "login-attempts";
    static final String MESSAGE = "too many failed sign-ins";

    private final LoginThrottle throttle;

    Lockout(LoginThrottle throttle) {
        this.throttle = Objects.requireNonNull(throttle, "throttle");
    }

    /** Refuses with {@link RateLimited} when any subject is locked, saying when the longest lock ends. */
    void refuseIfLocked(Collection<LoginSubject> subjects, Instant now) {
        Duration longest = Duration.ZERO;
        for (LoginSubject subject : subjects) {
            Duration wait = lockedFor(subject, now);
            if (wait.compareTo(longest) > 0) {
                longest = wait;
            }
        }
        if (!longest.isZero()) {
            throw new RateLimited(MESSAGE, LIMIT, longest);
        }
    }

    void recordFailure(Collection<LoginSubject> subjects, Instant now) {
        for (LoginSubject subject : subjects) {
            throttle.recordFailure(new LoginFailure(subject, now));
        }
    }

    void clear(LoginSubject subject) {
        throttle.clear(subject);
    }

    /**
     * How long the subject stays locked: zero when it has fewer than the maximum failures in the window. The port
     * counts but does not list failures, so the time of the failure whose ageing frees the window (the
     * {@value AccountPolicy#MAX_FAILURES}th newest) is found by bisecting the count to the second: about ten reads,
     * only while a lock holds. The answer is rounded up, never early.
     */
    private Duration lockedFor(LoginSubject subject, Instant now) {
        Instant windowStart = now.minus(FAILURE_WINDOW);
        if (throttle.failuresSince(subject, windowStart) < MAX_FAILURES) {
            return Duration.ZERO;
        }
        long lo = 0; // seconds after windowStart where the count is still at the maximum
        long hi = FAILURE_WINDOW.toSeconds() + 1; // where it is known to be below (nothing is counted after now)
        while (hi - lo > 1) {
            long mid = (lo + hi) >>> 1;
            if (throttle.failuresSince(subject, windowStart.plusSeconds(mid)) >= MAX_FAILURES) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        // the failure that frees the window happened in [windowStart + lo, windowStart + hi)
        Instant freedAt = windowStart.plusSeconds(hi).plus(FAILURE_WINDOW);
        Duration wait = Duration.between(now, freedAt);
        return wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait;
    }
}
