package dev.bulwark.application.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.application.signals.SignalWorld.Next;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.money.Money;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.bots.Bot;
import dev.bulwark.domain.bots.BotRisk;
import dev.bulwark.domain.bots.BotStatus;
import dev.bulwark.domain.bots.PositionSizing;
import dev.bulwark.domain.events.Event;
import dev.bulwark.domain.events.EventType;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.OrderId;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderStatus;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.risk.AccountRiskProfile;
import dev.bulwark.domain.risk.RiskProfile;
import dev.bulwark.domain.signals.SignalId;
import dev.bulwark.domain.signals.SignalStatus;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.driven.venues.VenueCapability;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ProcessSignalsTest {
    private final SignalWorld world = new SignalWorld();

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private List<Order> ordersOfType(OrderType type) {
        return world.orders.all().stream().filter(o -> o.type() == type).toList();
    }

    @Nested
    class Buying {
        @Test
        void aBuyBecomesOneFilledOrderAPositionEventsAndAReceipt() {
            SignalId id = world.buy("0.01");

            world.process();

            assertThat(world.stored(id).status()).isEqualTo(SignalStatus.COMPLETED);
            assertThat(world.venue.received).hasSize(1);
            assertThat(world.venue.received.getFirst().clientOrderId()).isEqualTo(ClientOrderIds.entry(id));
            Order order = world.orders.all().getFirst();
            assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
            assertThat(order.filledQuantity()).isEqualByComparingTo("0.01");
            assertThat(world.orders.fills(world.workspace, order.id())).hasSize(1);
            assertThat(world.position()).isEqualByComparingTo("0.01");
            assertThat(world.steps(id)).containsSubsequence("processing", "sized", "risk", "placed", "filled", "completed");
            assertThat(world.events.events()).extracting(Event::type)
                    .contains(EventType.ORDER_UPDATED, EventType.FILL, EventType.SIGNAL_STATUS);
            assertThat(world.queue.only().status).isEqualTo("DONE");
        }

        @Test
        void aSignalsEventsAreAppendedOnceInTheOrderTheyHappened() {
            SignalId id = world.buy("0.01");

            world.process();

            // the order stored before the send and the signal's move ride with the decision's transaction: one
            // append (one turn at the event log's sequence lock) per signal, the events still in order
            assertThat(world.events.appends()).isEqualTo(1);
            assertThat(world.events.events()).extracting(e -> e.type() + ":" + e.data().getOrDefault("status", ""))
                    .containsExactly("SIGNAL_STATUS:PROCESSING", "ORDER_UPDATED:NEW", "ORDER_UPDATED:FILLED", "FILL:",
                            "SIGNAL_STATUS:COMPLETED");
            assertThat(world.stored(id).status()).isEqualTo(SignalStatus.COMPLETED);
        }

        @Test
        void theReceiptKeepsEveryInputOfTheDecision() {
            SignalId id = world.buy("0.01");

            world.process();

            assertThat(world.step(id, "sized").details()).containsEntry("price", "50000")
                    .containsEntry("quantity", "0.01").containsEntry("configVersion", "7")
                    .containsEntry("rules.lotStep", "0.00001").containsKey("balance.spot.USDT")
                    .containsEntry("equity", "100000 USDT");
            assertThat(world.step(id, "risk").details()).containsEntry("decision", "approved")
                    .containsEntry("rule.MAX_ORDER_VALUE.limit", "1000")
                    .containsEntry("rule.MAX_ORDER_VALUE.result", "passed")
                    .containsEntry("input.orderValue", "500").containsEntry("exposure.equity", "100000");
        }

        @Test
        void withoutAQuantityTheBotsSizingDecides() {
            SignalId id = world.signal("BUY", "BTC/USDT", null, null, null);

            world.process();

            assertThat(world.stored(id).status()).isEqualTo(SignalStatus.COMPLETED);
            assertThat(world.position()).isEqualByComparingTo("0.01"); // 500 USDT at 50,000
            assertThat(world.step(id, "sized").details().get("explanation")).contains("500");
        }

        @Test
        void everySymbolFormReadsAsTheSameInstrument() {
            for (String symbol : List.of("BTCUSDT", "BINANCE:BTCUSDT", "btc-usdt", "BTC/USDT", "BTCUSDT.P")) {
                SignalId id = world.signal("buy", symbol, "0.001", null, null);
                world.process();
                assertThat(world.stored(id).status()).as(symbol).isEqualTo(SignalStatus.COMPLETED);
            }
            assertThat(world.position()).isEqualByComparingTo("0.005");
        }
    }

    /** A worker's claimed batch: fresh signals decided side by side, their writes in two transactions. */
    @Nested
    class Batches {
        @Test
        void signalsOfSeveralAccountsAreDecidedTogetherAndTheirEventsAppendedOnce() {
            SignalId first = world.buy("0.01");
            world.botOnAccountOfItsOwn();
            SignalId second = world.buy("0.02");
            Bot paused = world.botOnAccountOfItsOwn();
            world.bots.put(paused.id(), new Bot(paused.id(), paused.workspace(), paused.name(), paused.description(),
                    paused.assetType(), paused.account(), paused.mode(), paused.sizing(), paused.risk(), BotStatus.PAUSED,
                    paused.webhookSecret(), null, null, paused.configVersion(), SignalWorld.T0, SignalWorld.T0));
            SignalId ignored = world.buy("0.03");
            world.botOnAccountOfItsOwn();
            SignalId unknown = world.signal("buy", "NOPE", "0.01", null, null);
            int appendsBefore = world.events.appends();

            assertThat(world.process.runOnce("w1", 16)).isEqualTo(4);

            assertThat(world.stored(first).status()).isEqualTo(SignalStatus.COMPLETED);
            assertThat(world.stored(second).status()).isEqualTo(SignalStatus.COMPLETED);
            assertThat(world.stored(ignored).status()).isEqualTo(SignalStatus.IGNORED);
            assertThat(world.stored(unknown).status()).isEqualTo(SignalStatus.REJECTED);
            assertThat(world.venue.received).extracting(r -> r.clientOrderId())
                    .containsExactly(ClientOrderIds.entry(first), ClientOrderIds.entry(second));
            assertThat(world.events.appends()).as("the batch's events, appended by its one decisions transaction")
                    .isEqualTo(appendsBefore + 1);
            assertThat(world.steps(first)).containsSubsequence("processing", "sized", "risk", "placed", "filled", "completed");
            assertThat(world.steps(second)).containsSubsequence("processing", "sized", "risk", "placed", "filled", "completed");
            assertThat(world.steps(ignored)).containsExactly("ignored");
            assertThat(world.queue.jobs.values()).allSatisfy(job -> assertThat(job.status).isEqualTo("DONE"));
        }

        @Test
        void aBuyAndASellOnOneAccountClaimedTogetherAreDecidedOneAfterTheOther() {
            SignalId buy = world.buy("0.01");
            SignalId sell = world.signal("sell", "BTCUSDT", "0.01", null, null);

            assertThat(world.process.runOnce("w1", 16)).isEqualTo(2);

            assertThat(world.stored(buy).status()).isEqualTo(SignalStatus.COMPLETED);
            assertThat(world.stored(sell).status()).as("the sell saw the buy's fill").isEqualTo(SignalStatus.COMPLETED);
            assertThat(world.position()).isZero();
        }

        @Test
        void oneSignalsVenueTimeoutRetriesItAloneWhileTheOthersComplete() {
            SignalId first = world.buy("0.01");
            world.botOnAccountOfItsOwn();
            SignalId second = world.buy("0.02");
            world.venue.script.add(SignalWorld.Next.TIMEOUT_BEFORE_PLACING);

            world.process.runOnce("w1", 16);

            assertThat(world.stored(first).status()).isEqualTo(SignalStatus.FAILED);
            assertThat(world.stored(second).status()).isEqualTo(SignalStatus.COMPLETED);
            world.process();
            assertThat(world.stored(first).status()).isEqualTo(SignalStatus.COMPLETED);
            assertThat(world.venue.received).extracting(r -> r.clientOrderId())
                    .containsExactly(ClientOrderIds.entry(second), ClientOrderIds.entry(first));
        }
    }

    @Nested
    class ClosingAndSelling {
        @Test
        void closeSellsTheWholePosition() {
            world.buy("0.02");
            world.process();

            SignalId close = world.signal("close", "BTCUSDT", null, null, null);
            world.process();

            assertThat(world.stored(close).status()).isEqualTo(SignalStatus.COMPLETED);
            assertThat(world.position()).isZero();
            assertThat(world.venue.received).hasSize(2);
            assertThat(world.venue.received.get(1).clientOrderId()).isEqualTo(ClientOrderIds.entry(close));
        }

        @Test
        void closeWithNothingOpenCompletesWithAReason() {
            SignalId close = world.signal("close", "BTCUSDT", null, null, null);

            world.process();

            assertThat(world.stored(close).status()).isEqualTo(SignalStatus.COMPLETED);
            assertThat(world.stored(close).reason()).contains("nothing open");
            assertThat(world.venue.received).isEmpty();
        }

        @Test
        void aSellOnSpotWithNothingHeldIsRejected() {
            SignalId sell = world.signal("sell", "BTCUSDT", "0.01", null, null);

            world.process();

            assertThat(world.stored(sell).status()).isEqualTo(SignalStatus.REJECTED);
            assertThat(world.stored(sell).reason()).contains("no shorting on spot");
            assertThat(world.venue.received).isEmpty();
            assertThat(world.queue.only().status).isEqualTo("DONE");
        }
    }

    @Nested
    class BadSignals {
        @Test
        void anUnknownActionIsRejected() {
            SignalId id = world.signal("hold", "BTCUSDT", null, null, null);
            world.process();
            assertThat(world.stored(id).status()).isEqualTo(SignalStatus.REJECTED);
            assertThat(world.stored(id).reason()).contains("not buy, sell or close");
        }

        @Test
        void anUnreadableSymbolIsRejected() {
            SignalId id = world.signal("buy", "???", "1", null, null);
            world.process();
            assertThat(world.stored(id).status()).isEqualTo(SignalStatus.REJECTED);
            assertThat(world.stored(id).reason()).contains("cannot be read");
        }

        @Test
        void anUnlistedSymbolIsRejected() {
            SignalId id = world.signal("buy", "ETHUSDT", "1", null, null);
            world.process();
            assertThat(world.stored(id).status()).isEqualTo(SignalStatus.REJECTED);
            assertThat(world.stored(id).reason()).contains("does not list");
        }

        @Test
        void aNegativeOrMalformedQuantityIsRejected() {
            SignalId negative = world.signal("buy", "BTCUSDT", "-1", null, null);
            SignalId text = world.signal("buy", "BTCUSDT", "lots", null, null);
            world.process();
            assertThat(world.stored(negative).reason()).contains("must be positive");
            assertThat(world.stored(text).reason()).contains("is not a number");
            assertThat(world.venue.received).isEmpty();
        }

        @Test
        void aStopOnTheWrongSideIsRejected() {
            SignalId id = world.signal("buy", "BTCUSDT", "0.01", "60000", null);
            world.process();
            assertThat(world.stored(id).status()).isEqualTo(SignalStatus.REJECTED);
            assertThat(world.stored(id).reason()).contains("would limit no loss");
        }

        @Test
        void aPausedBotIgnoresItsSignals() {
            world.bots.put(world.bot.id(), new dev.bulwark.domain.bots.Bot(world.bot.id(), world.workspace, "Bot", "",
                    world.bot.assetType(), world.accountId, world.bot.mode(), world.bot.sizing(), world.bot.risk(),
                    dev.bulwark.domain.bots.BotStatus.PAUSED, world.bot.webhookSecret(), null, null, 7,
                    SignalWorld.T0, SignalWorld.T0));
            SignalId id = world.buy("0.01");
            world.process();
            assertThat(world.stored(id).status()).isEqualTo(SignalStatus.IGNORED);
            assertThat(world.venue.received).isEmpty();
        }

        @Test
        void aJobWithoutASignalIdIsDeadLetteredNotRetried() {
            world.queue.enqueue(dev.bulwark.ports.driven.jobs.NewJob.now(ProcessingFactory.JOB_TYPE, world.workspace,
                    "not-a-uuid"));
            world.process();
            assertThat(world.queue.only().status).isEqualTo("DEAD");
            assertThat(world.queue.only().attempts).isEqualTo(1);
        }

        @Test
        void runOnceRefusesNonsense() {
            assertThatThrownBy(() -> world.process.runOnce(" ", 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> world.process.runOnce("w", 0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Risk {
        @Test
        void aRiskRejectionIsRecordedWithEveryRuleAndNeverRetried() {
            SignalId id = world.buy("0.05"); // 2,500 USDT: above the 1,000 USDT order value limit

            world.process();

            assertThat(world.stored(id).status()).isEqualTo(SignalStatus.REJECTED);
            assertThat(world.stored(id).reason()).startsWith("risk:").contains("order value");
            assertThat(world.venue.received).isEmpty();
            assertThat(world.orders.all()).isEmpty();
            assertThat(world.queue.only().status).isEqualTo("DONE");
            assertThat(world.queue.only().attempts).isEqualTo(1);
            assertThat(world.step(id, "risk").details()).containsEntry("decision", "rejected")
                    .containsEntry("rule.MAX_ORDER_VALUE.result", "broken")
                    .containsEntry("rule.MAX_ORDER_VALUE.actual", "2500")
                    .containsEntry("rule.MAX_ORDER_VALUE.limit", "1000")
                    .containsKey("rule.MAX_DAILY_LOSS.limit");
        }

        @Test
        void theBotsWhitelistApplies() {
            world.bot(new PositionSizing.FixedQuote(d("100")), new BotRisk(null, null, null, null, Set.of("ETH/USDT")));
            SignalId id = world.buy("0.001");
            world.process();
            assertThat(world.stored(id).status()).isEqualTo(SignalStatus.REJECTED);
            assertThat(world.step(id, "risk").details()).containsEntry("rule.SYMBOL_WHITELIST.result", "broken");
        }

        @Test
        void theAccountsRiskProfileIsWhatEveryOrderPassesAndTheReceiptNamesItsVersion() {
            world.riskProfiles.put(world.accountId, new AccountRiskProfile(world.accountId, world.workspace,
                    new RiskProfile(Set.of(), d("0.001"), d("10"), d("400"), d("5000"), d("0.1"), d("10"), d("0.02"),
                            d("0.05"), 10), 3, SignalWorld.T0));
            SignalId refused = world.buy("0.01"); // 500 USDT: under the default 1,000, above this account's 400

            world.process();

            assertThat(world.stored(refused).status()).isEqualTo(SignalStatus.REJECTED);
            assertThat(world.venue.received).isEmpty();
            assertThat(world.step(refused, "risk").details()).containsEntry("rule.MAX_ORDER_VALUE.result", "broken")
                    .containsEntry("rule.MAX_ORDER_VALUE.limit", "400")
                    .containsEntry("accountRiskProfileVersion", "3");
        }

        @Test
        void withoutAProfileTheAccountIsOnTheDefaultsAndTheReceiptSaysSo() {
            SignalId id = world.buy("0.01");

            world.process();

            assertThat(world.stored(id).status()).isEqualTo(SignalStatus.COMPLETED);
            assertThat(world.step(id, "risk").details()).containsEntry("rule.MAX_ORDER_VALUE.limit", "1000")
                    .containsEntry("accountRiskProfileVersion", "0 (defaults)");
        }

        @Test
        void aBotsLimitsOnlyTightenTheAccounts() {
            world.riskProfiles.put(world.accountId, new AccountRiskProfile(world.accountId, world.workspace,
                    new RiskProfile(Set.of("ETH/USDT", "BTC/USDT"), d("0.001"), d("10"), d("1000"), d("5000"), d("0.1"),
                            d("10"), d("0.02"), d("0.03"), 2), 1, SignalWorld.T0));
            world.bot(new PositionSizing.FixedQuote(d("100")), new BotRisk(null, null, d("0.5"), 9, Set.of("BTC/USDT", "SOL/USDT")));
            SignalId id = world.buy("0.001");

            world.process();

            assertThat(world.stored(id).status()).isEqualTo(SignalStatus.COMPLETED);
            assertThat(world.step(id, "risk").details()).containsEntry("rule.SYMBOL_WHITELIST.limit", "BTC/USDT")
                    .containsEntry("rule.MAX_DAILY_LOSS.limit", "0.03")
                    .containsEntry("rule.MAX_OPEN_POSITIONS.limit", "2");
        }

        @Test
        void theAccountsWhitelistRefusesASymbolTheBotAllows() {
            world.riskProfiles.put(world.accountId, new AccountRiskProfile(world.accountId, world.workspace,
                    RiskProfileWith.symbols("ETH/USDT"), 1, SignalWorld.T0));
            world.bot(new PositionSizing.FixedQuote(d("100")), new BotRisk(null, null, null, null, Set.of("BTC/USDT")));
            SignalId id = world.buy("0.001");

            world.process();

            assertThat(world.stored(id).status()).isEqualTo(SignalStatus.REJECTED);
            assertThat(world.step(id, "risk").details()).containsEntry("rule.SYMBOL_WHITELIST.result", "broken")
                    .containsEntry("rule.SYMBOL_WHITELIST.limit", "ETH/USDT");
        }

        /** The defaults with another whitelist. */
        static final class RiskProfileWith {
            static RiskProfile symbols(String... symbols) {
                RiskProfile d = RiskProfile.defaults();
                return new RiskProfile(Set.of(symbols), d.minOrderSize(), d.maxOrderSize(), d.maxOrderValue(),
                        d.maxPositionValue(), d.maxPositionShare(), d.maxLeverage(), d.maxRiskPerTrade(), d.maxDailyLoss(),
                        d.maxOpenPositions());
            }
        }

        @Test
        void theVenuesRefusalIsADecision() {
            world.venue.script.add(Next.REJECT);
            SignalId id = world.buy("0.01");
            world.process();
            assertThat(world.stored(id).status()).isEqualTo(SignalStatus.REJECTED);
            assertThat(world.stored(id).reason()).contains("not enough USDT");
            assertThat(world.orders.all().getFirst().status()).isEqualTo(OrderStatus.REJECTED);
            assertThat(world.queue.only().attempts).isEqualTo(1);
        }
    }

    @Nested
    class ExactlyOnce {
        @Test
        void aTimeoutAfterTheVenuePlacedTheOrderIsResolvedByClientOrderIdNotSentAgain() {
            world.venue.script.add(Next.TIMEOUT_AFTER_PLACING);
            SignalId id = world.buy("0.01");

            world.process();

            assertThat(world.stored(id).status()).isEqualTo(SignalStatus.COMPLETED);
            assertThat(world.venue.placementsFor(ClientOrderIds.entry(id))).isEqualTo(1);
            assertThat(world.orders.all()).hasSize(1);
            assertThat(world.position()).isEqualByComparingTo("0.01");
            assertThat(world.step(id, "placed").details().get("how")).contains("found there by its client order id");
        }

        @Test
        void aTimeoutWhenTheVenueHasNothingIsRetriedWithTheSameClientOrderId() {
            world.venue.script.add(Next.TIMEOUT_BEFORE_PLACING);
            SignalId id = world.buy("0.01");

            world.process();

            assertThat(world.stored(id).status()).isEqualTo(SignalStatus.COMPLETED);
            assertThat(world.venue.received).hasSize(1);
            assertThat(world.venue.received.getFirst().clientOrderId()).isEqualTo(ClientOrderIds.entry(id));
            assertThat(world.queue.only().attempts).isEqualTo(2);
            assertThat(world.steps(id)).containsSubsequence("failed", "processing", "placed", "completed");
            assertThat(world.position()).isEqualByComparingTo("0.01");
        }

        @Test
        void aWorkerWhoseInsertOfTheNewOrderLosesDoesNotSendAndTheNextAttemptFindsTheOtherWorkersOrder() {
            SignalId id = world.buy("0.01");
            // another worker holding the same job (its lease ran out) stored the order under the signal's client order
            // id first, and sent it: this worker's insert of its own NEW order is refused
            world.orders.beforeNextSave = order -> {
                Order theirs = new Order(new OrderId(java.util.UUID.randomUUID()), order.clientOrderId(), order.account(),
                        order.instrument(), order.side(), order.type(), order.size(), order.limitPrice(), order.stopPrice(),
                        order.trailing(), order.timeInForce(), OrderStatus.NEW, order.filledQuantity(),
                        order.averageFillPrice(), order.createdAt(), order.updatedAt());
                world.orders.rows.put(theirs.id(), theirs);
                world.venue.orders.put(order.clientOrderId(), theirs.transitionTo(OrderStatus.ACCEPTED, order.createdAt()));
            };

            world.process();

            assertThat(world.venue.received).as("this worker never sent: its insert lost").isEmpty();
            assertThat(world.venue.orders).hasSize(1);
            assertThat(world.orders.all()).hasSize(1);
            assertThat(world.stored(id).status()).isEqualTo(SignalStatus.COMPLETED);
            assertThat(world.queue.only().attempts).isEqualTo(2);
            assertThat(world.steps(id)).containsSubsequence("failed", "placed", "completed");
        }

        @Test
        void aWorkerWhoseClaimOnAStoredOrderLosesDoesNotSendAndTheNextAttemptFindsTheOtherWorkersOrder() {
            SignalId id = world.buy("0.01");
            world.venue.otherwise = Next.TIMEOUT_BEFORE_PLACING; // the first attempt stores the order, never sends it
            world.process.runOnce("w1", 16);
            world.venue.otherwise = Next.FILL;
            // on the retry, another worker holding the same job claims the stored NEW order first and sends it
            world.orders.beforeNextUpdate = () -> world.orders.rows.replaceAll((orderId, order) -> {
                world.venue.orders.put(order.clientOrderId(), order.transitionTo(OrderStatus.ACCEPTED, order.createdAt()));
                return new Order(order.id(), order.clientOrderId(), order.account(), order.instrument(), order.side(),
                        order.type(), order.size(), order.limitPrice(), order.stopPrice(), order.trailing(),
                        order.timeInForce(), order.status(), order.filledQuantity(), order.averageFillPrice(),
                        order.createdAt(), order.updatedAt().plusSeconds(1));
            });

            world.process();

            assertThat(world.venue.received).as("this worker never sent: its claim lost").isEmpty();
            assertThat(world.venue.orders).hasSize(1);
            assertThat(world.stored(id).status()).isEqualTo(SignalStatus.COMPLETED);
            assertThat(world.steps(id)).containsSubsequence("failed", "failed", "placed", "completed");
        }

        @Test
        void fillsThatComeWithTheVenuesAnswerAreRecordedWithoutAskingForThemAgain() {
            world.venue.fillsInAnswer = true;
            SignalId answeredWith = world.buy("0.01");
            world.process();
            assertThat(world.stored(answeredWith).status()).isEqualTo(SignalStatus.COMPLETED);
            assertThat(world.venue.fillQueries).isZero();
            assertThat(world.orders.fills.values()).singleElement().satisfies(f -> assertThat(f).hasSize(1));

            world.venue.fillsInAnswer = false;
            world.buy("0.02");
            world.process();
            assertThat(world.venue.fillQueries).as("without them, the venue is asked").isEqualTo(1);
            assertThat(world.orders.fills.values()).hasSize(2).allSatisfy(f -> assertThat(f).hasSize(1));
        }

        @Test
        void aVenueThatNeverAnswersLeadsToTheDeadLettersThenAReplayPlacesOnce() {
            world.venue.otherwise = Next.TIMEOUT_BEFORE_PLACING;
            SignalId id = world.buy("0.01");

            world.process();

            assertThat(world.stored(id).status()).isEqualTo(SignalStatus.DEAD);
            assertThat(world.queue.only().attempts).isEqualTo(4);
            assertThat(world.queue.only().status).isEqualTo("DEAD");
            assertThat(world.stored(id).reason()).contains("timed out");
            assertThat(world.venue.received).isEmpty();

            world.venue.otherwise = Next.FILL;
            assertThat(world.queue.replay(world.workspace, world.queue.only().id)).isTrue();
            world.process();

            assertThat(world.stored(id).status()).isEqualTo(SignalStatus.COMPLETED);
            assertThat(world.venue.received).hasSize(1);
            assertThat(world.orders.all()).hasSize(1);
        }

        @Test
        void anUnexpectedErrorIsRetriedWithAGenericReasonAndNoDetailForTheUser() {
            world.venue.rulesFail = new IllegalStateException("internal detail the user must not see");
            SignalId id = world.buy("0.01");

            world.process.runOnce("w1", 1);

            assertThat(world.stored(id).status()).isEqualTo(SignalStatus.FAILED);
            assertThat(world.stored(id).reason()).isEqualTo("an unexpected error while processing; trying again")
                    .doesNotContain("internal detail");
            assertThat(world.queue.only().lastError).startsWith("unexpected IllegalStateException");
            assertThat(world.queue.only().status).isEqualTo("READY");
            // the operators get it whole, stack trace and all, with the ids to find it by
            assertThat(world.unexpected).singleElement().satisfies(reported -> {
                assertThat(reported.getKey()).contains(id.toString()).contains("attempt 1");
                assertThat(reported.getValue()).isSameAs(world.venue.rulesFail);
                assertThat(reported.getValue().getStackTrace()).isNotEmpty();
            });

            world.venue.rulesFail = null;
            world.process();
            assertThat(world.stored(id).status()).isEqualTo(SignalStatus.COMPLETED);
            assertThat(world.venue.received).hasSize(1);
            assertThat(world.unexpected).hasSize(1); // expected outcomes are not reported
        }

        @Test
        void aSignalDecidedByAnAttemptThatDiedBeforeCompletingItsJobIsNotProcessedAgain() {
            SignalId id = world.buy("0.01");
            world.process();
            var job = world.queue.only();
            job.status = "READY"; // as if the worker died after the commit of its decision but before completing
            job.runAt = world.now;

            world.process();

            assertThat(world.venue.received).hasSize(1);
            assertThat(world.stored(id).status()).isEqualTo(SignalStatus.COMPLETED);
        }

        @Test
        void aRetryAfterACrashBetweenDecidingAndPlacingAsksTheVenueFirstAndPlacesTheSameOrder() {
            world.venue.script.add(Next.TIMEOUT_BEFORE_PLACING);
            world.venue.findFails = true; // the venue cannot even be asked: nothing is known
            SignalId id = world.buy("0.01");
            world.process.runOnce("w1", 1);
            assertThat(world.stored(id).status()).isEqualTo(SignalStatus.FAILED);
            world.venue.findFails = false;
            world.marketPrice = d("40000"); // a new price must not change the decided order

            world.process();

            assertThat(world.venue.received).hasSize(1);
            assertThat(world.venue.received.getFirst().size())
                    .isEqualTo(dev.bulwark.domain.orders.OrderSize.quantity(d("0.01")));
            assertThat(world.venue.lookups).isGreaterThanOrEqualTo(2);
        }
    }

    @Nested
    class Protection {
        @Test
        void withoutNativeOcoTheStopIsWatchedAndSentWhenHit() {
            SignalId id = world.signal("buy", "BTCUSDT", "0.01", "49000", "52000");
            world.process();
            List<Order> stops = ordersOfType(OrderType.STOP_MARKET);
            List<Order> targets = ordersOfType(OrderType.TAKE_PROFIT);
            assertThat(stops).singleElement().satisfies(o -> {
                assertThat(o.status()).isEqualTo(OrderStatus.NEW);
                assertThat(o.stopPrice()).isEqualByComparingTo("49000");
            });
            assertThat(targets).hasSize(1);
            assertThat(world.step(id, "protection").details().get("held")).contains("watched");

            assertThat(world.process.watchProtection()).isZero(); // 50,000: neither is hit

            world.marketPrice = d("48900");
            assertThat(world.process.watchProtection()).isEqualTo(1);

            assertThat(world.venue.received).hasSize(2);
            assertThat(world.venue.received.get(1).clientOrderId())
                    .isEqualTo(ClientOrderIds.leg(id, ClientOrderIds.Leg.WATCHED_STOP));
            assertThat(ordersOfType(OrderType.STOP_MARKET).getFirst().status()).isEqualTo(OrderStatus.FILLED);
            assertThat(ordersOfType(OrderType.TAKE_PROFIT).getFirst().status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(world.position()).isZero();
            assertThat(world.process.watchProtection()).isZero(); // done: nothing is sent twice
            assertThat(world.venue.received).hasSize(2);
        }

        @Test
        void theBotsPercentagesProtectFromTheFillPrice() {
            world.bot(new PositionSizing.FixedQuote(d("500")), new BotRisk(d("2"), d("5"), null, null, Set.of()));
            world.buy("0.01");
            world.process();
            assertThat(ordersOfType(OrderType.STOP_MARKET).getFirst().stopPrice()).isEqualByComparingTo("49000");
            assertThat(ordersOfType(OrderType.TAKE_PROFIT).getFirst().stopPrice()).isEqualByComparingTo("52500");

            world.marketPrice = d("53000");
            assertThat(world.process.watchProtection()).isEqualTo(1);
            assertThat(ordersOfType(OrderType.TAKE_PROFIT).getFirst().status()).isEqualTo(OrderStatus.FILLED);
            assertThat(ordersOfType(OrderType.STOP_MARKET).getFirst().status()).isEqualTo(OrderStatus.CANCELLED);
        }

        @Test
        void aTriggeredLegWhoseSendTimedOutIsResolvedNotSentTwice() {
            world.signal("buy", "BTCUSDT", "0.01", "49000", null);
            world.process();
            world.venue.script.add(Next.TIMEOUT_AFTER_PLACING);
            world.venue.findFails = true;
            world.marketPrice = d("48000");

            world.process.watchProtection();
            world.venue.findFails = false;
            world.now = world.now.plusSeconds(60);
            world.process.watchProtection();
            world.process.watchProtection();

            assertThat(world.venue.received).hasSize(2);
            assertThat(ordersOfType(OrderType.STOP_MARKET).getFirst().status()).isEqualTo(OrderStatus.FILLED);
            assertThat(world.position()).isZero();
        }

        @Test
        void aCloseCancelsTheWatchedLegs() {
            world.signal("buy", "BTCUSDT", "0.01", "49000", "52000");
            world.process();
            world.signal("close", "BTCUSDT", null, null, null);
            world.process();

            assertThat(ordersOfType(OrderType.STOP_MARKET).getFirst().status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(ordersOfType(OrderType.TAKE_PROFIT).getFirst().status()).isEqualTo(OrderStatus.CANCELLED);
            world.marketPrice = d("40000");
            assertThat(world.process.watchProtection()).isZero();
        }

        @Test
        void withNativeOcoTheVenueHoldsThePair() {
            world.venue.capabilities.add(VenueCapability.OCO);
            SignalId id = world.signal("buy", "BTCUSDT", "0.01", "49000", "52000");

            world.process();

            assertThat(world.venue.ocos).singleElement().satisfies(oco -> {
                assertThat(oco.stopPrice()).isEqualByComparingTo("49000");
                assertThat(oco.takeProfitPrice()).isEqualByComparingTo("52000");
                assertThat(oco.quantity()).isEqualByComparingTo("0.01");
                assertThat(oco.stopLossClientOrderId()).isEqualTo(ClientOrderIds.leg(id, ClientOrderIds.Leg.NATIVE_STOP));
            });
            assertThat(ordersOfType(OrderType.STOP_MARKET)).singleElement()
                    .satisfies(o -> assertThat(o.status()).isEqualTo(OrderStatus.ACCEPTED));
            assertThat(world.step(id, "protection").details().get("held")).contains("OCO");
            world.marketPrice = d("40000");
            assertThat(world.process.watchProtection()).isZero(); // the venue's business, not the watcher's
        }
    }

    /** The venue fills {@code id}'s order at {@code price} on its own, as a resting order or a triggered leg does. */
    Order fillAtVenue(ClientOrderId id, String price) {
        Order order = world.venue.orders.get(id);
        Fill fill = new Fill("v" + (world.venue.fills.size() + 1), order.id(), order.instrument(), order.side(), d(price),
                SignalRun.quantityOf(order), new Money(d("0.01"), Asset.USDT), world.now);
        world.venue.fills.add(fill);
        Order filled = order.apply(fill);
        world.venue.orders.put(id, filled);
        return filled;
    }

    void cancelAtVenue(ClientOrderId id) {
        world.venue.orders.put(id, world.venue.orders.get(id).transitionTo(OrderStatus.CANCELLED, world.now));
    }

    /** After a native stop filled at 48,990 and its take-profit was cancelled: as recorded here. */
    private void stopFilledTargetCancelled() {
        assertThat(ordersOfType(OrderType.STOP_MARKET)).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(OrderStatus.FILLED);
            assertThat(o.averageFillPrice()).isEqualByComparingTo("48990");
        });
        assertThat(ordersOfType(OrderType.TAKE_PROFIT)).singleElement()
                .satisfies(o -> assertThat(o.status()).isEqualTo(OrderStatus.CANCELLED));
        assertThat(world.position()).isZero();
    }

    /**
     * A venue that keeps an OCO pair as one order under the take-profit's id (Alpaca's parent and leg, OKX's algo
     * order): the stop-loss's own id means nothing to it alone, so the pair is looked up and cancelled as a pair.
     */
    @Nested
    class APairUnderOneId {
        ClientOrderId stop;
        ClientOrderId target;

        SignalId protectedEntry() {
            world.venue.capabilities.add(VenueCapability.OCO);
            world.venue.pairUnderOneId = true;
            SignalId id = world.signal("buy", "BTCUSDT", "0.01", "49000", "52000");
            stop = ClientOrderIds.leg(id, ClientOrderIds.Leg.NATIVE_STOP);
            target = ClientOrderIds.leg(id, ClientOrderIds.Leg.NATIVE_TAKE_PROFIT);
            world.process();
            return id;
        }

        @Test
        void aStopFilledThereIsFoundThroughItsPairAndRecorded() {
            SignalId id = protectedEntry();
            assertThat(world.venue.findByClientOrderId(SignalWorld.BTC, stop)).as("the venue alone does not know the stop's id").isEmpty();
            fillAtVenue(stop, "48990");
            cancelAtVenue(target); // one cancels the other, at the venue
            world.now = world.now.plus(OrderSync.CHECK_EVERY);
            int pairLookups = world.venue.pairLookups;

            assertThat(world.process.syncOrders()).isEqualTo(2);

            assertThat(world.venue.pairLookups).as("one question for both legs").isEqualTo(pairLookups + 1);
            stopFilledTargetCancelled();
            assertThat(world.step(id, "filled").details()).containsEntry("order", "stop-loss");
        }

        @Test
        void bothLegsRestingAreAskedAboutOnceARound() {
            protectedEntry();
            world.now = world.now.plus(OrderSync.CHECK_EVERY);
            int pairLookups = world.venue.pairLookups;

            assertThat(world.process.syncOrders()).isZero();

            assertThat(world.venue.pairLookups).isEqualTo(pairLookups + 1);
            assertThat(ordersOfType(OrderType.STOP_MARKET)).singleElement()
                    .satisfies(o -> assertThat(o.status()).isEqualTo(OrderStatus.ACCEPTED));
        }

        @Test
        void aCloseCancelsThePairAsOneAndRecordsBothLegsAsTheVenueReportsThem() {
            protectedEntry();
            world.signal("close", "BTCUSDT", null, null, null);

            world.process();

            assertThat(world.venue.pairCancels).isEqualTo(1);
            assertThat(world.venue.orders.get(stop).status()).as("at the venue").isEqualTo(OrderStatus.CANCELLED);
            assertThat(world.venue.orders.get(target).status()).as("at the venue").isEqualTo(OrderStatus.CANCELLED);
            assertThat(ordersOfType(OrderType.STOP_MARKET)).singleElement()
                    .satisfies(o -> assertThat(o.status()).isEqualTo(OrderStatus.CANCELLED));
            assertThat(ordersOfType(OrderType.TAKE_PROFIT)).singleElement()
                    .satisfies(o -> assertThat(o.status()).isEqualTo(OrderStatus.CANCELLED));
            assertThat(world.position()).isZero();
        }

        @Test
        void aPairWhoseAnswerWasLostIsFoundAsAPairAndNeverPlacedTwice() {
            world.venue.ocoTimeoutAfterPlacing = true;
            SignalId id = protectedEntry();

            assertThat(world.venue.ocos).hasSize(1);
            assertThat(ordersOfType(OrderType.STOP_MARKET)).singleElement()
                    .satisfies(o -> assertThat(o.status()).isEqualTo(OrderStatus.ACCEPTED));
            assertThat(ordersOfType(OrderType.TAKE_PROFIT)).singleElement()
                    .satisfies(o -> assertThat(o.status()).isEqualTo(OrderStatus.ACCEPTED));
            assertThat(world.step(id, "protection").details().get("held")).contains("OCO");
        }
    }

    @Nested
    class OrderSyncOf {
        /** A buy of 0.01 BTC with a stop at 49,000 and a take-profit at 52,000, held by the venue as one OCO pair. */
        SignalId protectedEntry() {
            world.venue.capabilities.add(VenueCapability.OCO);
            SignalId id = world.signal("buy", "BTCUSDT", "0.01", "49000", "52000");
            world.process();
            return id;
        }

        /** {@link #protectedEntry}, whose take-profit then fills at the venue at 52,010; the sync's interval passed. */
        SignalId takeProfitFilledAtVenue() {
            SignalId id = protectedEntry();
            fillAtVenue(ClientOrderIds.leg(id, ClientOrderIds.Leg.NATIVE_TAKE_PROFIT), "52010");
            world.now = world.now.plus(OrderSync.CHECK_EVERY);
            return id;
        }


        @Test
        void aNativeStopFilledAtTheVenueIsRecordedWithItsFillThePositionAndAReceiptStep() {
            SignalId id = protectedEntry();
            ClientOrderId stop = ClientOrderIds.leg(id, ClientOrderIds.Leg.NATIVE_STOP);
            ClientOrderId target = ClientOrderIds.leg(id, ClientOrderIds.Leg.NATIVE_TAKE_PROFIT);
            assertThat(world.position()).isEqualByComparingTo("0.01");
            fillAtVenue(stop, "48990");
            cancelAtVenue(target); // one cancels the other, at the venue
            world.now = world.now.plus(OrderSync.CHECK_EVERY);

            assertThat(world.process.syncOrders()).isEqualTo(2);

            stopFilledTargetCancelled();
            assertThat(world.step(id, "filled").details()).containsEntry("order", "stop-loss")
                    .containsEntry("clientOrderId", stop.value()).containsEntry("filledQuantity", "0.01")
                    .containsEntry("averageFillPrice", "48990");
            assertThat(world.step(id, "order-ended").details()).containsEntry("order", "take-profit")
                    .containsEntry("status", "CANCELLED");
            // asked again later: nothing is open any more, nothing is asked, nothing recorded twice
            int lookups = world.venue.lookups;
            world.now = world.now.plus(OrderSync.CHECK_EVERY);
            assertThat(world.process.syncOrders()).isZero();
            assertThat(world.venue.lookups).isEqualTo(lookups);
            assertThat(world.position()).isZero();
        }

        @Test
        void anOrderIsAskedAboutAtMostOnceEveryIntervalAndNotRightAfterItsLastChange() {
            protectedEntry();
            int lookups = world.venue.lookups;

            assertThat(world.process.syncOrders()).isZero(); // just placed: the worker may still be recording it
            assertThat(world.venue.lookups).isEqualTo(lookups);

            world.now = world.now.plus(OrderSync.CHECK_EVERY);
            assertThat(world.process.syncOrders()).isZero(); // asked: both legs still resting
            assertThat(world.venue.lookups).isEqualTo(lookups + 2);
            world.now = world.now.plus(OrderSync.ROUND_EVERY);
            assertThat(world.process.syncOrders()).isZero();
            assertThat(world.venue.lookups).as("not again within the interval").isEqualTo(lookups + 2);
        }

        @Test
        void anOrderRestingLongIsAskedAboutLessOftenUpToEveryFiveMinutes() {
            protectedEntry();
            world.now = world.now.plus(java.time.Duration.ofHours(2));
            world.process.syncOrders();
            int lookups = world.venue.lookups;

            world.now = world.now.plus(java.time.Duration.ofMinutes(4));
            world.process.syncOrders();
            assertThat(world.venue.lookups).as("asked 4 minutes ago: not yet").isEqualTo(lookups);

            world.now = world.now.plus(java.time.Duration.ofMinutes(1));
            world.process.syncOrders();
            assertThat(world.venue.lookups).as("5 minutes: both legs asked again").isEqualTo(lookups + 2);
        }

        @Test
        void theIntervalIsAQuarterOfTheOrdersRestBetweenFifteenSecondsAndFiveMinutes() {
            protectedEntry();
            Order order = world.venue.orders.values().iterator().next();
            assertThat(OrderSync.interval(order, order.updatedAt())).isEqualTo(OrderSync.CHECK_EVERY);
            assertThat(OrderSync.interval(order, order.updatedAt().plusSeconds(240))).isEqualTo(java.time.Duration.ofSeconds(60));
            assertThat(OrderSync.interval(order, order.updatedAt().plus(java.time.Duration.ofDays(3))))
                    .isEqualTo(OrderSync.CHECK_AT_MOST_EVERY);
        }

        @Test
        void aRoundRunsAtMostEveryFewSeconds() {
            protectedEntry();
            world.now = world.now.plus(OrderSync.CHECK_EVERY);
            world.venue.findFails = true;
            assertThat(world.process.syncOrders()).isZero(); // the venue did not answer: the orders are still due
            int lookups = world.venue.lookups;
            world.venue.findFails = false;

            assertThat(world.process.syncOrders()).isZero();
            assertThat(world.venue.lookups).as("no round within ROUND_EVERY of the last").isEqualTo(lookups);

            world.now = world.now.plus(OrderSync.ROUND_EVERY);
            world.process.syncOrders();
            assertThat(world.venue.lookups).isEqualTo(lookups + 2);
        }

        @Test
        void aVenueThatDoesNotAnswerChangesNothingAndIsAskedAgainNextRound() {
            SignalId id = takeProfitFilledAtVenue();
            world.venue.findFails = true;

            assertThat(world.process.syncOrders()).isZero();
            assertThat(ordersOfType(OrderType.TAKE_PROFIT).getFirst().status()).isEqualTo(OrderStatus.ACCEPTED);
            assertThat(world.position()).isEqualByComparingTo("0.01");

            world.venue.findFails = false;
            world.now = world.now.plus(OrderSync.ROUND_EVERY);
            assertThat(world.process.syncOrders()).isEqualTo(1);
            assertThat(ordersOfType(OrderType.TAKE_PROFIT).getFirst().status()).isEqualTo(OrderStatus.FILLED);
            assertThat(world.position()).isZero();
            assertThat(world.step(id, "filled").details()).containsEntry("order", "take-profit");
        }

        @Test
        void oneAccountsFailureGoesToTheDiagnosticsAndItsNextRoundRecordsTheOrder() {
            takeProfitFilledAtVenue();
            RuntimeException broken = new IllegalStateException("the store is down");
            world.orders.failFind = broken;

            assertThat(world.process.syncOrders()).isZero();
            assertThat(world.unexpected).singleElement().satisfies(e -> {
                assertThat(e.getKey()).contains("venue account " + world.accountId);
                assertThat(e.getValue()).isSameAs(broken);
            });

            world.orders.failFind = null;
            world.now = world.now.plus(OrderSync.ROUND_EVERY);
            assertThat(world.process.syncOrders()).isEqualTo(1);
        }

        @Test
        void anOrderAnotherProcessChangedMeanwhileIsLeftForTheNextRoundWithoutAFailure() {
            takeProfitFilledAtVenue();
            world.orders.beforeNextUpdate = () -> {
                throw new Conflict("stale: another process recorded it first");
            };

            assertThat(world.process.syncOrders()).isZero();
            assertThat(world.unexpected).isEmpty();
            assertThat(ordersOfType(OrderType.TAKE_PROFIT).getFirst().status()).isEqualTo(OrderStatus.ACCEPTED);

            world.now = world.now.plus(OrderSync.ROUND_EVERY);
            assertThat(world.process.syncOrders()).isEqualTo(1);
            assertThat(ordersOfType(OrderType.TAKE_PROFIT).getFirst().status()).isEqualTo(OrderStatus.FILLED);
            assertThat(world.position()).isZero();
        }

        @Test
        void legsBulwarkWatchesItselfAreTheWatchersNotTheSyncs() {
            world.signal("buy", "BTCUSDT", "0.01", "49000", "52000"); // no OCO: watched legs, never sent
            world.process();
            int lookups = world.venue.lookups;
            world.now = world.now.plus(OrderSync.CHECK_EVERY);

            assertThat(world.process.syncOrders()).isZero();
            assertThat(world.venue.lookups).isEqualTo(lookups);
            assertThat(ordersOfType(OrderType.STOP_MARKET).getFirst().status()).isEqualTo(OrderStatus.NEW);
        }

        @Test
        void theSignalOfAClientOrderIdIsReadBackFromIt() {
            SignalId id = new SignalId(UUID.fromString("01890a5d-ac96-774b-bcce-b302099a8057"));
            assertThat(ClientOrderIds.signalOf(ClientOrderIds.entry(id))).contains(id);
            for (ClientOrderIds.Leg leg : ClientOrderIds.Leg.values()) {
                assertThat(ClientOrderIds.signalOf(ClientOrderIds.leg(id, leg))).contains(id);
            }
            assertThat(ClientOrderIds.signalOf(new ClientOrderId("manual-order-1"))).isEmpty();
            assertThat(ClientOrderIds.signalOf(new ClientOrderId("bw" + "1".repeat(26)))).as("not the alphabet").isEmpty();
            assertThat(ClientOrderIds.signalOf(new ClientOrderId("bwAAAA"))).as("too short").isEmpty();
        }
    }

    @Nested
    class Ids {
        @Test
        void clientOrderIdsAreDerivedFromTheSignalAndFitEveryVenue() {
            SignalId id = new SignalId(UUID.fromString("01890a5d-ac96-774b-bcce-b302099a8057"));
            ClientOrderId entry = ClientOrderIds.entry(id);
            assertThat(entry).isEqualTo(ClientOrderIds.entry(new SignalId(id.value())));
            assertThat(entry.value()).startsWith("bw").hasSize(28).matches("[A-Za-z0-9]+");
            for (ClientOrderIds.Leg leg : ClientOrderIds.Leg.values()) {
                ClientOrderId legId = ClientOrderIds.leg(id, leg);
                assertThat(legId.value().length()).isLessThanOrEqualTo(36);
                assertThat(ClientOrderIds.legOf(legId)).contains(leg);
                assertThat(ClientOrderIds.pairKey(legId)).isEqualTo(entry.value());
            }
            assertThat(ClientOrderIds.legOf(entry)).isEmpty();
            assertThat(ClientOrderIds.entry(new SignalId(new UUID(0, 1)))).isNotEqualTo(ClientOrderIds.entry(new SignalId(new UUID(0, 2))));
        }
    }
}
