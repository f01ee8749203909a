package dev.bulwark.application.signals;

import dev.bulwark.ports.driven.bots.Bots;
import dev.bulwark.ports.driven.events.EventLog;
import dev.bulwark.ports.driven.jobs.JobQueue;
import dev.bulwark.ports.driven.market.MarketData;
import dev.bulwark.ports.driven.orders.Orders;
import dev.bulwark.ports.driven.orders.Positions;
import dev.bulwark.ports.driven.risk.RiskProfiles;
import dev.bulwark.ports.driven.signals.SignalJourneys;
import dev.bulwark.ports.driven.signals.Signals;
import dev.bulwark.ports.driven.storage.Transactions;
import dev.bulwark.ports.driven.system.Diagnostics;
import dev.bulwark.ports.driven.system.TimeSource;
import dev.bulwark.ports.driven.venues.VenueAccounts;
import dev.bulwark.ports.driven.venues.VenueConnector;
import java.util.Objects;

/** The driven ports signal processing uses, in one place so its parts share them. */
record ProcessingPorts(JobQueue queue, Signals signals, SignalJourneys journeys, Bots bots, VenueAccounts accounts,
                       RiskProfiles riskProfiles, VenueConnector venues, Orders orders, Positions positions, MarketData market, EventLog events,
                       Transactions transactions, TimeSource time, Diagnostics diagnostics) {
    ProcessingPorts {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(signals, "signals");
        Objects.requireNonNull(journeys, "journeys");
        Objects.requireNonNull(bots, "bots");
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(riskProfiles, "riskProfiles");
        Objects.requireNonNull(venues, "venues");
        Objects.requireNonNull(orders, "orders");
        Objects.requireNonNull(positions, "positions");
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(diagnostics, "diagnostics");
    }
}
