package dev.bulwark.application.signals;

import dev.bulwark.domain.accounts.Plan;
import dev.bulwark.ports.driven.accounts.Plans;
import dev.bulwark.ports.driven.bots.Bots;
import dev.bulwark.ports.driven.signals.SignalIntake;
import dev.bulwark.ports.driven.signals.SignalJourneys;
import dev.bulwark.ports.driven.signals.Signals;
import dev.bulwark.ports.driven.signals.WebhookLog;
import dev.bulwark.ports.driven.storage.Transactions;
import dev.bulwark.ports.driven.system.IdGenerator;
import dev.bulwark.ports.driven.system.SecureTokens;
import dev.bulwark.ports.driven.system.TimeSource;
import dev.bulwark.ports.driven.vault.SecretVault;
import dev.bulwark.ports.driving.signals.ReceiveSignals;

/**
 * Creates the webhook use case; its service stays package-private. Create one per runtime and share it: it keeps
 * opened webhook secrets and workspace plans in memory for a minute (see its documentation), so a fresh instance per
 * request would open every secret through the vault, and audit it, every time.
 */
public final class SignalsFactory {
    /** Webhooks a bot may receive in a minute, on every plan. */
    public static final int DEFAULT_PER_MINUTE = 10;

    private SignalsFactory() {
    }

    /** The webhook with the default limit of {@value #DEFAULT_PER_MINUTE} requests a minute per bot. */
    public static ReceiveSignals receiveSignals(Bots bots, SignalIntake intake, Signals signals,
                                                SignalJourneys journeys, WebhookLog log, Plans plans, Plan defaultPlan,
                                                SecretVault vault, Transactions transactions, TimeSource time,
                                                IdGenerator ids, SecureTokens random) {
        return receiveSignals(bots, intake, signals, journeys, log, plans, defaultPlan, vault, transactions, time, ids,
                random, DEFAULT_PER_MINUTE);
    }

    /**
     * @param defaultPlan the plan of a workspace that {@code plans} has none for
     * @param perMinute webhooks a bot may receive per UTC minute, on every plan; 0 for no limit
     */
    public static ReceiveSignals receiveSignals(Bots bots, SignalIntake intake, Signals signals,
                                                SignalJourneys journeys, WebhookLog log, Plans plans, Plan defaultPlan,
                                                SecretVault vault, Transactions transactions, TimeSource time,
                                                IdGenerator ids, SecureTokens random, int perMinute) {
        return new ReceiveSignalsService(bots, intake, signals, journeys, log, plans, defaultPlan, vault, transactions,
                time, ids, random, perMinute);
    }
}
