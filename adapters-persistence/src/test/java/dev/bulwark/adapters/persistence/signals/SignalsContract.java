package dev.bulwark.adapters.persistence.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.adapters.persistence.storage.JooqWorkspaces;
import dev.bulwark.adapters.persistence.testing.StoreContract;
import dev.bulwark.domain.accounts.Workspace;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.bots.BotId;
import dev.bulwark.domain.signals.Signal;
import dev.bulwark.domain.signals.SignalId;
import dev.bulwark.domain.signals.SignalStatus;
import dev.bulwark.ports.driven.signals.SignalCursor;
import dev.bulwark.ports.driven.signals.SignalRecording;
import dev.bulwark.ports.driven.signals.SignalRecording.Duplicate;
import dev.bulwark.ports.driven.signals.SignalRecording.Recorded;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.NotFound;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

abstract class SignalsContract extends StoreContract {
    private static final Duration WINDOW = Duration.ofSeconds(60);
    private static final Duration DAY = Duration.ofHours(24);

    private JooqSignals signals;
    private WorkspaceId ws;
    private BotId bot;

    @BeforeEach
    void store() {
        signals = new JooqSignals(database.db());
        ws = newWorkspace();
        bot = new BotId(UUID.randomUUID());
    }

    static Signal signal(WorkspaceId workspace, BotId bot, String key, Instant at) {
        return new Signal(new SignalId(UUID.randomUUID()), workspace, bot, at, SignalStatus.RECEIVED, null, key,
                "{\"action\":\"buy\",\"symbol\":\"BTC/USDT\",\"quantity\":\"0.01\"}", "application/json",
                "buy", "BTC/USDT", "0.01", null, null, null, null, null);
    }

    static Signal withStatus(Signal s, SignalStatus status, String reason, Instant updatedAt) {
        return new Signal(s.id(), s.workspace(), s.bot(), s.receivedAt(), status, reason, s.idempotencyKey(), s.rawBody(),
                s.contentType(), s.action(), s.symbol(), s.quantity(), s.price(), s.stopLoss(), s.takeProfit(),
                s.externalOrderId(), updatedAt);
    }

    @Test
    void aRecordedSignalReadsBackEqualWithEveryFieldSet() {
        var s = new Signal(new SignalId(UUID.randomUUID()), ws, bot, T0, SignalStatus.RECEIVED, null, "order:tv-42",
                "ticker=BTCUSDT action=sell", "text/plain", "sell", "BTCUSDT", "0.5", "64000.10", "63000", "70000", "tv-42", null);

        assertThat(signals.record(s, DAY)).isEqualTo(new Recorded(s.id()));

        assertThat(signals.find(ws, s.id())).contains(s);
    }

    @Test
    void findAllReadsTheWorkspacesSignalsAmongTheIdsInOneGoAndLeavesOutTheRest() {
        var a = signal(ws, bot, "order:a", T0);
        var b = signal(ws, bot, "order:b", T0);
        var elsewhere = signal(newWorkspace(), bot, "order:c", T0);
        for (Signal s : List.of(a, b, elsewhere)) {
            signals.record(s, WINDOW);
        }

        assertThat(signals.findAll(ws, List.of(a.id(), b.id(), a.id(), elsewhere.id(), new SignalId(UUID.randomUUID()))))
                .containsExactlyInAnyOrder(a, b);
        assertThat(signals.findAll(ws, List.of())).isEmpty();
        assertThat(signals.findAll(elsewhere.workspace(), List.of(a.id()))).isEmpty();
    }

    @Test
    void aSixtyFourKibibyteBodyOfMultiByteTextRoundTrips() {
        String body = "\u20ac".repeat(Signal.MAX_BODY_BYTES / 3) + "x"; // 3 bytes each: one byte short of the limit
        var s = new Signal(new SignalId(UUID.randomUUID()), ws, bot, T0, SignalStatus.RECEIVED, null, "body:big", body, null,
                null, null, null, null, null, null, null, null);

        signals.record(s, WINDOW);

        assertThat(signals.find(ws, s.id())).contains(s);
    }

