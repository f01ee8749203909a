package dev.bulwark.host.vertx.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderStatus;
import dev.bulwark.host.embedded.BulwarkRuntime;
import dev.bulwark.host.embedded.RuntimeSettings;
import dev.bulwark.host.vertx.testing.ApiClient;
import dev.bulwark.host.vertx.testing.ApiClient.Answer;
import dev.bulwark.host.vertx.testing.FlakyVenueProvider;
import dev.bulwark.host.vertx.testing.FlakyVenueProvider.Timeout;
import dev.bulwark.host.vertx.testing.FlakyVenueProvider.Venue;
import dev.bulwark.host.vertx.testing.Totp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a venue that fails does to a webhook signal, over real HTTP against the real server and its in-process
 * workers: a placement whose answer is lost (the order was placed, or was not) ends in exactly one order, and a venue
 * that never answers dead-letters the signal, which a replay completes once the venue is back. The venue is
 * {@link FlakyVenueProvider}; the clock is the test's, moved past the retry policy's backoffs so retries come due.
 */
class VenueFailuresSystemTest {
    private static final AtomicReference<Instant> CLOCK = new AtomicReference<>(Instant.parse("2026-11-21T10:00:00Z"));
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final List<String> FINAL = List.of("COMPLETED", "REJECTED", "IGNORED", "DEAD");
    private static BulwarkRuntime runtime;
    private static BulwarkServer server;
    private static ApiClient api;
    private static String token;
    private static String twoFactorSecret;

    @BeforeAll
    static void start() {
        runtime = BulwarkRuntime.builder().settings(RuntimeSettings.inMemory(Path.of("target"))).time(CLOCK::get).start();
        server = BulwarkServer.start(runtime, "127.0.0.1", 0);
        api = new ApiClient(server.port());
        String password = "Flaky-venue-desk-passphrase-7";
        Answer registered = api.post("/api/v1/accounts", null, new JsonObject().put("email", "flaky@example.com")
                .put("password", password).put("setupToken", runtime.manageAccounts().setupToken().orElseThrow()).encode());
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        token = api.post("/api/v1/sessions", null, new JsonObject().put("email", "flaky@example.com")
                .put("password", password).encode()).json().getString("token");
        Answer enrolled = api.post("/api/v1/me/two-factor", token, new JsonObject().put("password", password).encode());
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(200);
        twoFactorSecret = enrolled.json().getString("secret");
        Answer confirmed = api.post("/api/v1/me/two-factor/confirm", token,
                new JsonObject().put("code", Totp.code(twoFactorSecret, CLOCK.get())).encode());
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
        runtime.close();
    }

    /** A bot on its own flaky venue account, and that account's books. */
    record Desk(String bot, String secret, Venue venue) {
    }

    /** A fresh account on the flaky venue (its own API key, so its own books) and a paper-mode bot trading on it. */
    private static Desk desk(String name) {
        String apiKey = "flaky-" + UUID.randomUUID().toString().replace("-", "");
        advance(Duration.ofSeconds(30)); // each 30-second step's code is accepted once
        Answer account = api.post("/api/v1/venue-accounts", token, new JsonObject().put("venue", FlakyVenueProvider.ID.value())
                .put("label", name).put("environment", "PAPER").put("apiKey", apiKey).put("apiSecret", "flaky-secret-" + name)
                .put("secondFactor", Totp.code(twoFactorSecret, CLOCK.get())).encode());
        assertThat(account.status()).as(account.body()).isEqualTo(201);
        Answer bot = api.post("/api/v1/bots", token, new JsonObject().put("name", name).put("assetType", "CRYPTO")
                .put("account", account.json().getString("id")).put("mode", "PAPER")
                .put("sizing", new JsonObject().put("kind", "FIXED_QUOTE").put("amount", "100")).encode());
        assertThat(bot.status()).as(bot.body()).isEqualTo(201);
        return new Desk(bot.json().getJsonObject("bot").getString("id"), bot.json().getString("webhookSecret"),
                FlakyVenueProvider.venue(apiKey));
    }

    private static String buy(Desk desk, String orderId) {
        Answer ack = api.send("POST", "/webhook/" + desk.bot() + "/" + desk.secret(), null,
                "{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"orderId\":\"" + orderId + "\"}", "application/json");
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        assertThat(ack.json().getBoolean("duplicate")).isFalse();
        return ack.json().getString("signalId");
    }

    private static void advance(Duration duration) {
        CLOCK.updateAndGet(now -> now.plus(duration));
    }

