package dev.bulwark.application.portfolio;

import dev.bulwark.ports.driven.events.EventLog;
import dev.bulwark.ports.driven.market.MarketData;
import dev.bulwark.ports.driven.portfolio.HoldingsSnapshots;
import dev.bulwark.ports.driven.system.IdGenerator;
import dev.bulwark.ports.driven.system.TimeSource;
import dev.bulwark.ports.driven.venues.VenueAccounts;
import dev.bulwark.ports.driven.venues.VenueConnector;
import dev.bulwark.ports.driving.portfolio.SyncPortfolio;
import dev.bulwark.ports.driving.portfolio.ViewPortfolio;

/**
 * Creates the portfolio use cases; the service stays package-private (it holds no state of its own). A sync
 * publishes its status, and the workspace's value when it changed, to {@code events}.
 */
public final class PortfolioFactory {
    private PortfolioFactory() {
    }

    public static SyncPortfolio syncPortfolio(VenueAccounts accounts, HoldingsSnapshots snapshots, VenueConnector venues,
                                              MarketData market, TimeSource time, IdGenerator ids, EventLog events) {
        return new PortfolioService(accounts, snapshots, venues, market, time, ids, events);
    }

    public static ViewPortfolio viewPortfolio(VenueAccounts accounts, HoldingsSnapshots snapshots, VenueConnector venues,
                                              MarketData market, TimeSource time, IdGenerator ids, EventLog events) {
        return new PortfolioService(accounts, snapshots, venues, market, time, ids, events);
    }
}
