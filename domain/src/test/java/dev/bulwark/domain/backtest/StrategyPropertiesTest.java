package dev.bulwark.domain.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.bulwark.domain.market.Candle;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Properties every built-in strategy keeps over random hourly closes. */
class StrategyPropertiesTest {
    private static final int EXAMPLES = 2_000;

    /** Random walks of closes between 50 and 150 (a grid's range), in steps of up to 20, 2 to 120 candles long. */
    static Gen<List<Candle>> series() {
        return lists().of(integers().between(-20, 20)).ofSizeBetween(2, 120).map(steps -> {
            List<Candle> candles = new ArrayList<>();
            int price = 100;
            for (int i = 0; i < steps.size(); i++) {
                price = Math.max(50, Math.min(150, price + steps.get(i)));
                candles.add(Candles.at(i, Integer.toString(price)));
            }
            return candles;
        });
    }

    static final List<Supplier<Strategy>> STRATEGIES = List.of(
            () -> new SmaCross(3, 8),
            () -> new Dca(Duration.ofHours(5), new BigDecimal("100")),
            () -> new Grid(new BigDecimal("60"), new BigDecimal("140"), 9, new BigDecimal("0.25")));

    @Test
    void twoRunsOverTheSameCandlesGiveTheSameSignals() {
        qt().withExamples(EXAMPLES).forAll(series()).checkAssert(candles -> {
            for (Supplier<Strategy> strategy : STRATEGIES) {
                assertThat(Candles.run(strategy.get(), candles)).isEqualTo(Candles.run(strategy.get(), candles));
            }
        });
    }

    @Test
    void signalsAreDecidedAtTheCloseOfTheCandleThatCausedThem() {
        qt().withExamples(EXAMPLES).forAll(series()).checkAssert(candles -> {
            for (Supplier<Strategy> supplier : STRATEGIES) {
                Strategy strategy = supplier.get();
                for (Candle candle : candles) {
                    assertThat(strategy.onCandle(candle)).allSatisfy(s -> {
                        assertThat(s.at()).isEqualTo(candle.closeTime());
                        assertThat(s.instrument()).isEqualTo(candle.instrument());
                    });
                }
            }
        });
    }

    @Test
    void smaCrossAlternatesBetweenBuyAndSell() {
        qt().withExamples(EXAMPLES).forAll(series()).checkAssert(candles -> {
            List<TradeSignal> signals = Candles.run(new SmaCross(2, 5), candles);
            for (int i = 1; i < signals.size(); i++) {
                assertThat(signals.get(i).action()).isNotEqualTo(signals.get(i - 1).action());
            }
        });
    }

    @Test
    void gridNeverHoldsLessThanNothingNorMoreThanOneLotPerLevel() {
        qt().withExamples(EXAMPLES).forAll(series()).checkAssert(candles -> {
            Grid grid = new Grid(new BigDecimal("60"), new BigDecimal("140"), 9, new BigDecimal("0.25"));
            int lots = 0;
            for (TradeSignal signal : Candles.run(grid, candles)) {
                lots += signal.action() == SignalAction.BUY ? 1 : -1;
                assertThat(lots).isBetween(0, grid.levels().size() - 1);
            }
        });
    }
}
