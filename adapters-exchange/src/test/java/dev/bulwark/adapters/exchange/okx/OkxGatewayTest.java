package dev.bulwark.adapters.exchange.okx;

import dev.bulwark.adapters.exchange.testing.Circuits;
import dev.bulwark.domain.venues.VenueCircuit;
import dev.bulwark.adapters.exchange.testing.Eventually;

import static org.assertj.core.api.Assertions.assertThat;
import dev.bulwark.adapters.exchange.testing.SignedFakeVenue;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.adapters.exchange.testing.SignedFakeVenue.Reply;
import dev.bulwark.adapters.exchange.testing.SignedFakeVenue.Request;
import dev.bulwark.adapters.exchange.support.VenueResilience;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.market.TradingRules;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderSize;
import dev.bulwark.domain.orders.OrderStatus;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.orders.TimeInForce;
import dev.bulwark.domain.portfolio.AccountKind;
import dev.bulwark.domain.portfolio.Holding;
import dev.bulwark.domain.secrets.SealedSecret;
import dev.bulwark.domain.venues.Environment;
import dev.bulwark.domain.venues.Permission;
import dev.bulwark.domain.venues.SyncState;
import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.venues.CancelResult;
import dev.bulwark.ports.driven.venues.CredentialCheck;
import dev.bulwark.ports.driven.venues.OrderRequest;
import dev.bulwark.ports.driven.venues.PlacementResult;
import dev.bulwark.ports.driven.venues.VenueConnection;
import dev.bulwark.ports.driven.venues.VenueCredentials;
import dev.bulwark.ports.driven.venues.VenueEnvironment;
import dev.bulwark.ports.driven.venues.VenueGateway;
import dev.bulwark.ports.errors.Invalid;
import dev.bulwark.ports.errors.NotFound;
import dev.bulwark.ports.errors.RateLimited;
import dev.bulwark.ports.errors.Unauthorized;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OkxGatewayTest {
    static final String KEY = "okx-test-key-0001";
    static final String SECRET = "okx-test-secret-do-not-print";
    static final String PASSPHRASE = "okx-passphrase-do-not-print";
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    static final Instrument BTC = Instrument.spot("BTC", "USDT");
    static final ClientOrderId CID = new ClientOrderId("b15");
    static final VenueResilience.Settings FAST = new VenueResilience.Settings(Duration.ofMillis(2_000), 1,
            Duration.ofMillis(10), 3, Duration.ofMillis(400), Duration.ofMillis(100));
    static final ObjectMapper JSON = new ObjectMapper();

    final AtomicReference<Instant> now = new AtomicReference<>(T0);
    SignedFakeVenue venue;
    OkxVenueProvider provider;
    VenueAccount account;
    VenueGateway gateway;

    @BeforeEach
    void start() {
        venue = SignedFakeVenue.start(OkxGatewayTest::checkSignature);
        provider = new OkxVenueProvider(FAST);
        account = account(Environment.LIVE);
        gateway = connect(VenueEnvironment.LIVE, new VenueCredentials(KEY, SECRET, PASSPHRASE));
    }

    @AfterEach
    void stop() {
        gateway.close();
        venue.close();
    }

    VenueAccount account(Environment environment) {
        return new VenueAccount(new VenueAccountId(UUID.randomUUID()), new WorkspaceId(UUID.randomUUID()), new VenueId("okx"),
                "OKX", environment, null, Set.of(Permission.READ, Permission.TRADE), true, "okx-\u20260001",
                new SealedSecret("sealed"), SyncState.never(), T0, T0);
    }

    VenueGateway connect(VenueEnvironment environment, VenueCredentials credentials) {
        VenueAccount of = environment == VenueEnvironment.LIVE ? account : account(Environment.PAPER);
        return provider.connect(new VenueConnection(of, environment, venue.baseUrl(), credentials, now::get));
    }

    /**
     * What OKX does with every private request: recompute the documented signature (base64 HMAC-SHA256 of
     * timestamp + method + request path with its query + body) and check the passphrase, answering its own 401s.
     */
    static Optional<Reply> checkSignature(Request request) {
        if (request.path().startsWith("/api/v5/market/") || request.path().startsWith("/api/v5/public/")) {
            assertThat(request.header("OK-ACCESS-SIGN")).as("public calls are not signed").isEmpty();
            return Optional.empty();
        }
        if (!request.header("OK-ACCESS-KEY").equals(KEY)) {
            return Optional.of(Reply.json(401, "{\"msg\":\"Invalid OK-ACCESS-KEY\",\"code\":\"50111\"}"));
        }
        String timestamp = request.header("OK-ACCESS-TIMESTAMP");
        if (!timestamp.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z")) {
            return Optional.of(Reply.json(401, "{\"msg\":\"Invalid OK-ACCESS-TIMESTAMP\",\"code\":\"50112\"}"));
        }
        if (!request.header("OK-ACCESS-PASSPHRASE").equals(PASSPHRASE)) {
            return Optional.of(Reply.json(401, "{\"msg\":\"OK-ACCESS-PASSPHRASE incorrect.\",\"code\":\"50105\"}"));
        }
        String requestPath = request.path() + (request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery());
        String expected = OkxSigner.sign(SECRET, timestamp + request.method() + requestPath + request.body());
        if (!expected.equals(request.header("OK-ACCESS-SIGN"))) {
            return Optional.of(Reply.json(401, "{\"msg\":\"Invalid Sign\",\"code\":\"50113\"}"));
        }
        return Optional.empty();
    }

    static String doc(String name) {
        return SignedFakeVenue.resource(OkxGatewayTest.class, name);
    }

    static String failed(String sCode, String sMsg) {
        return "{\"code\":\"1\",\"msg\":\"Operation failed.\",\"data\":[{\"clOrdId\":\"b15\",\"ordId\":\"\",\"sCode\":\"" + sCode
                + "\",\"sMsg\":\"" + sMsg + "\",\"tag\":\"\",\"ts\":\"1695190491421\"}],\"inTime\":\"1\",\"outTime\":\"2\"}";
    }

    static String error(String code, String msg) {
        return "{\"code\":\"" + code + "\",\"msg\":\"" + msg + "\",\"data\":[]}";
    }

    static String order(String state, String accFillSz, String avgPx) {
        return "{\"code\":\"0\",\"msg\":\"\",\"data\":[{\"instType\":\"SPOT\",\"instId\":\"BTC-USDT\",\"ordId\":\"312269865356374016\","
                + "\"clOrdId\":\"b15\",\"px\":\"30000\",\"sz\":\"0.001\",\"ordType\":\"limit\",\"side\":\"buy\",\"tdMode\":\"cash\","
                + "\"state\":\"" + state + "\",\"accFillSz\":\"" + accFillSz + "\",\"avgPx\":\"" + avgPx + "\",\"tgtCcy\":\"\","
                + "\"cTime\":\"1597026383085\",\"uTime\":\"1597026383999\"}]}";
    }

    // --- signing ---

    @Test
    void theSignatureIsBase64HmacSha256AsRfc4231TestCase2() {
        assertThat(OkxSigner.sign("Jefe", "what do ya want for nothing?")).isEqualTo("W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=");
    }

    @Test
    void thePrehashIsTheDocumentedConcatenationWithAnIsoMillisecondTimestamp() {
        // the docs: sign = Base64(HmacSHA256(timestamp + 'GET' + '/api/v5/account/balance?ccy=BTC', SecretKey))
        String timestamp = OkxSigner.timestamp(Instant.parse("2020-12-08T09:08:57.715Z"));
        assertThat(timestamp).isEqualTo("2020-12-08T09:08:57.715Z");
        assertThat(OkxSigner.prehash(timestamp, "GET", "/api/v5/account/balance?ccy=BTC", ""))
                .isEqualTo("2020-12-08T09:08:57.715ZGET/api/v5/account/balance?ccy=BTC");
        assertThat(OkxSigner.timestamp(T0)).as("milliseconds even when zero").isEqualTo("2026-11-21T10:00:00.000Z");
    }

    @Test
    void everyPrivateRequestCarriesKeySignTimestampAndPassphrase() {
        venue.on("GET", "/api/v5/account/balance", Reply.ok(doc("balance.json")));
        gateway.balances();
        Request request = venue.last();
        assertThat(request.header("OK-ACCESS-KEY")).isEqualTo(KEY);
        assertThat(request.header("OK-ACCESS-TIMESTAMP")).isEqualTo("2026-11-21T10:00:00.000Z");
        assertThat(request.header("OK-ACCESS-PASSPHRASE")).isEqualTo(PASSPHRASE);
        assertThat(request.header("x-simulated-trading")).as("live trading").isEmpty();
    }

    @Test
    void demoTradingSaysSoOnEveryRequest() {
        venue.on("GET", "/api/v5/account/balance", Reply.ok(doc("balance.json")));
        VenueGateway demo = connect(VenueEnvironment.TESTNET, new VenueCredentials(KEY, SECRET, PASSPHRASE));
        demo.balances();
        assertThat(venue.last().header("x-simulated-trading")).isEqualTo("1");
    }

    @Test
    void aWrongSecretOrPassphraseIsRefusedAsOkxWould() {
        venue.on("GET", "/api/v5/account/config", Reply.ok(doc("account-config.json")));
        VenueGateway wrongSecret = connect(VenueEnvironment.LIVE, new VenueCredentials(KEY, "another-secret", PASSPHRASE));
        assertThatThrownBy(wrongSecret::balances).isInstanceOf(Unauthorized.class).hasMessageContaining("50113");
        VenueGateway wrongPassphrase = connect(VenueEnvironment.LIVE, new VenueCredentials(KEY, SECRET, "another"));
        CredentialCheck check = wrongPassphrase.checkCredentials();
        assertThat(check.valid()).isFalse();
        assertThat(check.problem()).contains("50105").doesNotContain("another");
    }

    // --- balances, prices, rules ---

    @Test
    void balancesAreAvailableAndFrozenApart() {
        venue.on("GET", "/api/v5/account/balance", Reply.ok(doc("balance.json")));
        VenueId okx = new VenueId("okx");
        assertThat(gateway.balances()).containsExactly(
                new Holding(account.id(), okx, AccountKind.SPOT, Asset.USDT, BigDecimal.ONE, BigDecimal.ZERO),
                new Holding(account.id(), okx, AccountKind.SPOT, Asset.BTC, new BigDecimal("0.5"), new BigDecimal("0.2")));
        assertThat(venue.last().rawQuery()).isEmpty();
    }

    @Test
    void priceIsTheTickersLastCachedForSeconds() {
        venue.on("GET", "/api/v5/market/ticker", Reply.ok(doc("ticker.json")));
        assertThat(gateway.price(BTC)).contains(new BigDecimal("9999.99"));
        gateway.price(BTC);
        assertThat(venue.count("/api/v5/market/ticker")).isEqualTo(1);
        assertThat(venue.last().query()).isEqualTo(Map.of("instId", "BTC-USDT"));
        now.set(T0.plusSeconds(3));
        gateway.price(BTC);
        assertThat(venue.count("/api/v5/market/ticker")).isEqualTo(2);
    }

    @Test
    void anUnknownInstrumentHasNoPriceAndNoRules() {
        venue.on("GET", "/api/v5/market/ticker", Reply.ok(error("51001", "Instrument ID does not exist")));
        venue.on("GET", "/api/v5/public/instruments", Reply.ok(error("51001", "Instrument ID does not exist")));
        Instrument nope = Instrument.spot("NOPE", "USDT");
        assertThat(gateway.price(nope)).isEmpty();
        assertThatThrownBy(() -> gateway.rules(nope)).isInstanceOf(NotFound.class);
    }

    @Test
    void rulesComeFromTheInstrumentsEndpointAndAreCachedForAnHour() {
        venue.on("GET", "/api/v5/public/instruments", Reply.ok(doc("instruments-spot.json")));
        assertThat(gateway.rules(BTC)).isEqualTo(new TradingRules(new BigDecimal("0.1"), new BigDecimal("0.00000001"),
                new BigDecimal("0.00001"), new BigDecimal("9999999999"), BigDecimal.ZERO));
        assertThat(venue.last().query()).isEqualTo(Map.of("instType", "SPOT", "instId", "BTC-USDT"));
        now.set(T0.plus(Duration.ofMinutes(59)));
        gateway.rules(BTC);
        assertThat(venue.count("/api/v5/public/instruments")).isEqualTo(1);
        now.set(T0.plus(Duration.ofMinutes(61)));
        gateway.rules(BTC);
        assertThat(venue.count("/api/v5/public/instruments")).isEqualTo(2);
    }

    // --- placing ---

    @Test
    void aLimitOrderIsSentInCashModeWithItsClOrdId() throws Exception {
        venue.on("POST", "/api/v5/trade/order", Reply.ok(doc("place-order.json")));
        PlacementResult result = gateway.place(OrderRequest.limit(BTC, OrderSide.BUY, new BigDecimal("0.001"),
                new BigDecimal("30000"), TimeInForce.GTC, CID));
        Order order = ((PlacementResult.Placed) result).order();
        assertThat(order.status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(order.id()).isEqualTo(VenueGateway.orderIdOf(account.id(), CID));
        assertThat(JSON.readTree(venue.last().body())).isEqualTo(JSON.readTree("{\"instId\":\"BTC-USDT\",\"tdMode\":\"cash\","
                + "\"clOrdId\":\"b15\",\"side\":\"buy\",\"ordType\":\"limit\",\"px\":\"30000\",\"sz\":\"0.001\"}"));
    }

    @Test
    void timeInForceAndMarketSizingAreSpelledTheOkxWay() throws Exception {
        venue.on("POST", "/api/v5/trade/order", Reply.ok(doc("place-order.json")));
        gateway.place(OrderRequest.limit(BTC, OrderSide.SELL, BigDecimal.ONE, BigDecimal.TEN, TimeInForce.FOK, CID));
        assertThat(JSON.readTree(venue.last().body()).path("ordType").asText()).isEqualTo("fok");
        gateway.place(OrderRequest.market(BTC, OrderSide.BUY, OrderSize.quoteAmount(new BigDecimal("100")), CID));
        assertThat(JSON.readTree(venue.last().body()).path("tgtCcy").asText()).isEqualTo("quote_ccy");
        gateway.place(OrderRequest.market(BTC, OrderSide.BUY, OrderSize.quantity(new BigDecimal("0.1")), CID));
        assertThat(JSON.readTree(venue.last().body()).path("tgtCcy").asText()).isEqualTo("base_ccy");
        assertThat(JSON.readTree(venue.last().body()).path("ordType").asText()).isEqualTo("market");
    }

    @Test
    void aClientOrderIdOutsideOkxsAlphabetIsSentAsAStableDigestAndFoundUnderItsOwnName() throws Exception {
        ClientOrderId dashed = new ClientOrderId("0190f2c4-7f1a-7c3e-9a55-1b2c3d4e5f60");
        String wire = OkxAdapters.wireId(dashed);
        assertThat(wire).matches("[A-Za-z0-9]{1,32}").isEqualTo(OkxAdapters.wireId(new ClientOrderId(dashed.value())));
        venue.on("POST", "/api/v5/trade/order", Reply.ok(doc("place-order.json")));
        gateway.place(OrderRequest.limit(BTC, OrderSide.BUY, BigDecimal.ONE, BigDecimal.TEN, TimeInForce.GTC, dashed));
        assertThat(JSON.readTree(venue.last().body()).path("clOrdId").asText()).isEqualTo(wire);
        venue.on("GET", "/api/v5/trade/order", Reply.ok(order("live", "0", "").replace("\"b15\"", "\"" + wire + "\"")));
        Order found = gateway.findByClientOrderId(BTC, dashed).orElseThrow();
        assertThat(found.clientOrderId()).isEqualTo(dashed);
        assertThat(venue.last().query()).containsEntry("clOrdId", wire);
    }

    @ParameterizedTest
    @CsvSource({
            "51008, Order failed. Insufficient USDT balance in account., insufficient-funds",
            "51016, Duplicated clOrdId, duplicate-client-order-id",
            "51001, Instrument ID does not exist, unknown-instrument",
            "51020, Your order should meet or exceed the minimum order amount., outside-trading-rules",
            "51121, Order quantity must be a multiple of the lot size., outside-trading-rules",
            "50030, No permission to use this API, not-permitted",
            "51000, Parameter px error, venue:51000"})
    void documentedRefusalsAreRejectionsWithStableCodes(String sCode, String sMsg, String code) {
        venue.on("POST", "/api/v5/trade/order", Reply.ok(failed(sCode, sMsg)));
        PlacementResult result = gateway.place(OrderRequest.limit(BTC, OrderSide.BUY, BigDecimal.ONE, BigDecimal.TEN,
                TimeInForce.GTC, CID));
        assertThat(((PlacementResult.Rejected) result).code()).isEqualTo(code);
        assertThat(((PlacementResult.Rejected) result).reason()).contains(sMsg);
    }

    @Test
    void whatOkxDoesNotSupportHereIsRefusedWithoutSendingAnything() {
        OrderRequest stop = new OrderRequest(BTC, OrderSide.SELL, OrderType.STOP_MARKET, OrderSize.quantity(BigDecimal.ONE),
                null, new BigDecimal("15000"), null, TimeInForce.GTC, CID, false, null);
        assertThat(((PlacementResult.Rejected) gateway.place(stop)).code()).isEqualTo(PlacementResult.Rejected.UNSUPPORTED);
        OrderRequest futures = OrderRequest.market(new Instrument(Asset.BTC, Asset.USDT, Market.USDM_FUTURES),
                OrderSide.BUY, OrderSize.quantity(BigDecimal.ONE), CID);
        assertThat(((PlacementResult.Rejected) gateway.place(futures)).code()).isEqualTo(PlacementResult.Rejected.UNSUPPORTED);
        assertThat(venue.requests()).isEmpty();
    }

    @Test
    void aPlacementThatTimesOutIsUnknownSentOnceAndResolvedByItsClientOrderId() {
        venue.on("POST", "/api/v5/trade/order", Reply.ok(doc("place-order.json")).after(Duration.ofMillis(6_000)));
        venue.on("GET", "/api/v5/trade/order", Reply.ok(order("live", "0", "")));
        assertThatThrownBy(() -> gateway.place(OrderRequest.limit(BTC, OrderSide.BUY, new BigDecimal("0.001"),
                new BigDecimal("30000"), TimeInForce.GTC, CID))).isInstanceOf(VenueUnavailable.class);
        assertThat(venue.count("/api/v5/trade/order")).isEqualTo(1);
        Order found = gateway.findByClientOrderId(BTC, CID).orElseThrow();
        assertThat(found.status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(found.id()).isEqualTo(VenueGateway.orderIdOf(account.id(), CID));
        assertThat(venue.last().query()).isEqualTo(Map.of("instId", "BTC-USDT", "clOrdId", "b15"));
        assertThat(venue.requests().stream().filter(r -> r.method().equals("POST")).count()).as("exactly one order").isEqualTo(1);
    }

    @Test
    void aPlacementAnsweredWithA5xxOrABusySystemIsUnknownAndNotRetried() {
        venue.on("POST", "/api/v5/trade/order", Reply.text(503, "<html>busy</html>"));
        OrderRequest request = OrderRequest.limit(BTC, OrderSide.BUY, BigDecimal.ONE, BigDecimal.TEN, TimeInForce.GTC, CID);
        assertThatThrownBy(() -> gateway.place(request)).isInstanceOf(VenueUnavailable.class);
        venue.on("POST", "/api/v5/trade/order", Reply.ok(error("50013", "Systems are busy. Please try again later.")));
        assertThatThrownBy(() -> gateway.place(request)).isInstanceOf(VenueUnavailable.class);
        assertThat(venue.count("/api/v5/trade/order")).isEqualTo(2);
    }

    // --- finding and cancelling ---

    @Test
    void theDocumentedFilledMarketBuyIsReadAsAQuoteSizedFilledOrder() {
        venue.on("GET", "/api/v5/trade/order", Reply.ok(doc("order-filled.json")));
        Order order = gateway.findByClientOrderId(BTC, CID).orElseThrow();
        assertThat(order.type()).isEqualTo(OrderType.MARKET);
        assertThat(order.size()).isEqualTo(OrderSize.quoteAmount(new BigDecimal("100")));
        assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(order.filledQuantity()).isEqualByComparingTo("0.00192834");
        assertThat(order.averageFillPrice()).isEqualByComparingTo("51858");
    }

    @Test
    void anOrderOkxDoesNotHaveIsEmpty() {
        venue.on("GET", "/api/v5/trade/order", Reply.ok(error("51603", "Order does not exist")));
        assertThat(gateway.findByClientOrderId(BTC, CID)).isEmpty();
    }

    @Test
    void aCancelConfirmedByTheOrderStateIsCancelled() throws Exception {
        venue.on("POST", "/api/v5/trade/cancel-order", Reply.ok(doc("cancel-order.json")));
        venue.on("GET", "/api/v5/trade/order", Reply.ok(order("canceled", "0", "")));
        assertThat(gateway.cancel(BTC, CID)).isInstanceOf(CancelResult.Cancelled.class);
        assertThat(JSON.readTree(venue.requests("/api/v5/trade/cancel-order").getFirst().body()))
                .isEqualTo(JSON.readTree("{\"instId\":\"BTC-USDT\",\"clOrdId\":\"b15\"}"));
    }

    @Test
    void aCancelStillPendingIsNotReportedAsDone() {
        venue.on("POST", "/api/v5/trade/cancel-order", Reply.ok(doc("cancel-order.json")));
        venue.on("GET", "/api/v5/trade/order", Reply.ok(order("canceling", "0", "")));
        assertThatThrownBy(() -> gateway.cancel(BTC, CID)).isInstanceOf(VenueUnavailable.class);
    }

    @Test
    void cancellingAFilledOrderSaysItAlreadyEndedAndAnUnknownOneIsUnknown() {
        venue.on("POST", "/api/v5/trade/cancel-order", Reply.ok(failed("51402", "Order cancellation failed as the order has been completed.")));
        venue.on("GET", "/api/v5/trade/order", Reply.ok(order("filled", "0.001", "30000")));
        assertThat(gateway.cancel(BTC, CID)).isInstanceOf(CancelResult.AlreadyFinal.class);
        venue.on("POST", "/api/v5/trade/cancel-order", Reply.ok(failed("51400", "Order cancellation failed as the order has been filled, canceled or does not exist.")));
        venue.on("GET", "/api/v5/trade/order", Reply.ok(error("51603", "Order does not exist")));
        assertThat(gateway.cancel(BTC, CID)).isEqualTo(new CancelResult.UnknownOrder(CID));
    }

    @Test
    void openOrdersAreThePendingOnes() {
        venue.on("GET", "/api/v5/trade/orders-pending", Reply.ok(doc("orders-pending.json")));
        List<Order> open = gateway.openOrders(null);
        assertThat(open).singleElement().satisfies(o -> {
            assertThat(o.instrument()).isEqualTo(BTC);
            assertThat(o.clientOrderId()).as("no clOrdId: the venue's id").isEqualTo(new ClientOrderId("1752588852617379840"));
            assertThat(o.limitPrice()).isEqualByComparingTo("13013.5");
            assertThat(o.timeInForce()).isEqualTo(TimeInForce.GTC);
        });
        assertThat(venue.last().query()).isEqualTo(Map.of("instType", "SPOT", "limit", "100"));
    }

    @Test
    void fillsAreTheHistorySinceAPointWithTheFeeAsCharged() {
        venue.on("GET", "/api/v5/trade/fills-history", Reply.ok(doc("fills-history.json")));
        Instant since = Instant.ofEpochMilli(1708587373362L).minus(Duration.ofDays(1));
        List<Fill> fills = gateway.fills(BTC, since);
        assertThat(fills).singleElement().satisfies(fill -> {
            assertThat(fill.tradeId()).isEqualTo("744876980");
            assertThat(fill.orderId()).isEqualTo(VenueGateway.orderIdOf(account.id(), CID));
            assertThat(fill.fee().amount()).isEqualByComparingTo("0.00000192834");
            assertThat(fill.fee().asset()).isEqualTo(Asset.BTC);
        });
        assertThat(venue.last().query()).containsEntry("begin", Long.toString(since.toEpochMilli()));
    }

    // --- credentials ---

    @Test
    void theDocumentedKeyMayTradeAndWithdrawAndSaysSo() {
        venue.on("GET", "/api/v5/account/config", Reply.ok(doc("account-config.json")));
        assertThat(gateway.checkCredentials().permissions())
                .containsExactlyInAnyOrder(Permission.READ, Permission.TRADE, Permission.WITHDRAW);
        venue.on("GET", "/api/v5/account/config", Reply.ok(doc("account-config.json").replace("read_only,withdraw,trade", "read_only")));
        assertThat(gateway.checkCredentials().permissions()).containsExactly(Permission.READ);
    }

    // --- failures ---

    @Test
    void throttlingIsRateLimited() {
        venue.on("GET", "/api/v5/account/balance", Reply.json(429, "{\"msg\":\"Too Many Requests\",\"code\":\"50011\"}")
                .header("Retry-After", "3"));
        assertThatThrownBy(gateway::balances).isInstanceOfSatisfying(RateLimited.class,
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3)));
        venue.on("GET", "/api/v5/account/balance", Reply.ok(error("50011", "Too Many Requests")));
        assertThatThrownBy(gateway::balances).isInstanceOfSatisfying(RateLimited.class,
                e -> assertThat(e.limit()).isEqualTo("ip-requests"));
        assertThat(venue.count("/api/v5/account/balance")).isEqualTo(2);
    }

    @Test
    void malformedAndTruncatedBodiesAreUnavailable() {
        venue.on("GET", "/api/v5/account/balance", Reply.ok("{\"code\":\"0\",\"data\":["));
        assertThatThrownBy(gateway::balances).isInstanceOf(VenueUnavailable.class);
        venue.on("GET", "/api/v5/account/balance", Reply.ok(doc("balance.json")).cutAfter(30));
        assertThatThrownBy(gateway::balances).isInstanceOf(VenueUnavailable.class);
        venue.on("GET", "/api/v5/account/balance", Reply.ok("{\"data\":[]}"));
        assertThatThrownBy(gateway::balances).isInstanceOf(VenueUnavailable.class);
    }

    @Test
    void theBreakerOpensAfterRepeatedFailuresAndClosesAgain() throws Exception {
        venue.on("GET", "/api/v5/market/ticker", Reply.json(502, "{}"));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> gateway.price(BTC)).isInstanceOf(VenueUnavailable.class);
        }
        assertThat(provider.resilience().state()).isEqualTo(VenueResilience.BreakerState.OPEN);
        Circuits.assertOne(provider, VenueCircuit.State.OPEN);
        long sent = venue.count("/api/v5/market/ticker");
        assertThatThrownBy(() -> gateway.price(BTC)).isInstanceOf(VenueUnavailable.class);
        assertThat(venue.count("/api/v5/market/ticker")).isEqualTo(sent);
        venue.on("GET", "/api/v5/market/ticker", Reply.ok(doc("ticker.json")));
        assertThat(Eventually.afterTheBreakerPause(() -> gateway.price(BTC))).contains(new BigDecimal("9999.99"));
        assertThat(provider.resilience().state()).isEqualTo(VenueResilience.BreakerState.CLOSED);
        Circuits.assertOne(provider, VenueCircuit.State.CLOSED);
    }

    // --- lifecycle and secrets ---

    @Test
    void aKeyWithoutItsPassphraseCannotConnect() {
        assertThat(provider.describe().needsPassphrase()).isTrue();
        assertThatThrownBy(() -> connect(VenueEnvironment.LIVE, VenueCredentials.of(KEY, SECRET))).isInstanceOf(Invalid.class);
        assertThatThrownBy(() -> provider.connect(new VenueConnection(account, VenueEnvironment.LIVE, venue.baseUrl(), null,
                now::get))).isInstanceOf(Invalid.class);
    }

    @Test
    void secretsAppearInNoMessageNorToString() {
        venue.on("GET", "/api/v5/account/balance", Reply.json(500, "{}"));
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(gateway::balances);
        assertThat(failure.getMessage()).doesNotContain(SECRET).doesNotContain(PASSPHRASE).doesNotContain(KEY);
        assertThat(gateway.toString()).doesNotContain(SECRET).doesNotContain(PASSPHRASE).doesNotContain(KEY);
        assertThat(new VenueCredentials(KEY, SECRET, PASSPHRASE).toString()).doesNotContain(SECRET).doesNotContain(PASSPHRASE);
    }

    @Test
    void aClosedGatewayRefusesWork() {
        gateway.close();
        gateway.close();
        assertThatThrownBy(gateway::balances).isInstanceOf(IllegalStateException.class);
        assertThat(new OkxVenueProvider().describe().id()).isEqualTo(new VenueId("okx"));
    }
}
