package dev.bulwark.ports.driven.jobs;

import dev.bulwark.domain.accounts.WorkspaceId;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A durable job queue shared by every process on one database. Enqueue joins the caller's transaction (store a
 * signal and its job, or neither). A claim is a lease: a worker that dies leaves its jobs to be claimed again once
 * the lease ends, so a job runs at least once and, with leases longer than the work, exactly once. Failures retry
 * by the {@link RetryPolicy}, then dead-letter with the last error; dead jobs can be listed and replayed.
 * Thread-safe; each call is its own transaction unless one is open.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface JobQueue {
    /** Adds a job, or returns the existing job's id when its idempotency key (per type) was used before. */
    JobId enqueue(NewJob job);

    /**
     * Claims up to {@code max} due jobs of the given types (all types when empty), oldest due first, skipping jobs
     * other workers hold; a job whose lease expired counts as due.
     *
     * <p>Jobs that share an ordering key are claimed one at a time: a job enqueued while its key has no unfinished
     * job goes first, and the others follow, each once the one before it is done or dead, in the order of their
     * {@code runAt} (when they were first due; for a signal, when it was received), then the order they were
     * enqueued. A retry therefore holds its key's later jobs back until it succeeds; once it is dead-lettered they go
     * on, and a replay puts it back in its place, after the job its key is running now. Held-back jobs cost a claim
     * nothing: they are not due.
     */
    List<ClaimedJob> claim(String worker, Set<String> types, int max, Duration lease);

    /** Marks the job done; false when this claim's lease was lost (another worker has it now). */
    boolean complete(ClaimedJob job);

    /**
     * Completes each job as {@link #complete} would, in one round of statements: joins the caller's transaction (a
     * batch's decisions and their jobs commit together). Answers how many were still held and are done now.
     */
    default int completeAll(List<ClaimedJob> jobs) {
        int done = 0;
        for (ClaimedJob job : jobs) {
            done += complete(job) ? 1 : 0;
        }
        return done;
    }

    /** Records a failure: retries later by the policy when {@code retryable} and attempts remain, else dead-letters. */
    FailOutcome fail(ClaimedJob job, String error, boolean retryable);

    /** Dead jobs, newest first; a workspace's own, or all of them when {@code workspace} is null (operators). */
    List<DeadJob> dead(@Nullable WorkspaceId workspace, int limit);

    /** Brings a dead job back with fresh attempts, due now; false when there is no such dead job (in that workspace). */
    boolean replay(@Nullable WorkspaceId workspace, JobId id);

    QueueStats stats();
}
