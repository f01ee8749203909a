package dev.bulwark.sdk;

import dev.bulwark.host.embedded.BulwarkRuntime;
import dev.bulwark.ports.driving.backtest.RunBacktest;
import dev.bulwark.ports.driving.accounts.ManageAccounts;
import dev.bulwark.ports.driving.accounts.ManageApiKeys;
import dev.bulwark.ports.driving.accounts.ManageWorkspaces;
import dev.bulwark.ports.driving.bots.ManageBots;
import dev.bulwark.ports.driving.events.FollowEvents;
import dev.bulwark.ports.driving.health.CheckHealth;
import dev.bulwark.ports.driving.portfolio.SyncPortfolio;
import dev.bulwark.ports.driving.portfolio.ViewPortfolio;
import dev.bulwark.ports.driving.signals.ReceiveSignals;
import dev.bulwark.ports.driving.venues.ConnectVenues;
import org.apiguardian.api.API;

/**
 * Bulwark for a Java application: the driving ports (the use cases), whichever way the engine runs. Close it
 * when done; it is safe to share between threads.
 *
 * <pre>{@code
 * try (Bulwark bulwark = Bulwark.embedded()) {
 *     System.out.println(bulwark.health().health().version());
 * }
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface Bulwark extends AutoCloseable {

    /** The engine in this process, on the embedded default. */
    static Bulwark embedded() {
        return new EmbeddedBulwark(BulwarkRuntime.builder().start());
    }

    /** The engine in this process, configured by the given runtime builder (clock, ids, storage...). */
    static Bulwark embedded(BulwarkRuntime.Builder runtime) {
        return new EmbeddedBulwark(runtime.start());
    }

    CheckHealth health();

    /** Backtests: a strategy or a CSV of alerts over historical candles, through the paper venue's matching. */
    RunBacktest backtests();

    /** Registering, signing in (a session's token authenticates every other call), two-factor, sessions. */
    ManageAccounts accounts();

    /** Team workspaces, members and invitations. */
    ManageWorkspaces workspaces();

    /** API keys for programs. */
    ManageApiKeys apiKeys();

    /** Venue accounts: connect an exchange, broker or paper account; credentials validated and sealed. */
    ConnectVenues venues();

    /** The whole portfolio of a workspace, valued in USD and EUR. */
    ViewPortfolio portfolio();

    /** Syncs a venue account's holdings now. */
    SyncPortfolio sync();

    /** Bots: configuration, status, secrets, results, signals, receipts, dead letters. */
    ManageBots bots();

    /** The webhook's use case, for an application that receives alerts itself: durable before it answers. */
    ReceiveSignals signals();

    /** Live events of a workspace (poll with the last sequence seen). */
    FollowEvents events();

    @Override
    void close();
}
