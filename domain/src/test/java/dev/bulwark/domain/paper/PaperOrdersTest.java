package dev.bulwark.domain.paper;

import static dev.bulwark.domain.market.OrderSide.BUY;
import static dev.bulwark.domain.market.OrderSide.SELL;
import static dev.bulwark.domain.paper.Paper.BTC;
import static dev.bulwark.domain.paper.Paper.BTC_USDT;
import static dev.bulwark.domain.paper.Paper.T0;
import static dev.bulwark.domain.paper.Paper.USDT;
import static dev.bulwark.domain.paper.Paper.at;
import static dev.bulwark.domain.paper.Paper.bd;
import static dev.bulwark.domain.paper.Paper.candle;
import static dev.bulwark.domain.paper.Paper.limit;
import static dev.bulwark.domain.paper.Paper.market;
import static dev.bulwark.domain.paper.Paper.spot;
import static dev.bulwark.domain.paper.Paper.spotProfile;
import static dev.bulwark.domain.paper.Paper.stop;
import static dev.bulwark.domain.paper.Paper.stopLimit;
import static dev.bulwark.domain.paper.Paper.takeProfit;
import static dev.bulwark.domain.paper.Paper.takeProfitLimit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.domain.money.Money;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderStatus;
import dev.bulwark.domain.orders.TimeInForce;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each order type and time in force on a spot wallet, with the prices, fees and balances a venue would give. */
class PaperOrdersTest {

    static PlaceResult.Accepted accepted(PlaceResult result) {
        assertThat(result).isInstanceOf(PlaceResult.Accepted.class);
        return (PlaceResult.Accepted) result;
    }

    static List<Fill> fillsIn(List<Execution> executions) {
        return executions.stream().filter(Execution.Filled.class::isInstance).map(e -> ((Execution.Filled) e).fill()).toList();
    }

    static Balance balance(PaperAccount paper, dev.bulwark.domain.money.Asset asset) {
        return paper.balance(asset);
    }

    @Nested
    class MarketOrders {
        @Test
        void aMarketBuyFillsAtOnceAbovethePriceByTheSlippageAndPaysTheTakerFeeInQuote() {
            PaperAccount paper = spot(spotProfile().withSlippage(SlippageModel.basisPoints("10"))
                    .withFees(FeeSchedule.of("2", "10")), "1000", "0");

            PlaceResult.Accepted result = accepted(paper.place(market(BUY, "1").build(), at("100"), T0));

            Fill fill = fillsIn(result.executions()).getFirst();
            assertThat(fill.price()).isEqualByComparingTo("100.1");
            assertThat(fill.fee()).isEqualTo(Money.of("0.1001", "USDT"));
            assertThat(((Execution.Filled) result.executions().getFirst()).liquidity()).isEqualTo(Liquidity.TAKER);
            assertThat(result.order().status()).isEqualTo(OrderStatus.FILLED);
            assertThat(paper.balance(USDT)).isEqualTo(new Balance(bd("899.7999"), BigDecimal.ZERO));
            assertThat(paper.balance(BTC)).isEqualTo(new Balance(bd("1"), BigDecimal.ZERO));
            assertThat(paper.openOrders()).isEmpty();
        }

        @Test
        void aMarketSellFillsBelowThePrice() {
            PaperAccount paper = spot(spotProfile().withSlippage(SlippageModel.basisPoints("10")), "0", "1");

            Fill fill = fillsIn(accepted(paper.place(market(SELL, "1").build(), at("100"), T0)).executions()).getFirst();

            assertThat(fill.price()).isEqualByComparingTo("99.9");
            assertThat(paper.balance(USDT).free()).isEqualByComparingTo("99.9");
            assertThat(paper.balance(BTC).total()).isEqualByComparingTo("0");
        }

