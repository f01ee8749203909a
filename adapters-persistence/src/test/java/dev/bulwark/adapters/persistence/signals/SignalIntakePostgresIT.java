package dev.bulwark.adapters.persistence.signals;

import static dev.bulwark.adapters.persistence.jooq.Tables.JOBS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.adapters.persistence.testing.TestDatabases;
import dev.bulwark.domain.signals.Signal;
import dev.bulwark.ports.driven.signals.SignalRecording.Recorded;
import dev.bulwark.ports.driven.signals.WebhookLog;
import dev.bulwark.ports.errors.Unavailable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jooq.exception.DataAccessException;
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

    /**
     * The batch's first statement locks its jobs' ordering keys that exist (the jobs' insert, a statement later, relies
     * on them: a key's last finisher cannot commit in between), until the transaction ends, and says which it locked.
     */
    @Test
    void theBatchStatementLocksTheJobKeysThatExistUntilItsTransactionEnds() throws Exception {
        Signal first = signal("order:first", T0);
        try (JooqSignalIntake intake = intake()) {
            assertThat(intake.accept(first, WINDOW, jobFor(first))).isEqualTo(new Recorded(first.id()));
        }
        String key = jobFor(first).orderingKey();
        String lock = "select ordering_key from job_keys where ordering_key = '" + key + "' for update nowait";
        Signal next = signal("order:next", T0.plusSeconds(1));

        database.db().inTransaction(() -> {
            JooqSignals.Stored stored = signals.storeFresh(List.of(next), List.of(WINDOW), Arrays.asList(
                    (WebhookLog.Attempt) null), List.of(key, "bot:never-seen"));
            assertThat(stored.ids()).containsExactly(next.id().value());
            assertThat(stored.lockedKeys()).as("a key without a row is not locked here").isEqualTo(Set.of(key));
            assertThatThrownBy(() -> CompletableFuture.supplyAsync(() -> database.dsl().fetch(lock)).join())
                    .as("another transaction cannot lock the key meanwhile")
                    .hasCauseInstanceOf(DataAccessException.class).hasMessageContaining("could not obtain lock");
            return null;
        });
        assertThat(CompletableFuture.supplyAsync(() -> database.dsl().fetch(lock)).join()).as("released at the end").hasSize(1);
    }
}
