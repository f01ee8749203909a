package dev.bulwark.application.bots;

import dev.bulwark.domain.accounts.Plan;
import dev.bulwark.ports.driven.accounts.Plans;
import dev.bulwark.ports.driven.audit.AuditLog;
import dev.bulwark.ports.driven.bots.Bots;
import dev.bulwark.ports.driven.jobs.JobQueue;
import dev.bulwark.ports.driven.orders.Orders;
import dev.bulwark.ports.driven.orders.Positions;
import dev.bulwark.ports.driven.signals.SignalJourneys;
import dev.bulwark.ports.driven.signals.Signals;
import dev.bulwark.ports.driven.storage.Transactions;
import dev.bulwark.ports.driven.system.IdGenerator;
import dev.bulwark.ports.driven.system.SecureTokens;
import dev.bulwark.ports.driven.system.TimeSource;
import dev.bulwark.ports.driven.vault.SecretVault;
import dev.bulwark.ports.driven.venues.VenueAccounts;
import dev.bulwark.ports.driving.accounts.Principal;
import dev.bulwark.ports.driving.bots.ManageBots;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/** Creates the bots use case; its service stays package-private and is safe to share between threads. */
public final class BotsFactory {
    private BotsFactory() {
    }

    /**
     * @param defaultPlan the plan of a workspace that {@code plans} has none for (the instance's default)
     * @param secondFactor checks a second factor for the principal and throws when it is missing or wrong (usually
     *     {@code manageAccounts::requireSecondFactor}); asked whenever a change leaves a bot trading LIVE
     */
    public static ManageBots manageBots(Bots bots, Signals signals, SignalJourneys journeys, JobQueue jobs,
                                        VenueAccounts accounts, Orders orders, Positions positions, Plans plans,
                                        Plan defaultPlan, SecretVault vault, AuditLog audit, Transactions transactions,
                                        SecureTokens random, TimeSource time, IdGenerator ids,
                                        BiConsumer<Principal, @Nullable String> secondFactor) {
        return new BotsService(bots, signals, journeys, jobs, accounts, new BotSummaries(orders, positions), plans,
                defaultPlan, vault, audit, transactions, random, time, ids, secondFactor);
    }
}
