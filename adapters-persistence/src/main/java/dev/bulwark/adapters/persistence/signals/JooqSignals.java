package dev.bulwark.adapters.persistence.signals;

import static dev.bulwark.adapters.persistence.jooq.Tables.SIGNALS;
import static dev.bulwark.adapters.persistence.jooq.Tables.SIGNAL_KEYS;

import dev.bulwark.adapters.persistence.Db;
import dev.bulwark.adapters.persistence.Jdbc;
import dev.bulwark.adapters.persistence.SqlErrors;
import dev.bulwark.adapters.persistence.jooq.tables.records.SignalKeysRecord;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.bots.BotId;
import dev.bulwark.domain.signals.Signal;
import dev.bulwark.domain.signals.SignalId;
import dev.bulwark.domain.signals.SignalStatus;
import dev.bulwark.ports.driven.signals.SignalCursor;
import dev.bulwark.ports.driven.signals.SignalRecording;
import dev.bulwark.ports.driven.signals.Signals;
import dev.bulwark.ports.driven.signals.WebhookLog;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.NotFound;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jooq.Condition;
import org.jooq.exception.DataAccessException;
import org.jspecify.annotations.Nullable;

/**
 * Signals in SQL. Deduplication rests on {@code signal_keys}, one row per (workspace, bot, key) naming the first
 * signal of the current window, and on the database's unique index rather than on any lock of ours, so it holds
 * across processes:
 * <ol>
 *   <li>a live row (first seen less than the window ago) makes the signal a duplicate of the signal it names;
 *   <li>an expired row is taken over by an UPDATE that is conditional on it still being expired: of two
 *       concurrent takeovers the second waits for the first and then no longer finds it expired;
 *   <li>no row: {@code INSERT ... ON CONFLICT DO NOTHING}, tried first since a fresh key is the common case. A
 *       concurrent twin's INSERT waits on the unique index for the first transaction and then inserts nothing (no
 *       failed statement, so the caller's transaction stays usable on PostgreSQL with no savepoint), and the loser
 *       reads the winner's row: a duplicate.
 * </ol>
 * The signal row itself is written after its key, in the same transaction, with status RECEIVED, or DUPLICATE
 * and a reason naming the first: every request is recorded.
 */
public final class JooqSignals implements Signals {
    /** Rounds of read, take over or insert; each lost round means another transaction committed the key. */
    private static final int MAX_KEY_ROUNDS = 10;
    private static final int MAX_PAGE = 500;

    /** The columns a signal is read from, in the fixed statements. */
    private static final String COLUMNS = "id, workspace_id, bot_id, received_at, status, reason, idempotency_key,"
            + " raw_body, content_type, action, symbol, quantity, price, stop_loss, take_profit, external_order_id,"
            + " updated_at";
    /**
     * A batch's fresh signals in one statement (PostgreSQL, over arrays, any batch size): each key claimed when free
     * ({@code ON CONFLICT DO NOTHING}, in list order), the signals whose key was claimed stored RECEIVED, and their
     * webhook log rows (where given) written; answers the stored signals' ids.
     */
    private static final String STORE_FRESH = "with given as (select * from unnest(?::uuid[], ?::uuid[], ?::uuid[],"
            + " ?::timestamptz[], ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
            + " ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::uuid[], ?::timestamptz[], ?::text[], ?::int4[],"
            + " ?::text[], ?::text[]) with ordinality as given(id, workspace_id, bot_id, received_at, expires_at,"
            + " idempotency_key, raw_body, content_type, action, symbol, quantity, price, stop_loss, take_profit,"
            + " external_order_id, log_bot, log_workspace_id, log_at, log_outcome, log_status, log_signal_id, log_ip, n)),"
            + " claimed as (insert into signal_keys (workspace_id, bot_id, idempotency_key, signal_id, first_at, expires_at)"
            + " select workspace_id, bot_id, idempotency_key, id, received_at, expires_at from given order by n"
            + " on conflict (workspace_id, bot_id, idempotency_key) do nothing returning signal_id),"
            + " stored as (insert into signals (id, workspace_id, bot_id, received_at, status, idempotency_key, raw_body,"
            + " content_type, action, symbol, quantity, price, stop_loss, take_profit, external_order_id)"
            + " select id, workspace_id, bot_id, received_at, 'RECEIVED', idempotency_key, raw_body, content_type, action,"
            + " symbol, quantity, price, stop_loss, take_profit, external_order_id from given"
            + " where id in (select signal_id from claimed) order by n returning id),"
            + " logged as (insert into webhook_attempts (bot, workspace_id, at, outcome, status, signal_id, ip)"
            + " select log_bot, log_workspace_id, log_at, log_outcome, log_status, log_signal_id, log_ip from given"
            + " where log_outcome is not null and id in (select id from stored) order by n),"
            + " locked as (select ordering_key from job_keys where ordering_key = any(?::text[]) order by ordering_key"
            + " for update)"
            + " select id::text, false from stored union all select ordering_key, true from locked";
    /** For each status, the statuses a signal may move to it from, as SQL literals. */
    private static final Map<SignalStatus, String> MOVES_TO = movesTo();

