package dev.bulwark.application.backtest;

import dev.bulwark.domain.backtest.SyntheticCandles;
import dev.bulwark.domain.market.Candle;
import dev.bulwark.domain.market.CandleInterval;
import dev.bulwark.domain.market.Market;
import dev.bulwark.ports.driving.backtest.BacktestCommand;
import dev.bulwark.ports.driving.backtest.BacktestReport;
import dev.bulwark.ports.driving.backtest.RunBacktest;
import dev.bulwark.ports.driving.backtest.SizingSpec;
import dev.bulwark.ports.driving.backtest.StrategySpec;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * One year of 1-minute candles (525,600, generated from a seed: no real minute data is shipped) for one instrument,
 * through the real backtest use case (paper matching, risk engine, sizing) with strategies that trade about daily.
 * Prints figures, asserts no timing; not part of the suite. Run with
 *
 * <pre>./mvnw -B -q -pl application -am verify -Dtest=BacktestBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
class BacktestBenchmark {
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void oneYearOfMinuteCandles() {
        long t0 = System.nanoTime();
        List<Candle> year = SyntheticCandles.oneYearOfMinutes(Fixtures.BTC_USDT, START, 20261121L);
        double generated = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "machine: %d cores, %d MiB max heap, %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024), System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "backtest: generated %d 1-minute candles in %.2f s%n", year.size(), generated);
        RunBacktest backtests = Fixtures.service(year);
        run(backtests, "warm-up dca", new StrategySpec.DcaSpec(Duration.ofDays(1), new BigDecimal("25")), false);
        run(backtests, "dca daily", new StrategySpec.DcaSpec(Duration.ofDays(1), new BigDecimal("25")), true);
        // 1,440 minutes a day: an SMA cross of 720/1440 minutes turns roughly once a day
        run(backtests, "sma 720/1440", new StrategySpec.SmaCrossSpec(720, 1_440), true);
    }

    private static void run(RunBacktest backtests, String name, StrategySpec strategy, boolean print) {
        BacktestCommand command = new BacktestCommand("BTC/USDT", Market.SPOT, CandleInterval.M1, START,
                START.plus(Duration.ofDays(365)), new BigDecimal("100000"), new SizingSpec.PercentOfEquity(new BigDecimal("10")),
                null, null, Fixtures.looseRisk(), null, null, strategy);
        long t0 = System.nanoTime();
        BacktestReport report = backtests.run(command);
        double ran = (System.nanoTime() - t0) / 1e9;
        long r0 = System.nanoTime();
        int bytes = report.render().length();
        double rendered = (System.nanoTime() - r0) / 1e9;
        if (print) {
            System.out.printf(Locale.ROOT, "backtest: %s over %d candles: %.2f s (%.0f candles/s), %d fills, %d trades, "
                            + "render %d chars in %.2f s, return %s, max drawdown %s%n",
                    name, report.candlesProcessed(), ran, report.candlesProcessed() / ran, report.fills().size(),
                    report.trades().size(), bytes, rendered, report.performance().totalReturn().setScale(4, java.math.RoundingMode.HALF_EVEN),
                    report.performance().maxDrawdown().share().setScale(4, java.math.RoundingMode.HALF_EVEN));
        }
    }
}
