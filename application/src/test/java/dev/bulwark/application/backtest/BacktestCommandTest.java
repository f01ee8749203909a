package dev.bulwark.application.backtest;

import static dev.bulwark.application.backtest.Fixtures.BTC_USDT;
import static dev.bulwark.application.backtest.Fixtures.T0;
import static dev.bulwark.application.backtest.Fixtures.command;
import static dev.bulwark.application.backtest.Fixtures.hourly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bulwark.domain.backtest.SyntheticCandles;
import dev.bulwark.domain.market.CandleInterval;
import dev.bulwark.domain.market.Market;
import dev.bulwark.ports.driving.backtest.BacktestReport;
import dev.bulwark.ports.driving.backtest.CostOverrides;
import dev.bulwark.ports.driving.backtest.SizingSpec;
import dev.bulwark.ports.driving.backtest.StrategySpec;
import dev.bulwark.ports.errors.Invalid;
import dev.bulwark.ports.errors.Invalid.FieldError;
import dev.bulwark.ports.errors.NotFound;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the use case checks beyond the annotations, and how it reads the candles. */
class BacktestCommandTest {

    @Test
    void everyProblemOfTheCommandIsReportedAtOnce() {
        var command = command().strategy(new StrategySpec.SmaCrossSpec(5, 3));
        command.symbol = "BTCUSDT";
        command.market = Market.USDM_FUTURES;
        command.interval = null;
        command.from = T0;
        command.to = T0.minusSeconds(1);
        command.initialQuote = new BigDecimal("-1");
        command.sizing = new SizingSpec.PercentOfEquity(new BigDecimal("150"));
        command.stopLossPercent = new BigDecimal("100");
        command.costs = new CostOverrides(new BigDecimal("10000"), null, null, null, BigDecimal.ZERO);

        Invalid invalid = catchThrowableOfType(Invalid.class, () -> Fixtures.service(hourly("1")).run(command.build()));

        assertThat(invalid.fieldErrors()).extracting(FieldError::field).containsExactlyInAnyOrder("market", "symbol",
                "interval", "initialQuote", "sizing.percent", "stopLossPercent", "costs.makerFeeBps",
                "costs.maxVolumeShare", "strategy.slow", "sizing");
    }

    @Test
    void eachStrategyChecksItsOwnParameters() {
        var grid = command().strategy(new StrategySpec.GridSpec(new BigDecimal("110"), new BigDecimal("90"), 1, null));
        var dca = command().strategy(new StrategySpec.DcaSpec(Duration.ZERO, null));
        var longDca = command().strategy(new StrategySpec.DcaSpec(Duration.ofDays(4_000), BigDecimal.TEN));

        assertThat(catchThrowableOfType(Invalid.class, () -> Fixtures.service(hourly("1")).run(grid.build()))
                .fieldErrors()).containsExactly(
                new FieldError("strategy.upper", "is above lower (110), was 90"),
                new FieldError("strategy.levels", "is from 2 to 1000, was 1"),
                new FieldError("strategy.quantityPerLevel", "is required"));
        assertThat(catchThrowableOfType(Invalid.class, () -> Fixtures.service(hourly("1")).run(dca.build()))
                .fieldErrors()).containsExactly(
                new FieldError("strategy.every", "must be positive, was PT0S"),
                new FieldError("strategy.quoteAmount", "is required"));
        assertThat(catchThrowableOfType(Invalid.class, () -> Fixtures.service(hourly("1")).run(longDca.build()))
                .fieldErrors()).extracting(FieldError::field).containsExactly("strategy.every");
    }

    @Test
    void theRangeMustRunForwardAndHoldNoMoreCandlesThanARunStepsThrough() {
        var backwards = command();
        backwards.to = T0;
        var tooLong = command();
        tooLong.interval = CandleInterval.M1;
        tooLong.to = T0.plus(Duration.ofDays(800));

        assertThat(catchThrowableOfType(Invalid.class, () -> Fixtures.service(hourly("1")).run(backwards.build()))
                .fieldErrors()).containsExactly(new FieldError("to", "must be after from (2024-01-01T00:00:00Z)"));
        assertThat(catchThrowableOfType(Invalid.class, () -> Fixtures.service(hourly("1")).run(tooLong.build()))
                .fieldErrors()).extracting(FieldError::field).containsExactly("to");
    }

    @Test
    void aQuoteOtherThanUsdNeedsARateForTheRiskLimits() {
        var euro = command();
        euro.symbol = "btc/eur";
        var rated = command();
        rated.symbol = "btc/eur";
        rated.quoteRate = new BigDecimal("1.08");

        assertThat(catchThrowableOfType(Invalid.class, () -> Fixtures.service(hourly("1")).run(euro.build()))
                .fieldErrors()).extracting(FieldError::field).containsExactly("quoteRate");
        // the rate is enough: what is missing then is only the EUR candles
        assertThatThrownBy(() -> Fixtures.service(hourly("1")).run(rated.build())).isInstanceOf(NotFound.class)
                .hasMessage("no closed BTC/EUR SPOT H1 candles from 2024-01-01T00:00:00Z to 2024-02-11T16:00:00Z in the"
                        + " market data");
    }

    @Test
    void aLongRangeIsReadInPagesAndACandleStillFormingIsLeftOut() {
        var candles = SyntheticCandles.generate(BTC_USDT, CandleInterval.H1, T0, 12_000, 7, new BigDecimal("100"), 2, 50);
        var market = new FakeMarketData(candles);
        // the clock stands in the middle of the last candle
        Instant now = T0.plusSeconds(3600L * 11_999 + 1800);
        var command = command().strategy(new StrategySpec.DcaSpec(Duration.ofDays(7), BigDecimal.TEN));
        command.to = T0.plusSeconds(3600L * 12_000);

        BacktestReport report = BacktestFactory.runBacktest(market, () -> now).run(command.build());

        assertThat(market.calls).hasSize(3);
        assertThat(report.candlesProcessed()).isEqualTo(11_999);
        assertThat(report.equityCurve().getLast().at()).isEqualTo(T0.plusSeconds(3600L * 11_999));
    }

    @Test
    void theSettingsSayWhatShapedTheResult() {
        BacktestReport report = Fixtures.service(hourly("10", "11")).run(command().build());

        assertThat(report.settings()).containsExactly(
                "sizing: fixed 1 BTC",
                "stop-loss: none",
                "take-profit: none",
                "fees: maker 0 bps, taker 0 bps, a buy's fee in the quote asset",
                "slippage: 0 bps plus 0 of the candle's range",
                "volume cap: 1 of a candle's volume",
                "rules (generic: the venue does not list the instrument): tick 0.01, lot step"
                        + " 0.00000001, min quantity 0, max quantity none, min notional 0",
                "risk: whitelist empty (every symbol on paper), order size 0.00000001 to 1000000, max order value"
                        + " 1000000000 USDT, max position value 1000000000 USDT, max position share 1, max leverage 10,"
                        + " max risk per trade 1, max daily loss 1, max open positions 10",
                "quote rate: 1 USDT = 1 USDT");
        assertThat(report.render()).startsWith("# backtest\nkey,value\nsymbol,BTC/USDT\nmarket,SPOT\ninterval,H1\n");
    }
}
