package dev.bulwark.adapters.persistence.signals;

import static dev.bulwark.adapters.persistence.jooq.Tables.RATE_COUNTERS;
import static dev.bulwark.adapters.persistence.jooq.Tables.WEBHOOK_ATTEMPTS;
import static dev.bulwark.adapters.persistence.jooq.Tables.WORKSPACES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.adapters.persistence.jooq.tables.records.WebhookAttemptsRecord;
import dev.bulwark.adapters.persistence.testing.StoreContract;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.ports.driven.signals.WebhookLog.Attempt;
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
import org.junit.jupiter.params.provider.ValueSource;

abstract class WebhookLogContract extends StoreContract {
    private static final Duration KEEP = Duration.ofMinutes(2);
    private static final Instant MINUTE = Instant.parse("2026-11-21T08:00:00Z");

    private JooqWebhookLog log;
    private WorkspaceId ws;
    private String bot;

    @BeforeEach
    void store() {
        log = new JooqWebhookLog(database.db());
        ws = newWorkspace();
        bot = UUID.randomUUID().toString();
    }

    private List<WebhookAttemptsRecord> attemptsOf(String botId) {
        return database.dsl().selectFrom(WEBHOOK_ATTEMPTS).where(WEBHOOK_ATTEMPTS.BOT.eq(botId))
                .orderBy(WEBHOOK_ATTEMPTS.ID).fetch();
    }

    @Test
    void anAcceptedRequestIsRecordedWithEveryField() {
        String signalId = UUID.randomUUID().toString();

        log.record(new Attempt(bot, ws, T0, "accepted", 200, signalId, "2001:db8::1"));

        WebhookAttemptsRecord stored = attemptsOf(bot).getFirst();
        assertThat(stored.getWorkspaceId()).isEqualTo(ws.value());
        assertThat(stored.getAt().toInstant()).isEqualTo(T0);
        assertThat(stored.getOutcome()).isEqualTo("accepted");
        assertThat(stored.getStatus()).isEqualTo(200);
        assertThat(stored.getSignalId()).isEqualTo(signalId);
        assertThat(stored.getIp()).isEqualTo("2001:db8::1");
    }

    @Test
    void aStrangersRequestBelongsToNoWorkspaceAndItsOverlongPartsAreCut() {
        String named = "n".repeat(500);

        log.record(new Attempt(named, null, T0, "unauthorized", 404, null, null));
        log.record(new Attempt(bot, null, T0.plusSeconds(1), "invalid", 400, "s".repeat(300), "i".repeat(300)));

        WebhookAttemptsRecord stranger = attemptsOf("n".repeat(64)).getFirst();
        assertThat(stranger.getWorkspaceId()).isNull();
        assertThat(stranger.getSignalId()).isNull();
        assertThat(stranger.getIp()).isNull();
        WebhookAttemptsRecord cut = attemptsOf(bot).getFirst();
        assertThat(cut.getSignalId()).hasSize(100);
        assertThat(cut.getIp()).hasSize(64);
    }

    @ParameterizedTest
    @ValueSource(strings = {"accepted", "duplicate", "ignored", "unauthorized", "invalid", "rate-limited", "quota", "error"})
    void everyListedOutcomeIsRecorded(String outcome) {
        log.record(new Attempt(bot, ws, T0, outcome, 200, null, null));

        assertThat(attemptsOf(bot)).extracting(WebhookAttemptsRecord::getOutcome).containsExactly(outcome);
    }

