package dev.bulwark.application;

import dev.bulwark.application.backtest.BacktestFactory;
import dev.bulwark.application.health.HealthFactory;
import dev.bulwark.domain.paper.PaperProfile;
import dev.bulwark.ports.driven.market.MarketData;
import dev.bulwark.ports.driven.system.TimeSource;
import dev.bulwark.ports.driving.backtest.RunBacktest;
import dev.bulwark.ports.driving.health.CheckHealth;
import java.util.Objects;

/**
 * The one door hosts use to the use cases: give it the driven ports, take the driving ports. Each use case is
 * built once and is safe to share between threads.
 */
public final class ApplicationFactory {
    private final CheckHealth checkHealth;
    private final RunBacktest runBacktest;

    /**
     * @param version      the version the build stamped, reported by health
     * @param time         the clock every use case reads
     * @param market       where prices and candles come from
     * @param paperProfile the paper venue's profile (fees, slippage, volume cap, trading rules), which backtests
     *                     imitate so that a backtest and paper trading agree
     */
    public ApplicationFactory(String version, TimeSource time, MarketData market, PaperProfile paperProfile) {
        Objects.requireNonNull(version, "version");
        this.checkHealth = HealthFactory.checkHealth(version, time);
        this.runBacktest = BacktestFactory.runBacktest(market, time, paperProfile);
    }

    public CheckHealth checkHealth() {
        return checkHealth;
    }

    public RunBacktest runBacktest() {
        return runBacktest;
    }
}
