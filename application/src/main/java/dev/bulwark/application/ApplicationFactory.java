package dev.bulwark.application;

import dev.bulwark.application.backtest.BacktestFactory;
import dev.bulwark.application.health.HealthFactory;
import dev.bulwark.application.portfolio.PortfolioFactory;
import dev.bulwark.ports.driven.events.EventLog;
import dev.bulwark.ports.driven.portfolio.HoldingsSnapshots;
import dev.bulwark.ports.driven.system.IdGenerator;
import dev.bulwark.ports.driven.venues.VenueAccounts;
import dev.bulwark.ports.driven.venues.VenueConnector;
import dev.bulwark.ports.driving.portfolio.SyncPortfolio;
import dev.bulwark.ports.driving.portfolio.ViewPortfolio;
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
    private final SyncPortfolio syncPortfolio;
    private final ViewPortfolio viewPortfolio;

    /**
     * @param version      the version the build stamped, reported by health
     * @param time         the clock every use case reads
     * @param market       where prices and candles come from
     * @param paperProfile the paper venue's profile (fees, slippage, volume cap, trading rules), which backtests
     *                     imitate so that a backtest and paper trading agree
     * @param ids          where new ids come from
     * @param accounts     the venue accounts store
     * @param snapshots    the holdings snapshots store
     * @param venues       connects a gateway for a venue account
     * @param events       the live event log portfolio syncs publish to
     */
    public ApplicationFactory(String version, TimeSource time, MarketData market, PaperProfile paperProfile,
                              IdGenerator ids, VenueAccounts accounts, HoldingsSnapshots snapshots, VenueConnector venues,
                              EventLog events) {
        Objects.requireNonNull(version, "version");
        this.checkHealth = HealthFactory.checkHealth(version, time);
        this.runBacktest = BacktestFactory.runBacktest(market, time, paperProfile);
        this.syncPortfolio = PortfolioFactory.syncPortfolio(accounts, snapshots, venues, market, time, ids, events);
        this.viewPortfolio = PortfolioFactory.viewPortfolio(accounts, snapshots, venues, market, time, ids, events);
    }

    public SyncPortfolio syncPortfolio() {
        return syncPortfolio;
    }

    public ViewPortfolio viewPortfolio() {
        return viewPortfolio;
    }

    public CheckHealth checkHealth() {
        return checkHealth;
    }

    public RunBacktest runBacktest() {
        return runBacktest;
    }
}
