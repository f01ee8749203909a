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
import static dev.bulwark.domain.paper.Paper.spot;
import static dev.bulwark.domain.paper.Paper.stop;
import static dev.bulwark.domain.paper.Paper.takeProfit;
import static dev.bulwark.domain.paper.Paper.trailing;
import static dev.bulwark.domain.paper.PaperOrdersTest.fillsIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderStatus;
import dev.bulwark.domain.orders.TrailingOffset;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** OCO pairs and trailing stops. */
class PaperOcoAndTrailingTest {

    static List<String> kinds(List<Execution> executions) {
        return executions.stream().map(e -> e.getClass().getSimpleName() + ":" + e.order().type()).toList();
    }

    @Nested
    class Oco {
        private final PaperAccount paper = spot("0", "1");
        private final Order stopLeg = stop(SELL, "1", "95").build();
        private final Order limitLeg = limit(SELL, "1", "105").build();

        private void placePair() {
            assertThat(paper.placeOco(stopLeg, limitLeg, at("100"), T0)).isInstanceOf(OcoResult.Accepted.class);
        }

        @Test
        void aPairReservesOnceTheLargerOfWhatItsLegsNeed() {
            placePair();

            assertThat(paper.balance(BTC)).isEqualTo(new Balance(BigDecimal.ZERO, bd("1")));
            assertThat(paper.openOrders()).extracting(Order::id).containsExactly(stopLeg.id(), limitLeg.id());
        }

        @Test
        void theLimitLegFillingCancelsTheStopLeg() {
            placePair();

            List<Execution> executions = paper.onCandle(BTC_USDT, candle(0, "100", "106", "99", "104"));

            assertThat(kinds(executions)).containsExactly("Filled:LIMIT", "Cancelled:STOP_MARKET");
            assertThat(((Execution.Cancelled) executions.get(1)).reason()).isEqualTo(CancelReason.OCO_SIBLING_EXECUTED);
            assertThat(fillsIn(executions)).extracting(Fill::price).containsExactly(bd("105"));
            assertThat(paper.balance(BTC)).isEqualTo(new Balance(BigDecimal.ZERO, BigDecimal.ZERO));
            assertThat(paper.balance(USDT)).isEqualTo(new Balance(bd("105"), BigDecimal.ZERO));
            assertThat(paper.openOrders()).isEmpty();
        }

        @Test
        void theStopLegTriggeringCancelsTheLimitLeg() {
            placePair();

            List<Execution> executions = paper.onCandle(BTC_USDT, candle(0, "100", "101", "93", "94"));

            assertThat(kinds(executions)).containsExactly("Triggered:STOP_MARKET", "Cancelled:LIMIT", "Filled:STOP_MARKET");
            assertThat(fillsIn(executions)).extracting(Fill::price).containsExactly(bd("95"));
            assertThat(paper.balance(USDT).free()).isEqualByComparingTo("95");
        }

        @Test
        void whenBothLegsAreWithinOneCandleTheStopIsTakenToComeFirstWhateverThePath() {
            placePair();

            // The path (101 → 106 → 93 → 94) reaches the limit first; the OCO rule assumes the adverse leg did.
            List<Execution> executions = paper.onCandle(BTC_USDT, candle(0, "101", "106", "93", "94"));

            assertThat(kinds(executions)).containsExactly("Triggered:STOP_MARKET", "Cancelled:LIMIT", "Filled:STOP_MARKET");
            assertThat(fillsIn(executions)).extracting(Fill::price).containsExactly(bd("95"));
        }

        @Test
        void aTakeProfitLegWorksLikeALimitLeg() {
            Order tp = takeProfit(SELL, "1", "105").build();
            assertThat(paper.placeOco(stopLeg, tp, at("100"), T0)).isInstanceOf(OcoResult.Accepted.class);

            List<Execution> executions = paper.onCandle(BTC_USDT, candle(0, "100", "106", "99", "104"));

            assertThat(kinds(executions)).containsExactly("Triggered:TAKE_PROFIT", "Cancelled:STOP_MARKET", "Filled:TAKE_PROFIT");
        }

        @Test
        void cancellingOneLegCancelsThePair() {
            placePair();

            CancelResult result = paper.cancel(limitLeg.id(), T0.plusSeconds(1));

            assertThat(((CancelResult.Cancelled) result).executions()).extracting(e -> e.order().id())
                    .containsExactly(limitLeg.id(), stopLeg.id());
            assertThat(paper.balance(BTC)).isEqualTo(new Balance(bd("1"), BigDecimal.ZERO));
            assertThat(paper.openOrders()).isEmpty();
        }

        @Test
        void aPairWhoseLimitLegWouldFillAtOnceOrWhoseLegsDoNotMatchIsRejected() {
            OcoResult marketable = paper.placeOco(stop(SELL, "1", "95").build(), limit(SELL, "1", "99").build(), at("100"), T0);
            OcoResult mismatched = paper.placeOco(stop(SELL, "1", "95").build(), limit(SELL, "0.5", "105").build(), at("100"), T0);
            OcoResult wrongLeg = paper.placeOco(limit(SELL, "1", "105").build(), stop(SELL, "1", "95").build(), at("100"), T0);

            for (OcoResult result : List.of(marketable, mismatched, wrongLeg)) {
                assertThat(result).isInstanceOf(OcoResult.Rejected.class);
                OcoResult.Rejected rejected = (OcoResult.Rejected) result;
                assertThat(rejected.reason()).isEqualTo(RejectReason.INVALID_ORDER);
                assertThat(rejected.stopLeg().status()).isEqualTo(OrderStatus.REJECTED);
                assertThat(rejected.otherLeg().status()).isEqualTo(OrderStatus.REJECTED);
            }
            assertThat(paper.balance(BTC)).isEqualTo(new Balance(bd("1"), BigDecimal.ZERO));
        }

