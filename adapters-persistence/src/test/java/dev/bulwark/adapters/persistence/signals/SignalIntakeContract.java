package dev.bulwark.adapters.persistence.signals;

import static dev.bulwark.adapters.persistence.jooq.Tables.JOBS;
import static dev.bulwark.adapters.persistence.jooq.Tables.SIGNALS;
import static dev.bulwark.adapters.persistence.jooq.Tables.WEBHOOK_ATTEMPTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.adapters.persistence.jobs.JooqJobQueue;
import dev.bulwark.adapters.persistence.testing.StoreContract;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.bots.BotId;
import dev.bulwark.domain.signals.Signal;
import dev.bulwark.domain.signals.SignalId;
import dev.bulwark.domain.signals.SignalStatus;
import dev.bulwark.ports.driven.jobs.NewJob;
import dev.bulwark.ports.driven.jobs.RetryPolicy;
import dev.bulwark.ports.driven.signals.SignalRecording;
import dev.bulwark.ports.driven.signals.SignalRecording.Duplicate;
import dev.bulwark.ports.driven.signals.SignalRecording.Recorded;
import dev.bulwark.ports.driven.signals.WebhookLog;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.Unavailable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

abstract class SignalIntakeContract extends StoreContract {
    static final Duration WINDOW = Duration.ofSeconds(60);
    static final String TYPE = "signal.process";

    protected JooqSignals signals;
    protected JooqJobQueue jobs;
    protected WorkspaceId ws;
    protected BotId bot;

    @BeforeEach
    void stores() {
        signals = new JooqSignals(database.db());
        jobs = new JooqJobQueue(database.db(), () -> T0, () -> UUID.randomUUID(), RetryPolicy.DEFAULT);
        ws = newWorkspace();
        bot = new BotId(UUID.randomUUID());
    }

    protected JooqSignalIntake intake() {
        return new JooqSignalIntake(database.db(), signals, jobs);
    }

    /** An intake whose every batch calls {@code beforeCommit} with its number (1, 2, ...) just before committing. */
    protected JooqSignalIntake intake(int maxBatch, IntConsumer beforeCommit) {
        AtomicInteger batches = new AtomicInteger();
        return new JooqSignalIntake(database.db(), signals, jobs, maxBatch, Duration.ofMillis(2), 1,
                () -> beforeCommit.accept(batches.incrementAndGet()));
    }

    protected Signal signal(String key, Instant at) {
        return SignalsContract.signal(ws, bot, key, at);
    }

    /** The job the webhook gives a signal: due when it was received, in its bot's order. */
    protected static NewJob jobFor(Signal signal) {
        return new NewJob(TYPE, signal.workspace(), signal.id().toString(), signal.receivedAt(), "signal:" + signal.id(),
                "bot:" + signal.bot());
    }

    protected int jobsOfWorkspace() {
        return database.dsl().fetchCount(JOBS, JOBS.WORKSPACE_ID.eq(ws.value()));
    }

    protected int signalsOfWorkspace() {
        return database.dsl().fetchCount(SIGNALS, SIGNALS.WORKSPACE_ID.eq(ws.value()));
    }

    @Test
    void aNewSignalIsStoredWithItsJobBeforeTheAnswer() {
        try (JooqSignalIntake intake = intake()) {
            Signal s = signal("order:1", T0);

            assertThat(intake.accept(s, WINDOW, jobFor(s))).isEqualTo(new Recorded(s.id()));

            assertThat(signals.find(ws, s.id())).contains(s);
            assertThat(database.dsl().selectFrom(JOBS).where(JOBS.WORKSPACE_ID.eq(ws.value())).fetch())
                    .singleElement().satisfies(job -> {
                        assertThat(job.getType()).isEqualTo(TYPE);
                        assertThat(job.getPayload()).isEqualTo(s.id().toString());
                        assertThat(job.getStatus()).isEqualTo("READY");
                    });
        }
    }

