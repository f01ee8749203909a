package dev.bulwark.domain.backtest;

import static dev.bulwark.domain.backtest.Candles.BTC;
import static dev.bulwark.domain.backtest.Candles.at;
import static dev.bulwark.domain.backtest.Candles.closeOf;
import static dev.bulwark.domain.backtest.Candles.hourly;
import static dev.bulwark.domain.backtest.Candles.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.market.Candle;
import dev.bulwark.domain.market.CandleInterval;
import dev.bulwark.domain.market.Instrument;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The built-in strategies on hand-made candles, with every expected signal worked out by hand. */
class StrategiesTest {
    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    static TradeSignal sized(int hour, SignalAction action, String quantity) {
        return new TradeSignal(closeOf(hour), action, BTC, d(quantity), null, null);
    }

    @Nested
    class SmaCrosses {
        @Test
        void signalsTheGoldenAndTheDeathCross() {
            // fast 2, slow 3. From hour 2 on (fast sum × 3 vs slow sum × 2):
            // h2 10,10,10: 60 = 60 equal;  h3 13: 23×3=69 > 33×2=66 above (the first side: no cross yet)
            // h4 9: 22×3=66 > 32×2=64 above;  h5 8: 17×3=51 < 30×2=60 below: death cross
            // h6 12: 20×3=60 > 29×2=58 above: golden cross;  h7 14: 26×3=78 > 34×2=68 above
            List<TradeSignal> signals = run(new SmaCross(2, 3), hourly("10", "10", "10", "13", "9", "8", "12", "14"));
            assertThat(signals).containsExactly(
                    TradeSignal.of(closeOf(5), SignalAction.SELL, BTC),
                    TradeSignal.of(closeOf(6), SignalAction.BUY, BTC));
        }

        @Test
        void touchingAndTurningBackIsNoCrossButPassingThroughEqualityIs() {
            // fast 1, slow 2: the close against the average of the last two closes
            // h1 10 vs 10 equal; h2 12 vs 11 above; h3 12 vs 12 equal; h4 13 vs 12.5 above: touched, no cross
            // h5 13 vs 13 equal; h6 12 vs 12.5 below: passed through equality, a death cross
            List<TradeSignal> signals = run(new SmaCross(1, 2), hourly("10", "10", "12", "12", "13", "13", "12"));
            assertThat(signals).containsExactly(TradeSignal.of(closeOf(6), SignalAction.SELL, BTC));
        }

        @Test
        void averagesAreComparedExactly() {
            // fast 1 vs slow 3, closes a hair apart around a third:
            // h2: fast 0.3333333333333333333 × 3 = 0.9999999999999999999 < slow sum 1.0000000000000000000: below
            // h3: fast 0.3333333333333333335 × 3 = 1.0000000000000000005 > slow sum 1.0000000000000000001: above, a
            //     golden cross. Averages rounded at 18 decimals would call h2 equal, make h3 the first side, and miss it.
            List<TradeSignal> signals = run(new SmaCross(1, 3), hourly("0.3333333333333333334", "0.3333333333333333333",
                    "0.3333333333333333333", "0.3333333333333333335"));
            assertThat(signals).containsExactly(TradeSignal.of(closeOf(3), SignalAction.BUY, BTC));
        }

