package dev.bulwark.sdk;

import dev.bulwark.host.embedded.BulwarkRuntime;
import dev.bulwark.ports.driving.backtest.RunBacktest;
import dev.bulwark.ports.driving.health.CheckHealth;
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

    @Override
    void close();
}
