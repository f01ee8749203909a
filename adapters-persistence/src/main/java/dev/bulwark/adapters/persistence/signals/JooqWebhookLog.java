package dev.bulwark.adapters.persistence.signals;

import static dev.bulwark.adapters.persistence.jooq.Tables.RATE_COUNTERS;
import static dev.bulwark.adapters.persistence.jooq.Tables.WEBHOOK_ATTEMPTS;

import dev.bulwark.adapters.persistence.Db;
import dev.bulwark.adapters.persistence.Jdbc;
import dev.bulwark.adapters.persistence.SqlErrors;
import dev.bulwark.ports.driven.signals.WebhookLog;
import dev.bulwark.ports.errors.Conflict;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook log and the shared rate counters in SQL.
 *
 * <p>A counter is one row per key and window, incremented by one atomic upsert whose result is the new count, so
 * the limit holds across processes with no lock of ours. PostgreSQL does it in one statement ({@code INSERT ... ON
 * CONFLICT DO UPDATE SET count = count + 1 RETURNING count}); H2 merges and then reads the row back in the same
 * transaction, where the merge's row lock keeps every other writer out until the commit, so the count read is this
 * call's. Two first increments of a fresh window may collide on H2's primary key: the loser merges again and
 * finds the row.
 *
 * <p>Every {@code pruneEvery}-th increment (and the first) also deletes the windows older than its {@code keep}, in a
 * statement of its own: best effort, a failure is logged and the next prune tries again.
 *
 * <p>Log rows are group-committed: the rows of concurrent {@link #record} calls go into one multi-row INSERT in one
 * commit ({@link GroupWriter}), since a commit per request was the webhook's second commit, after the signal's. Each
 * call still returns only once its row is committed; if the shared INSERT fails, each row is tried alone, so a row
 * that cannot be written fails only its own call. Inside a caller's transaction the row simply joins it.
 */
public final class JooqWebhookLog implements WebhookLog {
    private static final Logger LOG = LoggerFactory.getLogger(JooqWebhookLog.class);
    private static final Set<String> OUTCOMES =
            Set.of("accepted", "duplicate", "ignored", "unauthorized", "invalid", "rate-limited", "quota", "error");
    private static final int MAX_KEY = 200;
    private static final int MAX_SIGNAL_ID = 100;
    private static final int MAX_IP = 64;
    /** A batch's attempts (PostgreSQL: one statement over arrays, rows in list order). */
    private static final String INSERT_PG = "insert into webhook_attempts (bot, workspace_id, at, outcome, status, signal_id,"
            + " ip) select * from unnest(?::text[], ?::uuid[], ?::timestamptz[], ?::text[], ?::int4[], ?::text[], ?::text[])";
    private static final int MAX_MERGE_ROUNDS = 10;
    static final int DEFAULT_PRUNE_EVERY = 1_000;
    private static final int MAX_GROUP = 256;
    private static final int MAX_GROUPS_AT_ONCE = 2;

    private final Db db;
    private final int pruneEvery;
    private final AtomicLong increments = new AtomicLong();
    /** Concurrent requests' rows share one INSERT and one commit (see the class comment). */
    private final GroupWriter<Attempt> group = new GroupWriter<>(this::insertGroup, MAX_GROUP, MAX_GROUPS_AT_ONCE);

    public JooqWebhookLog(Db db) {
        this(db, DEFAULT_PRUNE_EVERY);
    }

    /** With a prune every {@code pruneEvery} increments (tests prune on every call). */
    JooqWebhookLog(Db db, int pruneEvery) {
        this.db = Objects.requireNonNull(db, "db");
        if (pruneEvery < 1) {
            throw new IllegalArgumentException("pruneEvery is at least 1");
        }
        this.pruneEvery = pruneEvery;
    }

    /**
     * @throws IllegalArgumentException when the outcome is not one the port lists or the status is not an HTTP
     *     status (100 to 599); a signal id longer than 100 or an address longer than 64 characters is cut
     */
    @Override
    public void record(Attempt attempt) {
        check(attempt);
        if (db.inTransaction()) {
            insert(List.of(attempt)); // joins the caller's transaction
        } else {
            group.write(attempt);
        }
    }

    /** Writes the rows in the caller's transaction, one statement (the signal intake logs what it stored this way). */
    void recordJoined(List<Attempt> attempts) {
        if (!db.inTransaction()) {
            throw new IllegalStateException("joins a transaction: call it inside one");
        }
        attempts.forEach(JooqWebhookLog::check);
        if (!attempts.isEmpty()) {
            insert(attempts);
        }
    }

    private static void check(Attempt attempt) {
        Objects.requireNonNull(attempt, "attempt");
        if (!OUTCOMES.contains(attempt.outcome())) {
            throw new IllegalArgumentException("a webhook outcome is one of " + OUTCOMES.stream().sorted().toList());
        }
        if (attempt.status() < 100 || attempt.status() > 599) {
            throw new IllegalArgumentException("a webhook status is an HTTP status, 100 to 599");
        }
    }

    /**
     * The row as stored: checked as {@link #record} checks it, its signal id and address cut to their columns (for a
     * statement that writes log rows with others, the signal intake's).
     */
    static Attempt stored(Attempt attempt) {
        check(attempt);
        return bounded(attempt);
    }

    /** The row with its signal id and address cut to their columns (checked already). */
    private static Attempt bounded(Attempt attempt) {
        return new Attempt(attempt.bot(), attempt.workspace(), attempt.at(), attempt.outcome(), attempt.status(),
                cut(attempt.signalId(), MAX_SIGNAL_ID), cut(attempt.ip(), MAX_IP));
    }

    /** One multi-row INSERT for the group; when it fails, each row alone, so a bad row fails only its caller. */
    private List<@Nullable RuntimeException> insertGroup(List<Attempt> attempts) {
        List<@Nullable RuntimeException> failures = new ArrayList<>(attempts.size());
        try {
            insert(attempts);
            attempts.forEach(a -> failures.add(null));
            return failures;
        } catch (RuntimeException e) {
            if (attempts.size() == 1) {
                failures.add(e);
                return failures;
            }
        }
        for (Attempt attempt : attempts) {
            try {
                insert(List.of(attempt));
                failures.add(null);
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        return failures;
    }

    /** Writes rows {@link #record} or {@link #recordJoined} checked. */
    private void insert(List<Attempt> checked) {
        List<Attempt> attempts = checked.stream().map(JooqWebhookLog::bounded).toList();
        if (db.jdbc().postgres()) {
            db.jdbc().update(INSERT_PG, columns(attempts).toArray());
            return;
        }
        try {
            var insert = db.ctx().insertInto(WEBHOOK_ATTEMPTS, WEBHOOK_ATTEMPTS.BOT, WEBHOOK_ATTEMPTS.WORKSPACE_ID,
                    WEBHOOK_ATTEMPTS.AT, WEBHOOK_ATTEMPTS.OUTCOME, WEBHOOK_ATTEMPTS.STATUS, WEBHOOK_ATTEMPTS.SIGNAL_ID,
                    WEBHOOK_ATTEMPTS.IP);
            for (Attempt attempt : attempts) {
                insert = insert.values(attempt.bot(), attempt.workspace() == null ? null : attempt.workspace().value(),
                        utc(attempt.at()), attempt.outcome(), attempt.status(), attempt.signalId(), attempt.ip());
            }
            insert.execute();
        } catch (DataAccessException e) {
            throw SqlErrors.translate(e);
        }
    }

    /**
     * The rows' columns as arrays in the table's order (bot, workspace, at, outcome, status, signal id, address); a
     * null row gives nulls throughout (a statement then leaves it out).
     */
    static List<Jdbc.SqlArray> columns(List<@Nullable Attempt> rows) {
        return List.of(Jdbc.array("text", rows.stream().map(a -> a == null ? null : a.bot()).toList()),
                Jdbc.array("uuid", rows.stream().map(a -> a == null || a.workspace() == null ? null : a.workspace().value()).toList()),
                Jdbc.array("timestamptz", rows.stream().map(a -> a == null ? null : a.at()).toList()),
                Jdbc.array("text", rows.stream().map(a -> a == null ? null : a.outcome()).toList()),
                Jdbc.array("int4", rows.stream().map(a -> a == null ? null : a.status()).toList()),
                Jdbc.array("text", rows.stream().map(a -> a == null ? null : a.signalId()).toList()),
                Jdbc.array("text", rows.stream().map(a -> a == null ? null : a.ip()).toList()));
    }

    /** @throws IllegalArgumentException when the key is blank or longer than 200 characters, or keep is not positive */
    @Override
    public long increment(String key, Instant windowStart, Duration keep) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(keep, "keep");
        if (key.isBlank() || key.length() > MAX_KEY) {
            throw new IllegalArgumentException("a counter key is 1 to " + MAX_KEY + " characters");
        }
        if (keep.isNegative() || keep.isZero()) {
            throw new IllegalArgumentException("keep is positive, was " + keep);
        }
        OffsetDateTime window = utc(windowStart);
        long count;
        try {
            count = db.inTransaction(() -> db.ctx().family() == SQLDialect.POSTGRES
                    ? upsertReturning(db.ctx(), key, window)
                    : mergeThenRead(db.ctx(), key, window));
        } catch (DataAccessException e) {
            throw SqlErrors.translate(e);
        }
        // not inside a caller's transaction: a failed delete there would abort it on PostgreSQL
        if (increments.getAndIncrement() % pruneEvery == 0 && !db.inTransaction()) {
            prune(windowStart.minus(keep));
        }
        return count;
    }

    private static long upsertReturning(DSLContext ctx, String key, OffsetDateTime window) {
        return Objects.requireNonNull(ctx.insertInto(RATE_COUNTERS)
                .set(RATE_COUNTERS.COUNTER_KEY, key)
                .set(RATE_COUNTERS.WINDOW_START, window)
                .set(RATE_COUNTERS.COUNT, 1L)
                .onConflict(RATE_COUNTERS.COUNTER_KEY, RATE_COUNTERS.WINDOW_START)
                .doUpdate()
                .set(RATE_COUNTERS.COUNT, RATE_COUNTERS.COUNT.plus(1L))
                .returningResult(RATE_COUNTERS.COUNT)
                .fetchOne(), "an upsert returns its row").value1();
    }

    private static long mergeThenRead(DSLContext ctx, String key, OffsetDateTime window) {
        for (int round = 0; round < MAX_MERGE_ROUNDS; round++) {
            try {
                ctx.insertInto(RATE_COUNTERS)
                        .set(RATE_COUNTERS.COUNTER_KEY, key)
                        .set(RATE_COUNTERS.WINDOW_START, window)
                        .set(RATE_COUNTERS.COUNT, 1L)
                        .onConflict(RATE_COUNTERS.COUNTER_KEY, RATE_COUNTERS.WINDOW_START)
                        .doUpdate()
                        .set(RATE_COUNTERS.COUNT, RATE_COUNTERS.COUNT.plus(1L))
                        .execute();
            } catch (DataAccessException e) {
                if (SqlErrors.isUniqueViolation(e)) {
                    continue; // a concurrent first increment inserted the row: merge again, now it matches
                }
                throw e;
            }
            // the merge holds the row's lock until this transaction ends: the row still has this call's count
            return Objects.requireNonNull(ctx.select(RATE_COUNTERS.COUNT).from(RATE_COUNTERS)
                    .where(RATE_COUNTERS.COUNTER_KEY.eq(key).and(RATE_COUNTERS.WINDOW_START.eq(window)))
                    .fetchOne(RATE_COUNTERS.COUNT), "a merged counter exists");
        }
        throw new Conflict("a rate counter is contended; try again");
    }

    private void prune(Instant before) {
        try {
            int deleted = db.ctx().deleteFrom(RATE_COUNTERS).where(RATE_COUNTERS.WINDOW_START.lt(utc(before))).execute();
            LOG.debug("forgot {} rate counter window(s) older than {}", deleted, before);
        } catch (DataAccessException e) {
            LOG.warn("could not forget old rate counter windows (SQL state {}); the next prune tries again", e.sqlState());
        }
    }

    private static @Nullable String cut(@Nullable String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