    private final Db db;

    public JooqSignals(Db db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public SignalRecording record(Signal signal, Duration window) {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(window, "window");
        if (signal.status() != SignalStatus.RECEIVED) {
            throw new IllegalArgumentException("a signal is recorded as RECEIVED, was " + signal.status());
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("an idempotency window is positive, was " + window);
        }
        // the key and the signal commit together, whether or not the caller opened a transaction
        return db.inTransaction(() -> {
            @Nullable UUID first = claimKey(signal, window);
            if (first == null) {
                insert(signal, SignalStatus.RECEIVED, null);
                return new SignalRecording.Recorded(signal.id());
            }
            insert(signal, SignalStatus.DUPLICATE, "duplicate of signal " + first);
            return new SignalRecording.Duplicate(new SignalId(first));
        });
    }

    /**
     * The fast path's first statement (PostgreSQL only, see {@link JooqSignalIntake}), sent alone or with the jobs'
     * insert in one round trip, its rows read by {@link #stored}: claims the keys of {@code fresh} where free, stores
     * those signals RECEIVED with their log rows ({@code logged}, null for none; the row a stored signal gets), and
     * answers the stored signals' ids. A key that exists (live, expired or a concurrent
     * twin's) is not touched: its signal goes the per-request way. The signals' keys are distinct and each signal is
     * RECEIVED; the caller's transaction must be open.
     *
     * <p>The same statement locks the job queue's rows of {@code jobKeys} (sorted ordering keys) that exist, in key
     * order, until the transaction ends, and answers which it locked: the jobs' insert, a statement after this one,
     * need not lock them again (see {@link dev.bulwark.adapters.persistence.jobs.JooqJobQueue#enqueueAll}).
     */
    Jdbc.Query<Row> storeFreshQuery(List<Signal> fresh, List<Duration> windows, List<WebhookLog.@Nullable Attempt> logged,
                                    List<String> jobKeys) {
        List<@Nullable Object> values = new ArrayList<>(List.of(
                Jdbc.array("uuid", fresh.stream().map(s -> s.id().value()).toList()),
                Jdbc.array("uuid", fresh.stream().map(s -> s.workspace().value()).toList()),
                Jdbc.array("uuid", fresh.stream().map(s -> s.bot().value()).toList()),
                Jdbc.array("timestamptz", fresh.stream().map(Signal::receivedAt).toList()),
                Jdbc.array("timestamptz", IntStream.range(0, fresh.size())
                        .mapToObj(i -> fresh.get(i).receivedAt().plus(windows.get(i))).toList()),
                Jdbc.array("text", fresh.stream().map(Signal::idempotencyKey).toList()),
                Jdbc.array("text", fresh.stream().map(Signal::rawBody).toList()),
                Jdbc.array("text", fresh.stream().map(Signal::contentType).toList()),
                Jdbc.array("text", fresh.stream().map(Signal::action).toList()),
                Jdbc.array("text", fresh.stream().map(Signal::symbol).toList()),
                Jdbc.array("text", fresh.stream().map(Signal::quantity).toList()),
                Jdbc.array("text", fresh.stream().map(Signal::price).toList()),
                Jdbc.array("text", fresh.stream().map(Signal::stopLoss).toList()),
                Jdbc.array("text", fresh.stream().map(Signal::takeProfit).toList()),
                Jdbc.array("text", fresh.stream().map(Signal::externalOrderId).toList())));
        values.addAll(JooqWebhookLog.columns(logged.stream().map(a -> a == null ? null : JooqWebhookLog.stored(a)).toList()));
        values.add(Jdbc.array("text", jobKeys));
        return new Jdbc.Query<>(STORE_FRESH, values, rs -> new Row(rs.getString(1), rs.getBoolean(2)));
    }

    /** One row {@link #storeFreshQuery}'s statement answers: a stored signal's id, or a job key it locked. */
    record Row(String value, boolean lockedKey) {
    }

    /** What {@link #storeFreshQuery}'s statement stored and locked, from its rows. */
    static Stored stored(List<Row> rows) {
        Set<UUID> stored = new HashSet<>();
        Set<String> locked = new HashSet<>();
        for (Row row : rows) {
            if (row.lockedKey()) {
                locked.add(row.value());
            } else {
                stored.add(UUID.fromString(row.value()));
            }
        }
        return new Stored(stored, locked);
    }

    /** What {@link #storeFreshQuery}'s statement stored (the signals' ids) and locked (the job queue's ordering keys). */
    record Stored(Set<UUID> ids, Set<String> lockedKeys) {
    }

    /** Null when this signal now owns the key; else the id of the first signal of the live window. */
    private @Nullable UUID claimKey(Signal signal, Duration window) {
        OffsetDateTime at = utc(signal.receivedAt());
        OffsetDateTime expiresAt = utc(signal.receivedAt().plus(window));
        // a key first seen at or before this instant is free again for this signal
        OffsetDateTime freeUpTo = utc(signal.receivedAt().minus(window));
        Condition key = SIGNAL_KEYS.WORKSPACE_ID.eq(signal.workspace().value())
                .and(SIGNAL_KEYS.BOT_ID.eq(signal.bot().value()))
                .and(SIGNAL_KEYS.IDEMPOTENCY_KEY.eq(signal.idempotencyKey()));
        for (int round = 0; round < MAX_KEY_ROUNDS; round++) {
            // a fresh key, the common case, costs this one statement
            if (insertKey(signal, at, expiresAt)) {
                return null;
            }
            SignalKeysRecord existing = db.ctx().selectFrom(SIGNAL_KEYS).where(key).fetchOne();
            if (existing != null && existing.getFirstAt().isAfter(freeUpTo)) {
                return existing.getSignalId();
            }
            if (existing != null) {
                int taken = db.ctx().update(SIGNAL_KEYS)
                        .set(SIGNAL_KEYS.SIGNAL_ID, signal.id().value())
                        .set(SIGNAL_KEYS.FIRST_AT, at)
                        .set(SIGNAL_KEYS.EXPIRES_AT, expiresAt)
                        .where(key)
                        .and(SIGNAL_KEYS.FIRST_AT.le(freeUpTo))
                        .execute();
                if (taken == 1) {
                    return null;
                }
            }
            // another transaction got there first and has committed (or rolled back): the next round sees it
        }
        throw new Conflict("the idempotency key of this signal is contended; send it again");
    }

    /** True when inserted; false when a row with this key exists (committed by a concurrent caller). */
    private boolean insertKey(Signal signal, OffsetDateTime at, OffsetDateTime expiresAt) {
        try {
            // ON CONFLICT DO NOTHING, not a caught unique violation: on PostgreSQL a failed statement would abort the
            // enclosing transaction, and a savepoint around it would cost two more round trips on the hot path. A
            // concurrent twin's uncommitted row makes this wait for its transaction: committed, nothing is inserted.
            return db.ctx().insertInto(SIGNAL_KEYS)
                    .set(SIGNAL_KEYS.WORKSPACE_ID, signal.workspace().value())
                    .set(SIGNAL_KEYS.BOT_ID, signal.bot().value())
                    .set(SIGNAL_KEYS.IDEMPOTENCY_KEY, signal.idempotencyKey())
                    .set(SIGNAL_KEYS.SIGNAL_ID, signal.id().value())
                    .set(SIGNAL_KEYS.FIRST_AT, at)
                    .set(SIGNAL_KEYS.EXPIRES_AT, expiresAt)
                    .onConflict(SIGNAL_KEYS.WORKSPACE_ID, SIGNAL_KEYS.BOT_ID, SIGNAL_KEYS.IDEMPOTENCY_KEY).doNothing()
                    .execute() == 1;
        } catch (DataAccessException e) {
            // H2 runs ON CONFLICT as a MERGE, which a concurrent twin can still beat to the insert; H2 keeps the
            // transaction usable after a failed statement
            if (SqlErrors.isUniqueViolation(e)) {
                return false;
            }
            throw SqlErrors.translate(e);
        }
    }

    private void insert(Signal signal, SignalStatus status, @Nullable String reason) {
        try {
            db.ctx().insertInto(SIGNALS)
                    .set(SIGNALS.ID, signal.id().value())
                    .set(SIGNALS.WORKSPACE_ID, signal.workspace().value())
                    .set(SIGNALS.BOT_ID, signal.bot().value())
                    .set(SIGNALS.RECEIVED_AT, utc(signal.receivedAt()))
                    .set(SIGNALS.STATUS, status.name())
                    .set(SIGNALS.REASON, reason)
                    .set(SIGNALS.IDEMPOTENCY_KEY, signal.idempotencyKey())
                    .set(SIGNALS.RAW_BODY, signal.rawBody())
                    .set(SIGNALS.CONTENT_TYPE, signal.contentType())
                    .set(SIGNALS.ACTION, signal.action())
                    .set(SIGNALS.SYMBOL, signal.symbol())
                    .set(SIGNALS.QUANTITY, signal.quantity())
                    .set(SIGNALS.PRICE, signal.price())
                    .set(SIGNALS.STOP_LOSS, signal.stopLoss())
                    .set(SIGNALS.TAKE_PROFIT, signal.takeProfit())
                    .set(SIGNALS.EXTERNAL_ORDER_ID, signal.externalOrderId())
                    .execute();
        } catch (DataAccessException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new Conflict("signal " + signal.id() + " exists already");
            }
            throw SqlErrors.translate(e);
        }
    }

