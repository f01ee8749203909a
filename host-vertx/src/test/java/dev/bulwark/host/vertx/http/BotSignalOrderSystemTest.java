package dev.bulwark.host.vertx.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.adapters.persistence.testing.TestDatabases;
import dev.bulwark.host.embedded.BulwarkRuntime;
import dev.bulwark.host.embedded.RuntimeSettings;
import dev.bulwark.host.vertx.testing.ApiClient;
import dev.bulwark.host.vertx.testing.ApiClient.Answer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One bot's signals are processed one at a time, in the order they arrived, however many workers there are: a sell
 * is never decided before the buy it follows. A receiving-only server takes a backlog of three bots' alternating
 * buys and sells (one paper account each, so a sell is refused when it overtakes its buy: no shorting on spot);
 * then a second process on the same PostgreSQL schema starts four workers on the whole backlog at once. Without
 * the queue's ordering key a claimed batch of 16 splits the bots' pairs, and a worker holding a bot's sell runs it
 * beside the worker still holding its buy.
 */
class BotSignalOrderSystemTest {
    private static final int BOTS = 3;
    private static final int PER_BOT = 40;

    @Test
    void fourWorkersProcessEachBotsBacklogInArrivalOrderWithNoSellOvertakingItsBuy() throws Exception {
        String url = TestDatabases.newPostgresSchema("order").url();
        String key = Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'C');
        List<List<String>> signals = new ArrayList<>();
        ApiClient api;
        String token;
        try (BulwarkRuntime receiver = runtime(url, key, 0);
             BulwarkServer server = BulwarkServer.start(receiver, "127.0.0.1", 0)) {
            api = new ApiClient(server.port());
            token = api.firstUser(receiver.manageAccounts().setupToken().orElseThrow(), "order@example.com",
                    "Ordering-passphrase-2026!");
            List<ApiClient.PaperBot> bots = new ArrayList<>();
            for (int b = 0; b < BOTS; b++) {
                bots.add(api.paperBot(token, "order-" + b, "0.001"));
                signals.add(new ArrayList<>());
            }
            for (int i = 0; i < PER_BOT; i++) {
                for (int b = 0; b < BOTS; b++) {
                    ApiClient.PaperBot bot = bots.get(b);
                    // order ids that sort apart from their arrival ("o-10" before "o-9"): the intake locks keys in
                    // key order, and that must not become the bot's order
                    String body = "{\"action\":\"" + (i % 2 == 0 ? "buy" : "sell") + "\",\"symbol\":\"BTCUSDT\",\"orderId\":\"o-" + i + "\"}";
                    Answer ack = api.send("POST", bot.webhook(), null, body, "application/json");
                    assertThat(ack.status()).as(ack.body()).isEqualTo(200);
                    signals.get(b).add(ack.json().getString("signalId"));
                }
            }
            try (BulwarkRuntime workers = runtime(url, key, 4)) {
                for (List<String> ofBot : signals) {
                    Instant previousEnd = Instant.MIN;
                    for (String id : ofBot) {
                        JsonObject receipt = awaitFinal(api, token, id);
                        assertThat(receipt.getJsonObject("signal").getString("status")).as(receipt.encodePrettily())
                                .isEqualTo("COMPLETED");
                        List<JsonObject> steps = receipt.getJsonArray("steps").stream().map(JsonObject.class::cast).toList();
                        Instant started = steps.stream().filter(step -> step.getString("step").equals("processing"))
                                .map(step -> Instant.parse(step.getString("at"))).findFirst().orElseThrow();
                        assertThat(started).as("a signal starts after its bot's previous one ended").isAfterOrEqualTo(previousEnd);
                        previousEnd = Instant.parse(steps.getLast().getString("at"));
                    }
                }
            }
        }
    }

    private static BulwarkRuntime runtime(String url, String key, int signalWorkers) throws Exception {
        Path data = Files.createTempDirectory(Path.of("target"), "order-");
        return BulwarkRuntime.builder().settings(RuntimeSettings.fromEnvironment(Map.of(
                "BULWARK_DATA_DIR", data.toString(),
                "BULWARK_DB_URL", url,
                "BULWARK_MASTER_KEY", key,
                "BULWARK_DB_POOL_SIZE", "6",
                "BULWARK_WEBHOOKS_PER_MINUTE", "0",
                "BULWARK_DEFAULT_PLAN", "unlimited",
                "BULWARK_SIGNAL_WORKERS", Integer.toString(signalWorkers)))).start();
    }

    private static JsonObject awaitFinal(ApiClient api, String token, String signalId) throws InterruptedException {
        return api.awaitSignal(token, signalId, Duration.ofSeconds(60), "COMPLETED", "REJECTED", "IGNORED", "DEAD");
    }
}
