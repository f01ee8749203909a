package dev.bulwark.host.vertx.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.host.embedded.BulwarkRuntime;
import dev.bulwark.host.embedded.RuntimeSettings;
import dev.bulwark.host.vertx.testing.ApiClient;
import dev.bulwark.host.vertx.testing.ApiClient.Answer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * From a TradingView alert to a filled paper order, over real HTTP: every payload form, every bad input, the rate
 * limit, duplicates, a paused bot, a risk rejection, receipts.
 */
class WebhookSystemTest {
    private static final AtomicReference<Instant> CLOCK = new AtomicReference<>(Instant.parse("2026-11-21T09:00:00Z"));
    private static BulwarkRuntime runtime;
    private static BulwarkServer server;
    private static ApiClient api;
    private static String token;
    private static String account;

    @BeforeAll
    static void start() {
        runtime = BulwarkRuntime.builder().settings(RuntimeSettings.inMemory(Path.of("target"))).time(CLOCK::get).start();
        server = BulwarkServer.start(runtime, "127.0.0.1", 0);
        api = new ApiClient(server.port());
        String password = "Webhook-desk-passphrase-1";
        api.post("/api/v1/accounts", null, new JsonObject().put("email", "hooks@example.com").put("password", password)
                .put("setupToken", runtime.manageAccounts().setupToken().orElseThrow()).encode());
        token = api.post("/api/v1/sessions", null, new JsonObject().put("email", "hooks@example.com")
                .put("password", password).encode()).json().getString("token");
        account = api.post("/api/v1/venue-accounts", token, new JsonObject().put("venue", "paper").put("label", "Paper")
                .put("environment", "PAPER").encode()).json().getString("id");
    }

    @AfterAll
    static void stop() {
        server.close();
        runtime.close();
    }

    /** A bot and its secret. */
    record Bot(String id, String secret) {
    }

    private static Bot bot(String name, JsonObject risk) {
        JsonObject body = new JsonObject().put("name", name + "-" + UUID.randomUUID().toString().substring(0, 6))
                .put("assetType", "CRYPTO").put("account", account).put("mode", "PAPER")
                .put("sizing", new JsonObject().put("kind", "FIXED_QUOTE").put("amount", "100"));
        if (risk != null) {
            body.put("risk", risk);
        }
        Answer created = api.post("/api/v1/bots", token, body.encode());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new Bot(created.json().getJsonObject("bot").getString("id"), created.json().getString("webhookSecret"));
    }

    private static Answer hook(Bot bot, String body, String contentType) {
        return api.send("POST", "/webhook/" + bot.id() + "/" + bot.secret(), null, body, contentType);
    }

    private static JsonObject awaitSignal(String signalId, String... finalStatuses) throws InterruptedException {
        return api.awaitSignal(token, signalId, Duration.ofSeconds(30), finalStatuses);
    }