    @Test
    void aRepeatWithinTheWindowIsADuplicateNamingTheFirstAndIsStoredToo() {
        var first = signal(ws, bot, "order:1", T0);
        var repeat = signal(ws, bot, "order:1", T0.plusSeconds(30));
        var third = signal(ws, bot, "order:1", T0.plusSeconds(59));

        assertThat(signals.record(first, WINDOW)).isEqualTo(new Recorded(first.id()));
        assertThat(signals.record(repeat, WINDOW)).isEqualTo(new Duplicate(first.id()));
        assertThat(signals.record(third, WINDOW)).isEqualTo(new Duplicate(first.id()));

        Signal stored = signals.find(ws, repeat.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(SignalStatus.DUPLICATE);
        assertThat(stored.reason()).contains(first.id().toString());
        assertThat(stored.rawBody()).isEqualTo(repeat.rawBody());
        assertThat(stored.updatedAt()).isNull();
        assertThat(signals.find(ws, first.id()).orElseThrow().status()).isEqualTo(SignalStatus.RECEIVED);
    }

    @Test
    void afterTheWindowTheKeyIsFreeAndItsNextSignalStartsANewWindow() {
        var first = signal(ws, bot, "body:abc", T0);
        var lastDuplicate = signal(ws, bot, "body:abc", T0.plus(WINDOW).minusNanos(1000));
        var afterWindow = signal(ws, bot, "body:abc", T0.plus(WINDOW));
        var repeatOfSecond = signal(ws, bot, "body:abc", T0.plus(WINDOW).plusSeconds(1));
        var muchLater = signal(ws, bot, "body:abc", T0.plus(DAY));

        assertThat(signals.record(first, WINDOW)).isEqualTo(new Recorded(first.id()));
        assertThat(signals.record(lastDuplicate, WINDOW)).isEqualTo(new Duplicate(first.id()));
        assertThat(signals.record(afterWindow, WINDOW)).isEqualTo(new Recorded(afterWindow.id()));
        assertThat(signals.record(repeatOfSecond, WINDOW)).isEqualTo(new Duplicate(afterWindow.id()));
        assertThat(signals.record(muchLater, WINDOW)).isEqualTo(new Recorded(muchLater.id()));
    }

    @Test
    void theWindowIsTheCallersSoLongAndShortKeysLiveSideBySide() {
        var byOrder = signal(ws, bot, "order:7", T0);
        var byBody = signal(ws, bot, "body:7", T0);
        signals.record(byOrder, DAY);
        signals.record(byBody, WINDOW);

        Instant anHourLater = T0.plus(Duration.ofHours(1));
        assertThat(signals.record(signal(ws, bot, "order:7", anHourLater), DAY)).isEqualTo(new Duplicate(byOrder.id()));
        assertThat(signals.record(signal(ws, bot, "body:7", anHourLater), WINDOW)).isInstanceOf(Recorded.class);
    }

    @Test
    void theSameKeyForAnotherBotOrWorkspaceIsNotADuplicate() {
        var mine = signal(ws, bot, "order:1", T0);
        var otherBot = signal(ws, new BotId(UUID.randomUUID()), "order:1", T0);
        var otherWorkspace = signal(newWorkspace(), bot, "order:1", T0);

        assertThat(signals.record(mine, WINDOW)).isEqualTo(new Recorded(mine.id()));
        assertThat(signals.record(otherBot, WINDOW)).isEqualTo(new Recorded(otherBot.id()));
        assertThat(signals.record(otherWorkspace, WINDOW)).isEqualTo(new Recorded(otherWorkspace.id()));
    }

    /** Rounds of each race: one round may happen to run its threads one after the other (H2 is quick). */
    private static final int RACE_ROUNDS = 20;

    @Test
    void ofEightConcurrentCallersWithOneKeyExactlyOneIsRecordedAndTheOthersNameIt() throws Exception {
        for (int round = 0; round < RACE_ROUNDS; round++) {
            var raced = new BotId(UUID.randomUUID());
            List<Signal> twins = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                twins.add(signal(ws, raced, "order:race", T0.plusMillis(i)));
            }

            List<SignalRecording> results = recordConcurrently(twins);

            SignalId first = exactlyOneRecordedAndTheOthersNameIt(results);
            List<Signal> stored = signals.listForBot(ws, raced, null, 100);
            assertThat(stored).hasSize(8);
            assertThat(stored).filteredOn(s -> s.status() == SignalStatus.RECEIVED).extracting(Signal::id).containsExactly(first);
            assertThat(stored).filteredOn(s -> s.status() == SignalStatus.DUPLICATE).hasSize(7);
        }
    }

