package dev.bulwark.adapters.persistence.benchmarks;

import dev.bulwark.adapters.persistence.Database;
import dev.bulwark.adapters.persistence.jobs.JooqJobQueue;
import dev.bulwark.adapters.persistence.testing.TestDatabases;
import dev.bulwark.ports.driven.jobs.ClaimedJob;
import dev.bulwark.ports.driven.jobs.NewJob;
import dev.bulwark.ports.driven.jobs.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Load driver for the job queue on PostgreSQL; prints figures, asserts no timing. Not part of the test suite
 * (its name matches neither *Test nor *IT); run it with:
 *
 * <pre>./mvnw -B -q -pl adapters-persistence -am verify -DskipITs -Dtest=QueueBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * Bounded: a fixed number of jobs per run, each run in a schema of its own, on the loopback server only.
 */
class QueueBenchmark {
    private static final int JOBS = Integer.getInteger("bench.jobs", 10_000);
    private static final int PRODUCERS = 2;

    @Test
    void enqueueClaimCompleteThroughput() throws Exception {
        System.out.printf(Locale.ROOT, "machine: %d cores, %d MiB max heap, %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024), System.getProperty("java.version"));
        run(1, 2_000, false); // warm-up: JIT, pool, plans
        for (int workers : new int[] {1, 4}) {
            run(workers, JOBS, true);
        }
    }

    /**
     * The webhook's durable step: record a signal (with its idempotency key) and enqueue its job in one
     * transaction, one transaction per signal, from {@code connections} concurrent senders.
     */
    @Test
    void signalInsertPlusEnqueueTransactions() throws Exception {
        signals(1, 1_000, false); // warm-up
        for (int connections : new int[] {1, 4, 8}) {
            signals(connections, JOBS, true);
        }
    }

    private static void signals(int connections, int count, boolean print) throws Exception {
        try (Database database = TestDatabases.postgres()) {
            var queue = new JooqJobQueue(database.db(), Instant::now, UUID::randomUUID, RetryPolicy.DEFAULT);
            var signals = new dev.bulwark.adapters.persistence.signals.JooqSignals(database.db());
            var workspace = new dev.bulwark.domain.accounts.WorkspaceId(UUID.randomUUID());
            new dev.bulwark.adapters.persistence.storage.JooqWorkspaces(database.db()).create(new dev.bulwark.domain.accounts.Workspace(
                    workspace, "bench", dev.bulwark.domain.accounts.Workspace.Kind.PERSONAL, Instant.now()));
            var bot = new dev.bulwark.domain.bots.BotId(UUID.randomUUID());
            String body = "{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"quantity\":\"0.01\"}";
            AtomicInteger sent = new AtomicInteger();
            long start = System.nanoTime();
            try (ExecutorService pool = Executors.newFixedThreadPool(connections)) {
                List<Future<?>> all = new ArrayList<>();
                for (int c = 0; c < connections; c++) {
                    all.add(pool.submit(() -> {
                        int n;
                        while ((n = sent.getAndIncrement()) < count) {
                            var id = new dev.bulwark.domain.signals.SignalId(UUID.randomUUID());
                            var signal = new dev.bulwark.domain.signals.Signal(id, workspace, bot, Instant.now(),
                                    dev.bulwark.domain.signals.SignalStatus.RECEIVED, null, "order:" + n, body,
                                    "application/json", "buy", "BTCUSDT", "0.01", null, null, null, "o-" + n, null);
                            database.transactions().inTransaction(() -> {
                                signals.record(signal, Duration.ofHours(24));
                                return queue.enqueue(NewJob.now("signal.process", workspace, id.toString()));
                            });
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
                System.out.printf(Locale.ROOT, "signals: %d signal-insert+enqueue transactions, %d connection(s): %.2f s, %.0f tx/s%n",
                        count, connections, seconds, count / seconds);
            }
        }
    }

    private static void run(int workers, int jobs, boolean print) throws Exception {
        try (Database database = TestDatabases.postgres()) {
            JooqJobQueue queue = new JooqJobQueue(database.db(), Instant::now, UUID::randomUUID, RetryPolicy.DEFAULT);
            String type = "bench";
            AtomicInteger enqueued = new AtomicInteger();
            AtomicInteger done = new AtomicInteger();
            long start = System.nanoTime();
            try (ExecutorService pool = Executors.newFixedThreadPool(PRODUCERS + workers)) {
                List<Future<?>> all = new ArrayList<>();
                for (int p = 0; p < PRODUCERS; p++) {
                    all.add(pool.submit(() -> {
                        while (enqueued.getAndIncrement() < jobs) {
                            queue.enqueue(NewJob.now(type, null, "job")); // one transaction each, as a webhook would
                        }
                        return null;
                    }));
                }
                for (int w = 0; w < workers; w++) {
                    String name = "worker-" + w;
                    all.add(pool.submit(() -> {
                        while (done.get() < jobs) {
                            List<ClaimedJob> batch = queue.claim(name, Set.of(type), 32, Duration.ofMinutes(5));
                            for (ClaimedJob job : batch) {
                                queue.complete(job);
                                done.incrementAndGet();
                            }
                            if (batch.isEmpty()) {
                                Thread.onSpinWait();
                            }
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
                System.out.printf(Locale.ROOT, "queue: %d jobs enqueue->claim->complete, %d producers, %d worker(s): %.2f s, %.0f jobs/s%n",
                        jobs, PRODUCERS, workers, seconds, jobs / seconds);
            }
        }
    }
}
