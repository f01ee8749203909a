package dev.bulwark.application.bots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.bulwark.application.botfakes.BotWorld;
import dev.bulwark.domain.accounts.ApiKeyId;
import dev.bulwark.domain.accounts.Plan;
import dev.bulwark.domain.accounts.Role;
import dev.bulwark.domain.accounts.Scope;
import dev.bulwark.domain.accounts.UserId;
import dev.bulwark.domain.audit.AuditEntry;
import dev.bulwark.domain.bots.AssetType;
import dev.bulwark.domain.bots.Bot;
import dev.bulwark.domain.bots.BotId;
import dev.bulwark.domain.bots.BotStatus;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.money.Money;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.OrderId;
import dev.bulwark.domain.positions.Position;
import dev.bulwark.domain.signals.JourneyStep;
import dev.bulwark.domain.signals.Signal;
import dev.bulwark.domain.signals.SignalId;
import dev.bulwark.domain.signals.SignalStatus;
import dev.bulwark.domain.venues.Environment;
import dev.bulwark.ports.driven.jobs.DeadJob;
import dev.bulwark.ports.driven.jobs.JobId;
import dev.bulwark.ports.driven.vault.SecretBinding;
import dev.bulwark.ports.driving.accounts.Principal;
import dev.bulwark.ports.driving.bots.BotCommands.CloneBot;
import dev.bulwark.ports.driving.bots.BotCommands.CreateBot;
import dev.bulwark.ports.driving.bots.BotCommands.Risk;
import dev.bulwark.ports.driving.bots.BotCommands.SetStatus;
import dev.bulwark.ports.driving.bots.BotCommands.Sizing;
import dev.bulwark.ports.driving.bots.BotCommands.SizingKind;
import dev.bulwark.ports.driving.bots.BotCommands.UpdateBot;
import dev.bulwark.ports.driving.bots.BotViews.BotCreated;
import dev.bulwark.ports.driving.bots.BotViews.BotSummary;
import dev.bulwark.ports.driving.bots.BotViews.BotView;
import dev.bulwark.ports.driving.bots.BotViews.DeadLetter;
import dev.bulwark.ports.driving.bots.BotViews.SecretRotated;
import dev.bulwark.ports.driving.bots.BotViews.SignalReceipt;
import dev.bulwark.ports.driving.bots.BotViews.SignalView;
import dev.bulwark.ports.driving.bots.ManageBots;
import dev.bulwark.ports.driving.signals.ReceiveSignals;
import dev.bulwark.ports.driving.signals.WebhookRequest;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.Forbidden;
import dev.bulwark.ports.errors.Invalid;
import dev.bulwark.ports.errors.Invalid.FieldError;
import dev.bulwark.ports.errors.NotFound;
import dev.bulwark.ports.errors.Unauthorized;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ManageBotsTest {
    final BotWorld world = new BotWorld();
    final ManageBots bots = world.manageBots();

    CreateBot paper(String name) {
        return new CreateBot(name, "  trend follower ", AssetType.CRYPTO, world.paperAccount.id().toString(),
                Environment.PAPER, new Sizing(SizingKind.FIXED_QUOTE, new BigDecimal("100")),
                new Risk(new BigDecimal("2"), new BigDecimal("5"), new BigDecimal("0.1"), 3, Set.of(" btc/usdt ")), null);
    }

    CreateBot live(String name, @Nullable String code) {
        return new CreateBot(name, null, AssetType.CRYPTO, world.liveAccount.id().toString(), Environment.LIVE,
                new Sizing(SizingKind.PERCENT_OF_EQUITY, BigDecimal.ONE), null, code);
    }

    static List<String> fields(Throwable error) {
        assertThat(error).isInstanceOf(Invalid.class);
        return ((Invalid) error).fieldErrors().stream().map(FieldError::field).toList();
    }

    void assertNoSecretIn(String secret) {
        assertThat(world.audit.entries.toString()).doesNotContain(secret);
        assertThat(world.bots.rows.toString()).doesNotContain(secret);
    }

    @Nested
    class Create {
        @Test
        void aBotIsCreatedActiveWithASecretShownOnceAndSealed() {
            BotCreated created = bots.create(world.trader(), paper("Trend"));

            BotView view = created.bot();
            assertThat(view.name()).isEqualTo("Trend");
            assertThat(view.description()).isEqualTo("trend follower");
            assertThat(view.status()).isEqualTo(BotStatus.ACTIVE);
            assertThat(view.configVersion()).isEqualTo(1);
            assertThat(view.mode()).isEqualTo(Environment.PAPER);
            assertThat(view.sizing()).isEqualTo(new Sizing(SizingKind.FIXED_QUOTE, new BigDecimal("100")));
            assertThat(view.risk().allowedSymbols()).containsExactly("BTC/USDT");
            assertThat(view.webhookPath()).isEqualTo("/webhook/" + view.id());
            assertThat(view.createdAt()).isEqualTo(world.now());

            String secret = created.webhookSecret();
            assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(32);
            assertThat(secret).matches("[A-Za-z0-9_-]{43}");
            Bot stored = world.bots.rows.get(view.id());
            assertThat(world.vault.plaintext(stored.webhookSecret())).isEqualTo(secret);
            assertThat(world.vault.binding(stored.webhookSecret()))
                    .isEqualTo(new SecretBinding(world.workspace, "bot:" + view.id()));
            assertThat(created.toString()).doesNotContain(secret);
            assertThat(world.audit.actions("bot.create")).singleElement().satisfies(e -> {
                assertThat(e.target()).isEqualTo("bot:" + view.id());
                assertThat(e.actor()).isEqualTo(world.trader().actor());
            });
            assertNoSecretIn(secret);
            assertThat(world.secondFactorsAsked).isEmpty();
        }

        @Test
        void theCreatedSecretWorksOnTheWebhook() {
            BotCreated created = bots.create(world.owner(), paper("Trend"));
            ReceiveSignals webhook = world.receiveSignals();
            assertThat(webhook.receive(new WebhookRequest(created.bot().id().toString(), created.webhookSecret(), null,
                    "{\"action\":\"buy\",\"symbol\":\"BTCUSDT\"}", "application/json", null)).duplicate()).isFalse();
        }

        @Test
        void everyWrongFieldIsNamedAtOnce() {
            Throwable error = catchThrowable(() -> bots.create(world.owner(), new CreateBot(" ", "x".repeat(1001), null,
                    "not-an-id", null, new Sizing(SizingKind.PERCENT_OF_EQUITY, new BigDecimal("101")),
                    new Risk(new BigDecimal("100"), BigDecimal.ZERO, new BigDecimal("1.5"), 0, Set.of("BTCUSDT")), null)));
            assertThat(fields(error)).containsExactlyInAnyOrder("name", "description", "assetType", "account", "mode",
                    "sizing.amount", "risk.stopLossPercent", "risk.takeProfitPercent", "risk.maxDailyLoss",
                    "risk.maxOpenPositions", "risk.allowedSymbols");
            assertThat(world.bots.rows).isEmpty();
        }

        @Test
        void missingSizingPartsAreNamed() {
            assertThat(fields(catchThrowable(() -> bots.create(world.owner(), new CreateBot("a", null, AssetType.CRYPTO,
                    world.paperAccount.id().toString(), Environment.PAPER, new Sizing(null, null), null, null)))))
                    .containsExactlyInAnyOrder("sizing.kind", "sizing.amount");
            assertThat(fields(catchThrowable(() -> bots.create(world.owner(), new CreateBot("a", null, AssetType.CRYPTO,
                    world.paperAccount.id().toString(), Environment.PAPER, null, null, null))))).containsExactly("sizing");
            assertThatThrownBy(() -> bots.create(world.owner(), null)).isInstanceOf(Invalid.class);
        }

        @Test
        void anotherWorkspacesAccountOrAnUnknownOneIsNotFound() {
            CreateBot theirs = new CreateBot("x", null, AssetType.CRYPTO, world.strangerAccount.id().toString(),
                    Environment.PAPER, new Sizing(SizingKind.FIXED_UNITS, BigDecimal.ONE), null, null);
            assertThatThrownBy(() -> bots.create(world.owner(), theirs)).isInstanceOf(NotFound.class);
            CreateBot unknown = new CreateBot("x", null, AssetType.CRYPTO, new UUID(9, 9).toString(),
                    Environment.PAPER, new Sizing(SizingKind.FIXED_UNITS, BigDecimal.ONE), null, null);
            assertThatThrownBy(() -> bots.create(world.owner(), unknown)).isInstanceOf(NotFound.class);
        }

        @Test
        void theModeMatchesTheAccount() {
            CreateBot paperOnLive = new CreateBot("x", null, AssetType.CRYPTO, world.liveAccount.id().toString(),
                    Environment.PAPER, new Sizing(SizingKind.FIXED_UNITS, BigDecimal.ONE), null, null);
            assertThat(fields(catchThrowable(() -> bots.create(world.owner(), paperOnLive)))).containsExactly("mode");
            CreateBot liveOnPaper = new CreateBot("x", null, AssetType.CRYPTO, world.paperAccount.id().toString(),
                    Environment.LIVE, new Sizing(SizingKind.FIXED_UNITS, BigDecimal.ONE), null, BotWorld.CODE);
            assertThat(fields(catchThrowable(() -> bots.create(world.owner(), liveOnPaper)))).containsExactly("mode");
        }

        @Test
        void liveNeedsASecondFactor() {
            assertThatThrownBy(() -> bots.create(world.owner(), live("Live", null))).isInstanceOf(Unauthorized.class);
            assertThatThrownBy(() -> bots.create(world.owner(), live("Live", "000000"))).isInstanceOf(Unauthorized.class);
            assertThat(world.bots.rows).isEmpty();

            BotCreated created = bots.create(world.owner(), live("Live", BotWorld.CODE));
            assertThat(created.bot().mode()).isEqualTo(Environment.LIVE);
            assertThat(world.secondFactorsAsked).hasSize(3);
        }

        @Test
        void theFreePlanHasOneBotAndNoLive() {
            world.plans.set(world.workspace, Plan.FREE);
            Forbidden live = (Forbidden) catchThrowable(() -> bots.create(world.owner(), live("Live", BotWorld.CODE)));
            assertThat(live.getMessage()).contains("plan-live").contains("FREE");

            bots.create(world.owner(), paper("One"));
            Forbidden second = (Forbidden) catchThrowable(() -> bots.create(world.owner(), paper("Two")));
            assertThat(second.getMessage()).contains("plan-bots").contains("FREE").contains("1 bot");
            assertThat(world.bots.count(world.workspace)).isEqualTo(1);
        }

        @Test
        void theDefaultPlanAppliesWithoutAStoredOne() {
            world.defaultPlan = Plan.FREE;
            ManageBots free = world.manageBots();
            free.create(world.owner(), paper("One"));
            assertThatThrownBy(() -> free.create(world.owner(), paper("Two"))).isInstanceOf(Forbidden.class)
                    .hasMessageContaining("plan-bots");
        }

        @Test
        void viewersAndReadOnlyKeysCannotCreate() {
            assertThatThrownBy(() -> bots.create(world.viewer(), paper("x"))).isInstanceOf(Forbidden.class);
            Principal readKey = new Principal(new UserId(new UUID(3, 1)), world.workspace, Role.OWNER,
                    Set.of(Scope.READ), null, new ApiKeyId(new UUID(5, 5)));
            assertThatThrownBy(() -> bots.create(readKey, paper("x"))).isInstanceOf(Forbidden.class);
            assertThat(world.bots.rows).isEmpty();
        }
    }

    @Nested
    class ReadAndChange {
        final BotView bot = bots.create(world.owner(), paper("Trend")).bot();

        @Test
        void readersListAndGetTheirOwnOnly() {
            assertThat(bots.list(world.viewer())).extracting(BotView::id).containsExactly(bot.id());
            assertThat(bots.get(world.viewer(), bot.id())).isEqualTo(bot);
            assertThat(bots.list(world.stranger())).isEmpty();
        }

        @Test
        void strangerIdsAreNotFoundEverywhere() {
            Principal stranger = world.stranger();
            BotId id = bot.id();
            List<Runnable> calls = List.of(
                    () -> bots.get(stranger, id),
                    () -> bots.update(stranger, id, new UpdateBot(1, "x", null, null, null, null, null, null, null)),
                    () -> bots.clone(stranger, id, new CloneBot("copy")),
                    () -> bots.delete(stranger, id, true),
                    () -> bots.delete(stranger, id, false),
                    () -> bots.setStatus(stranger, id, new SetStatus(BotStatus.PAUSED)),
                    () -> bots.rotateSecret(stranger, id),
                    () -> bots.summary(stranger, id),
                    () -> bots.signals(stranger, id, null, 10));
            for (Runnable call : calls) {
                assertThatThrownBy(call::run).isInstanceOf(NotFound.class);
            }
            assertThat(world.bots.rows.get(id).name()).isEqualTo("Trend");
        }

        @Test
        void anUpdateChangesWhatIsGivenAndBumpsTheVersion() {
            BotView changed = bots.update(world.trader(), bot.id(), new UpdateBot(1, "Renamed", null, null, null, null,
                    new Sizing(SizingKind.FIXED_UNITS, new BigDecimal("0.5")), null, null));
            assertThat(changed.name()).isEqualTo("Renamed");
            assertThat(changed.configVersion()).isEqualTo(2);
            assertThat(changed.sizing()).isEqualTo(new Sizing(SizingKind.FIXED_UNITS, new BigDecimal("0.5")));
            assertThat(changed.risk()).isEqualTo(bot.risk());
            assertThat(world.audit.actions("bot.update")).singleElement()
                    .satisfies(e -> assertThat(e.details()).containsEntry("configVersion", "2"));

            assertThatThrownBy(() -> bots.update(world.trader(), bot.id(), new UpdateBot(1, "Stale", null, null, null,
                    null, null, null, null))).isInstanceOf(Conflict.class);
        }

        @Test
        void anUpdateNeedsItsVersionAndValidFields() {
            assertThat(fields(catchThrowable(() -> bots.update(world.owner(), bot.id(), new UpdateBot(null, " ", null,
                    null, "x", null, new Sizing(SizingKind.FIXED_QUOTE, BigDecimal.ZERO), null, null)))))
                    .containsExactlyInAnyOrder("configVersion", "name", "account", "sizing.amount");
            assertThatThrownBy(() -> bots.update(world.viewer(), bot.id(), new UpdateBot(1, "x", null, null, null, null,
                    null, null, null))).isInstanceOf(Forbidden.class);
        }

        @Test
        void goingLiveNeedsThePlanAnAccountAndASecondFactor() {
            UpdateBot toLive = new UpdateBot(1, null, null, null, world.liveAccount.id().toString(), Environment.LIVE,
                    null, null, null);
            assertThatThrownBy(() -> bots.update(world.owner(), bot.id(), toLive)).isInstanceOf(Unauthorized.class);
            UpdateBot modeOnly = new UpdateBot(1, null, null, null, null, Environment.LIVE, null, null, BotWorld.CODE);
            assertThat(fields(catchThrowable(() -> bots.update(world.owner(), bot.id(), modeOnly)))).containsExactly("mode");

            BotView live = bots.update(world.owner(), bot.id(), new UpdateBot(1, null, null, null,
                    world.liveAccount.id().toString(), Environment.LIVE, null, null, BotWorld.CODE));
            assertThat(live.mode()).isEqualTo(Environment.LIVE);
            assertThat(live.account()).isEqualTo(world.liveAccount.id());

            // a LIVE bot's every change asks again
            assertThatThrownBy(() -> bots.update(world.owner(), bot.id(), new UpdateBot(2, "again", null, null, null,
                    null, null, null, null))).isInstanceOf(Unauthorized.class);
        }

        @Test
        void aCloneIsPausedWithItsOwnSecret() {
            BotCreated original = bots.create(world.owner(), paper("Original"));
            BotCreated clone = bots.clone(world.trader(), original.bot().id(), new CloneBot("Copy"));

            assertThat(clone.bot().id()).isNotEqualTo(original.bot().id());
            assertThat(clone.bot().name()).isEqualTo("Copy");
            assertThat(clone.bot().status()).isEqualTo(BotStatus.PAUSED);
            assertThat(clone.bot().sizing()).isEqualTo(original.bot().sizing());
            assertThat(clone.bot().risk()).isEqualTo(original.bot().risk());
            assertThat(clone.bot().configVersion()).isEqualTo(1);
            assertThat(clone.webhookSecret()).isNotEqualTo(original.webhookSecret()).hasSize(43);
            Bot stored = world.bots.rows.get(clone.bot().id());
            assertThat(world.vault.binding(stored.webhookSecret()).subject()).isEqualTo("bot:" + clone.bot().id());
            assertThat(world.audit.actions("bot.clone")).singleElement()
                    .satisfies(e -> assertThat(e.details()).containsEntry("source", "bot:" + original.bot().id()));
            assertThat(fields(catchThrowable(() -> bots.clone(world.owner(), bot.id(), new CloneBot(" ")))))
                    .containsExactly("name");
        }

        @Test
        void aCloneCountsAgainstThePlan() {
            world.plans.set(world.workspace, Plan.FREE);
            assertThatThrownBy(() -> bots.clone(world.owner(), bot.id(), new CloneBot("Copy")))
                    .isInstanceOf(Forbidden.class).hasMessageContaining("plan-bots");
        }

        @Test
        void deletingAsksForConfirmation() {
            assertThatThrownBy(() -> bots.delete(world.owner(), bot.id(), false)).isInstanceOf(Conflict.class)
                    .hasMessage("confirm the deletion: send confirm=true");
            assertThat(world.bots.rows).containsKey(bot.id());
            assertThatThrownBy(() -> bots.delete(world.viewer(), bot.id(), true)).isInstanceOf(Forbidden.class);

            bots.delete(world.owner(), bot.id(), true);
            assertThat(world.bots.rows).doesNotContainKey(bot.id());
            assertThat(world.audit.actions("bot.delete")).hasSize(1);
            assertThatThrownBy(() -> bots.get(world.owner(), bot.id())).isInstanceOf(NotFound.class);
        }

        @Test
        void theStatusChangesAndIsAudited() {
            BotView paused = bots.setStatus(world.trader(), bot.id(), new SetStatus(BotStatus.PAUSED));
            assertThat(paused.status()).isEqualTo(BotStatus.PAUSED);
            assertThat(paused.configVersion()).isEqualTo(1);
            assertThat(world.audit.actions("bot.status")).singleElement()
                    .satisfies(e -> assertThat(e.details()).isEqualTo(Map.of("from", "ACTIVE", "to", "PAUSED")));
            assertThat(fields(catchThrowable(() -> bots.setStatus(world.trader(), bot.id(), new SetStatus(null)))))
                    .containsExactly("status");
            assertThatThrownBy(() -> bots.setStatus(world.viewer(), bot.id(), new SetStatus(BotStatus.ACTIVE)))
                    .isInstanceOf(Forbidden.class);
        }

        @Test
        void aLiveBotCannotResumeOnAPlanWithoutLive() {
            BotView live = bots.create(world.owner(), live("Live", BotWorld.CODE)).bot();
            bots.setStatus(world.owner(), live.id(), new SetStatus(BotStatus.PAUSED));
            world.plans.set(world.workspace, Plan.FREE);
            assertThatThrownBy(() -> bots.setStatus(world.owner(), live.id(), new SetStatus(BotStatus.ACTIVE)))
                    .isInstanceOf(Forbidden.class).hasMessageContaining("plan-live");
        }

        @Test
        void aRotatedSecretWorksAndTheOldOneForTenMinutes() {
            BotCreated created = bots.create(world.owner(), paper("Rotated"));
            SecretRotated rotated = bots.rotateSecret(world.trader(), created.bot().id());

            assertThat(rotated.webhookSecret()).isNotEqualTo(created.webhookSecret()).hasSize(43);
            assertThat(rotated.previousValidUntil()).isEqualTo(world.now().plus(Duration.ofMinutes(10)));
            assertThat(rotated.toString()).doesNotContain(rotated.webhookSecret());
            assertThat(world.audit.actions("bot.rotate-secret")).hasSize(1);
            assertNoSecretIn(rotated.webhookSecret());

            ReceiveSignals webhook = world.receiveSignals();
            String id = created.bot().id().toString();
            webhook.receive(new WebhookRequest(id, rotated.webhookSecret(), null, "action=buy symbol=BTCUSDT orderId=1", null, null));
            webhook.receive(new WebhookRequest(id, created.webhookSecret(), null, "action=buy symbol=BTCUSDT orderId=2", null, null));
            world.advance(Duration.ofMinutes(10));
            assertThatThrownBy(() -> webhook.receive(new WebhookRequest(id, created.webhookSecret(), null,
                    "action=buy symbol=BTCUSDT orderId=3", null, null))).isInstanceOf(NotFound.class);
            assertThatThrownBy(() -> bots.rotateSecret(world.viewer(), created.bot().id())).isInstanceOf(Forbidden.class);
        }
    }

    @Nested
    class Signals {
        final BotView bot = bots.create(world.owner(), paper("Trend")).bot();

        Signal signal(Instant at, SignalStatus status) {
            Signal made = new Signal(new SignalId(world.newId()), world.workspace, bot.id(), at, SignalStatus.RECEIVED,
                    null, "body:" + at, "{\"action\":\"buy\"}", "application/json", "buy", "BTC/USDT", "1", null, null,
                    null, null, null);
            world.signals.record(made, Duration.ofSeconds(60));
            if (status != SignalStatus.RECEIVED) {
                return world.signals.updateStatus(world.workspace, made.id(), status, "because", at);
            }
            return made;
        }

        @Test
        void aBotsSignalsNewestFirstPagedByTime() {
            Instant t = world.now();
            Signal a = signal(t, SignalStatus.RECEIVED);
            Signal b = signal(t.plusSeconds(1), SignalStatus.RECEIVED);
            Signal c = signal(t.plusSeconds(2), SignalStatus.RECEIVED);

            assertThat(bots.signals(world.viewer(), bot.id(), null, 2)).extracting(SignalView::id)
                    .containsExactly(c.id(), b.id());
            assertThat(bots.signals(world.viewer(), bot.id(), b.receivedAt(), 10)).extracting(SignalView::id)
                    .containsExactly(a.id());
            for (int limit : new int[] {0, 201}) {
                assertThat(fields(catchThrowable(() -> bots.signals(world.viewer(), bot.id(), null, limit))))
                        .containsExactly("limit");
            }
        }

        @Test
        void aReceiptStartsWithWhatTheSignalSaysThenTheStoredSteps() {
            Signal s = signal(world.now(), SignalStatus.RECEIVED);
            world.journeys.append(world.workspace, s.id(), new JourneyStep("sized", world.now().plusSeconds(1),
                    Map.of("quantity", "1")));

            SignalReceipt receipt = bots.receipt(world.viewer(), s.id());

            assertThat(receipt.signal().id()).isEqualTo(s.id());
            assertThat(receipt.steps()).extracting(r -> r.step()).containsExactly("received", "parsed", "sized");
            assertThat(receipt.steps().get(1).details()).containsEntry("action", "buy").containsEntry("symbol", "BTC/USDT");
            assertThatThrownBy(() -> bots.receipt(world.stranger(), s.id())).isInstanceOf(NotFound.class);
        }

        @Test
        void aWorkerWrittenReceivedStepIsNotRepeated() {
            Signal s = signal(world.now(), SignalStatus.RECEIVED);
            world.journeys.append(world.workspace, s.id(), new JourneyStep("received", world.now(), Map.of()));
            assertThat(bots.receipt(world.owner(), s.id()).steps()).extracting(r -> r.step()).containsExactly("received");
        }

        @Test
        void deadLettersAreListedAndReplayedBackToReceived() {
            Signal dead = signal(world.now(), SignalStatus.DEAD);
            JobId job = new JobId(new UUID(6, 6));
            world.jobs.dead.add(new DeadJob(job, "signal.process", world.workspace, dead.id().toString(), 4,
                    "venue timed out", world.now()));
            world.jobs.dead.add(new DeadJob(new JobId(new UUID(6, 7)), "portfolio.sync", world.workspace, "x", 4,
                    "other", world.now()));

            assertThat(bots.deadLetters(world.viewer(), 10)).containsExactly(
                    new DeadLetter(dead.id(), bot.id(), "venue timed out", 4, world.now()));
            assertThat(bots.deadLetters(world.stranger(), 10)).isEmpty();
            assertThatThrownBy(() -> bots.replay(world.viewer(), dead.id())).isInstanceOf(Forbidden.class);
            assertThatThrownBy(() -> bots.replay(world.stranger(), dead.id())).isInstanceOf(NotFound.class);

            bots.replay(world.trader(), dead.id());

            assertThat(world.jobs.replayed).containsExactly(job);
            assertThat(world.signals.rows.get(dead.id()).status()).isEqualTo(SignalStatus.RECEIVED);
            assertThat(world.audit.actions("signal.replay")).hasSize(1);
            assertThatThrownBy(() -> bots.replay(world.trader(), dead.id())).isInstanceOf(NotFound.class);
        }

        @Test
        void aSignalThatIsNotDeadCannotBeReplayed() {
            Signal alive = signal(world.now(), SignalStatus.RECEIVED);
            assertThatThrownBy(() -> bots.replay(world.owner(), alive.id())).isInstanceOf(NotFound.class);
            assertThat(fields(catchThrowable(() -> bots.deadLetters(world.owner(), 0)))).containsExactly("limit");
        }
    }

    @Nested
    class Summary {
        final BotView bot = bots.create(world.owner(), new CreateBot("Any", null, AssetType.CRYPTO,
                world.paperAccount.id().toString(), Environment.PAPER,
                new Sizing(SizingKind.FIXED_QUOTE, BigDecimal.TEN), null, null)).bot();
        final Instrument btc = Instrument.spot("BTC", "USDT");
        int trade;

        void fill(OrderSide side, String price, String quantity, Instant at) {
            world.orders.fills.add(new Fill("t" + (++trade), new OrderId(new UUID(7, trade)), btc, side,
                    new BigDecimal(price), new BigDecimal(quantity), Money.of("0", "USDT"), at));
        }

        @Test
        void withoutTradesEverythingIsZeroAndTheWinRateUnknown() {
            BotSummary summary = bots.summary(world.viewer(), bot.id());
            assertThat(summary.tradeCount()).isZero();
            assertThat(summary.winRate()).isNull();
            assertThat(summary.todayPnl()).isEqualByComparingTo("0");
            assertThat(summary.totalReturn()).isEqualByComparingTo("0");
            assertThat(summary.quoteAsset()).isEqualTo("USDT");
            assertThat(summary.openPositions()).isEmpty();
        }

        @Test
        void closedTradesRealizedPnlAndTodaysShare() {
            Instant created = world.now();
            world.advance(Duration.ofDays(1)); // 2026-11-22T08:00:30Z
            Instant yesterday = created.plusSeconds(60);
            fill(OrderSide.BUY, "100", "2", yesterday);
            fill(OrderSide.SELL, "110", "1", yesterday.plusSeconds(60));          // +10, yesterday
            fill(OrderSide.SELL, "90", "1", world.now().minusSeconds(3600));      // -10, today
            fill(OrderSide.BUY, "100", "1", world.now().minusSeconds(1800));
            fill(OrderSide.SELL, "130", "0.5", world.now().minusSeconds(60));     // +15, today
            fill(OrderSide.BUY, "50", "1", created.minusSeconds(10));             // before the bot: not counted
            world.positions.open.add(new Position(world.paperAccount.id(), btc, new BigDecimal("0.5"),
                    Money.of("50", "USDT"), Money.of("15", "USDT"), BigDecimal.ONE));

            BotSummary summary = bots.summary(world.viewer(), bot.id());

            assertThat(summary.tradeCount()).isEqualTo(3);
            assertThat(summary.winRate()).isEqualByComparingTo("0.6667");
            assertThat(summary.todayPnl()).isEqualByComparingTo("5");
            assertThat(summary.totalReturn()).isEqualByComparingTo("15");
            assertThat(summary.openPositions()).singleElement().satisfies(p -> {
                assertThat(p.symbol()).isEqualTo("BTC/USDT");
                assertThat(p.quantity()).isEqualByComparingTo("0.5");
                assertThat(p.entryPrice()).isEqualByComparingTo("100");
            });
        }

        @Test
        void aSellOfWhatWasHeldBeforeTheBotCountsOnlyWhatTheBotBought() {
            fill(OrderSide.SELL, "120", "3", world.now().plusSeconds(1));
            fill(OrderSide.BUY, "100", "1", world.now().plusSeconds(2));
            fill(OrderSide.SELL, "120", "3", world.now().plusSeconds(3));

            BotSummary summary = bots.summary(world.owner(), bot.id());
            assertThat(summary.tradeCount()).isEqualTo(1);
            assertThat(summary.totalReturn()).isEqualByComparingTo("20");
        }
    }

    @Test
    void auditEntriesNeverHoldTheSecret() {
        BotCreated created = bots.create(world.owner(), paper("A"));
        bots.clone(world.owner(), created.bot().id(), new CloneBot("B"));
        bots.rotateSecret(world.owner(), created.bot().id());
        for (AuditEntry entry : world.audit.entries) {
            assertThat(entry.details().values()).noneMatch(v -> v.length() >= 43 && v.matches("[A-Za-z0-9_-]+"));
        }
        assertNoSecretIn(created.webhookSecret());
    }
}
