package dev.bulwark.adapters.persistence.bots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.adapters.persistence.testing.StoreContract;
import dev.bulwark.adapters.persistence.venues.VenueAccountFixtures;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.bots.AssetType;
import dev.bulwark.domain.bots.Bot;
import dev.bulwark.domain.bots.BotId;
import dev.bulwark.domain.bots.BotRisk;
import dev.bulwark.domain.bots.BotStatus;
import dev.bulwark.domain.bots.PositionSizing;
import dev.bulwark.domain.secrets.SealedSecret;
import dev.bulwark.domain.venues.Environment;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.NotFound;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

abstract class BotsContract extends StoreContract {
    private static final Instant T1 = T0.plusSeconds(60);
    private static final SealedSecret SECRET = new SealedSecret("v1:sealed-current");

    private JooqBots bots;
    private WorkspaceId ws;

    @BeforeEach
    void store() {
        bots = new JooqBots(database.db());
        ws = newWorkspace();
    }

    /** A bot on a venue account stored in the same workspace (the foreign key insists). */
    Bot bot(WorkspaceId workspace, String name) {
        return new Bot(new BotId(UUID.randomUUID()), workspace, name, "follows the 4h trend", AssetType.CRYPTO,
                VenueAccountFixtures.storedAccount(database, workspace).id(), Environment.PAPER, new PositionSizing.FixedQuote(new BigDecimal("100")),
                BotRisk.NONE, BotStatus.PAUSED, SECRET, null, null, 1, T0, T0);
    }

    static Bot withConfig(Bot b, String name, PositionSizing sizing, BotRisk risk, Environment mode, int version, Instant at) {
        return new Bot(b.id(), b.workspace(), name, b.description(), b.assetType(), b.account(), mode, sizing, risk,
                b.status(), b.webhookSecret(), b.previousSecret(), b.previousSecretValidUntil(), version, b.createdAt(), at);
    }

    static Stream<PositionSizing> sizings() {
        return Stream.of(new PositionSizing.FixedQuote(new BigDecimal("250.50")),
                new PositionSizing.PercentOfEquity(new BigDecimal("2.5")),
                new PositionSizing.FixedUnits(new BigDecimal("0.000000000000000001")));
    }

    @ParameterizedTest
    @MethodSource("sizings")
    void aCreatedBotReadsBackEqualWithEveryLimitSet(PositionSizing sizing) {
        var risk = new BotRisk(new BigDecimal("2.5"), new BigDecimal("150"), new BigDecimal("0.05"), 3,
                Set.of("eth/usdt", "BTC/USDT", "AAPL/USD"));
        var b = new Bot(new BotId(UUID.randomUUID()), ws, "Trend follower", "", AssetType.STOCKS,
                VenueAccountFixtures.storedAccount(database, ws).id(), Environment.LIVE, sizing, risk, BotStatus.ACTIVE, SECRET,
                new SealedSecret("v1:sealed-previous"), T1, 7, T0, T1);

        bots.create(b);

        assertThat(bots.find(ws, b.id())).contains(b);
        assertThat(bots.findForWebhook(b.id())).contains(b);
    }

    @Test
    void aBotWithoutLimitsReadsBackEqual() {
        var b = bot(ws, "no limits");
        bots.create(b);
        assertThat(bots.find(ws, b.id())).contains(b);
        assertThat(bots.find(ws, b.id()).orElseThrow().risk()).isEqualTo(BotRisk.NONE);
    }

    @Test
    void findAllReadsTheWorkspacesBotsAmongTheIdsAndLeavesOutTheRest() {
        var a = bot(ws, "a");
        var b = bot(ws, "b");
        var elsewhere = bot(newWorkspace(), "c");
        for (Bot each : List.of(a, b, elsewhere)) {
            bots.create(each);
        }

        assertThat(bots.findAll(ws, List.of(a.id(), b.id(), b.id(), elsewhere.id(), new BotId(UUID.randomUUID()))))
                .containsExactlyInAnyOrder(a, b);
        assertThat(bots.findAll(ws, List.of())).isEmpty();
    }

    @Test
    void namesAreUniquePerWorkspaceIgnoringCaseButFreeAcrossWorkspaces() {
        var first = bot(ws, "Scalper");
        bots.create(first);

        assertThatThrownBy(() -> bots.create(bot(ws, "scalper"))).isInstanceOf(Conflict.class).hasMessageContaining("scalper");
        assertThat(bots.list(ws)).containsExactly(first);

        var elsewhere = bot(newWorkspace(), "Scalper");
        bots.create(elsewhere);
        assertThat(bots.find(elsewhere.workspace(), elsewhere.id())).contains(elsewhere);
    }

    @Test
    void aSecondBotWithTheSameIdIsAConflict() {
        var b = bot(ws, "one");
        bots.create(b);
        var sameId = new Bot(b.id(), ws, "two", "", AssetType.CRYPTO, b.account(), Environment.PAPER, b.sizing(), BotRisk.NONE,
                BotStatus.PAUSED, SECRET, null, null, 1, T0, T0);
        assertThatThrownBy(() -> bots.create(sameId)).isInstanceOf(Conflict.class);
        assertThat(bots.find(ws, b.id())).contains(b);
    }

