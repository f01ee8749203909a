package dev.bulwark.application.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.bulwark.application.botfakes.BotWorld;
import dev.bulwark.domain.accounts.Plan;
import dev.bulwark.domain.bots.AssetType;
import dev.bulwark.domain.bots.Bot;
import dev.bulwark.domain.bots.BotId;
import dev.bulwark.domain.bots.BotRisk;
import dev.bulwark.domain.bots.BotStatus;
import dev.bulwark.domain.bots.PositionSizing;
import dev.bulwark.domain.secrets.SealedSecret;
import dev.bulwark.domain.signals.Signal;
import dev.bulwark.domain.signals.SignalStatus;
import dev.bulwark.domain.venues.Environment;
import dev.bulwark.ports.driven.jobs.NewJob;
import dev.bulwark.ports.driven.signals.WebhookLog.Attempt;
import dev.bulwark.ports.driven.vault.SecretBinding;
import dev.bulwark.ports.driving.signals.ReceiveSignals;
import dev.bulwark.ports.driving.signals.WebhookAck;
import dev.bulwark.ports.driving.signals.WebhookRequest;
import dev.bulwark.ports.errors.Invalid;
import dev.bulwark.ports.errors.Invalid.FieldError;
import dev.bulwark.ports.errors.NotFound;
import dev.bulwark.ports.errors.RateLimited;
import dev.bulwark.ports.errors.Unauthorized;
import dev.bulwark.ports.errors.Unavailable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReceiveSignalsTest {
    static final String SECRET = "Zm9vYmFyLXNlY3JldC10aGF0LW11c3QtbmV2ZXItc2hvdw";
    static final String JSON = "application/json";
    static final String TEXT = "text/plain; charset=utf-8";

    final BotWorld world = new BotWorld();
    final Bot bot = bot(AssetType.CRYPTO, BotStatus.ACTIVE, SECRET);
    final ReceiveSignals webhook = world.receiveSignals();

    Bot bot(AssetType type, BotStatus status, String secret) {
        BotId id = new BotId(world.newId());
        Bot made = new Bot(id, world.workspace, "bot " + id, "", type, world.paperAccount.id(), Environment.PAPER,
                new PositionSizing.FixedQuote(BigDecimal.TEN), BotRisk.NONE, status,
                world.vault.seal(secret, new SecretBinding(world.workspace, "bot:" + id)), null, null, 1,
                world.now(), world.now());
        world.bots.rows.put(id, made);
        return made;
    }

    WebhookAck send(String body) {
        return webhook.receive(new WebhookRequest(bot.id().toString(), SECRET, null, body, JSON, "203.0.113.9"));
    }

    WebhookAck send(Bot to, @Nullable String pathSecret, @Nullable String signature, String body, @Nullable String type) {
        return webhook.receive(new WebhookRequest(to.id().toString(), pathSecret, signature, body, type, "203.0.113.9"));
    }

    Signal stored(WebhookAck ack) {
        return world.signals.rows.get(ack.signalId());
    }

    static String sign(String secret, long t, String body) {
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(WebhookSignature.hmac(secret, t + "." + body));
    }

    static List<String> fields(Throwable error) {
        assertThat(error).isInstanceOf(Invalid.class);
        return ((Invalid) error).fieldErrors().stream().map(FieldError::field).toList();
    }

    /** Nothing a user, a log or the database sees holds the secret. */
    void assertSecretNowhere(@Nullable Throwable error) {
        if (error != null) {
            String shown = error + " " + error.getMessage()
                    + (error instanceof Invalid invalid ? invalid.fieldErrors().toString() : "");
            assertThat(shown).doesNotContain(SECRET);
        }
        for (Signal signal : world.signals.rows.values()) {
            assertThat(signal.toString()).doesNotContain(SECRET);
            assertThat(signal.rawBody()).doesNotContain(SECRET);
        }
        for (Attempt attempt : world.webhookLog.attempts) {
            assertThat(attempt.toString()).doesNotContain(SECRET);
        }
        world.journeys.steps.values().forEach(s -> assertThat(s.toString()).doesNotContain(SECRET));
        world.intake.jobs.forEach(j -> assertThat(j.toString()).doesNotContain(SECRET));
    }

    @Test
    void anAcceptedSignalIsStoredWithItsJobAndLogged() {
        WebhookAck ack = send("{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"quantity\":\"0.010\",\"price\":65000,"
                + "\"stopLoss\":\"64000.50\",\"takeProfit\":\"70000\",\"orderId\":\"long-1\"}");

        assertThat(ack.duplicate()).isFalse();
        Signal signal = stored(ack);
        assertThat(signal.status()).isEqualTo(SignalStatus.RECEIVED);
        assertThat(signal.workspace()).isEqualTo(world.workspace);
        assertThat(signal.bot()).isEqualTo(bot.id());
        assertThat(signal.receivedAt()).isEqualTo(world.now());
        assertThat(signal.action()).isEqualTo("buy");
        assertThat(signal.symbol()).isEqualTo("BTC/USDT");
        assertThat(signal.quantity()).isEqualTo("0.01");
        assertThat(signal.price()).isEqualTo("65000");
        assertThat(signal.stopLoss()).isEqualTo("64000.5");
        assertThat(signal.takeProfit()).isEqualTo("70000");
        assertThat(signal.externalOrderId()).isEqualTo("long-1");
        assertThat(signal.idempotencyKey()).isEqualTo("order:long-1");
        assertThat(signal.contentType()).isEqualTo(JSON);
        assertThat(world.intake.windows).containsExactly(Duration.ofHours(24));
        assertThat(world.intake.jobs).containsExactly(
                new NewJob("signal.process", world.workspace, ack.signalId().toString(), signal.receivedAt(),
                        "signal:" + ack.signalId(), "bot:" + bot.id()));
        assertThat(world.webhookLog.attempts).containsExactly(new Attempt(bot.id().toString(), world.workspace,
                world.now(), "accepted", 200, ack.signalId().toString(), "203.0.113.9"));
        assertSecretNowhere(null);
    }

    @Test
    void theSecretMayComeInTheBodyAndIsCutOutOfWhatIsKept() {
        String body = "{\"secret\": \"" + SECRET + "\", \"action\": \"sell\", \"symbol\": \"ETHUSDT\"}";
        WebhookAck ack = send(bot, null, null, body, JSON);

        Signal signal = stored(ack);
        assertThat(signal.action()).isEqualTo("sell");
        assertThat(signal.rawBody()).isEqualTo("{\"action\": \"sell\", \"symbol\": \"ETHUSDT\"}");
        assertSecretNowhere(null);
    }

    @Test
    void theSecretInATextBodyIsCutOutToo() {
        WebhookAck ack = send(bot, null, null, "action=buy\nsecret=" + SECRET + "\nsymbol=BTCUSDT", TEXT);

        assertThat(stored(ack).rawBody()).isEqualTo("action=buy\nsymbol=BTCUSDT");
        assertSecretNowhere(null);
    }

    @Test
    void theSecretAnywhereElseInTheBodyIsMasked() {
        WebhookAck ack = send("{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"note\":\"my secret is " + SECRET + "\"}");

        assertThat(stored(ack).rawBody()).contains("my secret is ****");
        assertSecretNowhere(null);
    }

    @Nested
    class Authentication {
        @Test
        void aWrongSecretAnUnknownBotAndNoSecretAnswerTheSameNotFound() {
            String body = "{\"action\":\"buy\",\"symbol\":\"BTCUSDT\"}";
            Throwable wrong = catchThrowable(() -> send(bot, "not-the-secret", null, body, JSON));
            Throwable unknown = catchThrowable(() -> webhook.receive(new WebhookRequest(UUID.randomUUID().toString(),
                    SECRET, null, body, JSON, null)));
            Throwable none = catchThrowable(() -> send(bot, null, null, body, JSON));
            Throwable notAnId = catchThrowable(() -> webhook.receive(new WebhookRequest("../etc/passwd", SECRET, null,
                    body, JSON, null)));
            Throwable wrongInBody = catchThrowable(() -> send(bot, null, null,
                    "{\"secret\":\"nope\",\"action\":\"buy\",\"symbol\":\"BTCUSDT\"}", JSON));

            for (Throwable t : List.of(wrong, unknown, none, notAnId, wrongInBody)) {
                assertThat(t).isInstanceOf(NotFound.class).hasMessage(wrong.getMessage());
            }
            assertThat(world.signals.rows).isEmpty();
            assertThat(world.webhookLog.attempts).hasSize(5).allSatisfy(a -> {
                assertThat(a.outcome()).isEqualTo("unauthorized");
                assertThat(a.status()).isEqualTo(404);
                assertThat(a.workspace()).isNull();
                assertThat(a.signalId()).isNull();
            });
            assertSecretNowhere(wrong);
        }

        @Test
        void anUnknownBotIsComparedWithADummySoItDoesTheSameWork() {
            webhook.receive(new WebhookRequest(bot.id().toString(), SECRET, null, "{\"action\":\"buy\",\"symbol\":\"BTCUSDT\"}", JSON, null));
            int before = world.bots.webhookReads;
            Throwable unknown = catchThrowable(() -> webhook.receive(new WebhookRequest(
                    new UUID(0x7000, 1).toString(), SECRET, null, "{}", JSON, null)));

            assertThat(unknown).isInstanceOf(NotFound.class);
            assertThat(world.bots.webhookReads).isEqualTo(before + 1); // looked up like a real one
        }

        @Test
        void aValidSignatureAuthenticates() {
            String body = "{\"action\":\"buy\",\"symbol\":\"BTCUSDT\"}";
            WebhookAck ack = send(bot, null, sign(SECRET, world.now().getEpochSecond() - 30, body), body, JSON);

            assertThat(stored(ack).action()).isEqualTo("buy");
        }

        @Test
        void aSignatureOutsideFiveMinutesIsUnauthorizedEitherWay() {
            String body = "{\"action\":\"buy\",\"symbol\":\"BTCUSDT\"}";
            long now = world.now().getEpochSecond();

            assertThatThrownBy(() -> send(bot, null, sign(SECRET, now - 301, body), body, JSON))
                    .isInstanceOf(Unauthorized.class).hasMessageContaining("5 minutes");
            assertThatThrownBy(() -> send(bot, null, sign(SECRET, now + 301, body), body, JSON))
                    .isInstanceOf(Unauthorized.class);
            assertThat(world.webhookLog.last().status()).isEqualTo(401);
            assertThat(world.webhookLog.last().outcome()).isEqualTo("unauthorized");
            // at the edge it still counts
            assertThat(send(bot, null, sign(SECRET, now - 300, body), body, JSON).duplicate()).isFalse();
        }

        @Test
        void aWrongOrMalformedSignatureIsNotFound() {
            String body = "{\"action\":\"buy\",\"symbol\":\"BTCUSDT\"}";
            long now = world.now().getEpochSecond();
            for (String header : List.of(sign("another-secret", now, body), sign(SECRET, now, body + " "),
                    "t=" + now, "v1=" + "ab".repeat(32), "t=abc,v1=" + "ab".repeat(32), "garbage", "")) {
                assertThatThrownBy(() -> send(bot, null, header, body, JSON)).as(header).isInstanceOf(NotFound.class);
            }
            // an expired signature of the wrong secret tells a stranger nothing: still NotFound
            assertThatThrownBy(() -> send(bot, null, sign("another-secret", now - 3600, body), body, JSON))
                    .isInstanceOf(NotFound.class);
        }

        @Test
        void aReplayedSignatureInsideTheWindowIsADuplicate() {
            String body = "{\"action\":\"buy\",\"symbol\":\"BTCUSDT\"}";
            String signature = sign(SECRET, world.now().getEpochSecond(), body);
            WebhookAck first = send(bot, null, signature, body, JSON);
            world.advance(Duration.ofSeconds(20));

            WebhookAck replay = send(bot, null, signature, body, JSON);

            assertThat(replay).isEqualTo(new WebhookAck(first.signalId(), true));
            assertThat(world.intake.jobs).hasSize(1);
            assertThat(world.webhookLog.last().outcome()).isEqualTo("duplicate");
        }

        @Test
        void thePreviousSecretWorksDuringItsGraceOnly() {
            String next = "bmV4dC1zZWNyZXQtYWZ0ZXItcm90YXRpb24tMTIzNDU2Nzg5";
            SealedSecret sealed = world.vault.seal(next, new SecretBinding(world.workspace, "bot:" + bot.id()));
            world.bots.rotateSecret(world.workspace, bot.id(), sealed, world.now().plus(Bot.PREVIOUS_SECRET_GRACE), world.now());

            assertThat(send("{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"orderId\":\"a\"}").duplicate()).isFalse();
            assertThat(send(bot, next, null, "{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"orderId\":\"b\"}", JSON)
                    .duplicate()).isFalse();
            world.advance(Bot.PREVIOUS_SECRET_GRACE);

            assertThatThrownBy(() -> send("{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"orderId\":\"c\"}"))
                    .isInstanceOf(NotFound.class);
            assertThat(send(bot, next, null, "{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"orderId\":\"d\"}", JSON)
                    .duplicate()).isFalse();
        }

        @Test
        void aBotIsReadOnceASecondAndARotatedSecretOrAWrongOneIsCheckedOnTheBotAsStoredNow() {
            int before = world.bots.webhookReads;
            for (int i = 0; i < 5; i++) {
                send("{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"orderId\":\"r" + i + "\"}");
            }
            assertThat(world.bots.webhookReads).as("one read for five webhooks within a second").isEqualTo(before + 1);

            world.advance(Duration.ofMillis(ReceiveSignalsService.BOT_TTL_MILLIS));
            send("{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"orderId\":\"r5\"}");
            assertThat(world.bots.webhookReads).as("read again once the second is over").isEqualTo(before + 2);

            String next = "cm90YXRlZC1zZWNyZXQtd2hpbGUtdGhlLWJvdC1pcy1jYWNoZWQ";
            SealedSecret sealed = world.vault.seal(next, new SecretBinding(world.workspace, "bot:" + bot.id()));
            world.bots.rotateSecret(world.workspace, bot.id(), sealed, world.now().plus(Bot.PREVIOUS_SECRET_GRACE), world.now());
            assertThat(send(bot, next, null, "{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"orderId\":\"r6\"}", JSON)
                    .duplicate()).as("the new secret works at once, though the cached copy predates it").isFalse();
            assertThat(world.bots.webhookReads).isEqualTo(before + 3);

            assertThatThrownBy(() -> send(bot, "d3Jvbmctc2VjcmV0LWZvci10aGUtY2FjaGVkLWJvdC0xMjM0", null,
                    "{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"orderId\":\"r7\"}", JSON)).isInstanceOf(NotFound.class);
            assertThat(world.bots.webhookReads).as("a refusal is given on the bot as stored now").isEqualTo(before + 4);
        }

        @Test
        void openedSecretsAreCachedForAMinuteAndANewSealedSecretIsOpenedAtOnce() {
            for (int i = 0; i < 3; i++) {
                send("{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"orderId\":\"o" + i + "\"}");
            }
            assertThat(world.vault.openings).hasSize(1);
            assertThat(world.vault.openings.getFirst().purpose()).isEqualTo("webhook authentication");

            world.advance(Duration.ofSeconds(61));
            send("{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"orderId\":\"o3\"}");
            assertThat(world.vault.openings).hasSize(2);

            String next = "cm90YXRlZC1zZWNyZXQtZm9yLXRoZS1jYWNoZS10ZXN0LTEy";
            SealedSecret sealed = world.vault.seal(next, new SecretBinding(world.workspace, "bot:" + bot.id()));
            world.bots.rotateSecret(world.workspace, bot.id(), sealed, world.now().plus(Bot.PREVIOUS_SECRET_GRACE), world.now());
            send(bot, next, null, "{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"orderId\":\"o4\"}", JSON);
            assertThat(world.vault.openings).hasSize(3); // the new one; the previous one still cached
        }
    }

    @Nested
    class Bodies {
        @ParameterizedTest
        @CsvSource({
                "BTCUSDT, BTC/USDT", "BINANCE:BTCUSDT, BTC/USDT", "BTC-USD, BTC/USD", "BTC/USDT, BTC/USDT",
                "btcusdt, BTC/USDT", "ETHBTC, ETH/BTC", "BTCUSDT.P, BTC/USDT", "COINBASE:ETH-EUR, ETH/EUR",
                "SOLUSDC, SOL/USDC", "BTC_FDUSD, BTC/FDUSD", "USDCUSDT, USDC/USDT", "' eth/usdt ', ETH/USDT"})
        void cryptoSymbolsAreNormalized(String given, String expected) {
            WebhookAck ack = send("{\"action\":\"buy\",\"symbol\":\"" + given + "\"}");
            assertThat(stored(ack).symbol()).isEqualTo(expected);
        }

        @ParameterizedTest
        @CsvSource({"AAPL, AAPL/USD", "NASDAQ:AAPL, AAPL/USD", "msft, MSFT/USD", "AAPL/USD, AAPL/USD"})
        void stockSymbolsAreQuotedInDollars(String given, String expected) {
            Bot stocks = bot(AssetType.STOCKS, BotStatus.ACTIVE, SECRET);
            WebhookAck ack = send(stocks, SECRET, null, "{\"action\":\"buy\",\"symbol\":\"" + given + "\"}", JSON);
            assertThat(stored(ack).symbol()).isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"BTC", "XYZ", "BTC-USD-PERP", "BTC/", "/USDT", "USDT", "BTC/BTC", "B!TCUSDT", "BTC USDT"})
        void unknownSymbolShapesAreInvalid(String given) {
            Throwable error = catchThrowable(() -> send("{\"action\":\"buy\",\"symbol\":\"" + given + "\"}"));
            assertThat(fields(error)).containsExactly("symbol");
            assertThat(world.webhookLog.last()).extracting(Attempt::outcome, Attempt::status, Attempt::workspace)
                    .containsExactly("invalid", 400, world.workspace);
        }

        @ParameterizedTest
        @CsvSource({"buy, buy", "BUY, buy", "Buy, buy", "sell, sell", "SELL, sell", "Close, close", "CLOSE, close"})
        void actionsAreReadInAnyCase(String given, String expected) {
            WebhookAck ack = send("{\"action\":\"" + given + "\",\"symbol\":\"BTCUSDT\"}");
            assertThat(stored(ack).action()).isEqualTo(expected);
        }

        @Test
        void everyWrongFieldIsNamedAtOnce() {
            Throwable error = catchThrowable(() -> send("{\"action\":\"hold\",\"quantity\":\"-1\",\"price\":0,"
                    + "\"stopLoss\":\"1e5\",\"takeProfit\":true,\"orderId\":\"\"}"));
            assertThat(fields(error)).containsExactlyInAnyOrder("action", "symbol", "quantity", "price", "stopLoss",
                    "takeProfit", "orderId");
            assertSecretNowhere(error);
        }

        @Test
        void missingActionOrSymbolIsInvalid() {
            assertThat(fields(catchThrowable(() -> send("{\"symbol\":\"BTCUSDT\"}")))).containsExactly("action");
            assertThat(fields(catchThrowable(() -> send("{\"action\":\"buy\"}")))).containsExactly("symbol");
            assertThat(fields(catchThrowable(() -> send("{}")))).containsExactlyInAnyOrder("action", "symbol");
            assertThat(fields(catchThrowable(() -> send("{\"action\":null,\"symbol\":\"BTCUSDT\"}")))).containsExactly("action");
        }

        @ParameterizedTest
        @ValueSource(strings = {"-0.5", "-1", "0", "0.000", "abc", "1e3", "1,5", "12345678901234567890123", "0.1234567890123456789"})
        void quantitiesMustBePositivePlainDecimals(String quantity) {
            Throwable error = catchThrowable(() -> send("{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"quantity\":\"" + quantity + "\"}"));
            assertThat(fields(error)).containsExactly("quantity");
        }

        @Test
        void aNegativeNumberIsNamedAsSuch() {
            Invalid error = (Invalid) catchThrowable(() -> send("{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"quantity\":-2}"));
            assertThat(error.fieldErrors()).containsExactly(new FieldError("quantity", "must be above 0"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"action\":\"buy\",", "{\"action\":\"buy\" \"symbol\":\"BTCUSDT\"}", "[1,2]",
                "{\"action\":'buy'}", "{\"a\":1} trailing", "{\"action\":\"buy\",\"action\":\"sell\",\"symbol\":\"BTCUSDT\"}"})
        void malformedJsonIsInvalid(String body) {
            Throwable error = catchThrowable(() -> send(body));
            assertThat(error).isInstanceOf(Invalid.class);
            assertThat(fields(error)).hasSize(1).first().isIn("body", "action");
            assertSecretNowhere(error);
        }

        @Test
        void aMalformedBodyWithoutAnotherCredentialIsNotFound() {
            // the secret cannot be read from a body that does not parse: nothing says the bot exists
            assertThatThrownBy(() -> send(bot, null, null, "{\"secret\":\"" + SECRET + "\",", JSON))
                    .isInstanceOf(NotFound.class).satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
        }

        @Test
        void tradingViewTextIsReadAsKeyValuePairs() {
            WebhookAck ack = send(bot, SECRET, null, "action=BUY symbol=BINANCE:ETHUSDT quantity=0.5 order_id=tv-7", TEXT);

            Signal signal = stored(ack);
            assertThat(signal.action()).isEqualTo("buy");
            assertThat(signal.symbol()).isEqualTo("ETH/USDT");
            assertThat(signal.quantity()).isEqualTo("0.5");
            assertThat(signal.externalOrderId()).isEqualTo("tv-7");
            assertThat(signal.contentType()).isEqualTo(TEXT);
        }

        @Test
        void jsonSentAsTextIsReadAsJson() {
            WebhookAck ack = send(bot, SECRET, null, "  {\"action\":\"close\",\"symbol\":\"BTC/USDT\"}", TEXT);
            assertThat(stored(ack).action()).isEqualTo("close");
        }

        @Test
        void textThatIsNeitherIsInvalid() {
            assertThat(fields(catchThrowable(() -> send(bot, SECRET, null, "buy BTCUSDT now", TEXT)))).containsExactly("body");
            assertThat(fields(catchThrowable(() -> send(bot, SECRET, null, "{action=buy}", TEXT)))).containsExactly("body");
            assertThat(fields(catchThrowable(() -> send(bot, SECRET, null, "action=buy symbol=BTCUSDT", JSON))))
                    .containsExactly("body");
        }

        @ParameterizedTest
        @ValueSource(strings = {"application/xml", "multipart/form-data; boundary=x", "image/png"})
        void aWrongContentTypeIsInvalid(String type) {
            assertThat(fields(catchThrowable(() -> send(bot, SECRET, null, "{\"action\":\"buy\",\"symbol\":\"BTCUSDT\"}", type))))
                    .containsExactly("contentType");
        }

        @Test
        void aBodyOverTheLimitIsInvalidBeforeAnythingElse() {
            String big = "{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}";
            assertThat(fields(catchThrowable(() -> send(big)))).containsExactly("body");
            assertThat(world.bots.webhookReads).isZero();
        }

        @Test
        void aFieldLongerThanASignalKeepsIsInvalid() {
            Throwable error = catchThrowable(() -> send("{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"orderId\":\""
                    + "o".repeat(SignalFields.MAX_ORDER_ID + 1) + "\"}"));
            assertThat(fields(error)).containsExactly("orderId");
        }
    }

    @Nested
    class Idempotency {
        @Test
        void aRepeatedOrderIdWithin24HoursIsADuplicate() {
            WebhookAck first = send("{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"orderId\":\"entry-1\"}");
            world.advance(Duration.ofHours(23));
            WebhookAck again = send("{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"quantity\":2,\"orderId\":\"entry-1\"}");
            assertThat(again).isEqualTo(new WebhookAck(first.signalId(), true));
            assertThat(world.intake.jobs).hasSize(1);

            world.advance(Duration.ofHours(1));
            WebhookAck later = send("{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"orderId\":\"entry-1\"}");
            assertThat(later.duplicate()).isFalse();
            assertThat(world.intake.jobs).hasSize(2);
        }

        @Test
        void theSameBodyWithin60SecondsIsADuplicateHoweverItIsWritten() {
            WebhookAck first = send("{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"quantity\":\"1.0\"}");
            world.advance(Duration.ofSeconds(30));
            WebhookAck reordered = send("{ \"quantity\": 1, \"symbol\": \"btcusdt\", \"action\": \"BUY\" }");
            WebhookAck asText = send(bot, SECRET, null, "action=buy symbol=BTCUSDT quantity=1", TEXT);
            WebhookAck withSecret = send(bot, null, null,
                    "{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"quantity\":1,\"secret\":\"" + SECRET + "\"}", JSON);

            assertThat(List.of(reordered, asText, withSecret)).allSatisfy(
                    ack -> assertThat(ack).isEqualTo(new WebhookAck(first.signalId(), true)));
            assertThat(stored(first).idempotencyKey()).startsWith("body:").hasSize(5 + 64);
            assertThat(world.intake.windows).allMatch(Duration.ofSeconds(60)::equals);

            WebhookAck different = send("{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"quantity\":2}");
            assertThat(different.duplicate()).isFalse();

            world.advance(Duration.ofSeconds(30));
            assertThat(send("{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"quantity\":\"1.0\"}").duplicate()).isFalse();
        }
    }

    @Nested
    class Limits {
        String body(int i) {
            return "{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"orderId\":\"n" + i + "\"}";
        }

        @Test
        void tenAMinutePerBotThenRateLimitedUntilTheNextMinute() {
            for (int i = 0; i < 10; i++) {
                send(body(i));
            }
            RateLimited limited = (RateLimited) catchThrowable(() -> send(body(10)));

            assertThat(limited.limit()).isEqualTo("webhooks-per-minute");
            assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(30)); // the clock is at :30
            assertThat(world.webhookLog.last()).extracting(Attempt::outcome, Attempt::status)
                    .containsExactly("rate-limited", 429);
            Bot other = bot(AssetType.CRYPTO, BotStatus.ACTIVE, SECRET);
            assertThat(send(other, SECRET, null, body(11), JSON).duplicate()).isFalse(); // per bot

            world.advance(Duration.ofSeconds(30));
            assertThat(send(body(12)).duplicate()).isFalse();
        }

        @Test
        void theDailyQuotaOfThePlanThenRateLimitedUntilMidnight() {
            world.plans.set(world.workspace, Plan.FREE);
            ReceiveSignals free = world.receiveSignals();
            for (int i = 0; i < 100; i++) {
                free.receive(new WebhookRequest(bot.id().toString(), SECRET, null, body(i), JSON, null));
                world.advance(Duration.ofSeconds(6));
            }
            RateLimited limited = (RateLimited) catchThrowable(() -> free.receive(
                    new WebhookRequest(bot.id().toString(), SECRET, null, body(100), JSON, null)));

            assertThat(limited.limit()).isEqualTo("webhooks-per-day");
            assertThat(limited.getMessage()).contains("FREE").contains("100");
            Instant midnight = Instant.parse("2026-11-22T00:00:00Z");
            assertThat(limited.retryAfter()).isEqualTo(Duration.between(world.now(), midnight));
            assertThat(world.webhookLog.last()).extracting(Attempt::outcome, Attempt::status)
                    .containsExactly("quota", 429);
        }

        @Test
        void theUnlimitedPlanHasNoDailyQuotaButKeepsThePerBotRateLimit() {
            world.defaultPlan = Plan.UNLIMITED;
            ReceiveSignals unlimited = world.receiveSignals();
            for (int i = 0; i < 10; i++) {
                unlimited.receive(new WebhookRequest(bot.id().toString(), SECRET, null, body(i), JSON, null));
            }
            RateLimited limited = catchThrowableOfType(RateLimited.class, () -> unlimited.receive(
                    new WebhookRequest(bot.id().toString(), SECRET, null, body(10), JSON, null)));
            assertThat(limited.limit()).isEqualTo("webhooks-per-minute");
            assertThat(world.webhookLog.counters.keySet()).noneMatch(k -> k.toString().contains("webhook-day"));
        }

        @Test
        void aRateLimitOfZeroWithTheUnlimitedPlanCountsNothing() {
            world.defaultPlan = Plan.UNLIMITED;
            ReceiveSignals unlimited = world.receiveSignals(0);
            for (int i = 0; i < 50; i++) {
                unlimited.receive(new WebhookRequest(bot.id().toString(), SECRET, null, body(i), JSON, null));
            }
            assertThat(world.webhookLog.counters).isEmpty();
            assertThat(world.intake.jobs).hasSize(50);
        }

        @Test
        void strangersAreNotCounted() {
            for (int i = 0; i < 20; i++) {
                catchThrowable(() -> send(bot, "wrong", null, body(0), JSON));
            }
            assertThat(world.webhookLog.counters).isEmpty();
            assertThat(send(body(1)).duplicate()).isFalse();
        }

        @Test
        void thePlanIsReadOnceAMinute() {
            send(body(1));
            send(body(2));
            assertThat(world.plans.reads).isEqualTo(1);
            world.advance(Duration.ofSeconds(61));
            send(body(3));
            assertThat(world.plans.reads).isEqualTo(2);
        }
    }

    @Nested
    class Outcomes {
        @Test
        void aPausedBotsSignalIsRecordedAsIgnoredWithoutAJob() {
            Bot paused = bot(AssetType.CRYPTO, BotStatus.PAUSED, SECRET);
            WebhookAck ack = send(paused, SECRET, null, "{\"action\":\"buy\",\"symbol\":\"BTCUSDT\"}", JSON);

            assertThat(ack.duplicate()).isFalse();
            Signal signal = stored(ack);
            assertThat(signal.status()).isEqualTo(SignalStatus.IGNORED);
            assertThat(signal.reason()).contains("PAUSED");
            assertThat(world.intake.jobs).isEmpty();
            assertThat(world.journeys.steps.get(ack.signalId())).extracting(s -> s.step()).containsExactly("ignored");
            assertThat(world.webhookLog.last()).extracting(Attempt::outcome, Attempt::status, Attempt::signalId)
                    .containsExactly("ignored", 200, ack.signalId().toString());

            WebhookAck again = send(paused, SECRET, null, "{\"action\":\"buy\",\"symbol\":\"BTCUSDT\"}", JSON);
            assertThat(again).isEqualTo(new WebhookAck(ack.signalId(), true));
        }

        @Test
        void aStoppedBotsSignalIsIgnoredToo() {
            Bot stopped = bot(AssetType.CRYPTO, BotStatus.STOPPED, SECRET);
            WebhookAck ack = send(stopped, SECRET, null, "{\"action\":\"sell\",\"symbol\":\"BTCUSDT\"}", JSON);
            assertThat(stored(ack).status()).isEqualTo(SignalStatus.IGNORED);
        }

        @Test
        void anAcceptedSignalsLogRowIsWrittenWithItAndALogThatFailsStoresNothing() {
            WebhookAck ack = send("{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"orderId\":\"l1\"}");
            assertThat(world.webhookLog.attempts).singleElement().extracting(Attempt::outcome, Attempt::signalId)
                    .containsExactly("accepted", ack.signalId().toString());
            WebhookAck again = send("{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"orderId\":\"l1\"}");
            assertThat(world.webhookLog.attempts).hasSize(2).last().extracting(Attempt::outcome, Attempt::signalId)
                    .containsExactly("duplicate", again.signalId().toString());

            world.webhookLog.failRecording = new Unavailable("the log is down");
            int stored = world.signals.rows.size();
            assertThatThrownBy(() -> send("{\"action\":\"buy\",\"symbol\":\"BTCUSDT\",\"orderId\":\"l2\"}"))
                    .as("the signal and its log row commit together: the sender is told to send again")
                    .isInstanceOf(Unavailable.class);
            assertThat(world.signals.rows).hasSize(stored);
        }

        @Test
        void aLogThatFailsOnARefusedRequestDoesNotChangeItsAnswer() {
            world.webhookLog.failRecording = new Unavailable("the log is down");
            assertThatThrownBy(() -> send(bot, "d3Jvbmctc2VjcmV0LWZvci10aGUtcmVmdXNlZC1yZXF1ZXN0", null,
                    "{\"action\":\"buy\",\"symbol\":\"BTCUSDT\"}", JSON)).isInstanceOf(NotFound.class);
        }

        @Test
        void aStoreFailureIsLoggedAsAnErrorAndPassedOn() {
            Bot unopenable = new Bot(new BotId(world.newId()), world.workspace, "broken", "", AssetType.CRYPTO,
                    world.paperAccount.id(), Environment.PAPER, new PositionSizing.FixedQuote(BigDecimal.ONE),
                    BotRisk.NONE, BotStatus.ACTIVE, new SealedSecret("not-sealed-here"), null, null, 1, world.now(), world.now());
            world.bots.rows.put(unopenable.id(), unopenable);

            Throwable error = catchThrowable(() -> send(unopenable, SECRET, null, "{}", JSON));

            assertThat(error).isNotNull();
            assertThat(world.webhookLog.last()).extracting(Attempt::outcome, Attempt::status).containsExactly("error", 500);
        }
    }
}