    private static JsonObject receipt(String signal) {
        Answer answer = api.get("/api/v1/signals/" + signal, token);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static String status(JsonObject receipt) {
        return receipt.getJsonObject("signal").getString("status");
    }

    /**
     * Waits until the signal reaches one of {@code wanted} (or another final status, which fails the test). When
     * {@code advanceOnFailure}, a FAILED signal (a retry scheduled by the backoff) moves the clock 10 s on, more than
     * any of {@code RetryPolicy.DEFAULT}'s delays (at most 4 s), so the retry comes due; the leases (60 s) of a job
     * in hand never run out under one step.
     */
    private static JsonObject await(String signal, boolean advanceOnFailure, String... wanted) throws InterruptedException {
        return receiptUntil(signal, r -> Arrays.asList(wanted).contains(status(r)), last -> {
            String status = status(last);
            assertThat(FINAL).as("signal %s ended %s, wanted %s: %s", signal, status, Arrays.toString(wanted),
                    last.encodePrettily()).doesNotContain(status);
            if (advanceOnFailure && status.equals("FAILED")) {
                advance(Duration.ofSeconds(10));
            }
        }, Arrays.toString(wanted));
    }

    /**
     * The signal's receipt, read every 50 ms until {@code done} holds (each miss shown to {@code onMiss} first), for at
     * most {@link #PATIENCE}; fails saying what was {@code wanted} and what was last seen.
     */
    private static JsonObject receiptUntil(String signal, Predicate<JsonObject> done, Consumer<JsonObject> onMiss,
                                           String wanted) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        JsonObject last = null;
        while (System.nanoTime() < deadline) {
            last = receipt(signal);
            if (done.test(last)) {
                return last;
            }
            onMiss.accept(last);
            Thread.sleep(50);
        }
        throw new AssertionError("signal " + signal + " never reached " + wanted + " within " + PATIENCE
                + "; last seen: " + (last == null ? "nothing" : last.encodePrettily()));
    }

    private static List<String> steps(JsonObject receipt) {
        JsonArray steps = receipt.getJsonArray("steps");
        return steps.stream().map(s -> ((JsonObject) s).getString("step")).toList();
    }

    private static List<JsonObject> placedSteps(JsonObject receipt) {
        return receipt.getJsonArray("steps").stream().map(s -> (JsonObject) s)
                .filter(s -> s.getString("step").equals("placed")).toList();
    }

    @Test
    void anAnswerLostAfterTheVenuePlacedTheOrderIsResolvedByItsClientOrderIdWithoutSendingAgain() throws Exception {
        Desk desk = desk("lost-answer");
        desk.venue().timeOutOnce(Timeout.AFTER_RECORDING);

        String signal = buy(desk, "lost-1");
        JsonObject receipt = await(signal, false, "COMPLETED");

        List<Order> orders = desk.venue().orders();
        assertThat(orders).as("the venue holds exactly one order").hasSize(1);
        String clientOrderId = orders.getFirst().clientOrderId().value();
        assertThat(orders.getFirst().status()).isEqualTo(OrderStatus.FILLED);
        assertThat(desk.venue().placeCalls(clientOrderId)).as("place was called once for the intent").isEqualTo(1);
        assertThat(desk.venue().placeCalls()).isEqualTo(1);
        assertThat(desk.venue().findCalls(clientOrderId)).as("the unknown outcome was looked up").isGreaterThanOrEqualTo(1);
        List<JsonObject> placed = placedSteps(receipt);
        assertThat(placed).hasSize(1);
        assertThat(placed.getFirst().getJsonObject("details").getString("clientOrderId")).isEqualTo(clientOrderId);
        assertThat(placed.getFirst().getJsonObject("details").getString("how")).contains("found there by its client order id");
        assertThat(steps(receipt)).contains("filled").doesNotContain("failed");
    }

    @Test
    void anAnswerLostBeforeTheVenueRecordedTheOrderIsRetriedUnderTheSameClientOrderIdAndPlacedOnce() throws Exception {
        Desk desk = desk("lost-request");
        desk.venue().timeOutOnce(Timeout.BEFORE_RECORDING);

        String signal = buy(desk, "lost-2");
        JsonObject failed = await(signal, false, "FAILED");
        assertThat(failed.getJsonObject("signal").getString("reason")).contains("did not answer");
        assertThat(desk.venue().orders()).as("nothing was placed by the first attempt").isEmpty();
        assertThat(desk.venue().placedIds()).hasSize(1);
        String clientOrderId = desk.venue().placedIds().iterator().next();

        JsonObject receipt = await(signal, true, "COMPLETED");

        assertThat(desk.venue().orders()).as("the venue holds exactly one order").hasSize(1);
        assertThat(desk.venue().orders(clientOrderId)).isEqualTo(1);
        assertThat(desk.venue().placeCalls(clientOrderId)).as("the same client order id, sent twice").isEqualTo(2);
        assertThat(desk.venue().placedIds()).as("no other client order id was ever sent").containsExactly(clientOrderId);
        assertThat(desk.venue().findCalls(clientOrderId)).as("the retry asked the venue before sending again")
                .isGreaterThanOrEqualTo(2);
        assertThat(steps(receipt)).containsSubsequence("failed", "processing", "placed", "filled", "completed");
        assertThat(placedSteps(receipt).getFirst().getJsonObject("details").getString("attempt")).isEqualTo("2");
    }