    private static void assertProblem(Answer answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void aTradingViewAlertBecomesAFilledPaperOrderWithAReceipt() throws Exception {
        Bot bot = bot("tv", null);
        Answer ack = hook(bot, "{\"action\":\"buy\",\"symbol\":\"BINANCE:BTCUSDT\",\"orderId\":\"entry-1\"}", "application/json");
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        assertThat(ack.json().getBoolean("received")).isTrue();
        assertThat(ack.json().getBoolean("duplicate")).isFalse();
        JsonObject receipt = awaitSignal(ack.json().getString("signalId"), "COMPLETED", "REJECTED", "FAILED", "DEAD");
        assertThat(receipt.getJsonObject("signal").getString("status")).as(receipt.encodePrettily()).isEqualTo("COMPLETED");
        assertThat(receipt.getJsonArray("steps").stream().map(s -> ((JsonObject) s).getString("step")))
                .contains("sized", "risk", "placed");
        Answer summary = api.get("/api/v1/bots/" + bot.id() + "/summary", token);
        assertThat(summary.status()).as(summary.body()).isEqualTo(200);
        // positions belong to the venue account, which the other tests' bots share
        assertThat(summary.json().getJsonArray("openPositions").stream().map(p -> ((JsonObject) p).getString("symbol")))
                .contains("BTC/USDT");
    }

    @Test
    void everyPayloadFormIsAccepted() {
        Bot bot = bot("forms", null);
        String[] symbols = {"BTCUSDT", "BINANCE:BTCUSDT", "BTC-USD", "BTC/USDT", "btcusdt"};
        int i = 0;
        for (String symbol : symbols) {
            String body = "{\"action\":\"" + (i % 2 == 0 ? "BUY" : "Buy") + "\",\"symbol\":\"" + symbol + "\",\"orderId\":\"f-" + i++ + "\"}";
            assertThat(hook(bot, body, "application/json").status()).as(symbol).isEqualTo(200);
        }
        assertThat(hook(bot, "{\"action\":\"sell\",\"symbol\":\"BTCUSDT\",\"orderId\":\"t-1\"}", "text/plain").status()).isEqualTo(200);
        Answer bodySecret = api.send("POST", "/webhook/" + bot.id(), null, new JsonObject().put("secret", bot.secret())
                .put("action", "buy").put("symbol", "ETHUSDT").put("orderId", "b-1").encode(), "application/json");
        assertThat(bodySecret.status()).as(bodySecret.body()).isEqualTo(200);
        Answer signals = api.get("/api/v1/bots/" + bot.id() + "/signals", token);
        assertThat(signals.body()).doesNotContain(bot.secret());
    }

    @Test
    void aSignedRequestIsAcceptedInsideItsWindowOnceAndRefusedOutsideIt() throws Exception {
        Bot bot = bot("signed", null);
        String body = "{\"action\":\"buy\",\"symbol\":\"BTC/USDT\"}";
        long now = CLOCK.get().getEpochSecond();
        Answer signed = api.send("POST", "/webhook/" + bot.id(), null, body, "application/json",
                "X-Bulwark-Signature", signature(bot.secret(), now, body));
        assertThat(signed.status()).as(signed.body()).isEqualTo(200);
        Answer replay = api.send("POST", "/webhook/" + bot.id(), null, body, "application/json",
                "X-Bulwark-Signature", signature(bot.secret(), now, body));
        assertThat(replay.json().getBoolean("duplicate")).isTrue();
        assertThat(replay.json().getString("signalId")).isEqualTo(signed.json().getString("signalId"));
        Answer old = api.send("POST", "/webhook/" + bot.id(), null, body, "application/json",
                "X-Bulwark-Signature", signature(bot.secret(), now - 301, body));
        assertProblem(old, 401);
        Answer wrong = api.send("POST", "/webhook/" + bot.id(), null, body, "application/json",
                "X-Bulwark-Signature", signature("not-the-secret", now, body));
        assertProblem(wrong, 404);
    }

    private static String signature(String secret, long t, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aWrongSecretAnswersExactlyLikeAnUnknownBot() {
        Bot bot = bot("probe", null);
        String body = "{\"action\":\"buy\",\"symbol\":\"BTCUSDT\"}";
        Answer wrong = api.send("POST", "/webhook/" + bot.id() + "/wrong-secret", null, body, "application/json");
        Answer unknown = api.send("POST", "/webhook/" + UUID.randomUUID() + "/" + bot.secret(), null, body, "application/json");
        Answer notAnId = api.send("POST", "/webhook/not-a-bot/whatever", null, body, "application/json");
        for (Answer answer : new Answer[] {wrong, unknown, notAnId}) {
            assertProblem(answer, 404);
            assertThat(answer.json().getString("detail")).isEqualTo(wrong.json().getString("detail"));
            assertThat(answer.body()).doesNotContain(bot.secret()).doesNotContain("wrong-secret");
        }
    }

    @Test
    void badBodiesAreProblemsNamingTheField() {
        Bot bot = bot("bad", null);
        assertProblem(hook(bot, "{\"action\": ", "application/json"), 400);
        Answer missing = hook(bot, "{\"symbol\":\"BTCUSDT\"}", "application/json");
        assertProblem(missing, 400);
        assertThat(missing.body()).contains("action");
        assertProblem(hook(bot, "{\"action\":\"hodl\",\"symbol\":\"BTCUSDT\"}", "application/json"), 400);
        assertProblem(hook(bot, "{\"action\":\"buy\",\"symbol\":\"???\"}", "application/json"), 400);
        Answer negative = hook(bot, "{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"quantity\":\"-1\"}", "application/json");
        assertProblem(negative, 400);
        assertThat(negative.body()).contains("quantity");
        assertThat(hook(bot, "{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}",
                "application/json").status()).isEqualTo(413);
        assertProblem(hook(bot, "<alert/>", "application/xml"), 415);
    }

    @Test
    void duplicatesByOrderIdAndByBodyAnswerTheFirstSignal() {
        Bot bot = bot("dupes", null);
        Answer first = hook(bot, "{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"orderId\":\"once\"}", "application/json");
        Answer again = hook(bot, "{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"orderId\":\"once\",\"price\":\"1\"}", "application/json");
        assertThat(again.json().getBoolean("duplicate")).isTrue();
        assertThat(again.json().getString("signalId")).isEqualTo(first.json().getString("signalId"));
        String body = "{\"action\":\"buy\",\"symbol\":\"ETHUSDT\"}";
        Answer a = hook(bot, body, "application/json");
        Answer b = hook(bot, body, "application/json");
        assertThat(b.json().getBoolean("duplicate")).isTrue();
        assertThat(b.json().getString("signalId")).isEqualTo(a.json().getString("signalId"));
    }

    @Test
    void aPausedBotRecordsTheSignalAsIgnored() throws Exception {
        Bot bot = bot("paused", null);
        assertThat(api.send("PUT", "/api/v1/bots/" + bot.id() + "/status", token, "{\"status\":\"PAUSED\"}",
                "application/json").status()).isEqualTo(200);
        Answer ack = hook(bot, "{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"orderId\":\"p-1\"}", "application/json");
        assertThat(ack.status()).isEqualTo(200);
        assertThat(awaitSignal(ack.json().getString("signalId"), "IGNORED").getJsonObject("signal").getString("status"))
                .isEqualTo("IGNORED");
    }

    @Test
    void aRiskRejectionIsRecordedWithTheRuleAndNeverRetried() throws Exception {
        Bot bot = bot("risky", new JsonObject().put("allowedSymbols", new JsonArray().add("ETH/USDT")));
        Answer ack = hook(bot, "{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"orderId\":\"r-1\"}", "application/json");
        JsonObject receipt = awaitSignal(ack.json().getString("signalId"), "REJECTED", "COMPLETED", "DEAD");
        assertThat(receipt.getJsonObject("signal").getString("status")).isEqualTo("REJECTED");
        assertThat(receipt.getJsonObject("signal").getString("reason")).isNotBlank();
    }

    @Test
    void theAccountsRiskProfileIsSetOverTheApiAndEveryOrderOnTheAccountPassesIt() throws Exception {
        String own = api.post("/api/v1/venue-accounts", token, new JsonObject().put("venue", "paper")
                .put("label", "Guarded-" + UUID.randomUUID().toString().substring(0, 6)).put("environment", "PAPER")
                .encode()).json().getString("id");
        String path = "/api/v1/venue-accounts/" + own + "/risk-profile";
        Answer defaults = api.get(path, token);
        assertThat(defaults.status()).as(defaults.body()).isEqualTo(200);
        assertThat(defaults.json().getBoolean("custom")).isFalse();
        assertThat(defaults.json().getInteger("version")).isZero();

        Answer set = api.send("PUT", path, token, new JsonObject().put("maxOrderValue", "50").put("version", 0)
                .put("symbolWhitelist", new JsonArray().add("btc/usdt")).encode(), "application/json");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().getInteger("version")).isEqualTo(1);
        assertThat(set.json().getJsonArray("symbolWhitelist")).containsExactly("BTC/USDT");
        assertThat(new java.math.BigDecimal(set.json().getValue("maxOrderValue").toString())).isEqualByComparingTo("50");

        // a bot on that account buying 100 USDT (its sizing) is refused by the account's 50 USDT
        JsonObject body = new JsonObject().put("name", "guarded-" + UUID.randomUUID().toString().substring(0, 6))
                .put("assetType", "CRYPTO").put("account", own).put("mode", "PAPER")
                .put("sizing", new JsonObject().put("kind", "FIXED_QUOTE").put("amount", "100"));
        Answer created = api.post("/api/v1/bots", token, body.encode());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Bot bot = new Bot(created.json().getJsonObject("bot").getString("id"), created.json().getString("webhookSecret"));
        Answer ack = hook(bot, "{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"orderId\":\"guard-1\"}", "application/json");
        JsonObject receipt = awaitSignal(ack.json().getString("signalId"), "REJECTED", "COMPLETED", "DEAD");
        assertThat(receipt.getJsonObject("signal").getString("status")).as(receipt.encodePrettily()).isEqualTo("REJECTED");
        JsonObject risk = receipt.getJsonArray("steps").stream().map(JsonObject.class::cast)
                .filter(step -> step.getString("step").equals("risk")).findFirst().orElseThrow().getJsonObject("details");
        assertThat(risk.getString("rule.MAX_ORDER_VALUE.result")).isEqualTo("broken");
        assertThat(risk.getString("rule.MAX_ORDER_VALUE.limit")).isEqualTo("50");
        assertThat(risk.getString("accountRiskProfileVersion")).isEqualTo("1");

        // bad input: every wrong limit is named, nothing changes; a stale version is 409; another account 404
        Answer wrong = api.send("PUT", path, token, new JsonObject().put("maxOrderValue", "-1").put("maxDailyLoss", "2")
                .put("maxLeverage", "0.5").put("symbolWhitelist", new JsonArray().add("BTCUSDT")).encode(), "application/json");
        assertProblem(wrong, 400);
        assertThat(wrong.json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")))
                .contains("maxOrderValue", "maxDailyLoss", "maxLeverage");
        Answer stale = api.send("PUT", path, token, new JsonObject().put("maxOrderValue", "70").put("version", 0).encode(),
                "application/json");
        assertProblem(stale, 409);
        assertThat(api.get(path, token).json().getInteger("version")).isEqualTo(1);
        assertProblem(api.get("/api/v1/venue-accounts/" + UUID.randomUUID() + "/risk-profile", token), 404);
        assertProblem(api.send("PUT", path, token, "{\"maxOrderValue\":", "application/json"), 400);
        assertProblem(api.get(path, null), 401);
    }

    @Test
    void aPaperEntrysStopLossAndTakeProfitAreHeldByThePaperVenueAsOneOcoPair() throws Exception {
        Bot bot = bot("protected", null);
        Answer first = hook(bot, "{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"orderId\":\"price-probe\"}", "application/json");
        JsonObject probe = awaitSignal(first.json().getString("signalId"), "COMPLETED", "REJECTED", "FAILED", "DEAD");
        java.math.BigDecimal price = new java.math.BigDecimal(step(probe, "sized").getString("price"));
        String stop = price.multiply(new java.math.BigDecimal("0.5")).setScale(0, java.math.RoundingMode.DOWN).toPlainString();
        String target = price.multiply(new java.math.BigDecimal("2")).setScale(0, java.math.RoundingMode.UP).toPlainString();

        Answer ack = hook(bot, "{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"orderId\":\"protected-1\",\"stopLoss\":\""
                + stop + "\",\"takeProfit\":\"" + target + "\"}", "application/json");
        JsonObject receipt = awaitSignal(ack.json().getString("signalId"), "COMPLETED", "REJECTED", "FAILED", "DEAD");

        assertThat(receipt.getJsonObject("signal").getString("status")).as(receipt.encodePrettily()).isEqualTo("COMPLETED");
        assertThat(step(receipt, "protection").getString("held")).as(receipt.encodePrettily()).contains("natively").contains("OCO");
    }

    private static JsonObject step(JsonObject receipt, String name) {
        return receipt.getJsonArray("steps").stream().map(JsonObject.class::cast)
                .filter(s -> s.getString("step").equals(name)).findFirst().orElseThrow(
                        () -> new AssertionError("no " + name + " step: " + receipt.encodePrettily())).getJsonObject("details");
    }

    @Test
    void theRateLimitIsTenAMinutePerBotWithRetryAfter() {
        Bot bot = bot("rate", null);
        for (int i = 0; i < 10; i++) {
            assertThat(hook(bot, "{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"orderId\":\"rl-" + i + "\"}", "application/json")
                    .status()).isEqualTo(200);
        }
        Answer limited = hook(bot, "{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"orderId\":\"rl-x\"}", "application/json");
        assertProblem(limited, 429);
        assertThat(limited.header("Retry-After")).isNotNull();
        assertThat(limited.json().getString("limit")).isEqualTo("webhooks-per-minute");
        CLOCK.updateAndGet(t -> t.plus(Duration.ofMinutes(1)));
        assertThat(hook(bot, "{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"orderId\":\"rl-y\"}", "application/json").status())
                .isEqualTo(200);
    }

    @Test
    void deleteAsksForConfirmation() {
        Bot bot = bot("gone", null);
        assertProblem(api.send("DELETE", "/api/v1/bots/" + bot.id(), token, null, null), 409);
        assertThat(api.get("/api/v1/bots/" + bot.id(), token).status()).isEqualTo(200);
        assertThat(api.send("DELETE", "/api/v1/bots/" + bot.id() + "?confirm=true", token, null, null).status()).isEqualTo(204);
        assertProblem(api.get("/api/v1/bots/" + bot.id(), token), 404);
    }
}
