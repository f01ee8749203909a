package dev.bulwark.host.vertx.http;

import dev.bulwark.host.embedded.BulwarkRuntime;
import dev.bulwark.host.embedded.RuntimeSettings;
import dev.bulwark.host.vertx.testing.ApiClient;
import dev.bulwark.host.vertx.testing.ApiClient.Answer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Load driver for the webhook, the hot path: the real runtime and server on PostgreSQL (a fresh schema; needs
 * {@code BULWARK_TEST_PG_URL}), one paper account, {@code bench.bots} bots, no per-bot rate limit and the unlimited
 * plan, so nothing is refused. Open loop: at each fixed rate (500, 1,000, 2,000 requests a second by default) a
 * request is due every 1/rate seconds whether or not the earlier ones were answered, and its latency is measured from
 * the time it was due, so a stall shows in the figures instead of slowing the sender (no coordinated omission); at
 * most {@code bench.inFlight} (256) are unanswered at once, a later one waiting for a connection, its wait counted.
 * Every orderId is unique: nothing is a duplicate. Prints, per rate, acks per second, ack latency p50/p99/max and
 * errors; once the workers have drained the rate's signals, signal to final status latency ({@code updated_at -
 * received_at}, read by JDBC) and signals processed per second; and, at the start and the end of the run, the
 * machine's ceiling: plain single-row INSERT transactions per second with as many connections as the server's pool.
 *
 * <p>Bounded: rate x {@code bench.seconds} requests per rate (10 s by default), 60 s for the answers,
 * {@code bench.drainSeconds} (60) for the workers to drain before the next rate; loopback only. Not named *Test: runs only when asked (see docs/benchmarks.md).
 *
 * <p>With {@code -Dbench.workers=0} the server only receives (BULWARK_SIGNAL_WORKERS=0), so the acks are measured
 * without the processing competing for the cores; after the last rate a second runtime on the same database starts
 * {@code bench.drainWorkers} workers (4) and processes the whole backlog, and the run prints how many signals a
 * second that took: the processing's own throughput.
 */