    @Override
    public Optional<Signal> find(WorkspaceId workspace, SignalId id) {
        return db.jdbc().queryOne("select " + COLUMNS + " from signals where workspace_id = ? and id = ?",
                JooqSignals::toSignal, workspace.value(), id.value());
    }

    @Override
    public List<Signal> findAll(WorkspaceId workspace, Collection<SignalId> ids) {
        List<Object> values = new ArrayList<>();
        values.add(workspace.value());
        ids.stream().map(SignalId::value).distinct().forEach(values::add);
        if (values.size() == 1) {
            return List.of();
        }
        return db.jdbc().query("select " + COLUMNS + " from signals where workspace_id = ? and id in ("
                + Jdbc.marks(values.size() - 1) + ")", JooqSignals::toSignal, values.toArray());
    }

    @Override
    public Signal updateStatus(WorkspaceId workspace, SignalId id, SignalStatus status, @Nullable String reason, Instant at) {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        if (status == SignalStatus.DUPLICATE) {
            throw new IllegalArgumentException("a signal is a duplicate only when it is recorded");
        }
        // one statement: a conditional update that hands back the row (a final status stored meanwhile by another
        // worker is never overwritten); only a refusal reads the signal, to say why
        var jdbc = db.jdbc();
        String update = "update signals set status = ?, reason = ?, updated_at = ? where workspace_id = ? and id = ?"
                + " and status in (" + MOVES_TO.get(status) + ")";
        String sql = jdbc.postgres() ? update + " returning " + COLUMNS : "select " + COLUMNS + " from final table (" + update + ")";
        return db.inTransaction(() -> jdbc.queryOne(sql, JooqSignals::toSignal, status.name(), Signal.cut(reason), at,
                        workspace.value(), id.value())
                .orElseThrow(() -> {
                    Signal current = find(workspace, id).orElseThrow(() -> new NotFound("no signal " + id));
                    return new Conflict("signal " + id + " is " + current.status() + " already: a final status does"
                            + " not change");
                }));
    }

