package dev.bulwark.domain.signals;

/**
 * Where a signal stands. RECEIVED is where every new signal starts (stored, its job queued); DUPLICATE is decided
 * when it is recorded and only then. A final status never changes again.
 *
 * <p>FAILED and DEAD are not final: a failed attempt is retried, and a dead-lettered signal can be replayed, which
 * moves it back to RECEIVED or PROCESSING.
 */
public enum SignalStatus {
    /** Stored and queued for processing. */
    RECEIVED(false),
    /** The same order id or body was seen within its window: answered with the first signal's id, not processed. */
    DUPLICATE(true),
    /** Nothing to do: the bot is paused or stopped, or the signal asks for nothing this bot does. */
    IGNORED(true),
    /** A worker is turning it into orders. */
    PROCESSING(false),
    /** Its orders were placed (or it needed none). */
    COMPLETED(true),
    /** Refused: the risk engine said no, or the signal could not be understood. A decision, never retried. */
    REJECTED(true),
    /** An attempt failed for a reason that may pass (a venue down, a timeout); it will be tried again. */
    FAILED(false),
    /** Every attempt failed: it waits in the dead letters for a replay. */
    DEAD(false);

    private final boolean isFinal;

    SignalStatus(boolean isFinal) {
        this.isFinal = isFinal;
    }

    /** Whether nothing more will happen to the signal. */
    public boolean isFinal() {
        return isFinal;
    }

    /**
     * Whether a signal in this status may be moved to {@code target}: never out of a final status, never into
     * DUPLICATE (decided when the signal is recorded). Staying put is a move too (a retry records a new reason).
     */
    public boolean canMoveTo(SignalStatus target) {
        return !isFinal && target != DUPLICATE;
    }
}