        @Test
        void slippageAddsAShareOfTheCandleRangeButNeverLeavesTheRange() {
            PaperAccount tenth = spot(spotProfile().withSlippage(new SlippageModel(BigDecimal.ZERO, bd("0.1"))), "1000", "0");
            PaperAccount whole = spot(spotProfile().withSlippage(new SlippageModel(BigDecimal.ZERO, BigDecimal.ONE)), "1000", "0");
            MarketSnapshot market = MarketSnapshot.of(candle(0, "99", "102", "98", "100"));

            Fill some = fillsIn(accepted(tenth.place(market(BUY, "1").build(), market, T0)).executions()).getFirst();
            Fill capped = fillsIn(accepted(whole.place(market(BUY, "1").build(), market, T0)).executions()).getFirst();

            assertThat(some.price()).isEqualByComparingTo("100.4");
            assertThat(capped.price()).isEqualByComparingTo("102");
        }

        @Test
        void aQuoteAmountBuysWhatTheAmountPaysForRoundedDownToTheLotStep() {
            PaperAccount paper = spot("1000", "0");

            PlaceResult.Accepted result = accepted(paper.place(market(BUY, "1").quoteAmount("250.05").build(), at("100"), T0));

            assertThat(fillsIn(result.executions()).getFirst().quantity()).isEqualByComparingTo("2.5");
            assertThat(result.order().status()).isEqualTo(OrderStatus.FILLED);
            assertThat(paper.balance(USDT).free()).isEqualByComparingTo("750");
        }

        @Test
        void slippageNeverTakesASellBelowOneTick() {
            PaperAccount paper = spot(spotProfile().withSlippage(SlippageModel.basisPoints("9999")), "0", "500");
            assertThat(paper.place(stop(SELL, "500", "0.02").build(), at("10"), T0)).isInstanceOf(PlaceResult.Accepted.class);

            List<Fill> fills = fillsIn(paper.onPrice(BTC_USDT, bd("0.01"), T0.plusSeconds(1)));

            assertThat(fills).extracting(Fill::price).containsExactly(bd("0.01"));
        }

        @Test
        void aMarketOrderLargerThanItsShareOfTheVolumeFillsThatShareAndExpiresTheRest() {
            PaperAccount paper = spot(spotProfile().withMaxVolumeShare(bd("0.1")), "1000", "0");
            MarketSnapshot market = new MarketSnapshot(bd("100"), null, null, bd("4"));

            PlaceResult.Accepted result = accepted(paper.place(market(BUY, "1").build(), market, T0));

            assertThat(fillsIn(result.executions())).extracting(Fill::quantity).containsExactly(bd("0.4"));
            assertThat(result.executions().getLast()).isInstanceOf(Execution.Expired.class);
            assertThat(((Execution.Expired) result.executions().getLast()).reason()).isEqualTo(ExpiryReason.IMMEDIATE_OR_CANCEL);
            assertThat(result.order().status()).isEqualTo(OrderStatus.EXPIRED);
            assertThat(result.order().filledQuantity()).isEqualByComparingTo("0.4");
            assertThat(paper.balance(USDT)).isEqualTo(new Balance(bd("960"), BigDecimal.ZERO));
        }
    }

    @Nested
    class LimitOrders {
        @Test
        void aRestingLimitFillsAtItsLimitAsAMakerWhenThePathCrossesIt() {
            PaperAccount paper = spot(spotProfile().withFees(FeeSchedule.of("2", "10")), "1000", "0");
            Order order = limit(BUY, "1", "95").build();
            assertThat(accepted(paper.place(order, at("100"), T0)).executions()).isEmpty();
            assertThat(paper.balance(USDT)).isEqualTo(new Balance(bd("904.905"), bd("95.095")));

            List<Execution> executions = paper.onCandle(BTC_USDT, candle(0, "100", "101", "94", "96"));

            Execution.Filled filled = (Execution.Filled) executions.getFirst();
            assertThat(filled.fill().price()).isEqualByComparingTo("95");
            assertThat(filled.liquidity()).isEqualTo(Liquidity.MAKER);
            assertThat(filled.fill().fee()).isEqualTo(Money.of("0.019", "USDT"));
            assertThat(filled.fill().tradeId()).isEqualTo(order.id() + "-1");
            assertThat(paper.balance(USDT)).isEqualTo(new Balance(bd("904.981"), BigDecimal.ZERO));
            assertThat(paper.balance(BTC).free()).isEqualByComparingTo("1");
        }

