package dev.bulwark.ports.driven.accounts;

import dev.bulwark.domain.accounts.BackupCode;
import dev.bulwark.domain.accounts.TwoFactor;
import dev.bulwark.domain.accounts.UserId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * TOTP enrollments (one per user, seed sealed) and backup codes. The once-only guarantees, that a time step and
 * a backup code are each accepted once, are atomic in the store: of any number of concurrent callers presenting
 * the same code, exactly one gets {@code true}. Scoped by user. Thread-safe; each call joins the caller's
 * transaction when one is open.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface TwoFactorSecrets {
    /**
     * Stores the user's enrollment, replacing any earlier one whole (re-enrolling starts unconfirmed again).
     * {@link dev.bulwark.ports.errors.NotFound} when the user does not exist.
     */
    void save(TwoFactor enrollment);

    Optional<TwoFactor> find(UserId user);

    /** Marks the enrollment confirmed; false when there is none or it was confirmed already. */
    boolean confirm(UserId user);

    /** Removes the enrollment and the backup codes (two-factor off); false when there was no enrollment. */
    boolean remove(UserId user);

    /**
     * Accepts a TOTP time step once: moves {@code lastUsedStep} to {@code step} only when {@code step} is greater,
     * in one conditional update. False when the step (or a later one) was used, or there is no enrollment.
     */
    boolean acceptStep(UserId user, long step);

    /**
     * Replaces the user's backup codes with fresh, unused ones, in one transaction (old codes stop working).
     *
     * @throws IllegalArgumentException when a hash is not hex SHA-256 or appears twice
     */
    void replaceBackupCodes(UserId user, Collection<String> codeHashes);

    /** The user's backup codes, used and unused, in no particular order. */
    List<BackupCode> backupCodes(UserId user);

    /** Spends a backup code once; false when it is unknown, another user's, or used already. */
    boolean useBackupCode(UserId user, String codeHash, Instant at);
}
