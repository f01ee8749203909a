package dev.bulwark.adapters.persistence.signals;

import static dev.bulwark.adapters.persistence.jooq.Tables.JOBS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.adapters.persistence.testing.TestDatabases;
import dev.bulwark.domain.bots.BotId;
import dev.bulwark.domain.signals.Signal;
import dev.bulwark.domain.signals.SignalStatus;
import dev.bulwark.ports.driven.signals.SignalRecording.Duplicate;
import dev.bulwark.ports.driven.signals.SignalRecording.Recorded;
import dev.bulwark.ports.driven.signals.WebhookLog;
import dev.bulwark.ports.errors.Unavailable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
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
            JooqSignals.Stored stored = JooqSignals.stored(database.db().jdbc().query(signals.storeFreshQuery(
                    List.of(next), List.of(WINDOW), Arrays.asList((WebhookLog.Attempt) null), List.of(key, "bot:never-seen"))));
            assertThat(stored.ids()).containsExactly(next.id().value());
            assertThat(stored.lockedKeys()).as("a key without a row is not locked here").isEqualTo(Set.of(key));
            assertThatThrownBy(() -> CompletableFuture.supplyAsync(() -> database.dsl().fetch(lock)).join())
                    .as("another transaction cannot lock the key meanwhile")
                    .hasCauseInstanceOf(DataAccessException.class).hasMessageContaining("could not obtain lock");
            return null;
        });
        assertThat(CompletableFuture.supplyAsync(() -> database.dsl().fetch(lock)).join()).as("released at the end").hasSize(1);
    }

    /**
     * Once a bot's ordering key has its row, a batch of fresh signals sends its two statements in one round trip: the
     * jobs' insert, the second statement, sees the key's state after the first statement's lock, so a key with a job
     * still to run gets its new jobs WAITING, and an idle key's first READY.
     */
    @Test
    void aFreshBatchOfKnownKeysGoesInOneRoundTripWithTheSameJobStatuses() {
        Signal first = signal("order:first", T0);
        Signal second = signal("order:second", T0.plusSeconds(1));
        BotId other = new BotId(UUID.randomUUID());
        Signal idle = SignalsContract.signal(ws, other, "order:idle", T0.plusSeconds(2));
        Signal idleNext = SignalsContract.signal(ws, other, "order:idle-next", T0.plusSeconds(3));
        try (JooqSignalIntake intake = intake()) {
            assertThat(intake.accept(first, WINDOW, jobFor(first))).isEqualTo(new Recorded(first.id()));
            assertThat(intake.batchesInOneRoundTrip()).as("a key seen for the first time").isZero();
            assertThat(intake.accept(idle, WINDOW, jobFor(idle))).isEqualTo(new Recorded(idle.id()));
            // the other bot's only job finishes: its key is idle again
            database.dsl().update(JOBS).set(JOBS.STATUS, "DONE").where(JOBS.PAYLOAD.eq(idle.id().toString())).execute();

            assertThat(intake.accept(second, WINDOW, jobFor(second))).isEqualTo(new Recorded(second.id()));
            assertThat(intake.accept(idleNext, WINDOW, jobFor(idleNext))).isEqualTo(new Recorded(idleNext.id()));

            assertThat(intake.batchesInOneRoundTrip()).isEqualTo(2);
        }
        assertThat(statusOfJob(first)).isEqualTo("READY");
        assertThat(statusOfJob(second)).as("behind its bot's READY job").isEqualTo("WAITING");
        assertThat(statusOfJob(idleNext)).as("its bot has nothing left to run").isEqualTo("READY");
        assertThat(signals.find(ws, second.id())).contains(second);
    }

    /**
     * A batch sent in one round trip whose key existed (here a repeat of a stored signal) is rolled back whole and goes
     * the two-statement way: the repeat is a duplicate with no job, its neighbour recorded with one, nothing twice.
     */
    @Test
    void aBatchInOneRoundTripWithAnExistingKeyIsRolledBackAndAnsweredTheOtherWay() throws Exception {
        Signal stored = signal("order:stored", T0);
        Signal again = signal("order:stored", T0.plusSeconds(1));
        Signal after = signal("order:after", T0.plusSeconds(1));
        try (JooqSignalIntake intake = intake()) {
            assertThat(intake.accept(stored, WINDOW, jobFor(stored))).isEqualTo(new Recorded(stored.id()));

            assertThat(intake.accept(again, WINDOW, jobFor(again))).isEqualTo(new Duplicate(stored.id()));
            assertThat(intake.batchesInOneRoundTrip()).as("tried, rolled back").isZero();
            assertThat(intake.accept(after, WINDOW, jobFor(after))).isEqualTo(new Recorded(after.id()));
            assertThat(intake.batchesInOneRoundTrip()).isEqualTo(1);
        }
        assertThat(database.dsl().fetchCount(JOBS, JOBS.PAYLOAD.eq(again.id().toString()))).isZero();
        assertThat(database.dsl().fetchCount(JOBS, JOBS.PAYLOAD.eq(after.id().toString()))).isEqualTo(1);
        // in a batch with a fresh neighbour (a new intake: the opener's batch teaches it the bot's key)
        Signal fresh = signal("order:fresh", T0.plusSeconds(2));
        Signal repeat = signal("order:stored", T0.plusSeconds(3));

        List<Object> results = oneBatchOf(List.of(fresh, repeat), n -> { }, true);

        assertThat(results).containsExactly(new Recorded(fresh.id()), new Duplicate(stored.id()));
        assertThat(database.dsl().fetchCount(JOBS, JOBS.PAYLOAD.eq(fresh.id().toString()))).isEqualTo(1);
        assertThat(database.dsl().fetchCount(JOBS, JOBS.PAYLOAD.eq(repeat.id().toString()))).isZero();
        assertThat(signals.find(ws, repeat.id())).get().extracting(Signal::status).isEqualTo(SignalStatus.DUPLICATE);
        assertThat(signalsOfWorkspace()).as("stored, again, after, the opener, fresh, repeat").isEqualTo(6);
    }

    private String statusOfJob(Signal signal) {
        return database.dsl().select(JOBS.STATUS).from(JOBS).where(JOBS.PAYLOAD.eq(signal.id().toString())).fetchOne(JOBS.STATUS);
    }
}
