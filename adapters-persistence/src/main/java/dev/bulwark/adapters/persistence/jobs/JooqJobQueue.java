package dev.bulwark.adapters.persistence.jobs;

import static dev.bulwark.adapters.persistence.jooq.Tables.JOBS;

import dev.bulwark.adapters.persistence.Db;
import dev.bulwark.adapters.persistence.jooq.tables.Jobs;
import dev.bulwark.adapters.persistence.jooq.tables.records.JobsRecord;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.ports.driven.jobs.ClaimedJob;
import dev.bulwark.ports.driven.jobs.DeadJob;
import dev.bulwark.ports.driven.jobs.FailOutcome;
import dev.bulwark.ports.driven.jobs.JobId;
import dev.bulwark.ports.driven.jobs.JobQueue;
import dev.bulwark.ports.driven.jobs.NewJob;
import dev.bulwark.ports.driven.jobs.QueueStats;
import dev.bulwark.ports.driven.jobs.RetryPolicy;
import dev.bulwark.ports.driven.system.IdGenerator;
import dev.bulwark.ports.driven.system.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * The job queue in SQL, shared by every process on the database.
 *
 * <p>A claim runs in one transaction: select the oldest due jobs {@code FOR UPDATE SKIP LOCKED} (workers never
 * wait for each other's rows), then lease them by one update that also moves {@code run_at} to the lease's end:
 * a RUNNING job whose worker died is due again exactly when its lease ends, with no separate sweep. Each claim has
 * its own lease token, so a worker that lost its lease cannot complete or fail the job another worker now holds.
 * A job with an ordering key is chosen only when it is first of its key (see {@link JobQueue#claim}): one probe of
 * an index that holds only unfinished keyed jobs. A key whose first job is held makes the claim look past its later
 * jobs, so many due jobs of a few keys cost a claim more than many keys with few jobs each (webhook bots are the
 * latter: a bot's rate limit keeps its backlog short).
 *
 * <p>Time comes from the {@link TimeSource} of this process, not the database's clock: processes sharing a queue
 * need synchronized clocks (NTP), which leases of seconds to minutes tolerate.
 */
public final class JooqJobQueue implements JobQueue {
    private static final String READY = "READY";
    private static final String RUNNING = "RUNNING";
    private static final String DONE = "DONE";
    private static final String DEAD = "DEAD";
    private static final int MAX_ERROR = 2_000;
    private static final int MAX_WORKER = 100;
    /**
     * Jobs still to finish. The statuses are inlined, not bound, so that PostgreSQL can match the partial indexes'
     * own {@code status IN ('READY', 'RUNNING')} in a cached, generic plan too.
     */
    private static final Condition UNFINISHED = JOBS.STATUS.in(DSL.inline(READY), DSL.inline(RUNNING));

    private final Db db;
    private final TimeSource time;
    private final IdGenerator ids;
    private final RetryPolicy policy;

    public JooqJobQueue(Db db, TimeSource time, IdGenerator ids, RetryPolicy policy) {
        this.db = Objects.requireNonNull(db, "db");
        this.time = Objects.requireNonNull(time, "time");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    @Override
    public JobId enqueue(NewJob job) {
        OffsetDateTime now = utc(time.now());
        UUID id = ids.newId();
        // ON CONFLICT DO NOTHING rather than catching a unique violation: on PostgreSQL a failed statement would
        // abort the caller's transaction, and enqueue must be able to join one.
        int inserted = db.ctx().insertInto(JOBS)
                .set(JOBS.ID, id)
                .set(JOBS.TYPE, job.type())
                .set(JOBS.WORKSPACE_ID, job.workspace() == null ? null : job.workspace().value())
                .set(JOBS.PAYLOAD, job.payload())
                .set(JOBS.STATUS, READY)
                .set(JOBS.ATTEMPTS, 0)
                .set(JOBS.RUN_AT, job.runAt() == null ? now : utc(job.runAt()))
                .set(JOBS.IDEMPOTENCY_KEY, job.idempotencyKey())
                .set(JOBS.ORDERING_KEY, job.orderingKey())
                .set(JOBS.CREATED_AT, now)
                .set(JOBS.UPDATED_AT, now)
                .onConflict(JOBS.TYPE, JOBS.IDEMPOTENCY_KEY).doNothing()
                .execute();
        if (inserted == 1 || job.idempotencyKey() == null) {
            return new JobId(id);
        }
        UUID existing = db.ctx().select(JOBS.ID).from(JOBS)
                .where(JOBS.TYPE.eq(job.type()).and(JOBS.IDEMPOTENCY_KEY.eq(job.idempotencyKey())))
                .fetchOne(JOBS.ID);
        return new JobId(Objects.requireNonNull(existing, "a job that conflicted on its idempotency key exists"));
    }

    /**
     * Enqueues every job of {@code jobs} in one multi-row INSERT, each exactly as {@link #enqueue} would (a job whose
     * idempotency key is taken already is not added again); for a caller that writes a batch in its own transaction
     * (the signal intake), where one statement instead of one per job is what makes grouping pay. The jobs take their
     * places in their keys' order as listed.
     */
    public void enqueueAll(List<NewJob> jobs) {
        if (jobs.isEmpty()) {
            return;
        }
        OffsetDateTime now = utc(time.now());
        var insert = db.ctx().insertInto(JOBS, JOBS.ID, JOBS.TYPE, JOBS.WORKSPACE_ID, JOBS.PAYLOAD, JOBS.STATUS,
                JOBS.ATTEMPTS, JOBS.RUN_AT, JOBS.IDEMPOTENCY_KEY, JOBS.ORDERING_KEY, JOBS.CREATED_AT, JOBS.UPDATED_AT);
        for (NewJob job : jobs) {
            insert = insert.values(ids.newId(), job.type(), job.workspace() == null ? null : job.workspace().value(),
                    job.payload(), READY, 0, job.runAt() == null ? now : utc(job.runAt()), job.idempotencyKey(),
                    job.orderingKey(), now, now);
        }
        insert.onConflict(JOBS.TYPE, JOBS.IDEMPOTENCY_KEY).doNothing().execute();
    }

    @Override
    public List<ClaimedJob> claim(String worker, Set<String> types, int max, Duration lease) {
        if (worker.isBlank() || worker.length() > MAX_WORKER) {
            throw new IllegalArgumentException("a worker name is 1 to " + MAX_WORKER + " characters");
        }
        if (max < 1) {
            throw new IllegalArgumentException("claim at least one job");
        }
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("a lease is positive");
        }
        return db.inTransaction(() -> {
            DSLContext ctx = db.ctx();
            OffsetDateTime now = utc(time.now());
            Condition due = UNFINISHED.and(JOBS.RUN_AT.le(now));
            if (!types.isEmpty()) {
                due = due.and(JOBS.TYPE.in(types));
            }
            List<UUID> chosen = ctx.select(JOBS.ID).from(JOBS)
                    .where(due.and(firstOfItsKey(now)))
                    .orderBy(JOBS.RUN_AT, JOBS.ID)
                    .limit(max)
                    .forUpdate().skipLocked()
                    .fetch(JOBS.ID);
            if (chosen.isEmpty()) {
                return List.of();
            }
            UUID token = ids.newId();
            OffsetDateTime leaseEnd = now.plus(lease);
            ctx.update(JOBS)
                    .set(JOBS.STATUS, RUNNING)
                    .set(JOBS.ATTEMPTS, JOBS.ATTEMPTS.plus(1))
                    .set(JOBS.RUN_AT, leaseEnd)
                    .set(JOBS.LEASE_OWNER, worker)
                    .set(JOBS.LEASE_TOKEN, token)
                    .set(JOBS.UPDATED_AT, now)
                    .where(JOBS.ID.in(chosen))
                    .execute();
            return ctx.selectFrom(JOBS).where(JOBS.ID.in(chosen)).orderBy(JOBS.SEQ)
                    .fetch(JooqJobQueue::toClaimed);
        });
    }

    @Override
    public boolean complete(ClaimedJob job) {
        OffsetDateTime now = utc(time.now());
        return db.ctx().update(JOBS)
                .set(JOBS.STATUS, DONE)
                .set(JOBS.FINISHED_AT, now)
                .set(JOBS.UPDATED_AT, now)
                .set(JOBS.LEASE_TOKEN, (UUID) null)
                .where(heldBy(job))
                .execute() == 1;
    }

    @Override
    public FailOutcome fail(ClaimedJob job, String error, boolean retryable) {
        String reason = error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        return db.inTransaction(() -> {
            DSLContext ctx = db.ctx();
            Integer attempts = ctx.select(JOBS.ATTEMPTS).from(JOBS).where(heldBy(job)).forUpdate().fetchOne(JOBS.ATTEMPTS);
            if (attempts == null) {
                return new FailOutcome.LeaseLost();
            }
            Instant now = time.now();
            if (retryable && policy.retriesAfter(attempts)) {
                Instant next = now.plus(policy.delayAfter(attempts, job.id().value()));
                ctx.update(JOBS)
                        .set(JOBS.STATUS, READY)
                        .set(JOBS.RUN_AT, utc(next))
                        .set(JOBS.LAST_ERROR, reason)
                        .set(JOBS.LEASE_TOKEN, (UUID) null)
                        .set(JOBS.LEASE_OWNER, (String) null)
                        .set(JOBS.UPDATED_AT, utc(now))
                        .where(JOBS.ID.eq(job.id().value()))
                        .execute();
                return new FailOutcome.RetryScheduled(next, attempts + 1);
            }
            ctx.update(JOBS)
                    .set(JOBS.STATUS, DEAD)
                    .set(JOBS.LAST_ERROR, reason)
                    .set(JOBS.LEASE_TOKEN, (UUID) null)
                    .set(JOBS.FINISHED_AT, utc(now))
                    .set(JOBS.UPDATED_AT, utc(now))
                    .where(JOBS.ID.eq(job.id().value()))
                    .execute();
            return new FailOutcome.DeadLettered(attempts);
        });
    }

    @Override
    public List<DeadJob> dead(@Nullable WorkspaceId workspace, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("list at least one dead job");
        }
        return db.ctx().selectFrom(JOBS)
                .where(JOBS.STATUS.eq(DEAD).and(inWorkspace(workspace)))
                .orderBy(JOBS.FINISHED_AT.desc(), JOBS.ID.desc())
                .limit(limit)
                .fetch(r -> new DeadJob(new JobId(r.getId()), r.getType(), workspaceOf(r), r.getPayload(), r.getAttempts(),
                        r.getLastError() == null ? "" : r.getLastError(), r.getFinishedAt().toInstant()));
    }

    @Override
    public boolean replay(@Nullable WorkspaceId workspace, JobId id) {
        OffsetDateTime now = utc(time.now());
        return db.ctx().update(JOBS)
                .set(JOBS.STATUS, READY)
                .set(JOBS.ATTEMPTS, 0)
                .set(JOBS.RUN_AT, now)
                .set(JOBS.FINISHED_AT, (OffsetDateTime) null)
                .set(JOBS.LEASE_OWNER, (String) null)
                .set(JOBS.UPDATED_AT, now)
                .where(JOBS.ID.eq(id.value()).and(JOBS.STATUS.eq(DEAD)).and(inWorkspace(workspace)))
                .execute() == 1;
    }

    @Override
    public QueueStats stats() {
        OffsetDateTime now = utc(time.now());
        Condition isDue = UNFINISHED.and(JOBS.RUN_AT.le(now));
        Record row = db.ctx().select(
                        DSL.count().filterWhere(isDue),
                        DSL.count().filterWhere(JOBS.STATUS.eq(READY).and(JOBS.RUN_AT.gt(now))),
                        DSL.count().filterWhere(JOBS.STATUS.eq(RUNNING).and(JOBS.RUN_AT.gt(now))),
                        DSL.count().filterWhere(JOBS.STATUS.eq(DEAD)),
                        DSL.min(JOBS.RUN_AT).filterWhere(isDue))
                .from(JOBS)
                .where(JOBS.STATUS.ne(DONE))
                .fetchSingle();
        OffsetDateTime oldestDue = row.get(4, OffsetDateTime.class);
        Duration lag = oldestDue == null ? Duration.ZERO : Duration.between(oldestDue, now);
        return new QueueStats(row.get(0, Long.class), row.get(1, Long.class), row.get(2, Long.class),
                row.get(3, Long.class), lag.isNegative() ? Duration.ZERO : lag);
    }

    /** Deletes finished jobs older than {@code before}; the queue's history is kept only as long as asked. */
    public int purgeDone(Instant before) {
        return db.ctx().deleteFrom(JOBS)
                .where(JOBS.STATUS.eq(DONE).and(JOBS.FINISHED_AT.lt(utc(before))))
                .execute();
    }

    /**
     * A job without an ordering key, or one no other job of its key must finish or release first: none enqueued
     * before it is still to finish (due, waiting for a retry, or held), and none enqueued after it is held under a
     * live lease (it was enqueued by a transaction that committed first, and claimed meanwhile). A job whose lease
     * ended is due again and stays first of its key, so it is claimed again before the jobs after it.
     */
    private static Condition firstOfItsKey(OffsetDateTime now) {
        Jobs other = JOBS.as("other");
        return JOBS.ORDERING_KEY.isNull().or(DSL.notExists(DSL.selectOne().from(other)
                .where(other.ORDERING_KEY.eq(JOBS.ORDERING_KEY))
                .and(other.STATUS.in(DSL.inline(READY), DSL.inline(RUNNING)))
                .and(other.SEQ.lt(JOBS.SEQ).or(other.STATUS.eq(DSL.inline(RUNNING)).and(other.RUN_AT.gt(now))))));
    }

    private static Condition heldBy(ClaimedJob job) {
        return JOBS.ID.eq(job.id().value()).and(JOBS.STATUS.eq(RUNNING)).and(JOBS.LEASE_TOKEN.eq(job.leaseToken()));
    }

    private static Condition inWorkspace(@Nullable WorkspaceId workspace) {
        return workspace == null ? DSL.noCondition() : JOBS.WORKSPACE_ID.eq(workspace.value());
    }

    private static ClaimedJob toClaimed(JobsRecord r) {
        return new ClaimedJob(new JobId(r.getId()), r.getType(), workspaceOf(r), r.getPayload(), r.getAttempts(),
                r.getLeaseToken(), r.getRunAt().toInstant());
    }

    private static @Nullable WorkspaceId workspaceOf(JobsRecord r) {
        return r.getWorkspaceId() == null ? null : new WorkspaceId(r.getWorkspaceId());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