class WebhookLoadBenchmark {
    private static final int BOTS = Integer.getInteger("bench.bots", 20);
    private static final int POOL = Integer.getInteger("bench.pool", 10);
    /** Paper accounts the bots are spread over: each account's paper state is one versioned row, a serial point. */
    private static final int ACCOUNTS = Integer.getInteger("bench.accounts", 1);
    private static final int DRAIN_SECONDS = Integer.getInteger("bench.drainSeconds", 60);
    /** Signal workers in the server's runtime; 0: it only receives, and the backlog is processed after the rates. */
    private static final int WORKERS = Integer.getInteger("bench.workers", 4);
    /** With {@code bench.workers=0}: whether a second runtime processes the backlog after the rates (false: acks only). */
    private static final boolean PROCESS = Boolean.parseBoolean(System.getProperty("bench.process", "true"));
    private static final int DRAIN_WORKERS = Integer.getInteger("bench.drainWorkers", 4);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 10);
    private static final int CEILING_ROWS = Integer.getInteger("bench.ceilingRows", 10_000);
    /**
     * The warm-up before the measured rates: 15,000 requests at 1,000 a second by default. Three seconds at 500 (until
     * the eighth session) left the request path's hot methods short of the JIT's second compiler (about 10,000
     * calls): the first rate's p50 was twice a warmed server's, and each rate ran faster than the one before it.
     * Thirty seconds since the tenth session: per-thread CPU read from {@code /proc} showed the C2 compiler threads
     * using 60-75 % of a core for the first 20 s of load at 1,000 a second and under 5 % only after about 25 s, so a
     * 15 s warm-up left the first measured slices paying for the JIT on a two-core machine.
     */
    private static final int WARM_RATE = Integer.getInteger("bench.warmRate", 1_000);
    private static final int WARM_SECONDS = Integer.getInteger("bench.warmSeconds", 30);
    /**
     * Connections at most, so requests in flight at most (HTTP/1.1: one each): a request due while all are busy waits
     * in the pool's queue, and the wait counts in its latency. The driver shares the JVM and the cores with the server:
     * the JDK client it used before, a virtual thread per request, opened a connection per due request in a stall
     * (1,300 at once in one run) and spent the cores on itself, so one stall became a collapse.
     */
    private static final int IN_FLIGHT = Integer.getInteger("bench.inFlight", 256);
    private static final int[] RATES = Arrays.stream(System.getProperty("bench.rates", "500,1000,2000").split(","))
            .mapToInt(r -> Integer.parseInt(r.trim())).toArray();
    private static final String SCHEMA = "webhook_bench";
    /** A rate of at least two slices' length also prints each slice's p50 and p99. */
    private static final int SLICE_SECONDS = 5;

    private record Bot(String id, String secret) {
    }

    @Test
    void acksAndEndToEndAtFixedRates() throws Exception {
        String pg = System.getenv("BULWARK_TEST_PG_URL");
        if (pg == null) {
            throw new IllegalStateException("set BULWARK_TEST_PG_URL: this benchmark measures PostgreSQL");
        }
        try (Connection c = DriverManager.getConnection(pg); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
        }
        String url = pg + (pg.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
        Path data = Files.createTempDirectory(Path.of("target"), "webhook-load-");
        Map<String, String> env = new HashMap<>(Map.of("BULWARK_DATA_DIR", data.toString(), "BULWARK_DB_URL", url,
                "BULWARK_DB_POOL_SIZE", Integer.toString(POOL), "BULWARK_WEBHOOKS_PER_MINUTE", "0",
                "BULWARK_DEFAULT_PLAN", "unlimited", "BULWARK_SIGNAL_WORKERS", Integer.toString(WORKERS)));
        System.out.printf(Locale.ROOT, "machine: %d cores, %d MiB RAM, %d MiB max heap, JDK %s, load average %s%n",
                Runtime.getRuntime().availableProcessors(), totalMemoryMiB(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024), System.getProperty("java.version"), loadAverage());
        try (BulwarkRuntime runtime = BulwarkRuntime.builder().settings(RuntimeSettings.fromEnvironment(env)).start();
             BulwarkServer server = BulwarkServer.start(runtime, "127.0.0.1", 0)) {
            ceiling(url);
            List<Bot> bots = setUp(runtime, new ApiClient(server.port()));
            // the driver's own Vert.x: one event loop, a pool of at most IN_FLIGHT keep-alive connections
            Vertx driver = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
            HttpClientAgent http = driver.createHttpClient(new HttpClientOptions().setConnectTimeout(5_000),
                    new PoolOptions().setHttp1MaxSize(IN_FLIGHT));
            int port = server.port();
            run(driver, http, port, bots, "warm", WARM_RATE, WARM_SECONDS, false); // JIT, pool, plans
            analyze(url);
            if (WORKERS > 0) {
                drain(url, "warm");
            }
            for (int rate : RATES) {
                String prefix = "r" + rate;
                try (CommitProbe probe = new CommitProbe(url)) {
                    run(driver, http, port, bots, prefix, rate, SECONDS, true);
                    probe.print(rate);
                }
                if (WORKERS > 0) {
                    endToEnd(url, prefix);
                }
            }
            driver.close().await();
            if (WORKERS == 0 && PROCESS) {
                processBacklog(env, url);
            }
            ceiling(url);
            System.out.printf(Locale.ROOT, "machine: load average %s at the end%n", loadAverage());
        }
    }

    private static List<Bot> setUp(BulwarkRuntime runtime, ApiClient api) {
        String password = "Webhook-load-passphrase-1";
        api.post("/api/v1/accounts", null, new JsonObject().put("email", "load@example.com").put("password", password)
                .put("setupToken", runtime.manageAccounts().setupToken().orElseThrow()).encode());
        String token = api.post("/api/v1/sessions", null, new JsonObject().put("email", "load@example.com")
                .put("password", password).encode()).json().getString("token");
        List<String> accounts = new ArrayList<>();
        for (int a = 0; a < ACCOUNTS; a++) {
            accounts.add(api.post("/api/v1/venue-accounts", token, new JsonObject().put("venue", "paper")
                    .put("label", "Load-" + a).put("environment", "PAPER").encode()).json().getString("id"));
        }
        List<Bot> bots = new ArrayList<>();
        for (int i = 0; i < BOTS; i++) {
            Answer created = api.post("/api/v1/bots", token, new JsonObject().put("name", "load-" + i)
                    .put("assetType", "CRYPTO").put("account", accounts.get(i % ACCOUNTS)).put("mode", "PAPER")
                    .put("sizing", new JsonObject().put("kind", "FIXED_UNITS").put("amount", "0.001")).encode());
            if (created.status() != 201) {
                throw new IllegalStateException("a bot was not created: " + created.status() + " " + created.body());
            }
            bots.add(new Bot(created.json().getJsonObject("bot").getString("id"), created.json().getString("webhookSecret")));
        }
        return bots;
    }

    /**
     * Sends rate x seconds requests, each due at start + i / rate; prints what came back. A 1 ms timer on the driver's
     * one event loop sends every request that is due; the pool holds at most {@code bench.inFlight} connections and
     * queues the rest, their wait counted in their latency.
     */
    private static void run(Vertx driver, HttpClientAgent http, int port, List<Bot> bots, String prefix, int rate,
                            int seconds, boolean print) throws Exception {
        int count = rate * seconds;
        long[] latencies = new long[count];
        Arrays.fill(latencies, -1);
        AtomicLong errors = new AtomicLong();
        AtomicInteger firstError = new AtomicInteger();
        CountDownLatch answers = new CountDownLatch(count);
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + 20_000_000L;
        int[] next = {0}; // touched by the timer only, on the driver's one event loop
        driver.setPeriodic(1, timer -> {
            long now = System.nanoTime();
            for (; next[0] < count && start + next[0] * interval <= now; next[0]++) {
                int index = next[0];
                long due = start + index * interval;
                Bot bot = bots.get(index % bots.size());
                String action = (index / bots.size()) % 2 == 0 ? "buy" : "sell";
                String body = "{\"action\":\"" + action + "\",\"symbol\":\"BTCUSDT\",\"orderId\":\"" + prefix + "-" + index + "\"}";
                http.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
                                .setURI("/webhook/" + bot.id() + "/" + bot.secret()).putHeader("Content-Type", "application/json")
                                .setTimeout(30_000))
                        .compose(request -> request.send(body))
                        .compose(response -> response.body().map(answer -> response.statusCode() == 200
                                && !new JsonObject(answer).getBoolean("duplicate") ? 0 : response.statusCode()))
                        .onComplete(outcome -> {
                            if (outcome.succeeded()) {
                                latencies[index] = System.nanoTime() - due;
                            }
                            if (outcome.failed() || outcome.result() != 0) {
                                errors.incrementAndGet();
                                firstError.compareAndSet(0, outcome.failed() ? -1 : outcome.result());
                            }
                            answers.countDown();
                        });
            }
            if (next[0] == count) {
                driver.cancelTimer(timer);
            }
        });
        if (!answers.await(seconds + 60L, TimeUnit.SECONDS)) {
            throw new IllegalStateException("not every request was answered within 60 s of the last one's due time");
        }
        long lastAnswer = System.nanoTime();
        if (!print) {
            return;
        }
        long[] answered = Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray();
        double took = (lastAnswer - start) / 1e9;
        System.out.printf(Locale.ROOT, "webhook: %d req/s offered for %d s (at most %d in flight), %d bots on %d paper account(s): %d acks in %.2f s = %.0f acks/s, "
                        + "ack latency p50 %.2f ms, p99 %.2f ms, max %.2f ms, %d errors%s%n",
                rate, seconds, IN_FLIGHT, bots.size(), ACCOUNTS, answered.length - errors.get(), took, (answered.length - errors.get()) / took,
                pct(answered, 0.50) / 1e6, pct(answered, 0.99) / 1e6, answered[answered.length - 1] / 1e6, errors.get(),
                errors.get() > 0 ? " (first status " + firstError.get() + ")" : "");
        if (seconds >= 2 * SLICE_SECONDS) {
            // the tail slice by slice (by due time): a steady tail, or a burst (a collection, the JIT, a checkpoint)?
            StringBuilder slices = new StringBuilder();
            int perSlice = rate * SLICE_SECONDS;
            for (int from = 0; from + perSlice <= count; from += perSlice) {
                long[] slice = Arrays.stream(latencies, from, from + perSlice).filter(l -> l >= 0).sorted().toArray();
                if (slice.length > 0) {
                    slices.append(String.format(Locale.ROOT, " %.2f/%.2f", pct(slice, 0.50) / 1e6, pct(slice, 0.99) / 1e6));
                }
            }
            System.out.printf(Locale.ROOT, "webhook: %d req/s, p50/p99 ms by %d s of due time:%s%n", rate, SLICE_SECONDS, slices);
        }
    }

    /** Waits until the workers have finished every signal of {@code prefix} (bounded at {@code bench.drainSeconds}). */
    private static void drain(String url, String prefix) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_SECONDS);
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement open = c.prepareStatement("SELECT count(*) FROM signals WHERE external_order_id LIKE ? "
                     + "AND status IN ('RECEIVED', 'PROCESSING')")) {
            open.setString(1, prefix + "-%");
            while (System.nanoTime() < deadline) {
                try (ResultSet r = open.executeQuery()) {
                    r.next();
                    if (r.getLong(1) == 0) {
                        return;
                    }
                }
                Thread.sleep(1_000); // the figures come from the rows' times, not from when this sees them
            }
        }
        System.out.printf(Locale.ROOT, "end-to-end %s: not drained within %d s%n", prefix.equals("%") ? "all" : prefix, DRAIN_SECONDS);
    }

    /** Signal to final status latency and processed signals per second, from the rows, once drained. */
    private static void endToEnd(String url, String prefix) throws Exception {
        drain(url, prefix);
        Map<String, Long> statuses = new TreeMap<>();
        List<Long> millis = new ArrayList<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement rows = c.prepareStatement("SELECT status, received_at, updated_at FROM signals "
                     + "WHERE external_order_id LIKE ?")) {
            rows.setString(1, prefix + "-%");
            try (ResultSet r = rows.executeQuery()) {
                while (r.next()) {
                    statuses.merge(r.getString(1), 1L, Long::sum);
                    var received = r.getObject(2, java.time.OffsetDateTime.class).toInstant();
                    var updated = r.getObject(3, java.time.OffsetDateTime.class);
                    first = Math.min(first, received.toEpochMilli());
                    if (updated != null) {
                        long done = updated.toInstant().toEpochMilli();
                        last = Math.max(last, done);
                        millis.add(Duration.between(received, updated.toInstant()).toNanos());
                    }
                }
            }
        }
        long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            System.out.printf(Locale.ROOT, "end-to-end %s: nothing processed, %s%n", prefix, statuses);
            return;
        }
        double span = (last - first) / 1e3;
        System.out.printf(Locale.ROOT, "end-to-end %s: %d signals %s, received->final p50 %.0f ms, p99 %.0f ms, max %.0f ms; "
                        + "first received to last finished %.2f s = %.0f signals/s processed%n",
                prefix, sorted.length, statuses, pct(sorted, 0.50) / 1e6, pct(sorted, 0.99) / 1e6,
                sorted[sorted.length - 1] / 1e6, span, sorted.length / span);
    }

    /** Starts a runtime with workers on the same database and times how long it takes to process every signal. */
    private static void processBacklog(Map<String, String> receiverEnv, String url) throws Exception {
        Map<String, String> env = new HashMap<>(receiverEnv);
        env.put("BULWARK_SIGNAL_WORKERS", Integer.toString(DRAIN_WORKERS));
        env.put("BULWARK_DATA_DIR", Files.createTempDirectory(Path.of("target"), "webhook-workers-").toString());
        long backlog;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM signals WHERE status IN ('RECEIVED', 'PROCESSING')")) {
            r.next();
            backlog = r.getLong(1);
        }
        analyze(url);
        java.time.Instant started;
        try (BulwarkRuntime workers = BulwarkRuntime.builder().settings(RuntimeSettings.fromEnvironment(env)).start();
             Autovacuum autovacuum = Autovacuum.standIn(url)) {
            started = java.time.Instant.now();
            drain(url, "%"); // every signal: "%-%" matches every order id the driver sent
        }
        Map<String, Long> statuses = new TreeMap<>();
        List<java.time.Instant> finished = new ArrayList<>();
        java.time.Instant last = started;
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement rows = c.prepareStatement("SELECT status, updated_at FROM signals WHERE updated_at >= ?")) {
            rows.setObject(1, started.atOffset(java.time.ZoneOffset.UTC));
            try (ResultSet r = rows.executeQuery()) {
                while (r.next()) {
                    statuses.merge(r.getString(1), 1L, Long::sum);
                    java.time.Instant done = r.getObject(2, java.time.OffsetDateTime.class).toInstant();
                    finished.add(done);
                    last = done.isAfter(last) ? done : last;
                }
            }
        }
        long processed = statuses.values().stream().mapToLong(Long::longValue).sum();
        double span = Duration.between(started, last).toNanos() / 1e9;
        System.out.printf(Locale.ROOT, "processing: a backlog of %d signals, %d workers in a second runtime: %d finished %s"
                        + " in %.2f s = %.0f signals/s processed%n",
                backlog, DRAIN_WORKERS, processed, statuses, span, processed / span);
        // the second runtime's processing code is compiled by the JIT while it drains (the receiving warm-up never ran
        // it): the rate once the first quarter of the backlog is done is the warmed server's
        java.util.Collections.sort(finished);
        int quarter = finished.size() / 4;
        if (finished.size() > 8) {
            double warmed = Duration.between(finished.get(quarter), finished.getLast()).toNanos() / 1e9;
            System.out.printf(Locale.ROOT, "processing, warmed (after the first quarter): %d signals in %.2f s = %.0f"
                    + " signals/s processed%n", finished.size() - 1 - quarter, warmed, (finished.size() - 1 - quarter) / warmed);
        }
        arrivalOrder(url);
    }

    /**
     * Why a sell is refused: the driver sends over a pool of connections, each request on the first one free,
     * so a bot's requests sent milliseconds apart can reach the server in either order (more so as acks slow down).
     * The server runs a bot's signals in the order it received them; a sell received before its buy is refused
     * (no shorting on spot). Counts the signals received after one their bot sent later, and the refusals.
     */
    private static void arrivalOrder(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("""
                     SELECT count(*) FILTER (WHERE n < overtaken_by), count(*),
                            count(*) FILTER (WHERE status = 'REJECTED' AND reason LIKE 'no shorting%')
                     FROM (SELECT status, reason, split_part(external_order_id, '-', 2)::int AS n,
                                  max(split_part(external_order_id, '-', 2)::int) OVER (
                                      PARTITION BY bot_id, split_part(external_order_id, '-', 1) ORDER BY received_at
                                      ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS overtaken_by
                           FROM signals WHERE external_order_id LIKE '%-%') sent""")) {
            r.next();
            System.out.printf(Locale.ROOT, "arrival: %d of %d signals reached the server after one their bot sent later; "
                    + "%d sells refused for nothing held (no shorting on spot)%n", r.getLong(1), r.getLong(2), r.getLong(3));
        }
    }

    /**
     * Stands in for autovacuum when the server runs without it (this machine's does: its planner would go on believing
     * the orders, fills and paper tables empty, and the queue's claim and the status moves would step over ever more
     * dead row versions). Every 5 s it does what autovacuum with its default settings would do by then: a table whose
     * dead rows passed 50 + 20 % of its rows, or whose inserts since its last vacuum passed 1,000 + 20 %, is vacuumed
     * and analysed; one whose changes since its last analysis passed 50 + 10 % is analysed. (Autovacuum looks every
     * minute by default; every 5 s is the more diligent of the two.) The seventh and eighth sessions vacuumed every
     * table every 5 s, a cost that grew with the tables: by the end of a run a fifth of a core.
     */
    private static final class Autovacuum implements AutoCloseable {
        private static final String DUE = """
                SELECT s.relname,
                       s.n_dead_tup > 50 + 0.2 * greatest(c.reltuples, 0)
                           OR s.n_ins_since_vacuum > 1000 + 0.2 * greatest(c.reltuples, 0),
                       s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)
                FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
                WHERE s.schemaname = current_schema()""";
        private final @org.jspecify.annotations.Nullable Thread thread;
        private volatile boolean running = true;
        private final AtomicInteger vacuums = new AtomicInteger();
        private final AtomicInteger analyses = new AtomicInteger();

        private Autovacuum(String url, boolean standing) {
            if (!standing) {
                thread = null;
                return;
            }
            thread = Thread.ofPlatform().daemon().name("bench-autovacuum").start(() -> {
                while (running) {
                    try {
                        Thread.sleep(5_000);
                        if (running) {
                            pass(url);
                        }
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        System.out.println("autovacuum stand-in failed: " + e.getMessage());
                    }
                }
            });
        }

        /** Vacuums and analyses the tables past autovacuum's default thresholds. */
        private void pass(String url) throws Exception {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                Map<String, String> due = new TreeMap<>();
                try (ResultSet r = s.executeQuery(DUE)) {
                    while (r.next()) {
                        if (r.getBoolean(2)) {
                            due.put(r.getString(1), "VACUUM (ANALYZE)");
                        } else if (r.getBoolean(3)) {
                            due.put(r.getString(1), "ANALYZE");
                        }
                    }
                }
                for (Map.Entry<String, String> table : due.entrySet()) {
                    s.execute(table.getValue() + " \"" + table.getKey() + "\"");
                    (table.getValue().startsWith("VACUUM") ? vacuums : analyses).incrementAndGet();
                }
            }
        }

        static Autovacuum standIn(String url) throws Exception {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SHOW autovacuum")) {
                r.next();
                System.out.printf(Locale.ROOT, "postgresql: autovacuum %s%s%n", r.getString(1),
                        r.getString(1).equals("on") ? "" : "; the driver stands in for it (its default thresholds, looked at every 5 s)");
                return new Autovacuum(url, !r.getString(1).equals("on"));
            }
        }

        @Override
        public void close() throws InterruptedException {
            if (thread == null) {
                return;
            }
            running = false;
            thread.interrupt();
            thread.join();
            System.out.printf(Locale.ROOT, "postgresql: the stand-in ran VACUUM (ANALYZE) %d times, ANALYZE %d times%n",
                    vacuums.get(), analyses.get());
        }
    }

    /**
     * Gathers the planner's statistics, as autovacuum does on a server that runs it after a table's first 50 changes
     * plus 10 %: without them PostgreSQL may look a row up by id through the workspace's index and read every row
     * of the workspace (docs/operations.md). This machine's PostgreSQL runs with autovacuum off.
     */
    private static void analyze(String url) throws Exception {
        eachTable(url, "ANALYZE");
    }

    private static void eachTable(String url, String command) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")) {
                while (r.next()) {
                    tables.add(r.getString(1));
                }
            }
            for (String table : tables) {
                s.execute(command + " \"" + table + "\"");
            }
        }
    }

    /**
     * The floor under the ack latency: while a rate runs, one more connection commits a single-row INSERT every
     * {@link #PROBE_EVERY_MS} ms, each timed from when it was due (as the requests are), so a stall of PostgreSQL's
     * commits (its disk's flush, a WAL segment being created) shows here as it shows in the acks. Adds about 50
     * commits a second beside the load.
     */
    private static final class CommitProbe implements AutoCloseable {
        private static final int PROBE_EVERY_MS = 20;
        private final Connection connection;
        private final Thread thread;
        private final List<Long> latencies = new ArrayList<>(); // the probe's thread's until it stopped (join)
        private volatile boolean stop;
        private volatile java.sql.@org.jspecify.annotations.Nullable SQLException failure;

        CommitProbe(String url) throws java.sql.SQLException {
            connection = DriverManager.getConnection(url);
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS commit_probe (id BIGSERIAL PRIMARY KEY, at TIMESTAMP WITH TIME ZONE NOT NULL)");
            }
            thread = Thread.ofPlatform().name("commit-probe").start(this::probe);
        }

        private void probe() {
            long every = TimeUnit.MILLISECONDS.toNanos(PROBE_EVERY_MS);
            long start = System.nanoTime();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO commit_probe (at) VALUES (now())")) {
                for (long i = 0; !stop; i++) {
                    long due = start + i * every;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                    insert.executeUpdate();
                    latencies.add(System.nanoTime() - due);
                }
            } catch (java.sql.SQLException e) {
                failure = e; // print() says so: a probe that stopped early must not pass for a floor
            }
        }

        /** Stops the probe (its thread adds no more) and prints what it measured. */
        void print(int rate) throws InterruptedException {
            stop();
            if (failure != null) {
                throw new IllegalStateException("the commit probe failed", failure);
            }
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            if (sorted.length == 0) {
                return;
            }
            System.out.printf(Locale.ROOT, "postgresql beside %d req/s: %d single-row commits, one due every %d ms: p50 %.2f ms, "
                            + "p99 %.2f ms, max %.2f ms, %d over 10 ms%n", rate, sorted.length, PROBE_EVERY_MS,
                    pct(sorted, 0.50) / 1e6, pct(sorted, 0.99) / 1e6, sorted[sorted.length - 1] / 1e6,
                    Arrays.stream(sorted).filter(l -> l > 10_000_000L).count());
        }

        private void stop() throws InterruptedException {
            stop = true;
            thread.join(10_000);
            if (thread.isAlive()) {
                throw new IllegalStateException("the commit probe did not stop within 10 s");
            }
        }

        @Override
        public void close() throws Exception {
            stop();
            connection.close();
        }
    }

    /** Plain single-row INSERT transactions (autocommit), one thread per connection, as many as the server's pool. */
    private static void ceiling(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS ceiling");
            s.execute("CREATE TABLE ceiling (id BIGINT PRIMARY KEY, at TIMESTAMP WITH TIME ZONE NOT NULL)");
        }
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(POOL)) {
            List<Future<?>> all = new ArrayList<>();
            for (int t = 0; t < POOL; t++) {
                all.add(pool.submit(() -> {
                    try (Connection c = DriverManager.getConnection(url);
                         PreparedStatement insert = c.prepareStatement("INSERT INTO ceiling (id, at) VALUES (?, now())")) {
                        int n;
                        while ((n = next.getAndIncrement()) < CEILING_ROWS) {
                            insert.setLong(1, n);
                            insert.executeUpdate();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get(120, TimeUnit.SECONDS);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "ceiling: %d single-row INSERT transactions, %d connections: %.2f s, %.0f tx/s%n",
                CEILING_ROWS, POOL, seconds, CEILING_ROWS / seconds);
    }

    private static long pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))];
    }

    private static String loadAverage() {
        return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static long totalMemoryMiB() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize() / (1024 * 1024);
        }
        return -1;
    }
}