    @Override
    public List<Signal> listForBot(WorkspaceId workspace, BotId bot, @Nullable SignalCursor cursor, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("a page holds 1 to " + MAX_PAGE + " signals, was " + limit);
        }
        if (cursor == null) {
            return db.jdbc().query("select " + COLUMNS + " from signals where workspace_id = ? and bot_id = ?"
                    + " order by received_at desc, id desc limit ?", JooqSignals::toSignal, workspace.value(), bot.value(),
                    limit);
        }
        return db.jdbc().query("select " + COLUMNS + " from signals where workspace_id = ? and bot_id = ?"
                        + " and (received_at, id) < (?, ?) order by received_at desc, id desc limit ?", JooqSignals::toSignal,
                workspace.value(), bot.value(), cursor.receivedAt(), cursor.id().value(), limit);
    }

    @Override
    public long countSince(WorkspaceId workspace, Instant since) {
        return db.ctx().fetchCount(SIGNALS, SIGNALS.WORKSPACE_ID.eq(workspace.value()).and(SIGNALS.RECEIVED_AT.ge(utc(since))));
    }


    private static Map<SignalStatus, String> movesTo() {
        Map<SignalStatus, String> moves = new EnumMap<>(SignalStatus.class);
        for (SignalStatus to : SignalStatus.values()) {
            String from = Arrays.stream(SignalStatus.values()).filter(s -> s.canMoveTo(to))
                    .map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));
            moves.put(to, from.isEmpty() ? "null" : from);
        }
        return moves;
    }

    private static Signal toSignal(ResultSet r) throws SQLException {
        Instant updatedAt = Jdbc.instant(r, "updated_at");
        return new Signal(new SignalId(Jdbc.uuid(r, "id")), new WorkspaceId(Jdbc.uuid(r, "workspace_id")),
                new BotId(Jdbc.uuid(r, "bot_id")), Jdbc.instant(r, "received_at"),
                SignalStatus.valueOf(r.getString("status")), r.getString("reason"), r.getString("idempotency_key"),
                r.getString("raw_body"), r.getString("content_type"), r.getString("action"), r.getString("symbol"),
                r.getString("quantity"), r.getString("price"), r.getString("stop_loss"), r.getString("take_profit"),
                r.getString("external_order_id"), updatedAt);
    }


    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
