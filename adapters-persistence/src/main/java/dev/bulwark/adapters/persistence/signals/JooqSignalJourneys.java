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
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.jooq.exception.DataAccessException;

/**
 * Signals' journeys in SQL, one row per step. The order is the identity {@code seq}: no per-signal counter to lock
 * or to collide on. The signal is looked up first (in the caller's workspace) so a missing one fails no statement:
 * on PostgreSQL a failed statement would abort the caller's transaction, and a step usually commits with a decision.
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
        db.inTransaction(() -> {
            if (!db.ctx().fetchExists(SIGNALS, SIGNALS.WORKSPACE_ID.eq(workspace.value()).and(SIGNALS.ID.eq(signal.value())))) {
                throw new NotFound("no signal " + signal);
            }
            try {
                var insert = db.ctx().insertInto(SIGNAL_JOURNEYS, SIGNAL_JOURNEYS.WORKSPACE_ID, SIGNAL_JOURNEYS.SIGNAL_ID,
                        SIGNAL_JOURNEYS.STEP, SIGNAL_JOURNEYS.AT, SIGNAL_JOURNEYS.DETAILS);
                for (JourneyStep step : steps) {
                    insert = insert.values(workspace.value(), signal.value(), step.step(), step.at().atOffset(ZoneOffset.UTC),
                            KeyValueText.encode(step.details()));
                }
                return insert.execute();
            } catch (DataAccessException e) {
                throw SqlErrors.translate(e);
            }
        });
    }

    @Override
    public List<JourneyStep> steps(WorkspaceId workspace, SignalId signal) {
        return db.ctx().selectFrom(SIGNAL_JOURNEYS)
                .where(SIGNAL_JOURNEYS.WORKSPACE_ID.eq(workspace.value()).and(SIGNAL_JOURNEYS.SIGNAL_ID.eq(signal.value())))
                .orderBy(SIGNAL_JOURNEYS.SEQ)
                .fetch(r -> new JourneyStep(r.getStep(), r.getAt().toInstant(), KeyValueText.decode(r.getDetails())));
    }
}
