package dev.bulwark.application.backtest;

import dev.bulwark.domain.paper.PaperProfile;
import dev.bulwark.ports.driven.market.MarketData;
import dev.bulwark.ports.driven.system.TimeSource;
import dev.bulwark.ports.driving.backtest.RunBacktest;
import java.util.Map;

/** Creates the backtest use case; its service stays package-private. */
public final class BacktestFactory {
    private BacktestFactory() {
    }

    /**
     * Backtests against a Binance-like spot venue ({@link PaperProfile#spot}: 10 bps fees, 5 bps plus 5% of the range
     * slippage, 10% of a candle's volume) that lists no instrument, so every run uses generic trading rules.
     */
    public static RunBacktest runBacktest(MarketData market, TimeSource time) {
        return runBacktest(market, time, PaperProfile.spot(Map.of()));
    }

    /**
     * Backtests against {@code venue}: its fees, slippage, volume cap and, for the instruments it lists, its trading
     * rules. Pass the paper venue's own profile so a backtest and paper trading agree.
     *
     * @param time read once per run, only to leave out a candle still forming
     */
    public static RunBacktest runBacktest(MarketData market, TimeSource time, PaperProfile venue) {
        return new BacktestService(market, time, venue);
    }
}
