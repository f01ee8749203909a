package dev.bulwark.adapters.persistence.signals;

import static dev.bulwark.adapters.persistence.jooq.Tables.SIGNALS;
import static dev.bulwark.adapters.persistence.jooq.Tables.SIGNAL_JOURNEYS;

import dev.bulwark.adapters.persistence.Db;
import dev.bulwark.adapters.persistence.KeyValueText;
import dev.bulwark.adapters.persistence.SqlErrors;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.signals.JourneyStep;
import dev.bulwark.domain.signals.SignalId;
import dev.bulwark.ports.driven.signals.SignalJourneys;
import dev.bulwark.ports.errors.NotFound;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Row5;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Signals' journeys in SQL, one row per step. The order is the identity {@code seq}: no per-signal counter to lock
 * or to collide on. The steps are inserted by one statement that selects them only when the signal is the caller's
 * workspace's, so a missing one fails no statement (on PostgreSQL a failed statement would abort the caller's
 * transaction, and a step usually commits with a decision) and costs no second round trip.
 */
public final class JooqSignalJourneys implements SignalJourneys {
    private final Db db;

    public JooqSignalJourneys(Db db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public void append(WorkspaceId workspace, SignalId signal, JourneyStep step) {
        Objects.requireNonNull(step, "step");
        appendAll(workspace, signal, List.of(step));
    }

    /** One existence check and one multi-row insert, whose rows take their ids in list order. */
    @Override
    public void appendAll(WorkspaceId workspace, SignalId signal, List<JourneyStep> steps) {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(steps, "steps");
        if (steps.isEmpty()) {
            return;
        }
        List<Row5<Integer, String, OffsetDateTime, String, UUID>> rows = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            JourneyStep step = steps.get(i);
            rows.add(DSL.row(DSL.val(i), DSL.val(step.step()), DSL.val(step.at().atOffset(ZoneOffset.UTC)),
                    DSL.val(KeyValueText.encode(step.details())), DSL.val(signal.value())));
        }
        @SuppressWarnings("unchecked")
        Table<?> given = DSL.values(rows.toArray(Row5[]::new)).as("given", "n", "step", "at", "details", "signal_id");
        Field<String> stepField = given.field("step", String.class);
        Field<OffsetDateTime> atField = given.field("at", OffsetDateTime.class);
        Field<String> detailsField = given.field("details", String.class);
        Field<UUID> signalField = given.field("signal_id", UUID.class);
        int inserted;
        try {
            // the rows come out of the select in list order, and take their identity in that order
            inserted = db.ctx().insertInto(SIGNAL_JOURNEYS, SIGNAL_JOURNEYS.WORKSPACE_ID, SIGNAL_JOURNEYS.SIGNAL_ID,
                            SIGNAL_JOURNEYS.STEP, SIGNAL_JOURNEYS.AT, SIGNAL_JOURNEYS.DETAILS)
                    .select(DSL.select(DSL.val(workspace.value()), signalField, stepField, atField, detailsField)
                            .from(given)
                            .whereExists(DSL.selectOne().from(SIGNALS).where(SIGNALS.WORKSPACE_ID.eq(workspace.value())
                                    .and(SIGNALS.ID.eq(signal.value()))))
                            .orderBy(given.field("n", Integer.class)))
                    .execute();
        } catch (DataAccessException e) {
            throw SqlErrors.translate(e);
        }
        if (inserted == 0) {
            throw new NotFound("no signal " + signal);
        }
    }

    @Override
    public List<JourneyStep> steps(WorkspaceId workspace, SignalId signal) {
        return db.ctx().selectFrom(SIGNAL_JOURNEYS)
                .where(SIGNAL_JOURNEYS.WORKSPACE_ID.eq(workspace.value()).and(SIGNAL_JOURNEYS.SIGNAL_ID.eq(signal.value())))
                .orderBy(SIGNAL_JOURNEYS.SEQ)
                .fetch(r -> new JourneyStep(r.getStep(), r.getAt().toInstant(), KeyValueText.decode(r.getDetails())));
    }
}
