package dev.bulwark.host.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.adapters.persistence.testing.TestDatabases;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The crash test: the runnable jar on PostgreSQL takes webhook signals from 8 concurrent senders and is killed with
 * SIGKILL mid-way, twice, while requests are in flight and workers are placing orders on the paper venue; each time
 * it is started again on the same database and every request that got no answer is sent again. Then, read straight
 * from the database: every acknowledged signal exists once and was decided once (a final status, one job), each
 * decided order exists once in our books and once in the paper venue's, and nothing was placed twice.
 */
class CrashIT {
    private static final Logger LOG = LoggerFactory.getLogger(CrashIT.class);
    private static final Path JAR = Path.of(System.getProperty("bulwark.server.jar", "target/bulwark-server.jar"));
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String MASTER_KEY = Base64.getEncoder().encodeToString(
            "crash-test-master-key-32-bytes!!".getBytes(StandardCharsets.US_ASCII));
    private static final Pattern SETUP = Pattern.compile("/setup\\?token=([A-Za-z0-9_\\-]+)");
    private static final int SENDERS = 8;
    private static final int ACCOUNTS = 6;
    private static final int BOTS_PER_ACCOUNT = 2;
    /** Fresh signals per round; the first two rounds end in a kill -9 after about half of them were answered. */
    private static final int[] ROUND_SIGNALS = {160, 120, 60};
    private static final Duration SETTLE = Duration.ofMinutes(5);
    private static final Set<String> FINAL = Set.of("COMPLETED", "REJECTED", "IGNORED", "DEAD");

    @TempDir
    Path workDir;

    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();

    @AfterEach
    void killLeftovers() {
        processes.forEach(Process::destroyForcibly);
    }

    /** One webhook request as the sender keeps it: sent again, byte for byte, until it gets an answer. */
    record Request(int bot, String orderId, String body) {
    }

    /** A bot's id and secret. */
    record Bot(String id, String secret, String account) {
    }

