package dev.bulwark.domain.venues;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the last synchronisation of a venue account went. {@code lastSyncAt} is when the last sync attempt ended,
 * whether it succeeded (CONNECTED) or not (FAILED); while SYNCING it keeps the end of the previous attempt (null
 * before the first). {@code lastError} says why the last attempt failed, and is there exactly when FAILED: a stale
 * error beside a working account would send a user hunting for a problem that is gone.
 */
public record SyncState(Status status, @Nullable Instant lastSyncAt, @Nullable String lastError) {
    /** Long enough for a venue's error message, short enough for a list view and a column. */
    public static final int MAX_ERROR_LENGTH = 1_000;

    /** Where synchronisation stands. */
    public enum Status {
        /** Never synchronised yet. */
        NEVER,
        /** A sync is under way. */
        SYNCING,
        /** The last sync succeeded. */
        CONNECTED,
        /** The last sync failed; {@code lastError} says why. */
        FAILED
    }

    public SyncState {
        Objects.requireNonNull(status, "status");
        switch (status) {
            case NEVER -> {
                if (lastSyncAt != null || lastError != null) {
                    throw new IllegalArgumentException("an account never synchronised has no sync time and no error");
                }
            }
            case SYNCING -> {
                if (lastError != null) {
                    throw new IllegalArgumentException("a sync under way has no error yet");
                }
            }
            case CONNECTED -> {
                if (lastSyncAt == null || lastError != null) {
                    throw new IllegalArgumentException("a CONNECTED account has the time of its last sync and no error");
                }
            }
            case FAILED -> {
                if (lastSyncAt == null || lastError == null) {
                    throw new IllegalArgumentException("a FAILED sync has the time it failed and its error");
                }
                if (lastError.isBlank() || lastError.length() > MAX_ERROR_LENGTH) {
                    throw new IllegalArgumentException("a sync error is 1 to " + MAX_ERROR_LENGTH + " characters, not blank");
                }
            }
        }
    }

    /** The state of a new account. */
    public static SyncState never() {
        return new SyncState(Status.NEVER, null, null);
    }

    /** A sync has started; the time the previous one ended is kept. */
    public SyncState syncing() {
        return new SyncState(Status.SYNCING, lastSyncAt, null);
    }

    public static SyncState connected(Instant at) {
        return new SyncState(Status.CONNECTED, Objects.requireNonNull(at, "at"), null);
    }

    /** A failed sync; an error longer than {@link #MAX_ERROR_LENGTH} is cut (with an ellipsis) rather than lost. */
    public static SyncState failed(Instant at, String error) {
        Objects.requireNonNull(error, "error");
        String shown = error.isBlank() ? "unknown error" : error.strip();
        if (shown.length() > MAX_ERROR_LENGTH) {
            int cut = MAX_ERROR_LENGTH - 1;
            if (Character.isHighSurrogate(shown.charAt(cut - 1))) {
                cut--; // never split a character in two
            }
            shown = shown.substring(0, cut) + "\u2026";
        }
        return new SyncState(Status.FAILED, Objects.requireNonNull(at, "at"), shown);
    }
}