        @Test
        void aCandleThatGapsThroughALimitFillsItAtTheOpenWhichIsBetter() {
            PaperAccount paper = spot("1000", "0");
            paper.place(limit(BUY, "1", "95").build(), at("100"), T0);

            List<Fill> fills = fillsIn(paper.onCandle(BTC_USDT, candle(0, "93", "94", "92", "93.5")));

            assertThat(fills).extracting(Fill::price).containsExactly(bd("93"));
            assertThat(paper.balance(USDT).total()).isEqualByComparingTo("907");
        }

        @Test
        void aLimitAtTheVeryLowFillsOnTouchButNotWhenThePriceMustTradeThrough() {
            PaperAccount through = spot("1000", "0");
            PaperAccount touch = spot(spotProfile().withLimitFill(LimitFillRule.TOUCH), "1000", "0");
            through.place(limit(BUY, "1", "95").build(), at("100"), T0);
            touch.place(limit(BUY, "1", "95").build(), at("100"), T0);

            assertThat(through.onCandle(BTC_USDT, candle(0, "100", "100.5", "95", "99"))).isEmpty();
            assertThat(fillsIn(touch.onCandle(BTC_USDT, candle(0, "100", "100.5", "95", "99"))))
                    .extracting(Fill::price).containsExactly(bd("95"));
        }

        @Test
        void aLimitMarketableOnArrivalTakesLiquidityAtThePriceWithSlippageCappedAtItsLimit() {
            PaperAccount small = spot(spotProfile().withSlippage(SlippageModel.basisPoints("10"))
                    .withFees(FeeSchedule.of("2", "10")), "1000", "0");
            PaperAccount large = spot(spotProfile().withSlippage(SlippageModel.basisPoints("200")), "1000", "0");

            PlaceResult.Accepted a = accepted(small.place(limit(BUY, "1", "101").build(), at("100"), T0));
            PlaceResult.Accepted b = accepted(large.place(limit(BUY, "1", "101").build(), at("100"), T0));

            assertThat(((Execution.Filled) a.executions().getFirst()).liquidity()).isEqualTo(Liquidity.TAKER);
            assertThat(fillsIn(a.executions()).getFirst().price()).isEqualByComparingTo("100.1");
            assertThat(fillsIn(a.executions()).getFirst().fee().amount()).isEqualByComparingTo("0.1001");
            assertThat(fillsIn(b.executions()).getFirst().price()).isEqualByComparingTo("101");
        }

