package dev.bulwark.sdk;

import dev.bulwark.host.embedded.BulwarkRuntime;
import dev.bulwark.ports.driving.backtest.RunBacktest;
import dev.bulwark.ports.driving.health.CheckHealth;

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
    public void close() {
        runtime.close();
    }
}
