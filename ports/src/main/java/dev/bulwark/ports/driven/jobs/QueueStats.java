package dev.bulwark.ports.driven.jobs;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * The queue at a glance: jobs due now, scheduled for later (for their time, or for their turn behind an earlier job
 * of their ordering key), held by workers, dead; and the lag, how long the oldest due job has been waiting (zero
 * when none is).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record QueueStats(long due, long scheduled, long running, long dead, Duration lag) {
}
