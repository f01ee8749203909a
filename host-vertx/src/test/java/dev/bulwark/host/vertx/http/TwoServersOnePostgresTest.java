package dev.bulwark.host.vertx.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.adapters.persistence.testing.TestDatabases;
import dev.bulwark.host.embedded.BulwarkRuntime;
import dev.bulwark.host.embedded.RuntimeSettings;
import dev.bulwark.host.vertx.testing.ApiClient;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two server processes' worth of runtime and server behind an imagined load balancer, on one PostgreSQL schema:
 * a session made on one works on the other, a revocation, a lockout or a webhook rate limit on one holds on the
 * other, and an event made on one reaches a live client of the other.
 */
class TwoServersOnePostgresTest {
    private static BulwarkRuntime runtimeA;
    private static BulwarkRuntime runtimeB;
    private static BulwarkServer serverA;
    private static BulwarkServer serverB;
    private static ApiClient a;
    private static ApiClient b;

    @BeforeAll
    static void start() throws Exception {
        String url = TestDatabases.newPostgresSchema("two").url();
        String key = Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'B'); // one key for both, as in a deployment
        runtimeA = runtime(url, key, 0); // receives only
        runtimeB = runtime(url, key, 2);
        serverA = BulwarkServer.start(runtimeA, "127.0.0.1", 0);
        serverB = BulwarkServer.start(runtimeB, "127.0.0.1", 0);
        a = new ApiClient(serverA.port());
        b = new ApiClient(serverB.port());
    }

    private static BulwarkRuntime runtime(String url, String key, int signalWorkers) throws Exception {
        Path data = Files.createTempDirectory(Path.of("target"), "two-");
        return BulwarkRuntime.builder().settings(RuntimeSettings.fromEnvironment(Map.of(
                "BULWARK_DATA_DIR", data.toString(),
                "BULWARK_DB_URL", url,
                "BULWARK_MASTER_KEY", key,
                "BULWARK_DB_POOL_SIZE", "4",
                "BULWARK_SIGNAL_WORKERS", Integer.toString(signalWorkers)))).start();
    }

    @AfterAll
    static void stop() {
        serverA.close();
        serverB.close();
        runtimeA.close();
        runtimeB.close();
    }

    @Test
    void sessionsLockoutsAndEventsHoldAcrossProcesses() throws Exception {
        String setup = runtimeA.manageAccounts().setupToken().orElseThrow();
        String password = "Cluster-passphrase-2026!";
        assertThat(b.post("/api/v1/accounts", null, new JsonObject().put("email", "one@example.com").put("password", password)
                .put("setupToken", setup).encode()).status()).as("a link printed by A opens on B").isEqualTo(201);
        String token = a.post("/api/v1/sessions", null, new JsonObject().put("email", "one@example.com")
                .put("password", password).encode()).json().getString("token");
        assertThat(b.get("/api/v1/me", token).status()).isEqualTo(200);

        String account = b.post("/api/v1/venue-accounts", token, new JsonObject().put("venue", "paper").put("label", "Shared")
                .put("environment", "PAPER").encode()).json().getString("id");
        HttpResponse<Stream<String>> stream = b.http().send(HttpRequest.newBuilder(URI.create(b.base() + "/api/v1/events"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(a.post("/api/v1/venue-accounts/" + account + "/sync", token, null).status()).isEqualTo(200);
        Iterator<String> lines = stream.body().iterator();
        boolean seen = false;
        while (lines.hasNext() && !seen) {
            seen = lines.next().equals("event: sync.status");
        }
        stream.body().close();
        assertThat(seen).as("a sync on A reaches a live client of B").isTrue();

        JsonObject bot = a.post("/api/v1/bots", token, new JsonObject().put("name", "shared").put("assetType", "CRYPTO")
                .put("account", account).put("mode", "PAPER")
                .put("sizing", new JsonObject().put("kind", "FIXED_QUOTE").put("amount", "10")).encode()).json();
        String hook = "/webhook/" + bot.getJsonObject("bot").getString("id") + "/" + bot.getString("webhookSecret");
        java.util.List<String> signals = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ApiClient server = i % 2 == 0 ? a : b;
            var answer = server.post(hook, null, "{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"orderId\":\"c-" + i + "\"}");
            assertThat(answer.status()).isEqualTo(200);
            signals.add(answer.json().getString("signalId"));
        }
        assertThat(b.post(hook, null, "{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"orderId\":\"c-x\"}").status())
                .as("the 11th webhook of the minute, counted across both processes").isEqualTo(429);
        assertThat(a.post(hook, null, "{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"orderId\":\"c-1\"}").status())
                .as("limited on A too").isEqualTo(429);

        // A only receives (no signal workers): B's workers process what A accepted too
        for (String signal : signals) { // half were accepted by A, half by B
            a.awaitSignal(token, signal, java.time.Duration.ofSeconds(30), "COMPLETED", "REJECTED");
        }

        for (int i = 0; i < 5; i++) {
            assertThat(a.post("/api/v1/sessions", null, new JsonObject().put("email", "one@example.com")
                    .put("password", "not-the-password-1").encode()).status()).isEqualTo(401);
        }
        assertThat(b.post("/api/v1/sessions", null, new JsonObject().put("email", "one@example.com")
                .put("password", password).encode()).status()).as("locked on B by failures on A").isEqualTo(429);

        assertThat(b.send("DELETE", "/api/v1/sessions/current", token, null, null).status()).isEqualTo(204);
        assertThat(a.get("/api/v1/me", token).status()).as("signed out on B, refused on A").isEqualTo(401);
    }
}
