package dev.bulwark.adapters.persistence.events;

import static dev.bulwark.adapters.persistence.jooq.Tables.EVENTS;
import static dev.bulwark.adapters.persistence.jooq.Tables.EVENT_SEQUENCE;
import static dev.bulwark.adapters.persistence.jooq.Tables.WORKSPACES;

import dev.bulwark.adapters.persistence.Db;
import dev.bulwark.adapters.persistence.Jdbc;
import dev.bulwark.adapters.persistence.KeyValueText;
import dev.bulwark.adapters.persistence.jooq.tables.records.EventsRecord;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.events.Event;
import dev.bulwark.domain.events.EventType;
import dev.bulwark.domain.events.LoggedEvent;
import dev.bulwark.ports.driven.events.EventLog;
import dev.bulwark.ports.errors.NotFound;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * The event log in SQL. An append takes its sequence by incrementing the one row of {@code event_sequence} in the
 * caller's transaction and holds that row's lock until the transaction ends. So appends run one at a time, a
 * number is taken only by a transaction that then commits before the next can take one, and commit order is
 * sequence order: a reader that saw {@code n} and reads "after n" misses nothing. The numbers are also gap-free, as
 * a rolled-back append gives its number back. The price: transactions that append wait for each other, so a
 * caller appends last, just before it commits. At most {@value #MAX_PAGE} events are read at once.
 */
public final class JooqEventLog implements EventLog {
    static final int MAX_PAGE = 1_000;
    /** Workspaces remembered as existing; forgotten all at once past this many (a workspace is never deleted). */
    private static final int MAX_KNOWN = 100_000;

    /** H2: takes the next {@code ?} numbers, answering the counter after the increment; the inserts follow. */
    private static final String TAKE_H2 = "select last_sequence from final table (update event_sequence"
            + " set last_sequence = last_sequence + ? where id = 1)";
    private static final String INSERT = "insert into events (sequence, workspace_id, type, at, data)"
            + " values (?, ?, ?, ?, ?)";
    /**
     * PostgreSQL: the numbers taken and the events inserted over arrays in one statement (n+1..n+k in list order);
     * answers the counter after the increment.
     */
    private static final String APPEND_PG = "with taken as (update event_sequence set last_sequence = last_sequence + ?"
            + " where id = 1 returning last_sequence), added as (insert into events (sequence, workspace_id, type, at,"
            + " data) select taken.last_sequence - ? + given.n, given.workspace_id, given.type, given.at, given.data"
            + " from taken, unnest(?::uuid[], ?::text[], ?::timestamptz[], ?::text[]) with ordinality as"
            + " given(workspace_id, type, at, data, n) returning 1) select last_sequence from taken";

    private final Db db;
    /**
     * Workspaces an append has found: workspaces are not deleted, so one check per workspace and process is enough
     * (the foreign key still refuses the rows of one that is gone).
     */
    private final Set<UUID> knownWorkspaces = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public JooqEventLog(Db db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public long append(Event event) {
        return appendAll(List.of(event)).get(0);
    }

    /**
     * One counter update for the whole list (sequences n+1..n+k, in list order) and the inserts: one statement on
     * PostgreSQL, the update then the inserts sent together on H2.
     */
    @Override
    public List<Long> appendAll(List<Event> events) {
        Objects.requireNonNull(events, "events");
        if (events.isEmpty()) {
            return List.of();
        }
        return db.inTransaction(() -> {
            DSLContext ctx = db.ctx();
            // checked first, so a missing workspace fails no statement and takes no number: on PostgreSQL a failed
            // statement would abort the caller's transaction
            Set<UUID> workspaces = new LinkedHashSet<>();
            events.forEach(e -> workspaces.add(e.workspace().value()));
            workspaces.removeAll(knownWorkspaces);
            if (!workspaces.isEmpty()) {
                Set<UUID> known = new HashSet<>(ctx.select(WORKSPACES.ID).from(WORKSPACES)
                        .where(WORKSPACES.ID.in(workspaces)).fetch(WORKSPACES.ID));
                for (UUID workspace : workspaces) {
                    if (!known.contains(workspace)) {
                        throw new NotFound("workspace " + workspace + " not found");
                    }
                }
                if (knownWorkspaces.size() > MAX_KNOWN) {
                    knownWorkspaces.clear();
                }
                knownWorkspaces.addAll(known);
            }
            var jdbc = db.jdbc();
            int count = events.size();
            long last;
            if (jdbc.postgres()) {
                last = jdbc.queryOne(APPEND_PG, rs -> rs.getLong(1), count, count,
                        Jdbc.array("uuid", events.stream().map(e -> e.workspace().value()).toList()),
                        Jdbc.array("text", events.stream().map(e -> e.type().name()).toList()),
                        Jdbc.array("timestamptz", events.stream().map(Event::at).toList()),
                        Jdbc.array("text", events.stream().map(e -> KeyValueText.encode(e.data())).toList()))
                        .orElseThrow(() -> new IllegalStateException("the event_sequence row is missing"));
            } else {
                last = jdbc.queryOne(TAKE_H2, rs -> rs.getLong(1), count)
                        .orElseThrow(() -> new IllegalStateException("the event_sequence row is missing"));
                List<Object[]> rows = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    Event event = events.get(i);
                    rows.add(new Object[] {last - count + 1 + i, event.workspace().value(), event.type().name(),
                        event.at(), KeyValueText.encode(event.data())});
                }
                jdbc.batch(INSERT, rows);
            }
            List<Long> sequences = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                sequences.add(last - count + 1 + i);
            }
            return List.copyOf(sequences);
        });
    }

    @Override
    public List<LoggedEvent> after(@Nullable WorkspaceId workspace, long afterSequence, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit is 1 to " + MAX_PAGE);
        }
        if (afterSequence < 0) {
            throw new IllegalArgumentException("afterSequence is 0 or more");
        }
        Condition where = EVENTS.SEQUENCE.gt(afterSequence);
        if (workspace != null) {
            where = where.and(EVENTS.WORKSPACE_ID.eq(workspace.value()));
        }
        return db.ctx().selectFrom(EVENTS).where(where).orderBy(EVENTS.SEQUENCE).limit(limit).fetch(JooqEventLog::toLogged);
    }

    @Override
    public long lastSequence() {
        // the counter, not the newest row: it stays put when old events are forgotten
        return db.ctx().select(EVENT_SEQUENCE.LAST_SEQUENCE).from(EVENT_SEQUENCE).where(EVENT_SEQUENCE.ID.eq(1))
                .fetchOptional(EVENT_SEQUENCE.LAST_SEQUENCE).orElse(0L);
    }

    @Override
    public long firstSequence() {
        Long first = db.ctx().select(DSL.min(EVENTS.SEQUENCE)).from(EVENTS).fetchOne(0, Long.class);
        return first == null ? 0 : first;
    }

    /**
     * Forgets the oldest events up to the first one stamped at or after {@code cutoff}. Events are stamped by their
     * producers, so the stamps are not quite in sequence order; cutting at the first recent one keeps what is left
     * one unbroken run from {@link #firstSequence()}, and a follower that is not behind it misses nothing.
     */
    @Override
    public int forgetBefore(Instant cutoff) {
        Field<Long> firstKept = DSL.select(DSL.min(EVENTS.SEQUENCE)).from(EVENTS).where(EVENTS.AT.ge(utc(cutoff))).asField();
        return db.ctx().deleteFrom(EVENTS)
                .where(EVENTS.SEQUENCE.lt(DSL.coalesce(firstKept, DSL.val(Long.MAX_VALUE))))
                .execute();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static LoggedEvent toLogged(EventsRecord r) {
        Event event = new Event(new WorkspaceId(r.getWorkspaceId()), EventType.valueOf(r.getType()), r.getAt().toInstant(),
                KeyValueText.decode(r.getData()));
        return new LoggedEvent(r.getSequence(), event);
    }
}
