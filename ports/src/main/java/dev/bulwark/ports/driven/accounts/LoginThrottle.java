package dev.bulwark.ports.driven.accounts;

import dev.bulwark.domain.accounts.LoginFailure;
import dev.bulwark.domain.accounts.LoginSubject;
import java.time.Instant;
import org.apiguardian.api.API;

/**
 * Failed sign-ins per subject (an account or a source address), for lockout: the application counts the failures
 * in its window and refuses while there are too many. Shared by every process on the database, so a lockout
 * holds across a cluster. Thread-safe; each call joins the caller's transaction when one is open.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface LoginThrottle {
    void recordFailure(LoginFailure failure);

    /** How many failures the subject has at or after {@code since}. */
    int failuresSince(LoginSubject subject, Instant since);

    /** Forgets the subject's failures (after a successful sign-in). */
    void clear(LoginSubject subject);

    /** Forgets every failure before {@code cutoff} (housekeeping: older ones no longer count); returns how many. */
    int forgetBefore(Instant cutoff);
}
