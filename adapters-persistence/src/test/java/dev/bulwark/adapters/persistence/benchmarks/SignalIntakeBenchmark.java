package dev.bulwark.adapters.persistence.benchmarks;

import dev.bulwark.adapters.persistence.Database;
import dev.bulwark.adapters.persistence.jobs.JooqJobQueue;
import dev.bulwark.adapters.persistence.signals.JooqSignalIntake;
import dev.bulwark.adapters.persistence.signals.JooqSignals;
import dev.bulwark.adapters.persistence.storage.JooqWorkspaces;
import dev.bulwark.adapters.persistence.testing.TestDatabases;
import dev.bulwark.domain.accounts.Workspace;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.bots.BotId;
import dev.bulwark.domain.signals.Signal;
import dev.bulwark.domain.signals.SignalId;
import dev.bulwark.domain.signals.SignalStatus;
import dev.bulwark.ports.driven.jobs.NewJob;
import dev.bulwark.ports.driven.jobs.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The webhook's durable step through {@link JooqSignalIntake} on PostgreSQL, next to the machine's ceiling measured
 * in the same run; prints figures, asserts no timing. Not part of the test suite (its name matches neither *Test
 * nor *IT); run it with:
 *
 * <pre>./mvnw -B -q -pl adapters-persistence -am verify -DskipITs -Dtest=SignalIntakeBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * Bounded: 10,000 signals per run ({@code -Dbench.signals=N}), each run in a schema of its own, loopback only.
 */
class SignalIntakeBenchmark {
    private static final int SIGNALS = Integer.getInteger("bench.signals", 10_000);
    private static final int CALLERS = Integer.getInteger("bench.callers", 64);
    private static final String BODY = "{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"quantity\":\"0.01\"}";

    @Test
    void acksPerSecondNextToTheCeiling() throws Exception {
        System.out.printf(Locale.ROOT, "machine: %d cores, %d MiB max heap, %d MiB RAM, %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024),
                totalMemoryMiB(), System.getProperty("java.version"));
        // warm-up: JIT, pool, plans
        ceiling(2_000, false);
        intake(2_000, JooqSignalIntake.DEFAULT_MAX_BATCH, JooqSignalIntake.DEFAULT_MAX_WAIT,
                JooqSignalIntake.DEFAULT_MAX_CONCURRENT_BATCHES, false);

        ceiling(SIGNALS, true);
        intake(SIGNALS, 1, Duration.ZERO, 8, true); // no grouping: one transaction per signal, 8 at once
        intake(SIGNALS, JooqSignalIntake.DEFAULT_MAX_BATCH, JooqSignalIntake.DEFAULT_MAX_WAIT,
                JooqSignalIntake.DEFAULT_MAX_CONCURRENT_BATCHES, true);
        intake(SIGNALS, JooqSignalIntake.DEFAULT_MAX_BATCH, JooqSignalIntake.DEFAULT_MAX_WAIT, 2, true);
        ceiling(SIGNALS, true); // again, to see how steady the machine was
    }

    /** Plain single-row INSERT transactions (autocommit), from as many threads as the pool has connections. */
    private static void ceiling(int count, boolean print) throws Exception {
        try (Database database = TestDatabases.postgres()) {
            int connections = database.settings().maxPoolSize();
            database.dsl().execute("CREATE TABLE ceiling (id BIGINT PRIMARY KEY, at TIMESTAMP WITH TIME ZONE NOT NULL)");
            AtomicInteger next = new AtomicInteger();
            long start = System.nanoTime();
            try (ExecutorService pool = Executors.newFixedThreadPool(connections)) {
                List<Future<?>> all = new ArrayList<>();
                for (int c = 0; c < connections; c++) {
                    all.add(pool.submit(() -> {
                        int n;
                        while ((n = next.getAndIncrement()) < count) {
                            database.dsl().execute("INSERT INTO ceiling (id, at) VALUES (?, now())", (long) n);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : all) {
                    f.get(10, TimeUnit.MINUTES);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (print) {
                System.out.printf(Locale.ROOT, "ceiling: %d single-row INSERT transactions, %d connections: %.2f s, %.0f tx/s%n",
                        count, connections, seconds, count / seconds);
            }
        }
    }

    private static void intake(int count, int maxBatch, Duration maxWait, int concurrentBatches, boolean print) throws Exception {
        try (Database database = TestDatabases.postgres()) {
            var signals = new JooqSignals(database.db());
            var jobs = new JooqJobQueue(database.db(), Instant::now, UUID::randomUUID, RetryPolicy.DEFAULT);
            var workspace = new WorkspaceId(UUID.randomUUID());
            new JooqWorkspaces(database.db()).create(new Workspace(workspace, "bench", Workspace.Kind.PERSONAL, Instant.now()));
            List<BotId> bots = new ArrayList<>();
            for (int b = 0; b < 16; b++) {
                bots.add(new BotId(UUID.randomUUID()));
            }
            long[] latencies = new long[count];
            AtomicInteger next = new AtomicInteger();
            long start;
            try (JooqSignalIntake intake = new JooqSignalIntake(database.db(), signals, jobs, maxBatch, maxWait, concurrentBatches);
                 ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
                start = System.nanoTime();
                List<Future<?>> all = new ArrayList<>();
                for (int c = 0; c < CALLERS; c++) {
                    all.add(callers.submit(() -> {
                        int n;
                        while ((n = next.getAndIncrement()) < count) {
                            var id = new SignalId(UUID.randomUUID());
                            var signal = new Signal(id, workspace, bots.get(n % bots.size()), Instant.now(),
                                    SignalStatus.RECEIVED, null, "order:" + n, BODY, "application/json", "buy", "BTCUSDT",
                                    "0.01", null, null, null, "o-" + n, null);
                            long t0 = System.nanoTime();
                            intake.accept(signal, Duration.ofHours(24),
                                    new NewJob("signal.process", workspace, id.toString(), null, "signal:" + id));
                            latencies[n] = System.nanoTime() - t0;
                        }
                        return null;
                    }));
                }
                for (Future<?> f : all) {
                    f.get(10, TimeUnit.MINUTES);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (print) {
                Arrays.sort(latencies);
                System.out.printf(Locale.ROOT,
                        "intake: %d signals, %d callers (virtual threads), batch <= %d, wait <= %d ms, %d batches at once: "
                                + "%.2f s, %.0f acks/s, latency p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                        count, CALLERS, maxBatch, maxWait.toMillis(), concurrentBatches, seconds, count / seconds,
                        latencies[count / 2] / 1e6, latencies[(int) (count * 0.99)] / 1e6, latencies[count - 1] / 1e6);
            }
        }
    }

    private static long totalMemoryMiB() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize() / (1024 * 1024);
        }
        return -1;
    }
}