    @Test
    void ofEightConcurrentCallersTakingOverAnExpiredKeyExactlyOneIsRecorded() throws Exception {
        for (int round = 0; round < RACE_ROUNDS; round++) {
            var raced = new BotId(UUID.randomUUID());
            signals.record(signal(ws, raced, "order:again", T0), WINDOW);
            List<Signal> twins = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                twins.add(signal(ws, raced, "order:again", T0.plus(WINDOW).plusMillis(i)));
            }

            exactlyOneRecordedAndTheOthersNameIt(recordConcurrently(twins));
        }
    }

    private static SignalId exactlyOneRecordedAndTheOthersNameIt(List<SignalRecording> results) {
        List<SignalId> recorded = results.stream().filter(Recorded.class::isInstance).map(r -> ((Recorded) r).id()).toList();
        assertThat(recorded).hasSize(1);
        assertThat(results).filteredOn(Duplicate.class::isInstance).hasSize(results.size() - 1)
                .allSatisfy(r -> assertThat(((Duplicate) r).first()).isEqualTo(recorded.getFirst()));
        return recorded.getFirst();
    }

    private List<SignalRecording> recordConcurrently(List<Signal> twins) throws Exception {
        var ready = new CountDownLatch(twins.size());
        var start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(twins.size());
        try {
            List<Future<SignalRecording>> futures = new ArrayList<>();
            for (Signal twin : twins) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    return signals.record(twin, WINDOW);
                }));
            }
            ready.await();
            start.countDown();
            List<SignalRecording> results = new ArrayList<>();
            for (Future<SignalRecording> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSignalRecordedInATransactionThatRollsBackLeavesItsKeyFree() {
        var doomed = signal(ws, bot, "order:doomed", T0);

        assertThatThrownBy(() -> database.transactions().inTransaction(() -> {
            signals.record(doomed, WINDOW);
            throw new IllegalStateException("the job could not be enqueued");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(signals.find(ws, doomed.id())).isEmpty();
        var retry = signal(ws, bot, "order:doomed", T0.plusSeconds(1));
        assertThat(signals.record(retry, WINDOW)).isEqualTo(new Recorded(retry.id()));
    }

    @Test
    void aSignalAndOtherWritesInTheCallersTransactionCommitTogetherAfterADuplicate() {
        var first = signal(ws, bot, "order:tx", T0);
        var repeat = signal(ws, bot, "order:tx", T0.plusSeconds(1));
        var other = new WorkspaceId(UUID.randomUUID());

        database.transactions().inTransaction(() -> {
            assertThat(signals.record(first, WINDOW)).isInstanceOf(Recorded.class);
            assertThat(signals.record(repeat, WINDOW)).isEqualTo(new Duplicate(first.id()));
            new JooqWorkspaces(database.db()).create(new Workspace(other, "written after", Workspace.Kind.PERSONAL, T0));
        });

        assertThat(signals.find(ws, first.id())).isPresent();
        assertThat(signals.find(ws, repeat.id())).isPresent();
        assertThat(new JooqWorkspaces(database.db()).find(other)).isPresent();
    }

    @Test
    void aSecondSignalWithTheSameIdIsAConflictAndLeavesNoKeyBehind() {
        var s = signal(ws, bot, "order:a", T0);
        signals.record(s, WINDOW);
        var sameId = new Signal(s.id(), ws, bot, T0, SignalStatus.RECEIVED, null, "order:b", "{}", null,
                null, null, null, null, null, null, null, null);

        assertThatThrownBy(() -> signals.record(sameId, WINDOW)).isInstanceOf(Conflict.class);

        var fresh = signal(ws, bot, "order:b", T0.plusSeconds(1));
        assertThat(signals.record(fresh, WINDOW)).isEqualTo(new Recorded(fresh.id()));
    }

    @Test
    void onlyAReceivedSignalWithAPositiveWindowIsRecorded() {
        var s = signal(ws, bot, "order:x", T0);
        assertThatThrownBy(() -> signals.record(withStatus(s, SignalStatus.PROCESSING, "no", T0), WINDOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signals.record(s, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signals.record(s, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(signals.find(ws, s.id())).isEmpty();
    }

    @Test
    void aStatusMovesThroughProcessingAndKeepsItsReasonAndTime() {
        var s = signal(ws, bot, "order:1", T0);
        signals.record(s, WINDOW);

        Signal processing = signals.updateStatus(ws, s.id(), SignalStatus.PROCESSING, null, T0.plusMillis(5));
        Signal failed = signals.updateStatus(ws, s.id(), SignalStatus.FAILED, "binance: timeout", T0.plusSeconds(1));
        Signal dead = signals.updateStatus(ws, s.id(), SignalStatus.DEAD, "4 attempts failed", T0.plusSeconds(9));
        Signal replayed = signals.updateStatus(ws, s.id(), SignalStatus.RECEIVED, "replayed", T0.plusSeconds(60));
        Signal rejected = signals.updateStatus(ws, s.id(), SignalStatus.REJECTED, "max open positions 3 reached", T0.plusSeconds(61));

        assertThat(processing).isEqualTo(withStatus(s, SignalStatus.PROCESSING, null, T0.plusMillis(5)));
        assertThat(failed.reason()).isEqualTo("binance: timeout");
        assertThat(dead.status()).isEqualTo(SignalStatus.DEAD);
        assertThat(replayed.status()).isEqualTo(SignalStatus.RECEIVED);
        assertThat(rejected).isEqualTo(withStatus(s, SignalStatus.REJECTED, "max open positions 3 reached", T0.plusSeconds(61)));
        assertThat(signals.find(ws, s.id())).contains(rejected);
    }

    @Test
    void aLongReasonIsStoredCutAsTheSignalKeepsItAndAnotherWorkspaceOrUnknownSignalIsNotFound() {
        var s = signal(ws, bot, "order:long", T0);
        signals.record(s, WINDOW);
        String reason = "x".repeat(Signal.MAX_REASON + 500);

        Signal moved = signals.updateStatus(ws, s.id(), SignalStatus.FAILED, reason, T0.plusSeconds(1));

        assertThat(moved.reason()).hasSize(Signal.MAX_REASON);
        assertThat(signals.find(ws, s.id())).contains(moved);
        var stranger = new WorkspaceId(UUID.randomUUID());
        assertThatThrownBy(() -> signals.updateStatus(stranger, s.id(), SignalStatus.PROCESSING, null, T0))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> signals.updateStatus(ws, new SignalId(UUID.randomUUID()), SignalStatus.PROCESSING,
                null, T0)).isInstanceOf(NotFound.class);
        assertThat(signals.find(ws, s.id())).contains(moved);
    }

    @ParameterizedTest
    @EnumSource(value = SignalStatus.class, names = {"IGNORED", "COMPLETED", "REJECTED"})
    void aFinalStatusCannotBeMoved(SignalStatus finalStatus) {
        var s = signal(ws, bot, "order:final", T0);
        signals.record(s, WINDOW);
        Signal done = signals.updateStatus(ws, s.id(), finalStatus, "done", T0.plusSeconds(1));

        for (SignalStatus target : SignalStatus.values()) {
            if (target == SignalStatus.DUPLICATE) {
                continue;
            }
            assertThatThrownBy(() -> signals.updateStatus(ws, s.id(), target, "again", T0.plusSeconds(2)))
                    .as("%s to %s", finalStatus, target).isInstanceOf(Conflict.class);
        }
        assertThat(signals.find(ws, s.id())).contains(done);
    }

    @Test
    void aDuplicateIsFinalAndNothingBecomesADuplicateAfterItsRecording() {
        var first = signal(ws, bot, "order:d", T0);
        var repeat = signal(ws, bot, "order:d", T0.plusSeconds(1));
        signals.record(first, WINDOW);
        signals.record(repeat, WINDOW);

        assertThatThrownBy(() -> signals.updateStatus(ws, repeat.id(), SignalStatus.PROCESSING, null, T0.plusSeconds(2)))
                .isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> signals.updateStatus(ws, first.id(), SignalStatus.DUPLICATE, null, T0.plusSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(signals.find(ws, first.id()).orElseThrow().status()).isEqualTo(SignalStatus.RECEIVED);
    }

    @Test
    void ofConcurrentFinalMovesExactlyOneIsStored() throws Exception {
        var s = signal(ws, bot, "order:finish", T0);
        signals.record(s, WINDOW);
        int threads = 8;
        var start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                SignalStatus target = i % 2 == 0 ? SignalStatus.COMPLETED : SignalStatus.REJECTED;
                String reason = "worker " + i;
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        signals.updateStatus(ws, s.id(), target, reason, T0.plusSeconds(1));
                        return true;
                    } catch (Conflict lost) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
            assertThat(signals.find(ws, s.id()).orElseThrow().status().isFinal()).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLongReasonIsCutToItsLimit() {
        var s = signal(ws, bot, "order:long", T0);
        signals.record(s, WINDOW);

        Signal failed = signals.updateStatus(ws, s.id(), SignalStatus.FAILED, "x".repeat(5_000), T0.plusSeconds(1));

        assertThat(failed.reason()).hasSize(Signal.MAX_REASON);
        assertThat(signals.find(ws, s.id())).contains(failed);
    }

    @Test
    void anUnknownSignalIsNotFound() {
        var unknown = new SignalId(UUID.randomUUID());
        assertThat(signals.find(ws, unknown)).isEmpty();
        assertThatThrownBy(() -> signals.updateStatus(ws, unknown, SignalStatus.PROCESSING, null, T0)).isInstanceOf(NotFound.class);
    }

    @Test
    void aBotsSignalsAreListedNewestFirstPageByPageWithoutSkippingTies() {
        List<Signal> all = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // pairs received in the same microsecond: the id breaks the tie
            Signal s = signal(ws, bot, "order:" + i, T0.plusSeconds(i / 2));
            signals.record(s, WINDOW);
            all.add(s);
        }
        signals.record(signal(ws, new BotId(UUID.randomUUID()), "order:other-bot", T0.plusSeconds(1)), WINDOW);

        List<Signal> seen = new ArrayList<>();
        SignalCursor cursor = null;
        List<Signal> page;
        int pages = 0;
        do {
            page = signals.listForBot(ws, bot, cursor, 3);
            seen.addAll(page);
            cursor = page.isEmpty() ? cursor : SignalCursor.after(page.getLast());
            pages++;
        } while (page.size() == 3);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(all);
        assertThat(seen).extracting(Signal::receivedAt).isSortedAccordingTo((x, y) -> y.compareTo(x));
        assertThat(signals.listForBot(ws, bot, null, 7)).containsExactlyElementsOf(seen);
    }

    @Test
    void aPageHoldsOneToFiveHundred() {
        assertThatThrownBy(() -> signals.listForBot(ws, bot, null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signals.listForBot(ws, bot, null, 501)).isInstanceOf(IllegalArgumentException.class);
        assertThat(signals.listForBot(ws, bot, null, 500)).isEmpty();
    }

    @Test
    void theDaysCountIncludesDuplicatesFromTheInstantOnInTheWorkspaceOnly() {
        signals.record(signal(ws, bot, "order:1", T0.minusSeconds(1)), WINDOW);
        signals.record(signal(ws, bot, "order:2", T0), WINDOW);
        signals.record(signal(ws, bot, "order:2", T0.plusSeconds(1)), WINDOW); // a duplicate still counts
        signals.record(signal(ws, new BotId(UUID.randomUUID()), "order:3", T0.plusSeconds(2)), WINDOW);
        signals.record(signal(newWorkspace(), bot, "order:4", T0.plusSeconds(2)), WINDOW);

        assertThat(signals.countSince(ws, T0)).isEqualTo(3);
        assertThat(signals.countSince(ws, T0.minusSeconds(1))).isEqualTo(4);
        assertThat(signals.countSince(ws, T0.plusSeconds(3))).isZero();
    }

    @Test
    void oneWorkspaceNeverReadsOrChangesAnothersSignals() {
        WorkspaceId a = ws;
        WorkspaceId b = newWorkspace();
        var ofA = signal(a, bot, "order:1", T0);
        var dupOfA = signal(a, bot, "order:1", T0.plusSeconds(1));
        var ofB = signal(b, bot, "order:1", T0);
        signals.record(ofA, WINDOW);
        signals.record(dupOfA, WINDOW);
        signals.record(ofB, WINDOW);

        assertThat(signals.listForBot(a, bot, null, 10)).extracting(Signal::id).containsExactlyInAnyOrder(ofA.id(), dupOfA.id());
        assertThat(signals.listForBot(b, bot, null, 10)).containsExactly(ofB);
        assertThat(signals.countSince(b, T0)).isEqualTo(1);

        for (SignalId idOfA : List.of(ofA.id(), dupOfA.id())) {
            assertThat(signals.find(b, idOfA)).isEmpty();
            assertThatThrownBy(() -> signals.updateStatus(b, idOfA, SignalStatus.PROCESSING, null, T0)).isInstanceOf(NotFound.class);
            assertThat(signals.listForBot(b, bot, new SignalCursor(T0.plusSeconds(5), idOfA), 10)).containsExactly(ofB);
        }
        assertThat(signals.find(a, ofA.id())).contains(ofA);
    }
}