    @Test
    void listIsByNameIgnoringCaseAndCountCountsTheWorkspacesBots() {
        var c = bot(ws, "charlie");
        var a = bot(ws, "Alpha");
        var b = bot(ws, "bravo");
        bots.create(c);
        bots.create(a);
        bots.create(b);
        bots.create(bot(newWorkspace(), "elsewhere"));

        assertThat(bots.list(ws)).containsExactly(a, b, c);
        assertThat(bots.count(ws)).isEqualTo(3);
        assertThat(bots.count(newWorkspace())).isZero();
        assertThat(bots.list(newWorkspace())).isEmpty();
    }

    @Test
    void anUnknownBotIsEmptyEverywhere() {
        var unknown = new BotId(UUID.randomUUID());
        assertThat(bots.find(ws, unknown)).isEmpty();
        assertThat(bots.findForWebhook(unknown)).isEmpty();
        assertThatThrownBy(() -> bots.setStatus(ws, unknown, BotStatus.ACTIVE, T1)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> bots.rotateSecret(ws, unknown, SECRET, T1, T1)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> bots.delete(ws, unknown)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> bots.update(bot(ws, "ghost"))).isInstanceOf(NotFound.class);
    }

    @Test
    void anUpdateStoresTheConfigurationAndBumpsTheVersionButLeavesStatusAndSecretsAlone() {
        var b = bot(ws, "before");
        bots.create(b);
        bots.setStatus(ws, b.id(), BotStatus.ACTIVE, T0);
        var risk = new BotRisk(new BigDecimal("3"), null, new BigDecimal("0.1"), null, Set.of("SOL/USDC"));
        var changed = withConfig(b, "after", new PositionSizing.PercentOfEquity(new BigDecimal("10")), risk, Environment.LIVE, 1, T1);
        // a stale copy's status and secret must not overwrite the stored ones
        var staleStatusAndSecret = new Bot(changed.id(), ws, changed.name(), "new description", changed.assetType(),
                changed.account(), changed.mode(), changed.sizing(), changed.risk(), BotStatus.STOPPED,
                new SealedSecret("v1:not-this-one"), null, null, 1, changed.createdAt(), T1);

        Bot stored = bots.update(staleStatusAndSecret);

        assertThat(stored.configVersion()).isEqualTo(2);
        assertThat(stored.name()).isEqualTo("after");
        assertThat(stored.description()).isEqualTo("new description");
        assertThat(stored.sizing()).isEqualTo(new PositionSizing.PercentOfEquity(new BigDecimal("10.000")));
        assertThat(stored.risk()).isEqualTo(risk);
        assertThat(stored.mode()).isEqualTo(Environment.LIVE);
        assertThat(stored.updatedAt()).isEqualTo(T1);
        assertThat(stored.createdAt()).isEqualTo(T0);
        assertThat(stored.status()).isEqualTo(BotStatus.ACTIVE);
        assertThat(stored.webhookSecret()).isEqualTo(SECRET);
        assertThat(bots.find(ws, b.id())).contains(stored);
    }

    @Test
    void anUpdateFromAStaleVersionIsAConflictAndChangesNothing() {
        var b = bot(ws, "versioned");
        bots.create(b);
        Bot v2 = bots.update(withConfig(b, "first edit", b.sizing(), b.risk(), b.mode(), 1, T1));

        assertThatThrownBy(() -> bots.update(withConfig(b, "second edit from version 1", b.sizing(), b.risk(), b.mode(), 1, T1)))
                .isInstanceOf(Conflict.class).hasMessageContaining("version 2");
        assertThat(bots.find(ws, b.id())).contains(v2);

        Bot v3 = bots.update(withConfig(v2, "second edit from version 2", b.sizing(), b.risk(), b.mode(), 2, T1));
        assertThat(v3.configVersion()).isEqualTo(3);
    }