    @Test
    void anUnlistedOutcomeOrAStatusThatIsNotHttpIsRefusedAndNothingIsStored() {
        assertThatThrownBy(() -> log.record(new Attempt(bot, ws, T0, "ACCEPTED", 200, null, null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.record(new Attempt(bot, ws, T0, "accepted", 99, null, null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.record(new Attempt(bot, ws, T0, "accepted", 600, null, null)))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(attemptsOf(bot)).isEmpty();
    }

    @Test
    void concurrentRequestsAreAllRecordedAndARowThatCannotBeWrittenFailsOnlyItsOwnCall() throws Exception {
        WorkspaceId unknown = new WorkspaceId(UUID.randomUUID()); // no such workspace: its row breaks a foreign key
        int callers = 64;
        List<Future<?>> calls = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch go = new CountDownLatch(1);
            for (int i = 0; i < callers; i++) {
                WorkspaceId owner = i == callers / 2 ? unknown : ws;
                String signal = "s-" + i;
                calls.add(pool.submit(() -> {
                    go.await();
                    log.record(new Attempt(bot, owner, T0, "accepted", 200, signal, null));
                    return null;
                }));
            }
            go.countDown();
            for (int i = 0; i < callers; i++) {
                if (i == callers / 2) {
                    Future<?> bad = calls.get(i);
                    assertThatThrownBy(() -> bad.get(60, TimeUnit.SECONDS)).hasCauseInstanceOf(RuntimeException.class);
                } else {
                    calls.get(i).get(60, TimeUnit.SECONDS);
                }
            }
        }
        assertThat(attemptsOf(bot)).hasSize(callers - 1)
                .extracting(WebhookAttemptsRecord::getSignalId).doesNotContain("s-" + callers / 2);
    }

    @Test
    void aDeletedWorkspaceLeavesItsRequestsAsStrangers() {
        WorkspaceId doomed = newWorkspace();
        log.record(new Attempt(bot, doomed, T0, "accepted", 200, null, null));

        database.dsl().deleteFrom(WORKSPACES).where(WORKSPACES.ID.eq(doomed.value())).execute();

        assertThat(attemptsOf(bot)).singleElement().satisfies(a -> assertThat(a.getWorkspaceId()).isNull());
    }

    @Test
    void aCounterCountsPerKeyAndWindow() {
        String key = "bot:" + bot + ":minute";
        String other = "workspace:" + ws + ":day";

        assertThat(log.increment(key, MINUTE, KEEP)).isEqualTo(1);
        assertThat(log.increment(key, MINUTE, KEEP)).isEqualTo(2);
        assertThat(log.increment(other, MINUTE, KEEP)).isEqualTo(1);
        assertThat(log.increment(key, MINUTE.plusSeconds(60), KEEP)).isEqualTo(1);
        assertThat(log.increment(key, MINUTE, KEEP)).isEqualTo(3);
    }

    @Test
    void ofEightThreadsIncrementingOneCounterEveryCountIsSeenOnceAndNoneIsLost() throws Exception {
        int threads = 8;
        int each = 50;
        String key = "race:" + UUID.randomUUID();
        var ready = new CountDownLatch(threads);
        var go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Long> seen = new ArrayList<>();
        try {
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    List<Long> mine = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        mine.add(log.increment(key, MINUTE, KEEP));
                    }
                    return mine;
                }));
            }
            ready.await();
            go.countDown();
            for (Future<List<Long>> future : futures) {
                seen.addAll(future.get(120, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        List<Long> expected = new ArrayList<>();
        for (long n = 1; n <= threads * each; n++) {
            expected.add(n);
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(database.dsl().select(RATE_COUNTERS.COUNT).from(RATE_COUNTERS)
                .where(RATE_COUNTERS.COUNTER_KEY.eq(key)).fetchOne(RATE_COUNTERS.COUNT)).isEqualTo((long) threads * each);
    }

    @Test
    void windowsOlderThanKeepAreForgottenWhenAPruneRuns() {
        var pruning = new JooqWebhookLog(database.db(), 1);
        String key = "prune:" + UUID.randomUUID();
        pruning.increment(key, MINUTE, KEEP);
        pruning.increment(key, MINUTE, KEEP);
        pruning.increment(key, MINUTE.plus(KEEP), KEEP); // MINUTE is exactly keep old: kept

        assertThat(pruning.increment(key, MINUTE, KEEP)).isEqualTo(3);

        pruning.increment(key, MINUTE.plus(KEEP).plusSeconds(60), KEEP); // now MINUTE is older than keep

        assertThat(database.dsl().fetchCount(RATE_COUNTERS, RATE_COUNTERS.COUNTER_KEY.eq(key)
                .and(RATE_COUNTERS.WINDOW_START.eq(MINUTE.atOffset(java.time.ZoneOffset.UTC))))).isZero();
        assertThat(pruning.increment(key, MINUTE.plus(KEEP), KEEP)).isEqualTo(2);
    }

    @Test
    void anIncrementJoinsTheCallersTransaction() {
        String key = "tx:" + UUID.randomUUID();
        assertThatThrownBy(() -> database.transactions().inTransaction(() -> {
            assertThat(log.increment(key, MINUTE, KEEP)).isEqualTo(1);
            throw new IllegalStateException("the request failed after counting");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(log.increment(key, MINUTE, KEEP)).isEqualTo(1);
    }

    @Test
    void aBlankOrOverlongKeyOrAKeepThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> log.increment(" ", MINUTE, KEEP)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.increment("k".repeat(201), MINUTE, KEEP)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.increment("k", MINUTE, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.increment("k", MINUTE, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JooqWebhookLog(database.db(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(log.increment("k".repeat(200), MINUTE, KEEP)).isEqualTo(1);
    }
}
