package dev.bulwark.adapters.persistence.signals;

import dev.bulwark.adapters.persistence.Db;
import dev.bulwark.adapters.persistence.Jdbc;
import dev.bulwark.adapters.persistence.SqlErrors;
import dev.bulwark.adapters.persistence.jobs.JooqJobQueue;
import dev.bulwark.domain.bots.BotId;
import dev.bulwark.domain.signals.Signal;
import dev.bulwark.domain.signals.SignalStatus;
import dev.bulwark.ports.driven.jobs.NewJob;
import dev.bulwark.ports.driven.signals.SignalIntake;
import dev.bulwark.ports.driven.signals.SignalRecording;
import dev.bulwark.ports.driven.signals.WebhookLog;
import dev.bulwark.ports.errors.Unavailable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook's durable step with group commit: the signals of concurrent callers are recorded in one transaction,
 * each with its job, and every caller is answered only after that transaction committed.
 *
 * <p><b>Leader and followers.</b> A caller adds its request to a queue. When no caller is gathering a batch and
 * fewer than {@code maxConcurrentBatches} are committing, it becomes the leader: while another batch is committing
 * it waits up to {@code maxWait} for the queue to hold {@code maxBatch} requests (with nothing committing it goes at
 * once, so a lone signal pays for no wait), takes up to {@code maxBatch} of them, hands leadership on and commits
 * them on its own thread. The others wait for their answer. Several batches commit side by side on their own
 * connections, so the next batch gathers while the previous one is being written and synced; but never two batches
 * with signals of one bot: a bot's next request waits in line until the batch holding its previous one committed, so
 * a bot's signals are committed, and their jobs enqueued, in the order they arrived.
 *
 * <p><b>One transaction, optimistic first.</b> On PostgreSQL a batch first runs without savepoints: one statement
 * ({@link JooqSignals#storeFreshQuery}) claims all its idempotency keys ({@code INSERT ... ON CONFLICT DO NOTHING}),
 * stores the signals whose key was fresh, writes their log rows and locks their jobs' ordering keys; the jobs follow
 * in one more: with the commit, three round trips for the batch instead of about four statements per signal
 * (savepoint, key, signal, release), which is what makes grouping pay on a CPU-bound machine. In the steady state
 * (every request fresh, every job's ordering key with its row already: {@link #knownKeys}) the two statements go in
 * one round trip, two with the commit; if a key turns out to exist, that transaction is rolled back and the batch
 * goes the two-statement way. The requests whose
 * key existed (a duplicate, an expired key to take over), a twin of a key inside the batch, or a request that is not
 * valid then run one by one, each under a savepoint, in the same transaction. If any of the fast statements fails
 * (a signal id that exists, a constraint), the transaction is rolled back and the batch runs again the safe way:
 * each request {@link JooqSignals#record} under a savepoint of its own, so a request that fails is rolled back to
 * its savepoint and gets its own exception while the others go on. Either way the jobs of every signal recorded
 * ({@link SignalRecording.Recorded}) are enqueued last, by one multi-row INSERT in the order the signals were received
 * (ties in the order they arrived): one bot's jobs run in that order (its ordering key), and the lock order must not
 * become the bots' order. H2 (which cannot return the rows an upsert inserted) always takes the safe way. If the transaction itself fails (the commit, the connection), nothing of the
 * batch is written and every caller in it gets {@link Unavailable}: sending again is safe, since a repeat is a
 * duplicate of a signal that did commit. Keys are claimed in idempotency-key order (within the fast INSERT and
 * among the per-request ones), so batches that contend for the same keys rarely wait on each other in a cycle; a
 * deadlock PostgreSQL breaks fails one statement, which the rules above handle like any other failure.
 *
 * <p>A caller that already has a transaction open on its thread is not batched: its signal and job join that
 * transaction and commit with it. Waits use {@code java.util.concurrent.locks} only, never a monitor, so callers
 * may be virtual threads. {@link #close()} refuses new requests and returns once every accepted one is answered.
 */
public final class JooqSignalIntake implements SignalIntake, AutoCloseable {
    public static final int DEFAULT_MAX_BATCH = 64;
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofMillis(2);
    public static final int DEFAULT_MAX_CONCURRENT_BATCHES = 4;

    private static final Logger LOG = LoggerFactory.getLogger(JooqSignalIntake.class);
    /** The order in which a batch takes its idempotency keys' locks: the same in every batch. */
    private static final Comparator<Request> LOCK_ORDER = Comparator
            .comparing((Request r) -> r.signal.workspace().value())
            .thenComparing(r -> r.signal.bot().value())
            .thenComparing(r -> r.signal.idempotencyKey());

    private final Db db;
    private final JooqSignals signals;
    private final JooqJobQueue jobs;
    private final int maxBatch;
    private final long maxWaitNanos;
    private final int maxConcurrentBatches;
    private final Runnable beforeCommit;
    /** Whether batches go the fast way first: on PostgreSQL (H2 cannot return the rows an upsert inserted). */
    private final boolean fast;

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when leadership is free or a batch has been answered. */
    private final Condition changed = lock.newCondition();
    /** Signalled to the gathering leader: the batch is full, a commit ended, or the intake closes. */
    private final Condition gather = lock.newCondition();
    private final ArrayDeque<Request> pending = new ArrayDeque<>();
    /** Keys remembered at most by {@link #lateKeys}. */
    private static final int REMEMBERED_KEYS = 100_000;
    /** Per ordering key, the latest due time of a job this intake enqueued: see {@link #lateKeys}. */
    private final Map<String, Instant> lastDue = new ConcurrentHashMap<>();
    /**
     * Ordering keys whose job queue row is known to exist (rows are never deleted): a batch whose every job has such a
     * key sends its two statements in one round trip. Bounded like {@link #lastDue}.
     */
    private final Set<String> knownKeys = ConcurrentHashMap.newKeySet();
    /** Batches whose two statements went in one round trip: for tests. */
    private final AtomicLong oneTrip = new AtomicLong();
    /** The bots with a request in a batch being committed, and how many: their next requests wait for that commit. */
    private final Map<BotId, Integer> committingBots = new HashMap<>();
    private boolean gathering;
    private int committing;
    private boolean closed;
    /** Writes the log rows of what the batches store, inside their transactions. */
    private final JooqWebhookLog log;

    /** With the defaults: batches of up to 64 requests, 2 ms of gathering, 4 batches committing at once. */
    public JooqSignalIntake(Db db, JooqSignals signals, JooqJobQueue jobs) {
        this(db, signals, jobs, DEFAULT_MAX_BATCH, DEFAULT_MAX_WAIT, DEFAULT_MAX_CONCURRENT_BATCHES);
    }

    /**
     * @param maxBatch the most requests in one transaction, 1 (no grouping) to 1,000
     * @param maxWait how long a leader gathers while another batch commits, zero to 1 second
     * @param maxConcurrentBatches how many batches commit at once (each holds a connection), 1 to 64
     */
    public JooqSignalIntake(Db db, JooqSignals signals, JooqJobQueue jobs, int maxBatch, Duration maxWait,
                            int maxConcurrentBatches) {
        this(db, signals, jobs, maxBatch, maxWait, maxConcurrentBatches, () -> { });
    }

    /** With {@code beforeCommit} run inside each batch's transaction after its last request: a seam for tests. */
    JooqSignalIntake(Db db, JooqSignals signals, JooqJobQueue jobs, int maxBatch, Duration maxWait,
                     int maxConcurrentBatches, Runnable beforeCommit) {
        this.db = Objects.requireNonNull(db, "db");
        this.signals = Objects.requireNonNull(signals, "signals");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxBatch < 1 || maxBatch > 1_000) {
            throw new IllegalArgumentException("maxBatch is 1 to 1000, was " + maxBatch);
        }
        if (maxWait.isNegative() || maxWait.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("maxWait is zero to 1 second, was " + maxWait);
        }
        if (maxConcurrentBatches < 1 || maxConcurrentBatches > 64) {
            throw new IllegalArgumentException("maxConcurrentBatches is 1 to 64, was " + maxConcurrentBatches);
        }
        this.maxBatch = maxBatch;
        this.maxWaitNanos = maxWait.toNanos();
        this.maxConcurrentBatches = maxConcurrentBatches;
        this.beforeCommit = Objects.requireNonNull(beforeCommit, "beforeCommit");
        this.fast = db.ctx().family() == SQLDialect.POSTGRES;
        this.log = new JooqWebhookLog(db);
    }

    /**
     * @throws IllegalArgumentException as {@link JooqSignals#record} does
     * @throws dev.bulwark.ports.errors.Conflict when a signal with this id exists already
     * @throws Unavailable when the batch's transaction failed (nothing of it was written) or the intake is closed
     */
    @Override
    public SignalRecording accept(Signal signal, Duration window, NewJob job, WebhookLog.@Nullable Attempt logged) {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(job, "job");
        if (db.inTransaction()) {
            return recordAndEnqueue(signal, window, job, logged); // the caller's transaction decides when it commits
        }
        Request mine = new Request(signal, window, job, logged);
        lock.lock();
        try {
            if (closed) {
                throw new Unavailable("the signal intake is closed");
            }
            pending.addLast(mine);
            if (gathering && pending.size() >= maxBatch) {
                gather.signal();
            }
            while (!mine.answered) {
                if (!mine.taken && !gathering && committing < maxConcurrentBatches
                        && !committingBots.containsKey(signal.bot())) {
                    lead();
                } else {
                    changed.awaitUninterruptibly(); // the answer is definite: committed or not, never abandoned
                }
            }
        } finally {
            lock.unlock();
        }
        return mine.answer();
    }

    /** Gathers a batch, commits it and answers it. Called and returns with the lock held; releases it meanwhile. */
    private void lead() {
        List<Request> batch;
        gathering = true;
        try {
            long remaining = maxWaitNanos;
            while (pending.size() < maxBatch && committing > 0 && remaining > 0 && !closed) {
                try {
                    remaining = gather.awaitNanos(remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // go with what is there; the flag stays for the caller
                    break;
                }
            }
            batch = take();
        } finally {
            gathering = false;
        }
        if (batch.isEmpty()) {
            changed.signalAll();
            return;
        }
        committing++;
        changed.signalAll(); // a waiting caller may gather the next batch meanwhile
        lock.unlock();
        try {
            commit(batch);
        } finally {
            lock.lock();
            committing--;
            for (Request request : batch) {
                request.answered = true;
                committingBots.computeIfPresent(request.signal.bot(), (bot, n) -> n == 1 ? null : n - 1);
            }
            changed.signalAll();
            gather.signal();
        }
    }

    /**
     * Takes up to {@code maxBatch} waiting requests in arrival order, leaving in line every request of a bot that has
     * one in a batch still committing (and, behind it, the rest of that bot's): batches commit side by side, and a bot's
     * later signal committed first would be enqueued, and processed, first. Called with the lock held.
     */
    private List<Request> take() {
        List<Request> batch = new ArrayList<>(Math.min(pending.size(), maxBatch));
        Set<BotId> held = new HashSet<>();
        for (Iterator<Request> it = pending.iterator(); it.hasNext() && batch.size() < maxBatch; ) {
            Request request = it.next();
            BotId bot = request.signal.bot();
            if (committingBots.containsKey(bot) || held.contains(bot)) {
                held.add(bot);
                continue;
            }
            it.remove();
            request.taken = true;
            batch.add(request);
        }
        for (Request request : batch) {
            committingBots.merge(request.signal.bot(), 1, Integer::sum);
        }
        return batch;
    }

    /** Runs the batch in one transaction and sets each request's result or failure: fast when it can, else safe. */
    private void commit(List<Request> batch) {
        List<Request> ordered = new ArrayList<>(batch);
        ordered.sort(LOCK_ORDER);
        if (fast) {
            FastOutcome outcome = commitFast(ordered, batch, true);
            if (outcome == FastOutcome.NOT_ALL_FRESH) {
                outcome = commitFast(ordered, batch, false);
            }
            if (outcome == FastOutcome.COMMITTED) {
                remember(batch);
                return;
            }
            if (outcome == FastOutcome.FAILED) {
                failAll(batch);
                return;
            }
            // a statement failed: nothing of the batch was written; again, each request on its own
        }
        commitEach(ordered, batch);
    }

    /**
     * Enqueues the jobs of the batch's recorded signals in one statement, in the order the signals were received (and,
     * for the same instant, the order they reached the intake), never the lock order: a bot's jobs run in their
     * enqueued order. Requests received a few milliseconds apart can reach the intake in either order (the work
     * before it, authentication and rate limits, takes its own time), so the batch is put back in received order.
     * Last in the transaction, after every request was recorded or refused; {@code lockedKeys} are ordering keys the
     * transaction holds already.
     */
    private void enqueueRecorded(List<Request> arrival, Set<String> lockedKeys) {
        List<NewJob> recorded = jobsInReceivedOrder(arrival.stream().filter(r -> r.result instanceof SignalRecording.Recorded));
        jobs.enqueueAll(recorded, lateKeys(recorded), lockedKeys);
    }

    private static List<NewJob> jobsInReceivedOrder(Stream<Request> requests) {
        return requests.sorted(Comparator.comparing((Request r) -> r.signal.receivedAt())) // stable: ties keep arrival order
                .map(r -> r.job).toList();
    }

    /** Remembers the ordering keys of a committed batch's jobs: their rows exist now. */
    private void remember(List<Request> batch) {
        if (knownKeys.size() > REMEMBERED_KEYS) {
            knownKeys.clear();
        }
        for (Request request : batch) {
            if (request.result instanceof SignalRecording.Recorded && request.job.orderingKey() != null) {
                knownKeys.add(request.job.orderingKey());
            }
        }
    }

    /** How many batches sent their two statements in one round trip. */
    long batchesInOneRoundTrip() {
        return oneTrip.get();
    }

    /**
     * The ordering keys of {@code recorded} (in received order) that get a job due earlier than one this intake
     * enqueued for them before: a request received first that reached the intake after a later one of its bot, in a
     * later batch. The queue then puts the earlier job first if the later one has not been claimed yet. Remembers each
     * key's latest due time; a batch that then fails leaves a time too late, which costs an extra check, never an
     * order. Bounded: past {@link #REMEMBERED_KEYS} keys the memory starts again (it matters for milliseconds).
     */
    private Set<String> lateKeys(List<NewJob> recorded) {
        Set<String> late = new HashSet<>();
        if (lastDue.size() > REMEMBERED_KEYS) {
            lastDue.clear();
        }
        for (NewJob job : recorded) {
            if (job.orderingKey() == null || job.runAt() == null) {
                continue;
            }
            Instant before = lastDue.get(job.orderingKey());
            if (before != null && job.runAt().isBefore(before)) {
                late.add(job.orderingKey());
            }
            lastDue.merge(job.orderingKey(), job.runAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
        return late;
    }

    private enum FastOutcome { COMMITTED, NOT_ALL_FRESH, STATEMENT_FAILED, FAILED }

    /** Thrown to roll back a batch sent in one round trip that was not all fresh: it goes again, the other fast way. */
    private static final class NotAllFresh extends RuntimeException {
        NotAllFresh() {
            super("a key of the batch existed", null, false, false);
        }
    }

    /**
     * The optimistic way: no savepoints, two statements for the whole batch. The requests whose key this batch
     * claims fresh (the common case: a new orderId) are written, keys, signals and log rows, by one statement, which
     * also locks their jobs' ordering keys (in key order), and all recorded signals' jobs by one more; a key seen for
     * the first time, or the key of a request that went the per-request way, is locked by a statement before it (out
     * of key order with the first ones: a worker finishing both keys at once can meet it in a deadlock, which
     * PostgreSQL breaks by failing one side, each then going on its own way). The others (a duplicate, an expired
     * key, a twin inside the batch, a request that is not valid) go the per-request way under savepoints of their
     * own, in the same transaction. When any statement fails, the transaction is rolled back and the caller runs the
     * whole batch again the safe way, so a failing request still fails alone.
     */
    private FastOutcome commitFast(List<Request> ordered, List<Request> arrival, boolean oneRoundTrip) {
        boolean[] statementFailed = {false};
        try {
            db.inTransaction(() -> {
                try {
                    writeFast(ordered, arrival, oneRoundTrip);
                } catch (NotAllFresh e) {
                    throw e;
                } catch (RuntimeException e) {
                    statementFailed[0] = true;
                    throw e;
                }
                beforeCommit.run();
                return null;
            });
            return FastOutcome.COMMITTED;
        } catch (RuntimeException | Error e) {
            for (Request request : ordered) {
                request.result = null;
                request.failure = null;
            }
            if (e instanceof NotAllFresh) {
                return FastOutcome.NOT_ALL_FRESH;
            }
            if (statementFailed[0]) {
                LOG.debug("a batch of {} signal(s) failed the fast way ({}); each goes on its own", ordered.size(),
                        e.getClass().getSimpleName());
                return FastOutcome.STATEMENT_FAILED;
            }
            logLost(ordered.size(), e);
            return FastOutcome.FAILED;
        }
    }

    private void writeFast(List<Request> ordered, List<Request> arrival, boolean oneRoundTrip) {
        List<Request> candidates = new ArrayList<>(ordered.size());
        List<Request> others = new ArrayList<>();
        Set<List<Object>> keys = new HashSet<>();
        Set<UUID> ids = new HashSet<>();
        for (Request request : ordered) {
            Signal signal = request.signal;
            boolean valid = signal.status() == SignalStatus.RECEIVED && request.window.isPositive();
            if (valid && keys.add(List.of(signal.workspace().value(), signal.bot().value(), signal.idempotencyKey()))
                    && ids.add(signal.id().value())) {
                candidates.add(request);
            } else {
                others.add(request);
            }
        }
        List<String> jobKeys = candidates.stream().map(r -> r.job.orderingKey()).filter(Objects::nonNull).distinct()
                .sorted().toList();
        if (oneRoundTrip && others.isEmpty() && !candidates.isEmpty() && knownKeys.containsAll(jobKeys)) {
            writeInOneRoundTrip(candidates, arrival, jobKeys);
            return;
        }
        // one statement: the keys claimed where free, those signals stored with their log rows, and the candidates'
        // job ordering keys locked (in key order) for their jobs' insert, a statement later
        JooqSignals.Stored stored = candidates.isEmpty() ? new JooqSignals.Stored(Set.of(), Set.of())
                : JooqSignals.stored(db.jdbc().query(storeFresh(candidates, jobKeys)));
        for (Request request : candidates) {
            if (stored.ids().contains(request.signal.id().value())) {
                request.result = new SignalRecording.Recorded(request.signal.id());
                request.failure = null;
            } else {
                others.add(request); // the key exists: a duplicate, or an expired key to take over
            }
        }
        others.sort(LOCK_ORDER);
        for (Request request : others) {
            runEach(request);
        }
        enqueueRecorded(arrival, stored.lockedKeys());
    }

    /**
     * Every request of the batch a candidate, every job's ordering key with a row: the first statement (keys, signals,
     * log rows, the keys' locks) and the jobs' insert go in one round trip, the insert's snapshot taken after the
     * first statement's locks. Only if every signal was stored and every key locked is that the batch's outcome;
     * otherwise (a key existed: a duplicate, an expired key, a concurrent twin) the transaction is rolled back and the
     * batch goes the two-statement way, where such a request is handled on its own before the jobs' insert.
     */
    private void writeInOneRoundTrip(List<Request> candidates, List<Request> arrival, List<String> jobKeys) {
        List<NewJob> inOrder = jobsInReceivedOrder(arrival.stream());
        Set<String> late = lateKeys(inOrder);
        Jdbc.Both<JooqSignals.Row, String> both = db.jdbc().queryBoth(storeFresh(candidates, jobKeys), jobs.insertQuery(inOrder));
        JooqSignals.Stored stored = JooqSignals.stored(both.first());
        if (stored.ids().size() < candidates.size() || !stored.lockedKeys().containsAll(jobKeys)) {
            throw new NotAllFresh();
        }
        for (Request request : candidates) {
            request.result = new SignalRecording.Recorded(request.signal.id());
            request.failure = null;
        }
        jobs.inserted(inOrder, both.second(), late);
        oneTrip.incrementAndGet();
    }

    /** The batch's first statement, for {@code candidates} (distinct keys, each RECEIVED) and their jobs' keys. */
    private Jdbc.Query<JooqSignals.Row> storeFresh(List<Request> candidates, List<String> jobKeys) {
        return signals.storeFreshQuery(candidates.stream().map(r -> r.signal).toList(),
                candidates.stream().map(r -> r.window).toList(),
                candidates.stream().map(r -> r.logged == null ? null
                        : SignalIntake.logRow(r.logged, new SignalRecording.Recorded(r.signal.id()))).toList(),
                jobKeys);
    }

    /** The safe way: one transaction, a savepoint per request, so a failing request fails alone. */
    private void commitEach(List<Request> ordered, List<Request> batch) {
        try {
            db.inTransaction(() -> {
                for (Request request : ordered) {
                    runEach(request);
                }
                enqueueRecorded(batch, Set.of());
                beforeCommit.run();
                return null;
            });
        } catch (RuntimeException | Error e) {
            logLost(batch.size(), e);
            failAll(batch);
        }
    }

    /** One request's signal (and log row) under a savepoint of its own; sets its result or its failure. Its job is enqueued with the batch's. */
    private void runEach(Request request) {
        try {
            request.result = db.savepoint(() -> record(request.signal, request.window, request.logged));
            request.failure = null;
        } catch (DataAccessException e) {
            request.result = null;
            request.failure = SqlErrors.translate(e);
        } catch (RuntimeException e) {
            request.result = null;
            request.failure = e;
        }
    }

    private static void logLost(int size, Throwable e) {
        LOG.warn("a batch of {} signal(s) was not committed ({}{}); each sender is told to send again",
                size, e.getClass().getSimpleName(),
                e instanceof DataAccessException dae ? ", SQL state " + dae.sqlState() : "");
    }

    private static void failAll(List<Request> batch) {
        for (Request request : batch) {
            request.result = null;
            request.failure = new Unavailable("the signal could not be stored; send it again");
        }
    }

    private SignalRecording recordAndEnqueue(Signal signal, Duration window, NewJob job, WebhookLog.@Nullable Attempt logged) {
        SignalRecording recording = record(signal, window, logged);
        if (recording instanceof SignalRecording.Recorded) {
            jobs.enqueue(job);
        }
        return recording;
    }

    private SignalRecording record(Signal signal, Duration window, WebhookLog.@Nullable Attempt logged) {
        SignalRecording recording = signals.record(signal, window);
        if (logged != null) {
            log.recordJoined(List.of(SignalIntake.logRow(logged, recording)));
        }
        return recording;
    }

    /** Refuses new requests, then waits until every request already accepted has been answered. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            gather.signal();
            while (!pending.isEmpty() || committing > 0 || gathering) {
                changed.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /** One caller's request; its mutable fields are guarded by the intake's lock (written by one leader). */
    private static final class Request {
        final Signal signal;
        final Duration window;
        final NewJob job;
        final WebhookLog.@Nullable Attempt logged;
        boolean taken;
        boolean answered;
        @Nullable SignalRecording result;
        @Nullable RuntimeException failure;

        Request(Signal signal, Duration window, NewJob job, WebhookLog.@Nullable Attempt logged) {
            this.signal = signal;
            this.window = window;
            this.job = job;
            this.logged = logged;
        }

        SignalRecording answer() {
            if (failure != null) {
                throw failure;
            }
            return Objects.requireNonNull(result, "an answered request has a result or a failure");
        }
    }

    /** How many requests wait to be taken into a batch (for tests that line up a batch). */
    int waiting() {
        lock.lock();
        try {
            return pending.size();
        } finally {
            lock.unlock();
        }
    }
}