        @Test
        void refusesWindowsThatCannotCross() {
            assertThatThrownBy(() -> new SmaCross(0, 3)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new SmaCross(3, 3)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new SmaCross(5, 3)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Dcas {
        @Test
        void buysTheAmountOnScheduleAtTheClose() {
            // every 3 hours from hour 0: hours 0, 3 and 6 buy; 100 / 25000 = 0.004, 100 / 30000 rounds down
            List<TradeSignal> signals = run(new Dca(Duration.ofHours(3), d("100")),
                    hourly("25000", "1", "1", "30000", "1", "1", "20000", "1"));
            assertThat(signals).containsExactly(
                    sized(0, SignalAction.BUY, "0.004"),
                    sized(3, SignalAction.BUY, "0.003333333333333333"),
                    sized(6, SignalAction.BUY, "0.005"));
        }

        @Test
        void aGapCostsTheBuysItCoversWithoutCatchingUp() {
            // due at 0, 3, 6, 9...: hours 0 and 7 buy (one buy for the missed 3 and 6), then 9 is due again
            Strategy dca = new Dca(Duration.ofHours(3), d("100"));
            List<TradeSignal> signals = run(dca, List.of(at(0, "100"), at(1, "100"), at(7, "50"), at(8, "50"), at(9, "25")));
            assertThat(signals).containsExactly(
                    sized(0, SignalAction.BUY, "1"),
                    sized(7, SignalAction.BUY, "2"),
                    sized(9, SignalAction.BUY, "4"));
        }

        @Test
        void buysAtMostOncePerCandle() {
            assertThat(run(new Dca(Duration.ofMinutes(15), d("10")), hourly("10", "10", "10"))).hasSize(3);
        }

        @Test
        void refusesANonPositiveIntervalOrAmount() {
            assertThatThrownBy(() -> new Dca(Duration.ZERO, d("1"))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Dca(Duration.ofHours(1), d("0"))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Grids {
        @Test
        void buysOnTheWayDownAndSellsEachLotOneLevelUp() {
            // levels 100, 110, 120. 115 starts; 108 crosses 110 down: buy lot 110; 98 crosses 100: buy lot 100;
            // 105 crosses nothing; 111 crosses 110 up: sell lot 100; 125 crosses 120 up: sell lot 110;
            // 109 crosses 110 down again: buy lot 110
            Grid grid = new Grid(d("100"), d("120"), 3, d("0.5"));
            assertThat(grid.levels()).containsExactly(d("100"), d("110"), d("120"));
            List<TradeSignal> signals = run(grid, hourly("115", "108", "98", "105", "111", "125", "109"));
            assertThat(signals).containsExactly(
                    sized(1, SignalAction.BUY, "0.5"),
                    sized(2, SignalAction.BUY, "0.5"),
                    sized(4, SignalAction.SELL, "0.5"),
                    sized(5, SignalAction.SELL, "0.5"),
                    sized(6, SignalAction.BUY, "0.5"));
        }

        @Test
        void aMoveAcrossSeveralLevelsSignalsOncePerLevel() {
            // levels 100..120 by 5: 121 to 99 crosses 115, 110, 105 and 100 (four lots; 120 is only a sell target),
            // then 99 to 121 sells all four
            List<TradeSignal> signals = run(new Grid(d("100"), d("120"), 5, d("1")), hourly("121", "99", "121"));
            assertThat(signals).extracting(TradeSignal::action).containsExactly(SignalAction.BUY, SignalAction.BUY,
                    SignalAction.BUY, SignalAction.BUY, SignalAction.SELL, SignalAction.SELL, SignalAction.SELL,
                    SignalAction.SELL);
        }

        @Test
        void reachingALevelExactlyCrossesItOnce() {
            // 110 reached exactly buys; going on down from 110 does not buy it again; back up to 120 sells it
            List<TradeSignal> signals = run(new Grid(d("100"), d("120"), 3, d("1")), hourly("112", "110", "105", "120"));
            assertThat(signals).containsExactly(sized(1, SignalAction.BUY, "1"), sized(3, SignalAction.SELL, "1"));
        }

        @Test
        void neverSellsWhatItDidNotBuy() {
            assertThat(run(new Grid(d("100"), d("120"), 3, d("1")), hourly("90", "125", "130"))).isEmpty();
        }

        @Test
        void levelsThatDoNotDivideEvenlyAreRoundedAt18Decimals() {
            assertThat(new Grid(d("1"), d("2"), 4, d("1")).levels())
                    .containsExactly(d("1"), d("1.333333333333333333"), d("1.666666666666666667"), d("2"));
        }

        @Test
        void refusesAGridThatIsNoGrid() {
            assertThatThrownBy(() -> new Grid(d("100"), d("100"), 3, d("1"))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Grid(d("100"), d("120"), 1, d("1"))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Grid(d("0"), d("120"), 3, d("1"))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Grid(d("100"), d("120"), 3, d("0"))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void everyStrategyRefusesCandlesOutOfOrderOrOfAnotherSeries() {
        for (Strategy strategy : List.<Strategy>of(new SmaCross(1, 2), new Dca(Duration.ofHours(1), d("1")),
                new Grid(d("1"), d("2"), 2, d("1")))) {
            strategy.onCandle(at(5, "1.5"));
            assertThatThrownBy(() -> strategy.onCandle(at(5, "1.5"))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("time order");
            assertThatThrownBy(() -> strategy.onCandle(at(4, "1.5"))).isInstanceOf(IllegalArgumentException.class);
            Candle eth = new Candle(Instrument.spot("ETH", "USDT"), "replay", CandleInterval.H1, closeOf(5), d("1"), d("1"),
                    d("1"), d("1"), BigDecimal.ZERO);
            assertThatThrownBy(() -> strategy.onCandle(eth)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("ETH/USDT");
            Candle daily = new Candle(BTC, "replay", CandleInterval.D1, Candles.T0.plus(Duration.ofDays(1)), d("1"),
                    d("1"), d("1"), d("1"), BigDecimal.ZERO);
            assertThatThrownBy(() -> strategy.onCandle(daily)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("D1");
        }
    }
}
