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
import dev.bulwark.ports.driving.signals.ProcessSignals;

/** Creates the signal-processing use case the host's workers run; its parts stay package-private. */
public final class ProcessingFactory {
    /** The job type the webhook enqueues and the workers claim; the payload is the signal id. */
    public static final String JOB_TYPE = SignalProcessor.JOB_TYPE;

    private ProcessingFactory() {
    }

    /**
     * @param venues connects the bot's account for each job and closes the gateway after it; a host that wants to
     *     keep gateways open across jobs hands in a caching connector whose gateways' {@code close()} does nothing
     * @param riskProfiles the venue accounts' risk profiles, the limits every order passes before the bots' own
     * @param diagnostics gets each failure processing did not expect, with its stack trace (the signal's receipt and
     *     the job's last error say only its kind)
     */
    public static ProcessSignals processSignals(JobQueue queue, Signals signals, SignalJourneys journeys, Bots bots,
                                                VenueAccounts accounts, RiskProfiles riskProfiles,
                                                VenueConnector venues, Orders orders,
                                                Positions positions, MarketData market, EventLog events,
                                                Transactions transactions, TimeSource time,
                                                Diagnostics diagnostics) {
        return new SignalProcessor(new ProcessingPorts(queue, signals, journeys, bots, accounts, riskProfiles, venues, orders,
                positions, market, events, transactions, time, diagnostics));
    }
}
