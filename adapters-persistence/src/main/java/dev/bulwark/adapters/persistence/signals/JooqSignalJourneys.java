package dev.bulwark.adapters.persistence.signals;

import static dev.bulwark.adapters.persistence.jooq.Tables.SIGNAL_JOURNEYS;

import dev.bulwark.adapters.persistence.Db;
import dev.bulwark.adapters.persistence.Jdbc;
import dev.bulwark.adapters.persistence.KeyValueText;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.signals.JourneyStep;
import dev.bulwark.domain.signals.SignalId;
import dev.bulwark.ports.driven.signals.SignalJourneys;
import dev.bulwark.ports.errors.NotFound;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Signals' journeys in SQL, one row per step. The order is the identity {@code seq}: no per-signal counter to lock
 * or to collide on. The steps are inserted by a statement that selects each only when the signal is the caller's
 * workspace's, so a missing one fails no statement (on PostgreSQL a failed statement would abort the caller's
 * transaction, and a step usually commits with a decision) and costs no second round trip (the steps' statements are sent together).
 */
public final class JooqSignalJourneys implements SignalJourneys {
    /** A step, when the signal is the workspace's. */
    private static final String APPEND = "insert into signal_journeys (workspace_id, signal_id, step, at, details)"
            + " select ?, ?, ?, ?, ? where exists (select 1 from signals where workspace_id = ? and id = ?)";
    /**
     * PostgreSQL: every step in one statement over arrays, in list order (the identity follows the sort), each only when
     * its signal is the workspace's. The check is a scalar subquery, run per step as one primary-key probe: an EXISTS
     * may be planned as a join over every signal. Answers the signals that got their steps.
     */
    private static final String APPEND_PG = "with added as (insert into signal_journeys (workspace_id, signal_id, step,"
            + " at, details) select given.workspace_id, given.signal_id, given.step, given.at, given.details"
            + " from unnest(?::uuid[], ?::uuid[], ?::text[], ?::timestamptz[], ?::text[]) with ordinality as"
            + " given(workspace_id, signal_id, step, at, details, n) where (select s.workspace_id from signals s"
            + " where s.id = given.signal_id) = given.workspace_id order by n returning signal_id)"
            + " select distinct signal_id from added";

    private final Db db;

    public JooqSignalJourneys(Db db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public void append(WorkspaceId workspace, SignalId signal, JourneyStep step) {
        appendEach(List.of(new Entry(workspace, signal, step)));
    }

    /**
     * The steps in list order, each when its signal is the workspace's: one statement on PostgreSQL, else one per step
     * sent together. A step whose signal is missing fails the call and writes none of them (the caller's transaction,
     * or one of its own, rolls back).
     */
    @Override
    public void appendEach(List<Entry> entries) {
        Objects.requireNonNull(entries, "entries");
        if (entries.isEmpty()) {
            return;
        }
        db.inTransaction(() -> {
            Set<UUID> found = db.jdbc().postgres() ? appendOnPostgres(entries) : appendEachOnH2(entries);
            for (Entry entry : entries) {
                if (!found.contains(entry.signal().value())) {
                    throw new NotFound("no signal " + entry.signal());
                }
            }
            return null;
        });
    }

    /** The signals whose steps were written. */
    private Set<UUID> appendOnPostgres(List<Entry> entries) {
        return new HashSet<>(db.jdbc().query(APPEND_PG, rs -> rs.getObject(1, UUID.class),
                Jdbc.array("uuid", entries.stream().map(e -> e.workspace().value()).toList()),
                Jdbc.array("uuid", entries.stream().map(e -> e.signal().value()).toList()),
                Jdbc.array("text", entries.stream().map(e -> e.step().step()).toList()),
                Jdbc.array("timestamptz", entries.stream().map(e -> e.step().at()).toList()),
                Jdbc.array("text", entries.stream().map(e -> KeyValueText.encode(e.step().details())).toList())));
    }

    /** The signals whose steps were written: one statement per step, sent together and run in list order. */
    private Set<UUID> appendEachOnH2(List<Entry> entries) {
        List<Object[]> rows = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            UUID workspaceId = entry.workspace().value();
            UUID signalId = entry.signal().value();
            JourneyStep step = entry.step();
            rows.add(new Object[] {workspaceId, signalId, step.step(), step.at(), KeyValueText.encode(step.details()),
                workspaceId, signalId});
        }
        int[] inserted = db.jdbc().batch(APPEND, rows);
        Set<UUID> found = new HashSet<>();
        for (int i = 0; i < inserted.length; i++) {
            if (inserted[i] == 1) {
                found.add(entries.get(i).signal().value());
            }
        }
        return found;
    }

    @Override
    public List<JourneyStep> steps(WorkspaceId workspace, SignalId signal) {
        return db.ctx().selectFrom(SIGNAL_JOURNEYS)
                .where(SIGNAL_JOURNEYS.WORKSPACE_ID.eq(workspace.value()).and(SIGNAL_JOURNEYS.SIGNAL_ID.eq(signal.value())))
                .orderBy(SIGNAL_JOURNEYS.SEQ)
                .fetch(r -> new JourneyStep(r.getStep(), r.getAt().toInstant(), KeyValueText.decode(r.getDetails())));
    }
}