        @Test
        void aBuyPairReservesTheDearerLegAndReleasesTheDifferenceWhenOneGoes() {
            PaperAccount buyer = spot("1000", "0");
            Order buyStop = stop(BUY, "1", "110").build();
            Order buyLimit = limit(BUY, "1", "90").build();
            buyer.placeOco(buyStop, buyLimit, at("100"), T0);
            assertThat(buyer.balance(USDT)).isEqualTo(new Balance(bd("890"), bd("110")));

            buyer.onCandle(BTC_USDT, candle(0, "100", "100.5", "89", "95"));

            assertThat(buyer.balance(USDT)).isEqualTo(new Balance(bd("910"), BigDecimal.ZERO));
            assertThat(buyer.balance(BTC).free()).isEqualByComparingTo("1");
        }
    }

    @Nested
    class TrailingStops {
        @Test
        void aTrailingStopByAmountFollowsTheBestPriceAndTriggersOnTheRetrace() {
            PaperAccount paper = spot("0", "1");
            paper.place(trailing(SELL, "1", new TrailingOffset.ByAmount(bd("2"))).build(), at("100"), T0);

            // 100 → 99.5 (above the first level, 98) → 105 (best, level 103) → 102: triggers at 103.
            List<Execution> executions = paper.onCandle(BTC_USDT, candle(0, "100", "105", "99.5", "102"));

            assertThat(kinds(executions)).containsExactly("Triggered:TRAILING_STOP", "Filled:TRAILING_STOP");
            assertThat(((Execution.Triggered) executions.getFirst()).price()).isEqualByComparingTo("103");
            assertThat(fillsIn(executions)).extracting(Fill::price).containsExactly(bd("103"));
        }

        @Test
        void aTrailingStopByPercentTrailsByAShareOfTheBestPrice() {
            PaperAccount paper = spot("0", "1");
            paper.place(trailing(SELL, "1", new TrailingOffset.ByPercent(bd("2"))).build(), at("100"), T0);

            List<Execution> executions = paper.onCandle(BTC_USDT, candle(0, "100", "105", "99.5", "102"));

            assertThat(((Execution.Triggered) executions.getFirst()).price()).isEqualByComparingTo("102.9");
            assertThat(fillsIn(executions)).extracting(Fill::price).containsExactly(bd("102.9"));
        }

        @Test
        void theBestPriceCarriesOverFromCandleToCandle() {
            PaperAccount paper = spot("0", "1");
            Order order = trailing(SELL, "1", new TrailingOffset.ByAmount(bd("2"))).build();
            paper.place(order, at("100"), T0);

            assertThat(paper.onCandle(BTC_USDT, candle(0, "100", "110", "99", "109"))).isEmpty();
            assertThat(paper.workingOrders().getFirst().bestPrice()).isEqualByComparingTo("110");
            List<Execution> executions = paper.onCandle(BTC_USDT, candle(1, "109", "109.5", "107", "107.5"));

            assertThat(fillsIn(executions)).extracting(Fill::price).containsExactly(bd("108"));
        }

        @Test
        void aTrailingStopWithAnActivationPriceTrailsOnlyOnceThePriceReachesIt() {
            PaperAccount paper = spot("0", "1");
            paper.place(trailing(SELL, "1", new TrailingOffset.ByAmount(bd("2"))).stop("104").build(), at("100"), T0);

            // Falls below 98 (where a trail from 100 would sit) without triggering: not active yet.
            assertThat(paper.onCandle(BTC_USDT, candle(0, "100", "103", "97", "98"))).isEmpty();
            // 98 → 97.9 → 106 (activated at 104, best 106, level 104) → 103: triggers at 104.
            List<Execution> executions = paper.onCandle(BTC_USDT, candle(1, "98", "106", "97.9", "103"));

            assertThat(fillsIn(executions)).extracting(Fill::price).containsExactly(bd("104"));
        }

        @Test
        void aTrailingBuyFollowsTheLowestPriceAndTriggersOnTheRebound() {
            PaperAccount paper = spot("1000", "0");
            paper.place(trailing(BUY, "1", new TrailingOffset.ByAmount(bd("2"))).build(), at("100"), T0);
            assertThat(paper.balance(USDT).locked()).isEqualByComparingTo("102");

            // 100 → 100.5 → 95 (best, level 97) → 98: triggers at 97.
            List<Execution> executions = paper.onCandle(BTC_USDT, candle(0, "100", "100.5", "95", "98"));

            assertThat(fillsIn(executions)).extracting(Fill::price).containsExactly(bd("97"));
            assertThat(paper.balance(USDT)).isEqualTo(new Balance(bd("903"), BigDecimal.ZERO));
        }

        @Test
        void aGapBelowTheTrailingLevelFillsAtTheOpen() {
            PaperAccount paper = spot("0", "1");
            paper.place(trailing(SELL, "1", new TrailingOffset.ByAmount(bd("2"))).build(), at("100"), T0);

            assertThat(fillsIn(paper.onCandle(BTC_USDT, candle(0, "90", "91", "89", "90"))))
                    .extracting(Fill::price).containsExactly(bd("90"));
        }
    }
}
