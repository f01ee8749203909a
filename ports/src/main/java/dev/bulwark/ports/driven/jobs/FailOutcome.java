package dev.bulwark.ports.driven.jobs;

import java.time.Instant;
import org.apiguardian.api.API;

/** What became of a failed job. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public sealed interface FailOutcome {
    /** It runs again at {@code at} (attempt {@code nextAttempt}). */
    record RetryScheduled(Instant at, int nextAttempt) implements FailOutcome {
    }

    /** No attempts left, or the failure was not worth retrying: it waits in the dead letters for a replay. */
    record DeadLettered(int attempts) implements FailOutcome {
    }

    /** The lease had expired and the job was claimed again: this worker's result is ignored. */
    record LeaseLost() implements FailOutcome {
    }
}
