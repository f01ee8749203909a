package dev.bulwark.adapters.persistence.jobs;

import static dev.bulwark.adapters.persistence.jooq.Tables.JOBS;
import static dev.bulwark.adapters.persistence.jooq.Tables.JOB_KEYS;

import dev.bulwark.adapters.persistence.Db;
import dev.bulwark.adapters.persistence.Jdbc;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
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
 *
 * <p>Ordering keys (see {@link JobQueue#claim}): of a key's unfinished jobs only the first is READY (or RUNNING, or
 * READY for a retry later); the others are WAITING, which no claim looks at, and finishing or dead-lettering a job
 * makes the next WAITING one READY: the earliest {@code order_at} (when it was first due; for a signal, when it was
 * received), then the lowest {@code seq} (enqueue order). Every step that decides what a key's jobs are (enqueue,
 * finish, dead-letter, replay) first locks the key's row in {@code job_keys}, always before any job row and, for
 * several keys, in key order (keys seen before first, then a key's first row): one key's steps run one after
 * another and each sees what the one before committed.
 * So the claim stays the plain "oldest due first" however deep a key's backlog, and an enqueue or a finish of a
 * keyed job costs two or three statements more (in its own transaction: no extra commit).
 *
 * <p>Time comes from the {@link TimeSource} of this process, not the database's clock: processes sharing a queue
 * need synchronized clocks (NTP), which leases of seconds to minutes tolerate.
 */
public final class JooqJobQueue implements JobQueue {
    private static final String READY = "READY";
    private static final String RUNNING = "RUNNING";
    private static final String DONE = "DONE";
    private static final String DEAD = "DEAD";
    /** Enqueued behind an unfinished job of its ordering key: not due until the one before it is done or dead. */
    private static final String WAITING = "WAITING";
    /** The key's first WAITING job by (order_at, seq) becomes READY, unless one of its jobs is READY or RUNNING. */
    private static final String PROMOTE = "update jobs set status = 'READY', updated_at = ? where id = ("
            + "select next.id from jobs next where next.ordering_key = ? and next.status = 'WAITING'"
            + " order by next.order_at, next.seq fetch first 1 rows only)"
            + " and not exists (select 1 from jobs head where head.ordering_key = ? and head.status in ('READY', 'RUNNING'))";
    /**
     * New jobs in list order (PostgreSQL: one statement over arrays); a taken idempotency key leaves its job out. A
     * job is READY when it is the first of its key in the list ({@code first}) and its key has no unfinished job,
     * else WAITING: the question is asked by this statement, so its snapshot must postdate the keys' locks (a
     * statement of its own after them, under READ COMMITTED). Answers each added job's key and status.
     */
    private static final String INSERT_PG = "insert into jobs (id, type, workspace_id, payload, status, attempts, run_at,"
            + " order_at, idempotency_key, ordering_key, created_at, updated_at) select id, type, workspace_id, payload,"
            + " case when not first then 'WAITING' when ordering_key is null then 'READY'"
            + " when coalesce(" + firstOf("seq", "given.ordering_key", "READY", "") + ", "
            + firstOf("seq", "given.ordering_key", "RUNNING", "") + ", "
            + firstOf("seq", "given.ordering_key", "WAITING", "") + ") is not null"
            + " then 'WAITING' else 'READY' end, 0, due, due, idempotency_key, ordering_key, ?, ? from unnest(?::uuid[],"
            + " ?::text[], ?::uuid[], ?::text[], ?::bool[], ?::timestamptz[], ?::text[], ?::text[]) with ordinality as"
            + " given(id, type, workspace_id, payload, first, due, idempotency_key, ordering_key, n) order by n"
            + " on conflict (type, idempotency_key) do nothing returning ordering_key, status";
    /**
     * PostgreSQL: finishes the jobs the caller still holds (running, under their lease tokens) and promotes each
     * finished job's key's next job, in one statement after the keys' locks. The statement reads the snapshot it
     * started with, where the jobs it finishes are still RUNNING: the "no READY or RUNNING job" question leaves them
     * out. Both questions are index descents in the ordering index's order, as in {@link #firstOf}. Answers the ids
     * finished.
     */
    private static final String FINISH_PG = "with done as (update jobs set status = 'DONE', finished_at = ?,"
            + " updated_at = ?, lease_token = null from unnest(?::uuid[], ?::uuid[]) as given(id, token)"
            + " where jobs.id = given.id and jobs.status = 'RUNNING' and jobs.lease_token = given.token"
            + " returning jobs.id, jobs.ordering_key), promoted as (update jobs set status = 'READY', updated_at = ?"
            + " where jobs.id in (select " + firstOf("id", "k.ordering_key", "WAITING", "")
            + " from (select distinct ordering_key from done where ordering_key is not null) k"
            + " where " + firstOf("seq", "k.ordering_key", "READY", "") + " is null"
            + " and " + firstOf("seq", "k.ordering_key", "RUNNING", " and u.id not in (select id from done)") + " is null)"
            + " returning 1) select id from done";
    /** Finishes a job the caller still holds (running, under its lease token). */
    private static final String DONE_HELD = "update jobs set status = 'DONE', finished_at = ?, updated_at = ?,"
            + " lease_token = null where id = ? and status = 'RUNNING' and lease_token = ?";
    private static final int MAX_ERROR = 2_000;
    private static final int MAX_WORKER = 100;
    /**
     * Jobs still to finish. The statuses are inlined, not bound, so that PostgreSQL can match the partial indexes'
     * own {@code status IN ('READY', 'RUNNING')} in a cached, generic plan too.
     */
    private static final Condition UNFINISHED = JOBS.STATUS.in(DSL.inline(READY), DSL.inline(RUNNING));

    /**
     * The {@code column} of the first job of the key {@code key} (an SQL expression) in {@code status}, further
     * filtered by {@code also} (SQL on {@code u}, or empty), as a scalar subquery whose order is the ordering index's
     * own (key and status equal, then order_at, seq): one index descent whatever the statistics say. Asked as "does
     * the key have an unfinished job", a plain EXISTS was planned as a scan of every unfinished job (a hash semi-join,
     * or a sequential scan expected to stop early): 1.7 ms a batch with 30,000 jobs waiting, growing with the backlog.
     */
    private static String firstOf(String column, String key, String status, String also) {
        return "(select u." + column + " from jobs u where u.ordering_key = " + key + " and u.status = '" + status + "'"
                + also + " order by u.order_at, u.seq limit 1)";
    }

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
        if (job.orderingKey() != null) {
            return db.inTransaction(() -> enqueueKeyed(job));
        }
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
                .set(JOBS.ORDER_AT, job.runAt() == null ? now : utc(job.runAt()))
                .set(JOBS.IDEMPOTENCY_KEY, job.idempotencyKey())
                .set(JOBS.CREATED_AT, now)
                .set(JOBS.UPDATED_AT, now)
                .onConflict(JOBS.TYPE, JOBS.IDEMPOTENCY_KEY).doNothing()
                .execute();
        return inserted == 1 ? new JobId(id) : existing(job, id);
    }

    /** A keyed job, with its key locked: READY when its key has no unfinished job, else WAITING behind them. */
    private JobId enqueueKeyed(NewJob job) {
        UUID id = ids.newId();
        lockKeys(List.of(job.orderingKey()));
        int inserted = insert(List.of(job), List.of(id)).count();
        return inserted == 1 ? new JobId(id) : existing(job, id);
    }

    private JobId existing(NewJob job, UUID id) {
        if (job.idempotencyKey() == null) {
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
        enqueueAll(jobs, Set.of());
    }

    /**
     * As {@link #enqueueAll(List)}, and for each of {@code lateKeys} (keys the caller knows got a job due earlier than
     * one it enqueued for them before) puts the key's earliest job first when its head has not been claimed yet: a
     * signal received first but enqueued second still runs first, unless the later one is already running.
     */
    public void enqueueAll(List<NewJob> jobs, Set<String> lateKeys) {
        enqueueAll(jobs, lateKeys, Set.of());
    }

    /**
     * As {@link #enqueueAll(List, Set)}, when the caller's open transaction already holds the locks of {@code locked}
     * ordering keys (taken in key order by a statement of its own, as the intake's first statement does): only the
     * jobs' other keys are locked here.
     */
    public void enqueueAll(List<NewJob> jobs, Set<String> lateKeys, Set<String> locked) {
        if (jobs.isEmpty()) {
            return;
        }
        db.inTransaction(() -> {
            List<UUID> newIds = jobs.stream().map(j -> ids.newId()).toList();
            lockKeys(jobs.stream().map(NewJob::orderingKey).filter(k -> k != null && !locked.contains(k)).toList());
            Set<String> waiting = insert(jobs, newIds).waitingKeys();
            putEarliestFirst(lateKeys, waiting);
            return null;
        });
    }

    /**
     * PostgreSQL: the insert {@link #enqueueAll(List, Set, Set)} runs for {@code jobs}, as a statement the caller sends
     * together with one of its own in one round trip ({@link Jdbc#queryBoth}), in its open transaction, after a
     * statement that took every one of the jobs' ordering keys' locks; each row it answers is an added job's key when
     * it was added WAITING, else empty. {@link #inserted} then finishes the enqueue.
     */
    public Jdbc.Query<String> insertQuery(List<NewJob> jobs) {
        return insertQuery(jobs, jobs.stream().map(j -> ids.newId()).toList(), time.now());
    }

    /** After {@link #insertQuery}'s statement ran and answered {@code rows}: as {@link #enqueueAll(List, Set, Set)} ends. */
    public void inserted(List<NewJob> jobs, List<String> rows, Set<String> lateKeys) {
        putEarliestFirst(lateKeys, finish(jobs, rows).waitingKeys());
    }

    private void putEarliestFirst(Set<String> lateKeys, Set<String> waiting) {
        lateKeys.stream().filter(waiting::contains).sorted().forEach(this::putEarliestFirst);
    }

    /**
     * Makes the key's earliest WAITING job its head instead of a READY head that was never claimed and is due later
     * (the caller holds the key's lock). A head claimed meanwhile stays: its update finds it RUNNING and changes nothing.
     */
    private void putEarliestFirst(String key) {
        DSLContext ctx = db.ctx();
        var head = ctx.select(JOBS.ID, JOBS.ORDER_AT, JOBS.SEQ).from(JOBS)
                .where(JOBS.ORDERING_KEY.eq(key).and(JOBS.STATUS.eq(DSL.inline(READY))).and(JOBS.ATTEMPTS.eq(0)))
                .fetchOptional();
        if (head.isEmpty()) {
            return;
        }
        var first = ctx.select(JOBS.ID, JOBS.ORDER_AT, JOBS.SEQ).from(JOBS)
                .where(JOBS.ORDERING_KEY.eq(key).and(JOBS.STATUS.eq(DSL.inline(WAITING))))
                .orderBy(JOBS.ORDER_AT, JOBS.SEQ).limit(1).fetchOptional();
        if (first.isEmpty() || !before(first.get().value2(), first.get().value3(), head.get().value2(), head.get().value3())) {
            return;
        }
        OffsetDateTime now = utc(time.now());
        int demoted = ctx.update(JOBS).set(JOBS.STATUS, WAITING).set(JOBS.UPDATED_AT, now)
                .where(JOBS.ID.eq(head.get().value1()).and(JOBS.STATUS.eq(DSL.inline(READY))).and(JOBS.ATTEMPTS.eq(0)))
                .execute();
        if (demoted == 1) {
            ctx.update(JOBS).set(JOBS.STATUS, READY).set(JOBS.UPDATED_AT, now)
                    .where(JOBS.ID.eq(first.get().value1())).execute();
        }
    }

    private static boolean before(@Nullable OffsetDateTime at, Long seq, @Nullable OffsetDateTime otherAt, Long otherSeq) {
        if (at != null && otherAt != null && !at.isEqual(otherAt)) {
            return at.isBefore(otherAt);
        }
        return seq < otherSeq;
    }

    /**
     * Locks the ordering keys (creating their rows the first time), in key order, until the caller's transaction ends.
     */
    private void lockKeys(List<String> orderingKeys) {
        List<String> keys = orderingKeys.stream().distinct().sorted().toList();
        if (keys.isEmpty()) {
            return;
        }
        // the keys seen before (all of them, in the steady state) are locked by one statement; a key's first job
        // adds its row, then it is locked too (out of key order: two processes first enqueuing one key while each
        // holds a key the other wants can deadlock, which PostgreSQL breaks by failing one transaction: for the
        // intake a failed batch, whose senders are told to send again)
        Set<String> locked = new HashSet<>(lockRows(keys));
        if (locked.size() < keys.size()) {
            List<String> fresh = keys.stream().filter(k -> !locked.contains(k)).toList();
            addKeys(fresh);
            lockRows(fresh);
        }
    }

    /**
     * Which of {@code keys} have an unfinished job (H2; PostgreSQL asks in its insert). A statement of its own, after
     * the keys' locks: it reads what each key's last finisher committed. One probe per key, however deep its backlog.
     */
    private Set<String> busy(List<String> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(db.jdbc().query("select k.ordering_key from job_keys k where k.ordering_key in ("
                + Jdbc.marks(keys.size()) + ") and exists (select 1 from jobs where jobs.ordering_key = k.ordering_key"
                + " and jobs.status in ('READY', 'RUNNING', 'WAITING'))", rs -> rs.getString(1), keys.toArray()));
    }

    private List<String> lockRows(List<String> sortedKeys) {
        return db.jdbc().query("select ordering_key from job_keys where ordering_key in (" + Jdbc.marks(sortedKeys.size())
                + ") order by ordering_key for update", rs -> rs.getString(1), sortedKeys.toArray());
    }

    private void addKeys(List<String> sortedKeys) {
        var rows = db.ctx().insertInto(JOB_KEYS, JOB_KEYS.ORDERING_KEY);
        for (String key : sortedKeys) {
            rows = rows.values(key);
        }
        var insert = rows.onConflictDoNothing();
        db.upsert(insert::execute); // on H2, a concurrent first enqueue of a key can race it
    }

    /** How many jobs an insert added, and the keys of those it added WAITING. */
    private record Inserted(int count, Set<String> waitingKeys) {
    }

    /**
     * One multi-row INSERT of {@code jobs} (a job whose idempotency key is taken is left out), in the order listed,
     * the caller holding their keys' locks: the first job of a key with no unfinished job is READY, the others
     * WAITING. A key whose READY job was left out as a duplicate gets its next job made READY.
     */
    private Inserted insert(List<NewJob> jobs, List<UUID> newIds) {
        Instant now = time.now();
        if (db.jdbc().postgres()) {
            return finish(jobs, db.jdbc().query(insertQuery(jobs, newIds, now)));
        }
        List<Boolean> first = firsts(jobs);
        List<Instant> dues = jobs.stream().map(job -> job.runAt() == null ? now : job.runAt()).toList();
        Set<String> waiting = new HashSet<>();
        Set<String> busy = busy(jobs.stream().map(NewJob::orderingKey).filter(Objects::nonNull).distinct().sorted().toList());
        List<String> statuses = new ArrayList<>(jobs.size());
        for (int i = 0; i < jobs.size(); i++) {
            String key = jobs.get(i).orderingKey();
            boolean ready = first.get(i) && (key == null || !busy.contains(key));
            statuses.add(ready ? READY : WAITING);
            if (!ready) {
                waiting.add(key);
            }
        }
        var insert = db.ctx().insertInto(JOBS, JOBS.ID, JOBS.TYPE, JOBS.WORKSPACE_ID, JOBS.PAYLOAD, JOBS.STATUS,
                JOBS.ATTEMPTS, JOBS.RUN_AT, JOBS.ORDER_AT, JOBS.IDEMPOTENCY_KEY, JOBS.ORDERING_KEY, JOBS.CREATED_AT,
                JOBS.UPDATED_AT);
        for (int i = 0; i < jobs.size(); i++) {
            NewJob job = jobs.get(i);
            OffsetDateTime due = utc(dues.get(i));
            insert = insert.values(newIds.get(i), job.type(), job.workspace() == null ? null : job.workspace().value(),
                    job.payload(), statuses.get(i), 0, due, due, job.idempotencyKey(), job.orderingKey(), utc(now),
                    utc(now));
        }
        // H2: jOOQ writes the ON CONFLICT as the MERGE H2 runs
        int inserted = insert.onConflict(JOBS.TYPE, JOBS.IDEMPOTENCY_KEY).doNothing().execute();
        return promoteAfterLeftOut(jobs, inserted, waiting);
    }

    /** Whether each job is the first of its ordering key in the list (a job without one always is). */
    private static List<Boolean> firsts(List<NewJob> jobs) {
        Set<String> seen = new HashSet<>();
        return jobs.stream().map(job -> job.orderingKey() == null || seen.add(job.orderingKey())).toList();
    }

    /** PostgreSQL's insert of {@code jobs} over arrays; each row answered: the key of a job added WAITING, else empty. */
    private static Jdbc.Query<String> insertQuery(List<NewJob> jobs, List<UUID> newIds, Instant now) {
        List<Instant> dues = jobs.stream().map(job -> job.runAt() == null ? now : job.runAt()).toList();
        return new Jdbc.Query<>(INSERT_PG, Arrays.asList(now, now, Jdbc.array("uuid", newIds),
                Jdbc.array("text", jobs.stream().map(NewJob::type).toList()),
                Jdbc.array("uuid", jobs.stream().map(j -> j.workspace() == null ? null : j.workspace().value()).toList()),
                Jdbc.array("text", jobs.stream().map(NewJob::payload).toList()), Jdbc.array("bool", firsts(jobs)),
                Jdbc.array("timestamptz", dues), Jdbc.array("text", jobs.stream().map(NewJob::idempotencyKey).toList()),
                Jdbc.array("text", jobs.stream().map(NewJob::orderingKey).toList())),
                rs -> WAITING.equals(rs.getString(2)) ? rs.getString(1) : "");
    }

    /** What PostgreSQL's insert answered ({@link #insertQuery}'s rows), with a left-out job's key's next promoted. */
    private Inserted finish(List<NewJob> jobs, List<String> added) {
        Set<String> waiting = new HashSet<>();
        added.stream().filter(key -> !key.isEmpty()).forEach(waiting::add);
        return promoteAfterLeftOut(jobs, added.size(), waiting);
    }

    /** A key whose READY job was left out as a duplicate gets its next job made READY. */
    private Inserted promoteAfterLeftOut(List<NewJob> jobs, int inserted, Set<String> waiting) {
        if (inserted < jobs.size()) {
            jobs.stream().map(NewJob::orderingKey).filter(Objects::nonNull).distinct().forEach(this::promoteNext);
        }
        return new Inserted(inserted, waiting);
    }

    /**
     * Makes the key's first WAITING job READY when none of its jobs is READY or RUNNING (the caller holds the key's
     * lock). Due at once, or at its own scheduled time when that is later.
     */
    private void promoteNext(String key) {
        db.jdbc().update(PROMOTE, time.now(), key, key);
    }

    private void lockKey(String key) {
        lockRows(List.of(key));
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
        if (db.jdbc().postgres()) {
            return claimOnPostgres(worker, types, max, lease);
        }
        return db.inTransaction(() -> {
            DSLContext ctx = db.ctx();
            OffsetDateTime now = utc(time.now());
            Condition due = UNFINISHED.and(JOBS.RUN_AT.le(now));
            if (!types.isEmpty()) {
                due = due.and(JOBS.TYPE.in(types));
            }
            List<UUID> chosen = ctx.select(JOBS.ID).from(JOBS)
                    .where(due)
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

    /**
     * The claim as one statement: the due jobs chosen and locked (skipping those another claim holds), leased and
     * handed back in the order they were enqueued.
     */
    private List<ClaimedJob> claimOnPostgres(String worker, Set<String> types, int max, Duration lease) {
        Instant now = time.now();
        List<Object> values = new ArrayList<>(List.of(now.plus(lease), worker, ids.newId(), now, now));
        values.addAll(types);
        values.add(max);
        String sql = "update jobs set status = 'RUNNING', attempts = attempts + 1, run_at = ?, lease_owner = ?,"
                + " lease_token = ?, updated_at = ? where id in (select id from jobs where status in ('READY', 'RUNNING')"
                + " and run_at <= ?" + (types.isEmpty() ? "" : " and type in (" + Jdbc.marks(types.size()) + ")")
                + " order by run_at, id limit ? for update skip locked)"
                + " returning id, type, workspace_id, payload, attempts, lease_token, run_at, ordering_key, seq";
        record Claimed(long seq, ClaimedJob job) {
        }
        return db.jdbc().query(sql, rs -> {
                    UUID workspace = Jdbc.uuid(rs, "workspace_id");
                    return new Claimed(rs.getLong("seq"), new ClaimedJob(new JobId(Jdbc.uuid(rs, "id")),
                            rs.getString("type"), workspace == null ? null : new WorkspaceId(workspace),
                            rs.getString("payload"), rs.getInt("attempts"), Jdbc.uuid(rs, "lease_token"),
                            Jdbc.instant(rs, "run_at"), rs.getString("ordering_key")));
                }, values.toArray()).stream()
                .sorted(java.util.Comparator.comparingLong(Claimed::seq))
                .map(Claimed::job)
                .toList();
    }

    @Override
    public boolean complete(ClaimedJob job) {
        return completeAll(List.of(job)) == 1;
    }

    /**
     * Every key's lock at once (in key order, as every step of a key takes it), then the jobs finished and each key's
     * next job promoted: one statement on PostgreSQL (two round trips for the batch), a batch of statements each on H2.
     */
    @Override
    public int completeAll(List<ClaimedJob> jobs) {
        if (jobs.isEmpty()) {
            return 0;
        }
        List<String> keys = jobs.stream().map(ClaimedJob::orderingKey).filter(Objects::nonNull).distinct().sorted()
                .toList();
        if (keys.isEmpty()) {
            return markDone(jobs).size(); // no key's next job to promote: no transaction needed
        }
        return db.inTransaction(() -> {
            lockRows(keys);
            if (db.jdbc().postgres()) {
                Instant now = time.now();
                return db.jdbc().query(FINISH_PG, rs -> 1, now, now,
                        Jdbc.array("uuid", jobs.stream().map(j -> j.id().value()).toList()),
                        Jdbc.array("uuid", jobs.stream().map(ClaimedJob::leaseToken).toList()), now).size();
            }
            List<ClaimedJob> done = markDone(jobs);
            Set<String> promote = new java.util.TreeSet<>();
            done.stream().map(ClaimedJob::orderingKey).filter(Objects::nonNull).forEach(promote::add);
            if (!promote.isEmpty()) {
                Instant now = time.now();
                db.jdbc().batch(PROMOTE, promote.stream().map(key -> new Object[] {now, key, key}).toList());
            }
            return done.size();
        });
    }

    /** Finishes the jobs still held under their lease tokens, in one batch of statements; answers those finished. */
    private List<ClaimedJob> markDone(List<ClaimedJob> jobs) {
        Instant now = time.now();
        int[] finished = db.jdbc().batch(DONE_HELD, jobs.stream()
                .map(job -> new Object[] {now, now, job.id().value(), job.leaseToken()}).toList());
        List<ClaimedJob> done = new ArrayList<>();
        for (int i = 0; i < finished.length; i++) {
            if (finished[i] == 1) {
                done.add(jobs.get(i));
            }
        }
        return done;
    }

    @Override
    public FailOutcome fail(ClaimedJob job, String error, boolean retryable) {
        String reason = error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        return db.inTransaction(() -> {
            DSLContext ctx = db.ctx();
            if (job.orderingKey() != null) {
                lockKey(job.orderingKey()); // before the job's row, as every step of a key does
            }
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
            if (job.orderingKey() != null) {
                promoteNext(job.orderingKey()); // a dead job no longer holds its key's later jobs back
            }
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
        Condition dead = JOBS.ID.eq(id.value()).and(JOBS.STATUS.eq(DEAD)).and(inWorkspace(workspace));
        var found = db.ctx().select(JOBS.ORDERING_KEY).from(JOBS).where(dead).fetchOptional();
        if (found.isEmpty()) {
            return false;
        }
        String key = found.get().value1();
        if (key == null) {
            return revive(dead, READY);
        }
        return db.inTransaction(() -> {
            lockKey(key);
            // back in line as WAITING: its order_at and seq put it back in its place, after the job its key may be running now
            boolean revived = revive(dead, WAITING);
            if (revived) {
                promoteNext(key);
            }
            return revived;
        });
    }

    private boolean revive(Condition dead, String status) {
        OffsetDateTime now = utc(time.now());
        return db.ctx().update(JOBS)
                .set(JOBS.STATUS, status)
                .set(JOBS.ATTEMPTS, 0)
                .set(JOBS.RUN_AT, now)
                .set(JOBS.FINISHED_AT, (OffsetDateTime) null)
                .set(JOBS.LEASE_OWNER, (String) null)
                .set(JOBS.UPDATED_AT, now)
                .where(dead)
                .execute() == 1;
    }

    @Override
    public QueueStats stats() {
        OffsetDateTime now = utc(time.now());
        Condition isDue = UNFINISHED.and(JOBS.RUN_AT.le(now));
        Record row = db.ctx().select(
                        DSL.count().filterWhere(isDue),
                        DSL.count().filterWhere(JOBS.STATUS.eq(READY).and(JOBS.RUN_AT.gt(now)).or(JOBS.STATUS.eq(WAITING))),
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

    private static Condition heldBy(ClaimedJob job) {
        return JOBS.ID.eq(job.id().value()).and(JOBS.STATUS.eq(RUNNING)).and(JOBS.LEASE_TOKEN.eq(job.leaseToken()));
    }

    private static Condition inWorkspace(@Nullable WorkspaceId workspace) {
        return workspace == null ? DSL.noCondition() : JOBS.WORKSPACE_ID.eq(workspace.value());
    }

    private static ClaimedJob toClaimed(JobsRecord r) {
        return new ClaimedJob(new JobId(r.getId()), r.getType(), workspaceOf(r), r.getPayload(), r.getAttempts(),
                r.getLeaseToken(), r.getRunAt().toInstant(), r.getOrderingKey());
    }

    private static @Nullable WorkspaceId workspaceOf(JobsRecord r) {
        return r.getWorkspaceId() == null ? null : new WorkspaceId(r.getWorkspaceId());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