        @Test
        void aGtcLimitLargerThanTheVolumeShareFillsPartlyEachCandleUntilDone() {
            PaperAccount paper = spot(spotProfile().withMaxVolumeShare(bd("0.1")), "1000", "0");
            Order order = limit(BUY, "1", "95").build();
            paper.place(order, at("100"), T0);

            List<Fill> first = fillsIn(paper.onCandle(BTC_USDT, candle(0, "100", "100", "94", "96", "4")));
            assertThat(first).extracting(Fill::quantity).containsExactly(bd("0.4"));
            assertThat(paper.order(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
            assertThat(paper.balance(USDT).locked()).isEqualByComparingTo("57");

            List<Fill> second = fillsIn(paper.onCandle(BTC_USDT, candle(1, "96", "96", "94", "95", "10")));
            assertThat(second).extracting(Fill::quantity).containsExactly(bd("0.6"));
            assertThat(second.getFirst().tradeId()).isEqualTo(order.id() + "-2");
            assertThat(paper.order(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.FILLED);
            assertThat(paper.balance(USDT)).isEqualTo(new Balance(bd("905"), BigDecimal.ZERO));
        }

        @Test
        void aCandleWorksOnlyOrdersAcceptedByItsOpenTime() {
            PaperAccount paper = spot("1000", "0");
            paper.place(limit(BUY, "1", "95").at(T0.plusSeconds(30)).build(), at("100"), T0.plusSeconds(30));

            assertThat(paper.onCandle(BTC_USDT, candle(0, "100", "100", "90", "92"))).isEmpty();
            assertThat(fillsIn(paper.onCandle(BTC_USDT, candle(1, "92", "96", "91", "95"))))
                    .extracting(Fill::price).containsExactly(bd("92"));
        }

        @Test
        void ordersActInThePathOrderOpenThenTheNearerExtremeThenTheOtherThenClose() {
            PaperAccount lowFirst = spot("10000", "0");
            Order buyLimit = limit(BUY, "1", "99").build();
            Order buyStop = stop(BUY, "1", "102").build();
            lowFirst.place(buyStop, at("100"), T0);
            lowFirst.place(buyLimit, at("100"), T0);

            List<Execution> executions = lowFirst.onCandle(BTC_USDT, candle(0, "100", "103", "98.5", "101"));

            assertThat(executions).extracting(e -> e.order().id() + ":" + e.getClass().getSimpleName())
                    .containsExactly(buyLimit.id() + ":Filled", buyStop.id() + ":Triggered", buyStop.id() + ":Filled");
            assertThat(fillsIn(executions)).extracting(Fill::price).containsExactly(bd("99"), bd("102"));
            // 1 of the path's 8 travelled by the limit's fill, 5 by the stop's, over the candle's minute.
            assertThat(fillsIn(executions).get(0).time()).isEqualTo(T0.plusNanos(7_499_999_999L));
            assertThat(fillsIn(executions).get(1).time()).isEqualTo(T0.plusNanos(37_499_999_999L));

            PaperAccount highFirst = spot("10000", "0");
            Order limit2 = limit(BUY, "1", "99").build();
            Order stop2 = stop(BUY, "1", "102").build();
            highFirst.place(stop2, at("100"), T0);
            highFirst.place(limit2, at("100"), T0);
            assertThat(highFirst.onCandle(BTC_USDT, candle(0, "100", "103", "96.5", "98")))
                    .extracting(e -> e.order().id() + ":" + e.getClass().getSimpleName())
                    .containsExactly(stop2.id() + ":Triggered", stop2.id() + ":Filled", limit2.id() + ":Filled");
        }
    }

    @Nested
    class TimeInForces {
        @Test
        void iocFillsWhatTheVolumeAllowsNowAndExpiresTheRest() {
            PaperAccount paper = spot(spotProfile().withMaxVolumeShare(bd("0.1")), "1000", "0");
            MarketSnapshot market = new MarketSnapshot(bd("100"), null, null, bd("5"));

            PlaceResult.Accepted result = accepted(paper.place(limit(BUY, "1", "101").tif(TimeInForce.IOC).build(), market, T0));

            assertThat(fillsIn(result.executions())).extracting(Fill::quantity).containsExactly(bd("0.5"));
            assertThat(result.order().status()).isEqualTo(OrderStatus.EXPIRED);
            assertThat(paper.balance(USDT)).isEqualTo(new Balance(bd("950"), BigDecimal.ZERO));
        }

        @Test
        void iocThatIsNotMarketableExpiresWithoutAFill() {
            PaperAccount paper = spot("1000", "0");

            PlaceResult.Accepted result = accepted(paper.place(limit(BUY, "1", "99").tif(TimeInForce.IOC).build(), at("100"), T0));

            assertThat(result.executions()).singleElement().isInstanceOf(Execution.Expired.class);
            assertThat(result.order().status()).isEqualTo(OrderStatus.EXPIRED);
            assertThat(paper.balance(USDT)).isEqualTo(new Balance(bd("1000"), BigDecimal.ZERO));
        }

        @Test
        void fokFillsAllAtOnceOrNothing() {
            PaperAccount paper = spot(spotProfile().withMaxVolumeShare(bd("0.1")), "1000", "0");

            PlaceResult.Accepted killed = accepted(paper.place(limit(BUY, "1", "101").tif(TimeInForce.FOK).build(),
                    new MarketSnapshot(bd("100"), null, null, bd("5")), T0));
            assertThat(killed.executions()).singleElement().isInstanceOf(Execution.Expired.class);
            assertThat(((Execution.Expired) killed.executions().getFirst()).reason()).isEqualTo(ExpiryReason.FILL_OR_KILL);
            assertThat(killed.order().filledQuantity()).isZero();

            PlaceResult.Accepted filled = accepted(paper.place(limit(BUY, "1", "101").tif(TimeInForce.FOK).build(),
                    new MarketSnapshot(bd("100"), null, null, bd("20")), T0));
            assertThat(filled.order().status()).isEqualTo(OrderStatus.FILLED);
            assertThat(paper.balance(USDT)).isEqualTo(new Balance(bd("900"), BigDecimal.ZERO));
        }

        @Test
        void aStopLimitWithIocAppliesItsTimeInForceWhenItTriggers() {
            PaperAccount paper = spot("0", "1");
            Order order = stopLimit(SELL, "1", "95", "95.5").tif(TimeInForce.IOC).build();
            paper.place(order, at("100"), T0);

            List<Execution> executions = paper.onCandle(BTC_USDT, candle(0, "100", "100.5", "94", "96"));

            assertThat(executions).extracting(e -> e.getClass().getSimpleName()).containsExactly("Triggered", "Expired");
            assertThat(paper.balance(BTC)).isEqualTo(new Balance(bd("1"), BigDecimal.ZERO));
        }
    }

    @Nested
    class StopsAndTakeProfits {
        @Test
        void aStopMarketTriggersAtItsStopAndFillsThereWithSlippage() {
            PaperAccount paper = spot(spotProfile().withSlippage(SlippageModel.basisPoints("10")), "0", "1");
            Order order = stop(SELL, "1", "95").build();
            paper.place(order, at("100"), T0);
            assertThat(paper.balance(BTC)).isEqualTo(new Balance(BigDecimal.ZERO, bd("1")));

            List<Execution> executions = paper.onCandle(BTC_USDT, candle(0, "100", "100.5", "94", "96"));

            assertThat(executions.getFirst()).isInstanceOf(Execution.Triggered.class);
            assertThat(((Execution.Triggered) executions.getFirst()).price()).isEqualByComparingTo("95");
            assertThat(fillsIn(executions)).extracting(Fill::price).containsExactly(bd("94.9"));
            assertThat(((Execution.Filled) executions.get(1)).liquidity()).isEqualTo(Liquidity.TAKER);
            assertThat(paper.balance(USDT).free()).isEqualByComparingTo("94.9");
        }

        @Test
        void aStopMarketGappedThroughFillsAtTheOpen() {
            PaperAccount paper = spot(spotProfile().withSlippage(SlippageModel.basisPoints("10")), "0", "1");
            paper.place(stop(SELL, "1", "95").build(), at("100"), T0);

            List<Execution> executions = paper.onCandle(BTC_USDT, candle(0, "90", "91", "89", "90"));

            assertThat(((Execution.Triggered) executions.getFirst()).price()).isEqualByComparingTo("90");
            assertThat(fillsIn(executions)).extracting(Fill::price).containsExactly(bd("89.91"));
        }

        @Test
        void aStopLimitWhoseLimitIsNotReachedAtTheTriggerRestsAndLaterFillsAsAMaker() {
            PaperAccount paper = spot("0", "1");
            paper.place(stopLimit(SELL, "1", "95", "95.5").build(), at("100"), T0);

            List<Execution> executions = paper.onCandle(BTC_USDT, candle(0, "100", "100.5", "94", "96"));

            assertThat(executions).extracting(e -> e.getClass().getSimpleName()).containsExactly("Triggered", "Filled");
            Execution.Filled filled = (Execution.Filled) executions.get(1);
            assertThat(filled.fill().price()).isEqualByComparingTo("95.5");
            assertThat(filled.liquidity()).isEqualTo(Liquidity.MAKER);
        }

        @Test
        void aStopLimitMarketableAtItsTriggerTakesLiquidityNoWorseThanItsLimit() {
            PaperAccount paper = spot(spotProfile().withSlippage(SlippageModel.basisPoints("100")), "0", "1");
            paper.place(stopLimit(SELL, "1", "95", "94.5").build(), at("100"), T0);

            List<Execution> executions = paper.onCandle(BTC_USDT, candle(0, "100", "100.5", "94", "96"));

            Execution.Filled filled = (Execution.Filled) executions.get(1);
            assertThat(filled.fill().price()).isEqualByComparingTo("94.5");
            assertThat(filled.liquidity()).isEqualTo(Liquidity.TAKER);
        }

        @Test
        void aTakeProfitTriggersWhenThePriceReachesItInTheFavourableDirection() {
            PaperAccount paper = spot("0", "1");
            paper.place(takeProfit(SELL, "1", "105").build(), at("100"), T0);

            assertThat(paper.onCandle(BTC_USDT, candle(0, "100", "104", "90", "95"))).isEmpty();
            List<Execution> executions = paper.onCandle(BTC_USDT, candle(1, "95", "106", "94.9", "104"));

            assertThat(((Execution.Triggered) executions.getFirst()).price()).isEqualByComparingTo("105");
            assertThat(fillsIn(executions)).extracting(Fill::price).containsExactly(bd("105"));
        }

        @Test
        void aTakeProfitGappedThroughFillsAtTheOpen() {
            PaperAccount paper = spot("0", "1");
            paper.place(takeProfit(SELL, "1", "105").build(), at("100"), T0);

            assertThat(fillsIn(paper.onCandle(BTC_USDT, candle(0, "107", "108", "106", "107"))))
                    .extracting(Fill::price).containsExactly(bd("107"));
        }

        @Test
        void aTakeProfitLimitBecomesALimitAtItsTrigger() {
            PaperAccount paper = spot("0", "1");
            paper.place(takeProfitLimit(SELL, "1", "105", "105.5").build(), at("100"), T0);

            List<Execution> executions = paper.onCandle(BTC_USDT, candle(0, "100", "106", "99.5", "104"));

            assertThat(executions).extracting(e -> e.getClass().getSimpleName()).containsExactly("Triggered", "Filled");
            assertThat(fillsIn(executions)).extracting(Fill::price).containsExactly(bd("105.5"));
            assertThat(((Execution.Filled) executions.get(1)).liquidity()).isEqualTo(Liquidity.MAKER);
        }

        @Test
        void aStopMarketBuyThatCostsMoreThanItReservedDrawsOnTheFreeBalanceAndExpiresWhatItCannotPay() {
            PaperAccount paper = spot("300", "0");
            Order order = stop(BUY, "2", "110").build();
            paper.place(order, at("100"), T0);
            assertThat(paper.balance(USDT)).isEqualTo(new Balance(bd("80"), bd("220")));

            List<Execution> executions = paper.onCandle(BTC_USDT, candle(0, "200", "201", "199", "200"));

            assertThat(fillsIn(executions)).extracting(Fill::quantity).containsExactly(bd("1.5"));
            assertThat(((Execution.Expired) executions.getLast()).reason()).isEqualTo(ExpiryReason.INSUFFICIENT_BALANCE);
            assertThat(paper.balance(USDT)).isEqualTo(new Balance(BigDecimal.ZERO, BigDecimal.ZERO));
            assertThat(paper.balance(BTC).free()).isEqualByComparingTo("1.5");
        }
    }

    @Nested
    class FeesAndBalances {
        @Test
        void aBuyPaysItsFeeInTheBaseReceivedWhenTheProfileSaysSo() {
            PaperAccount paper = spot(spotProfile().withFees(new FeeSchedule(bd("10"), bd("10"), FeeAsset.RECEIVED)), "1000", "0");

            Fill fill = fillsIn(accepted(paper.place(market(BUY, "1").build(), at("100"), T0)).executions()).getFirst();

            assertThat(fill.fee()).isEqualTo(Money.of("0.001", "BTC"));
            assertThat(paper.balance(BTC).free()).isEqualByComparingTo("0.999");
            assertThat(paper.balance(USDT).free()).isEqualByComparingTo("900");
            assertThat(paper.position(BTC_USDT).orElseThrow().quantity()).isEqualByComparingTo("1");
        }

        @Test
        void aSellAlwaysPaysItsFeeInTheQuoteItReceives() {
            PaperAccount paper = spot(spotProfile().withFees(new FeeSchedule(bd("10"), bd("10"), FeeAsset.RECEIVED)), "0", "1");

            Fill fill = fillsIn(accepted(paper.place(market(SELL, "1").build(), at("100"), T0)).executions()).getFirst();

            assertThat(fill.fee()).isEqualTo(Money.of("0.1", "USDT"));
            assertThat(paper.balance(USDT).free()).isEqualByComparingTo("99.9");
        }

        @Test
        void aCancelFreesWhatTheOrderLocked() {
            PaperAccount paper = spot(spotProfile().withFees(FeeSchedule.of("2", "10")), "1000", "0");
            Order order = limit(BUY, "2", "95").build();
            paper.place(order, at("100"), T0);
            assertThat(paper.balance(USDT)).isEqualTo(new Balance(bd("809.81"), bd("190.19")));

            CancelResult result = paper.cancel(order.id(), T0.plusSeconds(5));

            assertThat(result).isInstanceOf(CancelResult.Cancelled.class);
            Execution.Cancelled cancelled = ((CancelResult.Cancelled) result).executions().getFirst();
            assertThat(cancelled.order().status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(cancelled.reason()).isEqualTo(CancelReason.REQUESTED);
            assertThat(paper.balance(USDT)).isEqualTo(new Balance(bd("1000"), BigDecimal.ZERO));
            assertThat(paper.cancel(order.id(), T0.plusSeconds(6))).isEqualTo(new CancelResult.AlreadyClosed(cancelled.order()));
            assertThat(paper.cancel(Paper.nextId(), T0)).isInstanceOf(CancelResult.Unknown.class);
        }

        @Test
        void aSellOfFundedInventoryLeavesThePositionAtWhatFillsBought() {
            PaperAccount paper = spot("1000", "2");
            paper.place(market(BUY, "1").build(), at("100"), T0);

            paper.place(market(SELL, "3").build(), at("110"), T0);

            assertThat(paper.position(BTC_USDT).orElseThrow().isFlat()).isTrue();
            assertThat(paper.position(BTC_USDT).orElseThrow().realizedPnl()).isEqualTo(Money.of("10", "USDT"));
            assertThat(paper.balance(BTC).total()).isEqualByComparingTo("0");
            assertThat(paper.balance(USDT).total()).isEqualByComparingTo("1230");
        }

        @Test
        void ticksMoveInAStraightLineFromTheLastPrice() {
            PaperAccount paper = spot("1000", "0");
            paper.place(limit(BUY, "1", "95").build(), at("100"), T0);

            assertThat(paper.onPrice(BTC_USDT, bd("96"), T0.plusSeconds(1))).isEmpty();
            List<Fill> fills = fillsIn(paper.onPrice(BTC_USDT, bd("90"), T0.plusSeconds(2)));

            assertThat(fills).extracting(Fill::price).containsExactly(bd("95"));
            assertThat(fills.getFirst().time()).isEqualTo(T0.plusSeconds(2));
        }
    }
}