    @Test
    void anOrderTheVenueFillsAfterAnsweringIsFoundByTheOrderSyncAndRecorded() throws Exception {
        Desk desk = desk("fills-later");
        desk.venue().acceptWithoutFilling(true);

        String signal = buy(desk, "later-1");
        JsonObject placed = await(signal, false, "COMPLETED");
        assertThat(placed.getJsonObject("signal").getString("reason")).contains("nothing filled yet");
        assertThat(steps(placed)).doesNotContain("filled");
        assertThat(openSymbols(desk)).isEmpty();

        desk.venue().fillWorking(CLOCK.get());
        advance(Duration.ofSeconds(20)); // past the sync's 15 s since the order's last change (the workers' loop: 2 s)

        JsonObject receipt = receiptUntil(signal, r -> steps(r).contains("filled"), r -> { }, "a filled step");
        assertThat(steps(receipt)).as(receipt.encodePrettily()).containsSubsequence("placed", "completed", "filled");
        JsonObject filled = receipt.getJsonArray("steps").stream().map(JsonObject.class::cast)
                .filter(s -> s.getString("step").equals("filled")).reduce((first, second) -> second).orElseThrow()
                .getJsonObject("details");
        assertThat(filled.getString("order")).isEqualTo("entry");
        assertThat(filled.getString("status")).isEqualTo("FILLED");
        assertThat(filled.getString("how")).contains("order sync");
        assertThat(desk.venue().placeCalls()).as("found, never sent again").isEqualTo(1);
        assertThat(openSymbols(desk)).containsExactly("BTC/USDT");
    }

    /** The symbols of the bot's open positions, from its summary. */
    private static List<String> openSymbols(Desk desk) {
        Answer summary = api.get("/api/v1/bots/" + desk.bot() + "/summary", token);
        assertThat(summary.status()).as(summary.body()).isEqualTo(200);
        return summary.json().getJsonArray("openPositions").stream().map(p -> ((JsonObject) p).getString("symbol")).toList();
    }

    @Test
    void aVenueThatNeverAnswersDeadLettersTheSignalAndAReplayPlacesItOnce() throws Exception {
        Desk desk = desk("down");
        desk.venue().down(true);

        String signal = buy(desk, "down-1");
        JsonObject dead = await(signal, true, "DEAD");

        assertThat(desk.venue().orders()).isEmpty();
        assertThat(desk.venue().placedIds()).hasSize(1);
        String clientOrderId = desk.venue().placedIds().iterator().next();
        assertThat(desk.venue().placeCalls(clientOrderId)).as("the first attempt and 3 retries, one call each").isEqualTo(4);
        assertThat(steps(dead).stream().filter("failed"::equals).count()).isEqualTo(4);
        Answer letters = api.get("/api/v1/dead-letters", token);
        assertThat(letters.status()).as(letters.body()).isEqualTo(200);
        List<JsonObject> mine = new JsonArray(letters.body()).stream().map(l -> (JsonObject) l)
                .filter(l -> l.getString("signal").equals(signal)).toList();
        assertThat(mine).as(letters.body()).hasSize(1);
        assertThat(mine.getFirst().getString("bot")).isEqualTo(desk.bot());
        assertThat(mine.getFirst().getInteger("attempts")).isEqualTo(4);
        assertThat(mine.getFirst().getString("error")).contains("down");

        desk.venue().down(false);
        Answer replay = api.post("/api/v1/signals/" + signal + "/replay", token, null);
        assertThat(replay.status()).as(replay.body()).isBetween(200, 204);
        JsonObject receipt = await(signal, true, "COMPLETED");

        assertThat(desk.venue().orders()).as("one order after the replay").hasSize(1);
        assertThat(desk.venue().orders().getFirst().clientOrderId().value()).isEqualTo(clientOrderId);
        assertThat(desk.venue().placeCalls(clientOrderId)).isEqualTo(5);
        assertThat(steps(receipt)).contains("placed", "filled", "completed");
        Answer after = api.get("/api/v1/dead-letters", token);
        assertThat(new JsonArray(after.body()).stream().map(l -> ((JsonObject) l).getString("signal")))
                .as("a replayed signal is no longer a dead letter").doesNotContain(signal);
        assertThat(api.post("/api/v1/signals/" + signal + "/replay", token, null).status())
                .as("only a dead signal can be replayed").isGreaterThanOrEqualTo(400);
        assertThat(desk.venue().placeCalls(clientOrderId)).isEqualTo(5);
    }
}