    @Test
    void everyAcknowledgedSignalIsProcessedExactlyOnceAcrossKill9AndRestart() throws Exception {
        String url = TestDatabases.postgresUrl();
        TestDatabases.PostgresSchema schema = TestDatabases.newPostgresSchema("crash");
        String dbUrl = schema.url();

        int port = freePort();
        Process server = start(dbUrl, port, "round-1.log");
        String base = "http://127.0.0.1:" + port;
        awaitHealth(server, base, "round-1.log");
        Matcher setup = SETUP.matcher(output("round-1.log"));
        assertThat(setup.find()).as("the first start prints the setup link:%n%s", output("round-1.log")).isTrue();
        String token = signUp(base, setup.group(1));
        List<Bot> bots = new ArrayList<>();
        for (int a = 0; a < ACCOUNTS; a++) {
            JsonObject account = call(base, "POST", "/api/v1/venue-accounts", token, new JsonObject().put("venue", "paper")
                    .put("label", "Crash " + a).put("environment", "PAPER"), 201);
            for (int b = 0; b < BOTS_PER_ACCOUNT; b++) {
                JsonObject bot = call(base, "POST", "/api/v1/bots", token, new JsonObject().put("name", "crash-" + a + "-" + b)
                        .put("assetType", "CRYPTO").put("account", account.getString("id")).put("mode", "PAPER")
                        .put("sizing", new JsonObject().put("kind", "FIXED_QUOTE").put("amount", "20")), 201);
                bots.add(new Bot(bot.getJsonObject("bot").getString("id"), bot.getString("webhookSecret"), account.getString("id")));
            }
        }

        Map<Request, String> acked = new ConcurrentHashMap<>(); // request -> the signal id it was answered with
        Set<Request> unanswered = ConcurrentHashMap.newKeySet();
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger duplicates = new AtomicInteger();
        int next = 0;
        for (int round = 0; round < ROUND_SIGNALS.length; round++) {
            boolean last = round == ROUND_SIGNALS.length - 1;
            String log = "round-" + (round + 1) + ".log";
            if (round > 0) {
                port = freePort();
                base = "http://127.0.0.1:" + port;
                server = start(dbUrl, port, log);
                awaitHealth(server, base, log);
            }
            // what got no answer before the kill is sent again first: it may have committed, then it is a duplicate
            List<Request> again = new ArrayList<>(unanswered);
            unanswered.clear();
            int resent = again.size();
            List<Request> fresh = new ArrayList<>();
            for (int i = 0; i < ROUND_SIGNALS[round]; i++, next++) {
                int bot = next % bots.size();
                String orderId = "crash-" + next;
                fresh.add(new Request(bot, orderId, "{\"action\":\"buy\",\"symbol\":\"ETHUSDT\",\"orderId\":\"" + orderId + "\"}"));
            }
            Process victim = server;
            int killAfter = last ? Integer.MAX_VALUE : acked.size() + resent + ROUND_SIGNALS[round] / 2;
            Stats stats = send(base, bots, again, fresh, acked, unanswered, sent, duplicates, victim, killAfter);
            LOG.info("round {}: resent {} unanswered, {} fresh; answered {}, no answer {}, killed: {}", round + 1, resent,
                    fresh.size(), stats.answered(), stats.failed(), stats.killed());
            if (!last) {
                assertThat(stats.killed()).as("round %d reached its kill point", round + 1).isTrue();
                assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } else {
                assertThat(unanswered).as("every request is answered by a running server").isEmpty();
            }
        }
        // the last server keeps running: it finishes the work the killed ones left (their leases run out first)
        Map<String, String> statuses = awaitSettled(dbUrl, server);

        try (Connection db = DriverManager.getConnection(dbUrl)) {
            verify(db, bots, acked, statuses, sent.get(), duplicates.get());
        }
        server.destroy();
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("the last server stops on SIGTERM").isTrue();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + schema.name() + " CASCADE");
        }
    }

    // ------------------------------------------------------------------------------------------------- sending

    /** What one round of sending came to. */
    record Stats(int answered, int failed, boolean killed) {
    }

    private Stats send(String base, List<Bot> bots, List<Request> again, List<Request> fresh, Map<Request, String> acked,
                       Set<Request> unanswered, AtomicInteger sent, AtomicInteger duplicates, Process victim,
                       int killAfter) throws Exception {
        ConcurrentLinkedQueue<Request> queue = new ConcurrentLinkedQueue<>(again);
        queue.addAll(fresh);
        AtomicBoolean killed = new AtomicBoolean();
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < SENDERS; t++) {
            running.add(senders.submit(() -> {
                Request request;
                while ((request = queue.poll()) != null) {
                    if (killed.get()) {
                        unanswered.add(request); // never reached the dead server: sent to the next one
                        continue;
                    }
                    Bot bot = bots.get(request.bot());
                    sent.incrementAndGet();
                    HttpResponse<String> response;
                    try {
                        response = http.send(HttpRequest.newBuilder(URI.create(base + "/webhook/" + bot.id() + "/" + bot.secret()))
                                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(request.body())).build(),
                                HttpResponse.BodyHandlers.ofString());
                    } catch (IOException e) {
                        failed.incrementAndGet();
                        unanswered.add(request);
                        continue;
                    }
                    if (response.statusCode() != 200) {
                        // a 5xx would break the promise to TradingView; anything else is a bug of the test
                        throw new AssertionError("webhook " + request.orderId() + " answered " + response.statusCode()
                                + ": " + response.body());
                    }
                    JsonObject body = new JsonObject(response.body());
                    String signal = body.getString("signalId");
                    String before = acked.putIfAbsent(request, signal);
                    if (before != null && !before.equals(signal)) {
                        throw new AssertionError("order id " + request.orderId() + " was answered with signal " + before
                                + ", then with " + signal);
                    }
                    if (body.getBoolean("duplicate")) {
                        duplicates.incrementAndGet();
                    }
                    answered.incrementAndGet();
                    if (acked.size() >= killAfter && killed.compareAndSet(false, true)) {
                        victim.destroyForcibly(); // SIGKILL: no shutdown hook, requests and jobs in flight
                    }
                }
                return null;
            }));
        }
        senders.shutdown();
        for (Future<?> future : running) {
            future.get(5, TimeUnit.MINUTES);
        }
        return new Stats(answered.get(), failed.get(), killed.get());
    }

    // ------------------------------------------------------------------------------------------------- waiting

    /** Waits until every signal is decided and no job is left to run; the signals' statuses by id. */
    private Map<String, String> awaitSettled(String dbUrl, Process server) throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        String progress = "";
        while (System.nanoTime() < deadline) {
            assertThat(server.isAlive()).as("the last server is still running").isTrue();
            try (Connection db = DriverManager.getConnection(dbUrl)) {
                Map<String, String> statuses = new HashMap<>();
                Map<String, Integer> byStatus = new TreeMap<>();
                for (Map<String, Object> row : rows(db, "SELECT id, status FROM signals WHERE status <> 'DUPLICATE'")) {
                    statuses.put(row.get("id").toString(), (String) row.get("status"));
                    byStatus.merge((String) row.get("status"), 1, Integer::sum);
                }
                long open = (long) rows(db, "SELECT count(*) AS n FROM jobs WHERE status IN ('READY', 'RUNNING')")
                        .getFirst().get("n");
                progress = "signals by status " + byStatus + ", jobs still to run " + open;
                if (open == 0 && statuses.values().stream().allMatch(FINAL::contains)) {
                    LOG.info("settled: {}", progress);
                    return statuses;
                }
            }
            LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
        }
        throw new AssertionError("the signals did not settle within " + SETTLE + ": " + progress);
    }

    // ------------------------------------------------------------------------------------------------ checking

    private void verify(Connection db, List<Bot> bots, Map<Request, String> acked, Map<String, String> statuses,
                        int sent, int duplicates) throws Exception {
        // each order id is one signal (the first), and every answer for it named that signal
        Map<String, String> signalOfOrderId = new HashMap<>();
        List<String> twice = new ArrayList<>();
        for (Map<String, Object> row : rows(db, "SELECT id, bot_id, external_order_id FROM signals WHERE status <> 'DUPLICATE'")) {
            String key = row.get("bot_id") + "/" + row.get("external_order_id");
            if (signalOfOrderId.put(key, row.get("id").toString()) != null) {
                twice.add(key);
            }
        }
        assertThat(twice).as("order ids recorded as more than one signal").isEmpty();
        for (Map.Entry<Request, String> ack : acked.entrySet()) {
            String key = bots.get(ack.getKey().bot()).id() + "/" + ack.getKey().orderId();
            assertThat(signalOfOrderId.get(key)).as("the acknowledged signal of %s exists, under the id answered", key)
                    .isEqualTo(ack.getValue());
        }
        Set<String> ackedSignals = new HashSet<>(acked.values());

        // each signal was decided once: a final status, one job, done
        Map<String, Integer> byStatus = new TreeMap<>();
        statuses.values().forEach(s -> byStatus.merge(s, 1, Integer::sum));
        assertThat(statuses.values()).as("every signal completed or was refused with a reason, none dead: %s", byStatus)
                .allMatch(s -> s.equals("COMPLETED") || s.equals("REJECTED"));
        Map<String, List<String>> jobs = new HashMap<>();
        for (Map<String, Object> row : rows(db, "SELECT payload, status FROM jobs WHERE type = 'signal.process'")) {
            jobs.computeIfAbsent((String) row.get("payload"), k -> new ArrayList<>()).add((String) row.get("status"));
        }
        for (String signal : statuses.keySet()) {
            assertThat(jobs.get(signal)).as("the jobs of signal %s", signal).containsExactly("DONE");
        }

        // our books: one order per decided intent, none left NEW (decided but never resolved), none of nobody's
        Map<String, String> accountOfBot = new HashMap<>();
        bots.forEach(b -> accountOfBot.put(b.id(), b.account()));
        Map<String, String> signalOfClientOrderId = new HashMap<>();
        Map<String, String> accountOfSignal = new HashMap<>();
        for (Map<String, Object> row : rows(db, "SELECT id, bot_id FROM signals WHERE status <> 'DUPLICATE'")) {
            UUID id = (UUID) row.get("id");
            signalOfClientOrderId.put("bw" + base32(id), id.toString());
            accountOfSignal.put(id.toString(), accountOfBot.get(row.get("bot_id").toString()));
        }
        Map<String, Map<String, Object>> orderOfSignal = new HashMap<>();
        Map<String, Map<String, Object>> orderById = new HashMap<>();
        for (Map<String, Object> row : rows(db, "SELECT id, account_id, client_order_id, status, filled_quantity FROM orders")) {
            String signal = signalOfClientOrderId.get((String) row.get("client_order_id"));
            assertThat(signal).as("order %s belongs to a signal", row).isNotNull();
            assertThat(row.get("account_id").toString()).as("order %s is on its bot's account", row)
                    .isEqualTo(accountOfSignal.get(signal));
            assertThat(orderOfSignal.put(signal, row)).as("a second order for signal %s: %s", signal, row).isNull();
            orderById.put(row.get("id").toString(), row);
        }
        int ordersOfAcked = 0;
        for (Map.Entry<String, String> signal : statuses.entrySet()) {
            Map<String, Object> order = orderOfSignal.get(signal.getKey());
            if (signal.getValue().equals("COMPLETED")) {
                assertThat(order).as("the order of completed signal %s", signal.getKey()).isNotNull();
                assertThat((String) order.get("status")).as("order %s", order).isIn("FILLED", "PARTIALLY_FILLED", "EXPIRED", "ACCEPTED");
            } else if (order != null) {
                assertThat((String) order.get("status")).as("the order of refused signal %s", signal.getKey())
                        .isIn("REJECTED", "FAILED");
            }
            if (order != null && ackedSignals.contains(signal.getKey())) {
                ordersOfAcked++;
            }
        }

        // fills: each recorded once, adding up to each order's filled quantity; positions add up the fills
        Map<String, BigDecimal> filled = new HashMap<>();
        Map<String, BigDecimal> heldByAccount = new HashMap<>();
        for (Map<String, Object> row : rows(db, "SELECT order_id, account_id, side, quantity FROM fills")) {
            BigDecimal quantity = (BigDecimal) row.get("quantity");
            filled.merge(row.get("order_id").toString(), quantity, BigDecimal::add);
            heldByAccount.merge(row.get("account_id").toString(), "BUY".equals(row.get("side")) ? quantity : quantity.negate(),
                    BigDecimal::add);
        }
        for (Map<String, Object> order : orderById.values()) {
            BigDecimal sum = filled.getOrDefault(order.get("id").toString(), BigDecimal.ZERO);
            assertThat(sum).as("the fills of order %s", order).isEqualByComparingTo((BigDecimal) order.get("filled_quantity"));
        }
        for (Map<String, Object> row : rows(db, "SELECT account_id, quantity FROM positions WHERE base = 'ETH'")) {
            assertThat((BigDecimal) row.get("quantity")).as("the ETH position of account %s", row.get("account_id"))
                    .isEqualByComparingTo(heldByAccount.getOrDefault(row.get("account_id").toString(), BigDecimal.ZERO));
        }

        // the paper venue's own books: each client order id placed at most once, and each the order we recorded
        // (open orders are in each account's document, settled ones in its history)
        Map<String, List<JsonObject>> paperOrdersOf = new HashMap<>();
        for (Map<String, Object> row : rows(db, "SELECT account_id, document FROM paper_states")) {
            JsonObject snapshot = new JsonObject((String) row.get("document")).getJsonObject("snapshot");
            for (Object o : snapshot.getJsonArray("orders", new JsonArray())) {
                paperOrdersOf.computeIfAbsent(row.get("account_id").toString(), k -> new ArrayList<>()).add((JsonObject) o);
            }
        }
        for (Map<String, Object> row : rows(db, "SELECT account_id, document FROM paper_history WHERE kind = 'ORDER'")) {
            paperOrdersOf.computeIfAbsent(row.get("account_id").toString(), k -> new ArrayList<>())
                    .add(new JsonObject((String) row.get("document")));
        }
        int paperOrders = 0;
        for (Map.Entry<String, List<JsonObject>> account : paperOrdersOf.entrySet()) {
            Map<String, Integer> seen = new HashMap<>();
            for (JsonObject order : account.getValue()) {
                String clientOrderId = text(order.getValue("clientOrderId"));
                seen.merge(clientOrderId, 1, Integer::sum);
                paperOrders++;
                String signal = signalOfClientOrderId.get(clientOrderId);
                assertThat(signal).as("paper order %s belongs to a signal", clientOrderId).isNotNull();
                Map<String, Object> ours = orderOfSignal.get(signal);
                assertThat(ours).as("the paper venue's order %s is in our books", clientOrderId).isNotNull();
                assertThat(ours.get("account_id").toString()).isEqualTo(account.getKey());
                assertThat((String) ours.get("status")).as("order %s: ours and the venue's", clientOrderId)
                        .isEqualTo(order.getString("status"));
                assertThat((BigDecimal) ours.get("filled_quantity")).as("order %s: filled, ours and the venue's", clientOrderId)
                        .isEqualByComparingTo(new BigDecimal(text(order.getValue("filledQuantity"))));
            }
            assertThat(seen.values()).as("client order ids placed twice on paper account %s: %s", account.getKey(), seen)
                    .allMatch(n -> n == 1);
        }
        long placedByUs = orderById.values().stream().filter(o -> !"REJECTED".equals(o.get("status"))).count();
        assertThat((long) paperOrders).as("every order we placed is on the paper venue, and only those")
                .isEqualTo(placedByUs);

        // how the crashes met the work: attempts after a lease ran out, orders found at the venue instead of resent
        Map<String, Integer> attempts = new HashMap<>();
        int foundAtVenue = 0;
        for (Map<String, Object> row : rows(db, "SELECT signal_id, step, details FROM signal_journeys"
                + " WHERE step IN ('processing', 'placed')")) {
            String details = java.net.URLDecoder.decode((String) row.get("details"), StandardCharsets.UTF_8);
            if (row.get("step").equals("processing")) {
                Matcher attempt = Pattern.compile("(?:^|&)attempt=(\\d+)").matcher(details);
                if (attempt.find()) {
                    attempts.merge(row.get("signal_id").toString(), Integer.parseInt(attempt.group(1)), Math::max);
                }
            } else if (details.contains("found at the venue") || details.contains("found there")) {
                foundAtVenue++;
            }
        }
        long retried = attempts.values().stream().filter(n -> n > 1).count();
        LOG.info("crash test: sent {} requests ({} answered as duplicates), acknowledged {} order ids ({} distinct"
                        + " signals), signals {} by status {}, orders {} (of acknowledged signals {}), paper orders {};"
                        + " signals taken up again after a crash {}, orders found at the venue rather than sent again {}",
                sent, duplicates, acked.size(), ackedSignals.size(), statuses.size(), byStatus, orderById.size(),
                ordersOfAcked, paperOrders, retried, foundAtVenue);
        assertThat(byStatus.getOrDefault("COMPLETED", 0)).as("most signals completed: %s", byStatus)
                .isGreaterThan(statuses.size() / 2);
    }

    private static String text(Object value) {
        if (value instanceof JsonObject object) {
            return String.valueOf(object.getValue("value"));
        }
        return String.valueOf(value);
    }

    /** {@code ClientOrderIds.base32}: the signal UUID's 16 bytes in RFC 4648 base32, no padding (26 characters). */
    static String base32(UUID uuid) {
        byte[] bytes = new byte[16];
        long hi = uuid.getMostSignificantBits();
        long lo = uuid.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (hi >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder out = new StringBuilder(26);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(alphabet.charAt((buffer >>> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(alphabet.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    private static List<Map<String, Object>> rows(Connection db, String sql) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= columns; i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    // ------------------------------------------------------------------------------------------------- the server

    private Process start(String dbUrl, int port, String log) throws IOException {
        Files.createDirectories(workDir.resolve("data"));
        ProcessBuilder builder = new ProcessBuilder(JAVA, "-jar", JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve(log).toFile())
                .directory(workDir.toFile());
        Map<String, String> env = builder.environment();
        env.put("BULWARK_PORT", Integer.toString(port));
        env.put("BULWARK_DATA_DIR", workDir.resolve("data").toString());
        env.put("BULWARK_DB_URL", dbUrl);
        env.put("BULWARK_MASTER_KEY", MASTER_KEY);
        env.put("BULWARK_WEBHOOKS_PER_MINUTE", "0");
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private String output(String log) throws IOException {
        return Files.readString(workDir.resolve(log), StandardCharsets.UTF_8);
    }

    private void awaitHealth(Process server, String base, String log) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/health")).timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new AssertionError("the server exited with " + server.exitValue() + ":\n" + output(log));
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        throw new AssertionError("the server did not answer /health within 90 s:\n" + output(log));
    }

    private String signUp(String base, String setupToken) throws Exception {
        String password = "Crash-test-desk-passphrase-2026";
        call(base, "POST", "/api/v1/accounts", null, new JsonObject().put("email", "crash@example.com")
                .put("password", password).put("setupToken", setupToken), 201);
        return call(base, "POST", "/api/v1/sessions", null, new JsonObject().put("email", "crash@example.com")
                .put("password", password), 200).getString("token");
    }

    private JsonObject call(String base, String method, String path, String token, JsonObject body, int expected)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.encode()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(expected);
        return new JsonObject(response.body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
