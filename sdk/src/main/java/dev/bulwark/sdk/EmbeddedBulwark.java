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

/** The engine in-process: the driving ports straight from the runtime, validated by the runtime. */
final class EmbeddedBulwark implements Bulwark {
    private final BulwarkRuntime runtime;

    EmbeddedBulwark(BulwarkRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public CheckHealth health() {
        return runtime.checkHealth();
    }

    @Override
    public RunBacktest backtests() {
        return runtime.runBacktest();
    }

    @Override
    public ManageAccounts accounts() {
        return runtime.manageAccounts();
    }

    @Override
    public ManageWorkspaces workspaces() {
        return runtime.manageWorkspaces();
    }

    @Override
    public ManageApiKeys apiKeys() {
        return runtime.manageApiKeys();
    }

    @Override
    public ConnectVenues venues() {
        return runtime.connectVenues();
    }

    @Override
    public ViewPortfolio portfolio() {
        return runtime.viewPortfolio();
    }

    @Override
    public SyncPortfolio sync() {
        return runtime.syncPortfolio();
    }

    @Override
    public ManageBots bots() {
        return runtime.manageBots();
    }

    @Override
    public ReceiveSignals signals() {
        return runtime.receiveSignals();
    }

    @Override
    public FollowEvents events() {
        return runtime.followEvents();
    }

    @Override
    public void close() {
        runtime.close();
    }
}