    @Test
    void aDuplicateIsStoredNamingTheFirstAndGetsNoJob() {
        try (JooqSignalIntake intake = intake()) {
            Signal first = signal("order:1", T0);
            Signal repeat = signal("order:1", T0.plusSeconds(5));
            intake.accept(first, WINDOW, jobFor(first));

            assertThat(intake.accept(repeat, WINDOW, jobFor(repeat))).isEqualTo(new Duplicate(first.id()));

            assertThat(signals.find(ws, repeat.id()).orElseThrow().status()).isEqualTo(SignalStatus.DUPLICATE);
            assertThat(jobsOfWorkspace()).isEqualTo(1);
        }
    }

    @Test
    void ofManyConcurrentCallersWithOneKeyExactlyOneIsRecordedWithOneJob() throws Exception {
        try (JooqSignalIntake intake = intake()) {
            for (int round = 0; round < 10; round++) {
                String key = "order:race-" + round;
                List<Signal> twins = new ArrayList<>();
                for (int i = 0; i < 24; i++) {
                    twins.add(signal(key, T0.plusMillis(i)));
                }

                List<Object> results = concurrently(twins.stream()
                        .<Callable<Object>>map(s -> () -> intake.accept(s, WINDOW, jobFor(s))).toList());

                List<SignalId> recorded = results.stream().filter(Recorded.class::isInstance).map(r -> ((Recorded) r).id()).toList();
                assertThat(recorded).hasSize(1);
                assertThat(results).filteredOn(Duplicate.class::isInstance).hasSize(23)
                        .allSatisfy(r -> assertThat(((Duplicate) r).first()).isEqualTo(recorded.getFirst()));
                assertThat(database.dsl().fetchCount(JOBS, JOBS.PAYLOAD.eq(recorded.getFirst().toString()))).isEqualTo(1);
            }
            assertThat(jobsOfWorkspace()).isEqualTo(10);
            assertThat(signalsOfWorkspace()).isEqualTo(240);
        }
    }

