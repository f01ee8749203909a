package dev.bulwark.domain.accounts;

import dev.bulwark.domain.secrets.SealedSecret;
import java.time.Instant;
import java.util.Objects;

/**
 * A user's TOTP enrollment: the seed, sealed by the vault; whether a first code confirmed it (only then does
 * sign-in ask for codes); and the last time step a code was accepted for, so each code works once only, even
 * within its validity window.
 */
public record TwoFactor(UserId user, SealedSecret secret, boolean confirmed, long lastUsedStep, Instant createdAt) {
    public TwoFactor {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(createdAt, "createdAt");
        if (lastUsedStep < 0) {
            throw new IllegalArgumentException("a TOTP time step is 0 (none used yet) or more");
        }
    }

    /** A fresh, unconfirmed enrollment: no step used yet. */
    public static TwoFactor enroll(UserId user, SealedSecret secret, Instant at) {
        return new TwoFactor(user, secret, false, 0, at);
    }
}
