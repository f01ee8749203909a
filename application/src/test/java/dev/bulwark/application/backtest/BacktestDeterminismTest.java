package dev.bulwark.application.backtest;

import static dev.bulwark.application.backtest.Fixtures.BTC_USDT;
import static dev.bulwark.application.backtest.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.domain.analytics.Performance;
import dev.bulwark.domain.backtest.SyntheticCandles;
import dev.bulwark.domain.market.Candle;
import dev.bulwark.domain.market.CandleInterval;
import dev.bulwark.ports.driving.backtest.BacktestCommand;
import dev.bulwark.ports.driving.backtest.BacktestReport;
import dev.bulwark.ports.driving.backtest.SignalDecision;
import dev.bulwark.ports.driving.backtest.SizingSpec;
import dev.bulwark.ports.driving.backtest.StrategySpec;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same input gives the same bytes: each strategy over synthetic candles, run twice by two separately built
 * services on two separately generated (equal) series, with the venue's default costs and the default risk profile.
 */
class BacktestDeterminismTest {
    private static final int HOURS = 1_500;

    private static List<Candle> candles() {
        return SyntheticCandles.generate(BTC_USDT, CandleInterval.H1, T0, HOURS, 42, new BigDecimal("30000"), 2, 80);
    }

    static Stream<StrategySpec> strategies() {
        List<Candle> candles = candles();
        BigDecimal low = candles.stream().map(Candle::close).min(Comparator.naturalOrder()).orElseThrow();
        BigDecimal high = candles.stream().map(Candle::close).max(Comparator.naturalOrder()).orElseThrow();
        StringBuilder csv = new StringBuilder("time,action,quantity\n");
        for (int h = 10; h < HOURS; h += 50) {
            csv.append(T0.plusSeconds(3600L * h + 600)).append(",buy,\n");
            csv.append(T0.plusSeconds(3600L * (h + 25))).append(",close,\n");
        }
        return Stream.of(
                new StrategySpec.SmaCrossSpec(5, 20),
                new StrategySpec.DcaSpec(Duration.ofHours(6), new BigDecimal("100")),
                new StrategySpec.GridSpec(low, high, 20, new BigDecimal("0.005")),
                new StrategySpec.SignalsCsvSpec(csv.toString()));
    }

    private static BacktestCommand command(StrategySpec strategy) {
        var command = Fixtures.command().strategy(strategy);
        command.to = T0.plusSeconds(3600L * HOURS);
        command.initialQuote = new BigDecimal("10000");
        command.sizing = new SizingSpec.FixedQuote(new BigDecimal("150"));
        command.stopLossPercent = new BigDecimal("3");
        command.takeProfitPercent = new BigDecimal("6");
        command.riskProfile = null;
        command.costs = null;
        return command.build();
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void twoRunsOfTheSameInputRenderToTheSameBytes(StrategySpec strategy) {
        BacktestReport first = Fixtures.service(candles()).run(command(strategy));
        BacktestReport second = Fixtures.service(candles()).run(command(strategy));

        assertThat(second).isEqualTo(first);
        assertThat(second.render().getBytes(StandardCharsets.UTF_8)).isEqualTo(first.render().getBytes(StandardCharsets.UTF_8));
        assertThat(first.candlesProcessed()).isEqualTo(HOURS);
        assertThat(first.fills()).as("the run traded").isNotEmpty();
        assertThat(first.decisions()).anyMatch(d -> d.outcome() instanceof SignalDecision.Placed);
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void theHeadlineFiguresAreThoseOfTheReportedCurveAndTrades(StrategySpec strategy) {
        BacktestReport report = Fixtures.service(candles()).run(command(strategy));

        assertThat(report.performance()).isEqualTo(Performance.of(report.equityCurve(), report.trades()));
        assertThat(report.equityCurve()).hasSize(HOURS + 1);
        assertThat(report.render()).contains("# performance\n", "totalReturn," + report.performance().totalReturn().toPlainString());
    }
}
