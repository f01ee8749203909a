package dev.bulwark.domain.secrets;

import java.util.Objects;

/**
 * A secret sealed by the vault (an exchange API secret, a webhook secret, a TOTP seed): an opaque envelope that
 * only the vault can open, bound to its owner and subject. Never printable: {@link #toString()} hides it, so a
 * log line or an exception message cannot carry it by accident.
 */
public record SealedSecret(String envelope) {
    private static final int MAX_LENGTH = 4_000;

    public SealedSecret {
        Objects.requireNonNull(envelope, "envelope");
        if (envelope.isBlank() || envelope.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a sealed secret is 1 to " + MAX_LENGTH + " characters");
        }
    }

    @Override
    public String toString() {
        return "SealedSecret[****]";
    }
}
