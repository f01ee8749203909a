package dev.bulwark.ports.driving.health;

import java.time.Duration;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Whether this process can serve: the database answers and the job queue can be read.
 *
 * @param problem what is wrong when not ready (never a secret, never a connection string)
 * @param queueDepth jobs due now; {@code queueLag} how long the oldest due one has waited
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record ReadinessReport(boolean ready, boolean database, boolean jobQueue, long queueDepth, Duration queueLag,
                              long deadJobs, @Nullable String problem) {
    public ReadinessReport {
        Objects.requireNonNull(queueLag, "queueLag");
    }
}
