package dev.bulwark.application.backtest;

import dev.bulwark.domain.market.Candle;
import dev.bulwark.domain.market.CandleInterval;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.risk.RiskProfile;
import dev.bulwark.ports.driving.backtest.BacktestCommand;
import dev.bulwark.ports.driving.backtest.CostOverrides;
import dev.bulwark.ports.driving.backtest.RunBacktest;
import dev.bulwark.ports.driving.backtest.SizingSpec;
import dev.bulwark.ports.driving.backtest.StrategySpec;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Candles, commands and a runner for backtest tests. */
final class Fixtures {
    static final Instrument BTC_USDT = Instrument.spot("BTC", "USDT");
    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    /** Long after every candle the tests make: none is still forming. */
    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    private Fixtures() {
    }

    /** Limits that never bind, so a test sees the strategy's trades alone. */
    static RiskProfile looseRisk() {
        return new RiskProfile(Set.of(), new BigDecimal("0.00000001"), new BigDecimal("1000000"),
                new BigDecimal("1000000000"), new BigDecimal("1000000000"), BigDecimal.ONE, BigDecimal.TEN,
                BigDecimal.ONE, BigDecimal.ONE, 10);
    }

    static RunBacktest service(List<Candle> candles) {
        return BacktestFactory.runBacktest(new FakeMarketData(candles), () -> NOW);
    }

    /**
     * Hourly candles from {@link #T0} with these closes, each opening at the previous close (the first at its own
     * close), its range just the open and the close, 100 units of volume.
     */
    static List<Candle> hourly(String... closes) {
        List<Candle> candles = new ArrayList<>();
        BigDecimal previous = new BigDecimal(closes[0]);
        for (int i = 0; i < closes.length; i++) {
            BigDecimal close = new BigDecimal(closes[i]);
            candles.add(new Candle(BTC_USDT, "test", CandleInterval.H1, T0.plusSeconds(3600L * i), previous,
                    previous.max(close), previous.min(close), close, new BigDecimal("100")));
            previous = close;
        }
        return candles;
    }

    static Candle hour(int index, String open, String high, String low, String close) {
        return new Candle(BTC_USDT, "test", CandleInterval.H1, T0.plusSeconds(3600L * index), new BigDecimal(open),
                new BigDecimal(high), new BigDecimal(low), new BigDecimal(close), new BigDecimal("100"));
    }

    /** A mutable command with frictionless costs, loose risk and 1000 USDT over the first 1000 hours. */
    static final class Command {
        @Nullable String symbol = "BTC/USDT";
        @Nullable Market market = Market.SPOT;
        @Nullable CandleInterval interval = CandleInterval.H1;
        @Nullable Instant from = T0;
        @Nullable Instant to = T0.plusSeconds(3600L * 1000);
        @Nullable BigDecimal initialQuote = new BigDecimal("1000");
        @Nullable SizingSpec sizing = new SizingSpec.FixedUnits(BigDecimal.ONE);
        @Nullable BigDecimal stopLossPercent;
        @Nullable BigDecimal takeProfitPercent;
        @Nullable RiskProfile riskProfile = looseRisk();
        @Nullable CostOverrides costs = CostOverrides.frictionless();
        @Nullable BigDecimal quoteRate;
        @Nullable StrategySpec strategy = new StrategySpec.SmaCrossSpec(2, 3);

        Command strategy(StrategySpec spec) {
            this.strategy = spec;
            return this;
        }

        Command csv(String... lines) {
            this.strategy = new StrategySpec.SignalsCsvSpec(String.join("\n", lines));
            return this;
        }

        BacktestCommand build() {
            return new BacktestCommand(symbol, market, interval, from, to, initialQuote, sizing, stopLossPercent,
                    takeProfitPercent, riskProfile, costs, quoteRate, strategy);
        }
    }

    static Command command() {
        return new Command();
    }

    static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }
}
