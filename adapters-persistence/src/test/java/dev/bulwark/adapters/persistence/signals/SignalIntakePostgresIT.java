package dev.bulwark.adapters.persistence.signals;

import static dev.bulwark.adapters.persistence.jooq.Tables.JOBS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.adapters.persistence.testing.TestDatabases;
import dev.bulwark.domain.signals.Signal;
import dev.bulwark.ports.driven.signals.SignalRecording.Recorded;
import dev.bulwark.ports.errors.Unavailable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignalIntakePostgresIT extends SignalIntakeContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.POSTGRES;
    }

    /**
     * A real commit failure: a deferred constraint trigger that PostgreSQL checks only at COMMIT refuses one signal of
     * the batch. Every request of the batch had succeeded under its savepoint; the commit fails them all.
     */
    @Test
    void aCommitRefusedByTheDatabaseFailsEveryCallerOfTheBatchAndWritesNothing() throws Exception {
        database.dsl().execute("""
                CREATE OR REPLACE FUNCTION refuse_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.idempotency_key LIKE 'order:refused%' THEN
                        RAISE EXCEPTION 'refused at commit';
                    END IF;
                    RETURN NEW;
                END $$""");
        database.dsl().execute("""
                CREATE CONSTRAINT TRIGGER signals_refused_at_commit AFTER INSERT ON signals
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_at_commit()""");
        List<Signal> batch = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            batch.add(signal("order:fine-" + i, T0));
        }
        batch.add(2, signal("order:refused", T0));

        List<Object> results = oneBatchOf(batch, n -> { });

        assertThat(results).hasSize(5).allSatisfy(r -> assertThat(r).isInstanceOf(Unavailable.class));
        for (Signal s : batch) {
            assertThat(signals.find(ws, s.id())).isEmpty();
            assertThat(database.dsl().fetchCount(JOBS, JOBS.PAYLOAD.eq(s.id().toString()))).isZero();
        }
        // the others, sent again without the refused one, commit
        try (JooqSignalIntake intake = intake()) {
            Signal resent = signal("order:fine-0", T0.plusSeconds(1));
            assertThat(intake.accept(resent, WINDOW, jobFor(resent))).isEqualTo(new Recorded(resent.id()));
        }
    }
}
