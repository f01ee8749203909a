package dev.bulwark.host.vertx.http;

import dev.bulwark.host.embedded.BulwarkRuntime;
import dev.bulwark.host.embedded.RuntimeSettings;
import dev.bulwark.host.vertx.testing.ApiClient;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Load driver: p50/p99/max latency and throughput of an authenticated {@code GET /api/v1/portfolio} at 200
 * concurrent connections, over loopback, against the real server on PostgreSQL ({@code BULWARK_TEST_PG_URL}, in a
 * schema of its own) or the embedded H2 default without it. Bounded in count and time. Prints; asserts nothing
 * about speed. Not named *Test: runs only when asked (see docs/benchmarks.md).
 */
class PortfolioLoadBenchmark {
    private static final int CONNECTIONS = Integer.getInteger("bench.connections", 200);
    private static final int MAX_REQUESTS = Integer.getInteger("bench.requests", 60_000);
    private static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("bench.warmupSeconds", 5));
    private static final Duration MEASURE = Duration.ofSeconds(Integer.getInteger("bench.seconds", 20));

    @Test
    void authenticatedPortfolioReadsAt200Connections() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target"), "load-");
        Map<String, String> env = new HashMap<>(Map.of("BULWARK_DATA_DIR", data.toString(), "BULWARK_DB_POOL_SIZE", "20"));
        String pg = System.getenv("BULWARK_TEST_PG_URL");
        String database = "H2 (embedded default)";
        if (pg != null) {
            try (Connection c = DriverManager.getConnection(pg); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS load_bench CASCADE");
                s.execute("CREATE SCHEMA load_bench");
            }
            env.put("BULWARK_DB_URL", pg + (pg.contains("?") ? "&" : "?") + "currentSchema=load_bench");
            database = "PostgreSQL";
        }
        try (BulwarkRuntime runtime = BulwarkRuntime.builder().settings(RuntimeSettings.fromEnvironment(env)).start();
             BulwarkServer server = BulwarkServer.start(runtime, "127.0.0.1", 0)) {
            ApiClient api = new ApiClient(server.port());
            String password = "Quartz-lantern-Orbit-9147";
            String token = runtime.manageAccounts().setupToken().orElse(null);
            ApiClient.Answer registered = api.post("/api/v1/accounts", null, new JsonObject().put("email", "load@example.com")
                    .put("password", password).put("setupToken", token).encode());
            if (registered.status() != 201) {
                throw new IllegalStateException("cannot register for the load: " + registered.body());
            }
            ApiClient.Answer login = api.post("/api/v1/sessions", null, new JsonObject().put("email", "load@example.com")
                    .put("password", password).encode());
            String bearer = login.json().getString("token");
            if (bearer == null) {
                throw new IllegalStateException("cannot sign in for the load: " + login.body());
            }
            ApiClient.Answer probe = api.get("/api/v1/portfolio", bearer);
            if (probe.status() != 200) {
                throw new IllegalStateException("the portfolio does not answer 200 before the load: " + probe.body());
            }
            api.post("/api/v1/venue-accounts", bearer, new JsonObject().put("venue", "paper").put("label", "Load")
                    .put("environment", "PAPER").encode());
            api.post("/api/v1/portfolio/sync", bearer, null);

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/portfolio"))
                    .header("Authorization", "Bearer " + bearer).timeout(Duration.ofSeconds(30)).build();
            run(http, request, WARM_UP, Integer.MAX_VALUE, null);
            long[] latencies = new long[MAX_REQUESTS];
            AtomicInteger count = new AtomicInteger();
            long started = System.nanoTime();
            AtomicLong errors = run(http, request, MEASURE, MAX_REQUESTS, (i, nanos) -> latencies[i] = nanos, count);
            double seconds = (System.nanoTime() - started) / 1e9;
            int n = Math.min(count.get(), MAX_REQUESTS);
            long[] done = Arrays.copyOf(latencies, n);
            Arrays.sort(done);
            System.out.printf("machine: %d cores, %d MiB max heap, %s%n", Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() / (1024 * 1024), System.getProperty("java.version"));
            System.out.printf("portfolio: GET /api/v1/portfolio, %d connections, %s: %d requests in %.1f s = %.0f req/s, "
                            + "p50 %.2f ms, p99 %.2f ms, max %.2f ms, %d errors%n", CONNECTIONS, database, n, seconds, n / seconds,
                    done[n / 2] / 1e6, done[(int) (n * 0.99)] / 1e6, done[n - 1] / 1e6, errors.get());
        }
    }

    private interface Sink {
        void record(int index, long nanos);
    }

    private static AtomicLong run(HttpClient http, HttpRequest request, Duration duration, int max, Sink sink) throws InterruptedException {
        return run(http, request, duration, max, sink, new AtomicInteger());
    }

    private static AtomicLong run(HttpClient http, HttpRequest request, Duration duration, int max, Sink sink,
                                  AtomicInteger count) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        AtomicLong errors = new AtomicLong();
        CountDownLatch done = new CountDownLatch(CONNECTIONS);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < CONNECTIONS; c++) {
                clients.execute(() -> {
                    try {
                        while (System.nanoTime() < end) {
                            long start = System.nanoTime();
                            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                            long took = System.nanoTime() - start;
                            if (response.statusCode() != 200) {
                                errors.incrementAndGet();
                            }
                            int i = count.getAndIncrement();
                            if (i >= max) {
                                break;
                            }
                            if (sink != null) {
                                sink.record(i, took);
                            }
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    } finally {
                        done.countDown();
                    }
                });
            }
            done.await();
        }
        return errors;
    }
}