    @Test
    void ofConcurrentUpdatesFromOneVersionExactlyOneWins() throws Exception {
        var b = bot(ws, "contended");
        bots.create(b);
        int threads = 8;
        var start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String name = "edit " + i;
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        bots.update(withConfig(b, name, b.sizing(), b.risk(), b.mode(), 1, T1));
                        return true;
                    } catch (Conflict lost) {
                        return false;
                    }
                }));
            }
            start.countDown();
            long winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
            assertThat(bots.find(ws, b.id()).orElseThrow().configVersion()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anUpdateToANameTakenInTheWorkspaceIsAConflict() {
        var taken = bot(ws, "Taken");
        var b = bot(ws, "mine");
        bots.create(taken);
        bots.create(b);

        assertThatThrownBy(() -> bots.update(withConfig(b, "TAKEN", b.sizing(), b.risk(), b.mode(), 1, T1)))
                .isInstanceOf(Conflict.class);
        assertThat(bots.find(ws, b.id())).contains(b);
    }

    @Test
    void aStatusChangeIsStoredWithoutBumpingTheVersion() {
        var b = bot(ws, "status");
        bots.create(b);

        Bot active = bots.setStatus(ws, b.id(), BotStatus.ACTIVE, T1);

        assertThat(active.status()).isEqualTo(BotStatus.ACTIVE);
        assertThat(active.updatedAt()).isEqualTo(T1);
        assertThat(active.configVersion()).isEqualTo(1);
        assertThat(bots.find(ws, b.id())).contains(active);
        assertThat(bots.setStatus(ws, b.id(), BotStatus.STOPPED, T1).status()).isEqualTo(BotStatus.STOPPED);
    }

    @Test
    void aRotationMovesTheCurrentSecretToPreviousValidForItsGrace() {
        var b = bot(ws, "rotating");
        bots.create(b);
        var second = new SealedSecret("v1:sealed-second");
        Instant validUntil = T1.plus(Bot.PREVIOUS_SECRET_GRACE);

        Bot rotated = bots.rotateSecret(ws, b.id(), second, validUntil, T1);

        assertThat(rotated.webhookSecret()).isEqualTo(second);
        assertThat(rotated.previousSecret()).isEqualTo(SECRET);
        assertThat(rotated.previousSecretValidUntil()).isEqualTo(validUntil);
        assertThat(rotated.configVersion()).isEqualTo(1);
        assertThat(rotated.updatedAt()).isEqualTo(T1);
        assertThat(rotated.acceptsPreviousSecretAt(validUntil.minusNanos(1000))).isTrue();
        assertThat(rotated.acceptsPreviousSecretAt(validUntil)).isFalse();
        assertThat(bots.find(ws, b.id())).contains(rotated);
        assertThat(bots.findForWebhook(b.id())).contains(rotated);

        var third = new SealedSecret("v1:sealed-third");
        Instant later = T1.plus(Duration.ofMinutes(3));
        Bot again = bots.rotateSecret(ws, b.id(), third, later.plus(Bot.PREVIOUS_SECRET_GRACE), later);
        assertThat(again.webhookSecret()).isEqualTo(third);
        assertThat(again.previousSecret()).isEqualTo(second); // the first secret is gone for good
        assertThat(again.previousSecretValidUntil()).isEqualTo(later.plus(Bot.PREVIOUS_SECRET_GRACE));
    }

    @Test
    void concurrentRotationsNeverLoseASecret() throws Exception {
        var b = bot(ws, "rotated concurrently");
        bots.create(b);
        int threads = 8;
        var start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Bot>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                var next = new SealedSecret("v1:sealed-" + i);
                results.add(pool.submit(() -> {
                    start.await();
                    return bots.rotateSecret(ws, b.id(), next, T1, T1);
                }));
            }
            start.countDown();
            for (Future<Bot> result : results) {
                result.get(30, TimeUnit.SECONDS);
            }
            // the rotations ran in some order: each secret was current once, so the final previous is one of them
            Bot last = bots.find(ws, b.id()).orElseThrow();
            assertThat(last.previousSecret()).isNotNull().isNotEqualTo(SECRET).isNotEqualTo(last.webhookSecret());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDeletedBotIsGoneAndItsNameFree() {
        var b = bot(ws, "short lived");
        bots.create(b);

        bots.delete(ws, b.id());

        assertThat(bots.find(ws, b.id())).isEmpty();
        assertThat(bots.findForWebhook(b.id())).isEmpty();
        assertThat(bots.count(ws)).isZero();
        assertThatThrownBy(() -> bots.delete(ws, b.id())).isInstanceOf(NotFound.class);
        bots.create(bot(ws, "short lived"));
    }

    @Test
    void oneWorkspaceNeverReadsOrChangesAnothersBots() {
        WorkspaceId a = ws;
        WorkspaceId b = newWorkspace();
        var ofA = bot(a, "shared name");
        var ofB = bot(b, "shared name");
        bots.create(ofA);
        bots.create(ofB);

        assertThat(bots.list(a)).containsExactly(ofA);
        assertThat(bots.list(b)).containsExactly(ofB);
        assertThat(bots.count(a)).isEqualTo(1);
        assertThat(bots.count(b)).isEqualTo(1);

        // every id of A through B's reads and writes
        assertThat(bots.find(b, ofA.id())).isEmpty();
        var asIfB = new Bot(ofA.id(), b, "hijacked", "", ofA.assetType(), ofA.account(), ofA.mode(), ofA.sizing(), ofA.risk(),
                ofA.status(), ofA.webhookSecret(), null, null, 1, T0, T1);
        assertThatThrownBy(() -> bots.update(asIfB)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> bots.setStatus(b, ofA.id(), BotStatus.ACTIVE, T1)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> bots.rotateSecret(b, ofA.id(), new SealedSecret("v1:evil"), T1, T1)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> bots.delete(b, ofA.id())).isInstanceOf(NotFound.class);

        assertThat(bots.find(a, ofA.id())).contains(ofA);
        assertThat(bots.find(b, ofB.id())).contains(ofB);
    }
}