    @Test
    void manyCallersWithDistinctKeysAreAllRecordedEachWithOneJob() throws Exception {
        try (JooqSignalIntake intake = new JooqSignalIntake(database.db(), signals, jobs, 16, Duration.ofMillis(2), 2)) {
            List<Callable<Object>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                // keys in several bots and in reverse order across callers: batches take them in one order
                Signal s = SignalsContract.signal(ws, i % 2 == 0 ? bot : new BotId(new UUID(0, i % 5)), "order:" + (200 - i), T0);
                calls.add(() -> intake.accept(s, WINDOW, jobFor(s)));
            }

            List<Object> results = concurrently(calls);

            assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(Recorded.class));
            assertThat(jobsOfWorkspace()).isEqualTo(200);
        }
    }

    /**
     * Sends {@code batch} so that it lands in one transaction: a first signal leads alone and, just before its
     * commit, holds the only commit slot until every signal of {@code batch} waits in the queue; the next leader then
     * takes them all. {@code onSecondBatch} runs inside that second transaction just before its commit.
     */
    protected List<Object> oneBatchOf(List<Signal> batch, IntConsumer onSecondBatch) throws Exception {
        return oneBatchOf(batch, onSecondBatch, false);
    }

    /** As {@link #oneBatchOf(List, IntConsumer)}; with {@code inOrder} the signals reach the intake one after another, in the list's order. */
    protected List<Object> oneBatchOf(List<Signal> batch, IntConsumer onSecondBatch, boolean inOrder) throws Exception {
        var openerHolds = new CountDownLatch(1);
        AtomicReference<JooqSignalIntake> ref = new AtomicReference<>();
        try (JooqSignalIntake intake = intake(batch.size(), n -> {
            if (n == 1) {
                openerHolds.countDown();
                while (ref.get().waiting() < batch.size()) {
                    LockSupport.parkNanos(1_000_000);
                }
            } else {
                onSecondBatch.accept(n);
            }
        }); ExecutorService first = Executors.newVirtualThreadPerTaskExecutor()) {
            ref.set(intake);
            Signal opener = signal("order:opener-" + UUID.randomUUID(), T0);
            Future<SignalRecording> opened = first.submit(() -> intake.accept(opener, WINDOW, jobFor(opener)));
            assertThat(openerHolds.await(60, TimeUnit.SECONDS)).isTrue();

            List<Object> results;
            if (inOrder) {
                List<Future<Object>> sent = new ArrayList<>();
                for (int i = 0; i < batch.size(); i++) {
                    Signal s = batch.get(i);
                    sent.add(first.submit(() -> (Object) intake.accept(s, WINDOW, jobFor(s))));
                    // each waits in line before the next is sent; the last one's arrival releases the opener, and
                    // the next batch may take the line before this loop could see it whole
                    while (i < batch.size() - 1 && intake.waiting() < i + 1) {
                        LockSupport.parkNanos(100_000);
                    }
                }
                results = new ArrayList<>();
                for (Future<Object> f : sent) {
                    results.add(f.get(60, TimeUnit.SECONDS));
                }
            } else {
                results = concurrently(batch.stream()
                        .<Callable<Object>>map(s -> () -> intake.accept(s, WINDOW, jobFor(s))).toList());
            }

            assertThat(opened.get(60, TimeUnit.SECONDS)).isEqualTo(new Recorded(opener.id()));
            return results;
        }
    }

    @Test
    void aFailingRequestInABatchGetsItsOwnFailureAndItsNeighboursCommit() throws Exception {
        Signal taken = signal("order:taken", T0);
        signals.record(taken, WINDOW);
        List<Signal> batch = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            batch.add(signal("order:ok-" + i, T0));
        }
        // the same id as a stored signal: its insert fails inside the batch's transaction
        Signal clash = new Signal(taken.id(), ws, bot, T0, SignalStatus.RECEIVED, null, "order:clash", "{}", null,
                null, null, null, null, null, null, null, null);
        batch.add(3, clash);
        AtomicInteger secondBatches = new AtomicInteger();

        List<Object> results = oneBatchOf(batch, n -> secondBatches.incrementAndGet());

        assertThat(secondBatches).hasValue(1); // all seven in one transaction
        for (int i = 0; i < batch.size(); i++) {
            Signal s = batch.get(i);
            if (s == clash) {
                assertThat(results.get(i)).isInstanceOf(Conflict.class);
            } else {
                assertThat(results.get(i)).isEqualTo(new Recorded(s.id()));
                assertThat(signals.find(ws, s.id())).isPresent();
                assertThat(database.dsl().fetchCount(JOBS, JOBS.PAYLOAD.eq(s.id().toString()))).isEqualTo(1);
            }
        }
        assertThat(database.dsl().fetchCount(JOBS, JOBS.PAYLOAD.eq(taken.id().toString()))).isZero();
        // the clash left no key behind: its key is free
        Signal again = signal("order:clash", T0.plusSeconds(1));
        assertThat(signals.record(again, WINDOW)).isEqualTo(new Recorded(again.id()));
    }

    @Test
    void aBatchMixingNewKeysAStoredKeyAnExpiredKeyAndTwinsAnswersEachAsAloneWouldInOneTransaction() throws Exception {
        Signal stored = signal("order:stored", T0.minusSeconds(10));
        signals.record(stored, WINDOW);
        Signal old = signal("order:old", T0.minus(WINDOW).minusSeconds(1));
        signals.record(old, WINDOW);
        Signal fresh1 = signal("order:fresh-1", T0);
        Signal repeat = signal("order:stored", T0);
        Signal fresh2 = signal("order:fresh-2", T0);
        Signal takeover = signal("order:old", T0);
        Signal twin1 = signal("order:twin", T0);
        Signal twin2 = signal("order:twin", T0);
        List<Signal> batch = List.of(fresh1, repeat, fresh2, takeover, twin1, twin2);
        AtomicInteger secondBatches = new AtomicInteger();

        List<Object> results = oneBatchOf(batch, n -> secondBatches.incrementAndGet());

        assertThat(secondBatches).hasValue(1);
        assertThat(results.get(0)).isEqualTo(new Recorded(fresh1.id()));
        assertThat(results.get(1)).isEqualTo(new Duplicate(stored.id()));
        assertThat(results.get(2)).isEqualTo(new Recorded(fresh2.id()));
        assertThat(results.get(3)).isEqualTo(new Recorded(takeover.id()));
        // of the twins exactly one is recorded (the one that reached the intake first: they are sent concurrently),
        // and the other names it
        Signal won = results.get(4) instanceof Recorded ? twin1 : twin2;
        Signal lost = won == twin1 ? twin2 : twin1;
        assertThat(List.of(results.get(4), results.get(5))).containsExactlyInAnyOrder(
                new Recorded(won.id()), new Duplicate(won.id()));
        for (Signal s : List.of(fresh1, fresh2, takeover, won)) {
            assertThat(signals.find(ws, s.id())).get().extracting(Signal::status).isEqualTo(SignalStatus.RECEIVED);
            assertThat(database.dsl().fetchCount(JOBS, JOBS.PAYLOAD.eq(s.id().toString()))).isEqualTo(1);
        }
        for (Signal s : List.of(repeat, lost)) {
            assertThat(signals.find(ws, s.id())).get().extracting(Signal::status).isEqualTo(SignalStatus.DUPLICATE);
            assertThat(database.dsl().fetchCount(JOBS, JOBS.PAYLOAD.eq(s.id().toString()))).isZero();
        }
    }

    @Test
    void aBotsJobsTakeTheOrderItsSignalsArrivedInNotTheOrderTheirKeysAreLockedIn() throws Exception {
        Signal old = signal("body:aaa", T0.minus(WINDOW).minusSeconds(1));
        signals.record(old, WINDOW);
        // keys locked in key order (body:aaa, order:a, order:m, order:z); arrived z, expired-key takeover, a, m
        Signal z = signal("order:z", T0);
        Signal takeover = signal("body:aaa", T0);
        Signal a = signal("order:a", T0);
        Signal m = signal("order:m", T0);
        List<Signal> arrived = List.of(z, takeover, a, m);

        List<Object> results = oneBatchOf(arrived, n -> { }, true);

        assertThat(results).containsExactly(new Recorded(z.id()), new Recorded(takeover.id()), new Recorded(a.id()),
                new Recorded(m.id()));
        assertThat(database.dsl().select(JOBS.PAYLOAD).from(JOBS)
                .where(JOBS.ORDERING_KEY.eq("bot:" + bot).and(JOBS.PAYLOAD.in(arrived.stream().map(s -> s.id().toString()).toList())))
                .orderBy(JOBS.SEQ).fetch(JOBS.PAYLOAD))
                .containsExactly(z.id().toString(), takeover.id().toString(), a.id().toString(), m.id().toString());
    }

    @Test
    void aBatchsJobsFollowWhenItsSignalsWereReceivedWhenTheyReachedTheIntakeOutOfThatOrder() throws Exception {
        // received in the order a, b, c, but b's authentication took longer: it reached the intake last
        Signal a = signal("order:ra", T0);
        Signal b = signal("order:rb", T0.plusMillis(2));
        Signal c = signal("order:rc", T0.plusMillis(3));

        oneBatchOf(List.of(a, c, b), n -> { }, true);

        assertThat(database.dsl().select(JOBS.PAYLOAD).from(JOBS)
                .where(JOBS.PAYLOAD.in(a.id().toString(), b.id().toString(), c.id().toString()))
                .orderBy(JOBS.SEQ).fetch(JOBS.PAYLOAD))
                .containsExactly(a.id().toString(), b.id().toString(), c.id().toString());
    }

    @Test
    void aSignalReceivedFirstThatReachesTheIntakeInALaterBatchStillRunsFirst() {
        // received buy, then sell 20 ms later; the buy's checks took longer and it reached the intake after the sell
        Signal buy = signal("order:buy", T0.minusMillis(30));
        Signal sell = signal("order:sell", T0.minusMillis(10));
        try (JooqSignalIntake intake = intake()) {
            intake.accept(sell, WINDOW, jobFor(sell));
            intake.accept(buy, WINDOW, jobFor(buy));
        }

        // the buy is the bot's head (the next claim takes it), the sell waits behind it
        assertThat(database.dsl().select(JOBS.PAYLOAD, JOBS.STATUS).from(JOBS)
                .where(JOBS.PAYLOAD.in(buy.id().toString(), sell.id().toString())).fetchMap(JOBS.PAYLOAD, JOBS.STATUS))
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of(buy.id().toString(), "READY", sell.id().toString(), "WAITING"));
    }

    @Test
    void aBotsNextSignalWaitsForTheBatchHoldingItsPreviousOneWhileOtherBotsCommitBesideIt() throws Exception {
        BotId other = new BotId(UUID.randomUUID());
        CountDownLatch firstHolds = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger batches = new AtomicInteger();
        try (JooqSignalIntake intake = new JooqSignalIntake(database.db(), signals, jobs, 16, Duration.ofMillis(2), 4, () -> {
            if (batches.incrementAndGet() == 1) {
                firstHolds.countDown();
                try {
                    assertThat(release.await(60, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }); ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            Signal buy = signal("order:buy", T0);
            Signal sell = signal("order:sell", T0);
            Signal elsewhere = SignalsContract.signal(ws, other, "order:other", T0);
            Future<SignalRecording> first = senders.submit(() -> intake.accept(buy, WINDOW, jobFor(buy)));
            assertThat(firstHolds.await(60, TimeUnit.SECONDS)).isTrue();
            Future<SignalRecording> second = senders.submit(() -> intake.accept(sell, WINDOW, jobFor(sell)));
            Future<SignalRecording> beside = senders.submit(() -> intake.accept(elsewhere, WINDOW, jobFor(elsewhere)));

            assertThat(beside.get(60, TimeUnit.SECONDS)).as("another bot commits beside the held batch")
                    .isEqualTo(new Recorded(elsewhere.id()));
            assertThat(second.isDone()).as("the bot's next signal waits for its previous one's batch").isFalse();
            release.countDown();
            assertThat(first.get(60, TimeUnit.SECONDS)).isEqualTo(new Recorded(buy.id()));
            assertThat(second.get(60, TimeUnit.SECONDS)).isEqualTo(new Recorded(sell.id()));
            assertThat(database.dsl().select(JOBS.PAYLOAD).from(JOBS).where(JOBS.ORDERING_KEY.eq("bot:" + bot))
                    .orderBy(JOBS.SEQ).fetch(JOBS.PAYLOAD)).containsExactly(buy.id().toString(), sell.id().toString());
        }
    }

    @Test
    void anInvalidRequestInABatchGetsItsOwnFailure() throws Exception {
        List<Signal> batch = List.of(signal("order:a", T0), SignalsContract.withStatus(signal("order:b", T0),
                SignalStatus.PROCESSING, "not new", T0), signal("order:c", T0));

        List<Object> results = oneBatchOf(batch, n -> { });

        assertThat(results.get(0)).isInstanceOf(Recorded.class);
        assertThat(results.get(1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(results.get(2)).isInstanceOf(Recorded.class);
        assertThat(signalsOfWorkspace()).isEqualTo(3); // the opener, a and c
    }

    @Test
    void whenTheBatchsTransactionFailsEveryCallerInItFailsAndNothingOfItIsWritten() throws Exception {
        List<Signal> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(signal("order:doomed-" + i, T0));
        }

        List<Object> results = oneBatchOf(batch, n -> {
            throw new IllegalStateException("the commit failed");
        });

        assertThat(results).hasSize(5).allSatisfy(r -> assertThat(r).isInstanceOf(Unavailable.class));
        for (Signal s : batch) {
            assertThat(signals.find(ws, s.id())).isEmpty();
            assertThat(database.dsl().fetchCount(JOBS, JOBS.PAYLOAD.eq(s.id().toString()))).isZero();
        }
        // sending again works: the keys were never taken
        try (JooqSignalIntake intake = intake()) {
            Signal resent = signal("order:doomed-0", T0.plusSeconds(1));
            assertThat(intake.accept(resent, WINDOW, jobFor(resent))).isEqualTo(new Recorded(resent.id()));
        }
    }

    private WebhookLog.Attempt logged(Signal s) {
        return new WebhookLog.Attempt(s.bot().toString(), ws, s.receivedAt(), "accepted", 200, s.id().toString(), "127.0.0.1");
    }

    private List<WebhookLog.Attempt> attemptsOfWorkspace() {
        return database.dsl().selectFrom(WEBHOOK_ATTEMPTS).where(WEBHOOK_ATTEMPTS.WORKSPACE_ID.eq(ws.value()))
                .fetch(r -> new WebhookLog.Attempt(r.getBot(), ws, r.getAt().toInstant(), r.getOutcome(), r.getStatus(),
                        r.getSignalId(), r.getIp()));
    }

    @Test
    void concurrentCallersLogRowsAreWrittenInTheirSignalsCommitAsAcceptedOrDuplicate() throws Exception {
        try (JooqSignalIntake intake = new JooqSignalIntake(database.db(), signals, jobs, 16, Duration.ofMillis(2), 2)) {
            List<Signal> sent = new ArrayList<>();
            List<Callable<Object>> calls = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                Signal s = signal("order:log-" + (i % 40), T0.plusMillis(i)); // 20 keys sent twice
                sent.add(s);
                calls.add(() -> intake.accept(s, WINDOW, jobFor(s), logged(s)));
            }

            List<Object> results = concurrently(calls);

            List<WebhookLog.Attempt> rows = attemptsOfWorkspace();
            assertThat(rows).hasSize(60);
            for (int i = 0; i < 60; i++) {
                Object result = results.get(i);
                String expected = result instanceof Recorded r ? r.id().toString() : ((Duplicate) result).first().toString();
                String outcome = result instanceof Recorded ? "accepted" : "duplicate";
                String bot = sent.get(i).bot().toString();
                Instant at = sent.get(i).receivedAt();
                assertThat(rows).filteredOn(a -> a.at().equals(at))
                        .singleElement().extracting(WebhookLog.Attempt::outcome, WebhookLog.Attempt::signalId,
                                WebhookLog.Attempt::status, WebhookLog.Attempt::bot)
                        .containsExactly(outcome, expected, 200, bot);
            }
            assertThat(results).filteredOn(Recorded.class::isInstance).hasSize(40);
        }
    }

    @Test
    void aBatchThatFailsToCommitLeavesNoLogRowAndNoSignal() {
        try (JooqSignalIntake intake = intake(1, n -> {
            throw new IllegalStateException("the commit failed");
        })) {
            Signal s = signal("order:log-doomed", T0);
            assertThatThrownBy(() -> intake.accept(s, WINDOW, jobFor(s), logged(s))).isInstanceOf(Unavailable.class);
            assertThat(signals.find(ws, s.id())).isEmpty();
            assertThat(attemptsOfWorkspace()).isEmpty();
        }
        Signal joined = signal("order:log-joined", T0);
        try (JooqSignalIntake intake = intake()) {
            assertThatThrownBy(() -> database.transactions().inTransaction(() -> {
                intake.accept(joined, WINDOW, jobFor(joined), logged(joined));
                throw new IllegalStateException("the caller rolls back");
            })).isInstanceOf(IllegalStateException.class);
        }
        assertThat(signals.find(ws, joined.id())).isEmpty();
        assertThat(attemptsOfWorkspace()).isEmpty();
    }

    @Test
    void aCallerInATransactionJoinsItAndIsNotBatched() {
        AtomicInteger batches = new AtomicInteger();
        try (JooqSignalIntake intake = intake(64, n -> batches.incrementAndGet())) {
            Signal kept = signal("order:kept", T0);
            Signal rolledBack = signal("order:gone", T0);

            database.transactions().inTransaction(() -> intake.accept(kept, WINDOW, jobFor(kept)));
            assertThatThrownBy(() -> database.transactions().inTransaction(() -> {
                intake.accept(rolledBack, WINDOW, jobFor(rolledBack));
                throw new IllegalStateException("the caller changed its mind");
            })).isInstanceOf(IllegalStateException.class);

            assertThat(batches).hasValue(0);
            assertThat(signals.find(ws, kept.id())).isPresent();
            assertThat(signals.find(ws, rolledBack.id())).isEmpty();
            assertThat(jobsOfWorkspace()).isEqualTo(1);
        }
    }

    @Test
    void aClosedIntakeRefusesNewSignalsAfterAnsweringTheOnesItTook() throws Exception {
        JooqSignalIntake intake = intake();
        List<Callable<Object>> calls = new ArrayList<>();
        List<Signal> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Signal s = signal("order:close-" + i, T0);
            sent.add(s);
            calls.add(() -> intake.accept(s, WINDOW, jobFor(s)));
        }
        calls.add(() -> {
            intake.close();
            return "closed";
        });

        List<Object> results = concurrently(calls);

        for (int i = 0; i < sent.size(); i++) {
            Object result = results.get(i);
            if (result instanceof Recorded) {
                assertThat(signals.find(ws, sent.get(i).id())).isPresent();
            } else {
                assertThat(result).isInstanceOf(Unavailable.class);
                assertThat(signals.find(ws, sent.get(i).id())).isEmpty();
            }
        }
        Signal late = signal("order:late", T0);
        assertThatThrownBy(() -> intake.accept(late, WINDOW, jobFor(late))).isInstanceOf(Unavailable.class);
        intake.close(); // twice is harmless
        assertThat(signals.find(ws, late.id())).isEmpty();
    }

    @Test
    void settingsOutsideTheirRangesAreRefused() {
        assertThatThrownBy(() -> new JooqSignalIntake(database.db(), signals, jobs, 0, Duration.ofMillis(1), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JooqSignalIntake(database.db(), signals, jobs, 1_001, Duration.ofMillis(1), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JooqSignalIntake(database.db(), signals, jobs, 8, Duration.ofMillis(-1), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JooqSignalIntake(database.db(), signals, jobs, 8, Duration.ofSeconds(2), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JooqSignalIntake(database.db(), signals, jobs, 8, Duration.ZERO, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JooqSignalIntake(database.db(), signals, jobs, 8, Duration.ZERO, 65))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWindowThatIsNotPositiveIsRefusedAndNothingIsStored() {
        try (JooqSignalIntake intake = intake()) {
            Signal s = signal("order:w", T0);
            assertThatThrownBy(() -> intake.accept(s, Duration.ZERO, jobFor(s))).isInstanceOf(IllegalArgumentException.class);
            assertThat(signals.find(ws, s.id())).isEmpty();
            assertThat(jobsOfWorkspace()).isZero();
        }
    }

    /** Runs each call on its own virtual thread, released together; each result or the exception it threw. */
    protected static List<Object> concurrently(List<Callable<Object>> calls) throws Exception {
        var go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Object>> futures = new ArrayList<>();
            for (Callable<Object> call : calls) {
                futures.add(pool.submit(() -> {
                    go.await();
                    try {
                        return call.call();
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            go.countDown();
            List<Object> results = new ArrayList<>();
            for (Future<Object> future : futures) {
                results.add(future.get(120, TimeUnit.SECONDS));
            }
            return results;
        }
    }
}
