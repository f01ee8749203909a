package dev.bulwark.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.market.CandleInterval;
import dev.bulwark.domain.market.Market;
import dev.bulwark.host.embedded.BulwarkRuntime;
import dev.bulwark.host.embedded.RuntimeSettings;
import dev.bulwark.ports.driving.backtest.BacktestCommand;
import dev.bulwark.ports.driving.backtest.BacktestReport;
import dev.bulwark.ports.driving.backtest.SizingSpec;
import dev.bulwark.ports.driving.backtest.StrategySpec;
import dev.bulwark.ports.errors.Invalid;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Java application backtesting through the SDK, on the real ETH-USD history shipped with Bulwark. */
class EmbeddedBacktestTest {
    @TempDir
    Path dataDir;

    private Bulwark bulwark() {
        return Bulwark.embedded(BulwarkRuntime.builder().settings(RuntimeSettings.inMemory(dataDir))
                .time(() -> Instant.parse("2026-06-01T00:00:00Z")));
    }

    private static BacktestCommand smaCross(BigDecimal funding) {
        return new BacktestCommand("ETH/USD", Market.SPOT, CandleInterval.D1,
                Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2022-01-01T00:00:00Z"), funding,
                new SizingSpec.PercentOfEquity(new BigDecimal("10")), new BigDecimal("8"), null, null, null, null,
                new StrategySpec.SmaCrossSpec(10, 30));
    }

    @Test
    void anSmaCrossOverTwoYearsOfRealEthPricesTradesAndRendersTheSameBytesTwice() {
        try (Bulwark bulwark = bulwark()) {
            BacktestReport first = bulwark.backtests().run(smaCross(new BigDecimal("10000")));
            BacktestReport second = bulwark.backtests().run(smaCross(new BigDecimal("10000")));

            assertThat(first.candlesProcessed()).isBetween(700, 731);
            assertThat(first.fills()).isNotEmpty();
            assertThat(first.trades()).isNotEmpty();
            assertThat(first.equityCurve()).hasSizeGreaterThan(700);
            assertThat(first.render()).isEqualTo(second.render());
        }
    }

    @Test
    void aBadCommandReportsEveryFieldErrorAtOnceBeforeAnythingRuns() {
        try (Bulwark bulwark = bulwark()) {
            BacktestCommand bad = new BacktestCommand("ETHUSD", Market.SPOT, null, Instant.parse("2020-01-01T00:00:00Z"),
                    Instant.parse("2021-01-01T00:00:00Z"), new BigDecimal("-5"), null, null, null, null, null, null,
                    new StrategySpec.SmaCrossSpec(10, 30));

            assertThatThrownBy(() -> bulwark.backtests().run(bad)).isInstanceOfSatisfying(Invalid.class, e ->
                    assertThat(e.fieldErrors()).extracting(Invalid.FieldError::field)
                            .contains("symbol", "interval", "initialQuote"));
        }
    }
}
