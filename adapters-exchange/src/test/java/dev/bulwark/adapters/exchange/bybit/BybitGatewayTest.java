package dev.bulwark.adapters.exchange.bybit;

import dev.bulwark.adapters.exchange.testing.Circuits;
import dev.bulwark.domain.venues.VenueCircuit;
import dev.bulwark.adapters.exchange.testing.Eventually;

import static org.assertj.core.api.Assertions.assertThat;
import dev.bulwark.adapters.exchange.testing.SignedFakeVenue;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
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

class BybitGatewayTest {
    static final String KEY = "bybit-test-key-0001";
    static final String SECRET = "bybit-test-secret-do-not-print";
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    static final Instrument BTC = Instrument.spot("BTC", "USDT");
    static final Instrument ETH = Instrument.spot("ETH", "USDT");
    static final ClientOrderId CID = new ClientOrderId("spot-test-postonly");
    static final VenueResilience.Settings FAST = new VenueResilience.Settings(Duration.ofMillis(2_000), 1,
            Duration.ofMillis(10), 3, Duration.ofMillis(400), Duration.ofMillis(100));
    static final ObjectMapper JSON = new ObjectMapper();

    final AtomicReference<Instant> now = new AtomicReference<>(T0);
    SignedFakeVenue venue;
    BybitVenueProvider provider;
    VenueAccount account;
    VenueGateway gateway;

    @BeforeEach
    void start() {
        venue = SignedFakeVenue.start(BybitGatewayTest::checkSignature);
        provider = new BybitVenueProvider(FAST);
        account = new VenueAccount(new VenueAccountId(UUID.randomUUID()), new WorkspaceId(UUID.randomUUID()),
                new VenueId("bybit"), "Bybit", Environment.LIVE, null, Set.of(Permission.READ, Permission.TRADE), true,
                "bybi\u20260001", new SealedSecret("sealed"), SyncState.never(), T0, T0);
        gateway = connect(SECRET);
    }

    @AfterEach
    void stop() {
        gateway.close();
        venue.close();
    }

    VenueGateway connect(String secret) {
        return provider.connect(new VenueConnection(account, VenueEnvironment.LIVE, venue.baseUrl(),
                VenueCredentials.of(KEY, secret), now::get));
    }

    /**
     * What Bybit does with every private request: recompute the documented signature with the key's secret and
     * refuse a mismatch with its own error (10004), a stale timestamp with 10002, an unknown key with 10003.
     */
    static Optional<Reply> checkSignature(Request request) {
        if (request.path().startsWith("/v5/market/")) {
            assertThat(request.header("X-BAPI-SIGN")).as("public calls are not signed").isEmpty();
            return Optional.empty();
        }
        if (!request.header("X-BAPI-API-KEY").equals(KEY)) {
            return Optional.of(Reply.ok("{\"retCode\":10003,\"retMsg\":\"API key is invalid.\",\"result\":{},\"retExtInfo\":{},\"time\":1}"));
        }
        String payload = request.method().equals("GET") ? request.rawQuery() : request.body();
        String expected = BybitSigner.sign(SECRET, request.header("X-BAPI-TIMESTAMP") + KEY
                + request.header("X-BAPI-RECV-WINDOW") + payload);
        if (!expected.equals(request.header("X-BAPI-SIGN"))) {
            return Optional.of(Reply.ok("{\"retCode\":10004,\"retMsg\":\"error sign! origin_string[]\",\"result\":{},\"retExtInfo\":{},\"time\":1}"));
        }
        if (!request.header("X-BAPI-TIMESTAMP").matches("[0-9]{13}") || !request.header("X-BAPI-RECV-WINDOW").equals("5000")) {
            return Optional.of(Reply.ok("{\"retCode\":10002,\"retMsg\":\"invalid request, please check your server timestamp or recv_window param\",\"result\":{},\"retExtInfo\":{},\"time\":1}"));
        }
        return Optional.empty();
    }

    static String doc(String name) {
        return SignedFakeVenue.resource(BybitGatewayTest.class, name);
    }

    static String error(int code, String message) {
        return "{\"retCode\":" + code + ",\"retMsg\":\"" + message + "\",\"result\":{},\"retExtInfo\":{},\"time\":1672211918471}";
    }

    static String orders(String... orders) {
        return "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"category\":\"spot\",\"nextPageCursor\":\"\",\"list\":["
                + String.join(",", orders) + "]},\"retExtInfo\":{},\"time\":1672211918471}";
    }

    static String order(String status, String filled, String avg) {
        return "{\"orderId\":\"1321003749386327552\",\"orderLinkId\":\"spot-test-postonly\",\"symbol\":\"BTCUSDT\","
                + "\"price\":\"16000\",\"qty\":\"0.0001\",\"side\":\"Buy\",\"orderStatus\":\"" + status + "\","
                + "\"avgPrice\":\"" + avg + "\",\"cumExecQty\":\"" + filled + "\",\"cumExecValue\":\"0\","
                + "\"timeInForce\":\"GTC\",\"orderType\":\"Limit\",\"createdTime\":\"1672211918471\","
                + "\"updatedTime\":\"1672211918999\"}";
    }

    static JsonNode body(Request request) {
        try {
            return JSON.readTree(request.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    // --- signing ---

    @Test
    void theSignatureIsLowerCaseHexHmacSha256AsRfc4231TestCase2() {
        // RFC 4231, test case 2: the HMAC Bybit asks for, rendered as Bybit wants it (lower-case hex)
        assertThat(BybitSigner.sign("Jefe", "what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void theStringToSignIsTimestampKeyWindowAndPayloadAsTheGuideLaysItOut() {
        // docs/v5/guide.mdx: GET 1658384314791XXXXXXXXXX5000category=option&symbol=BTC-29JUL22-25000-C
        assertThat(BybitSigner.stringToSign(1658384314791L, "XXXXXXXXXX", 5000, "category=option&symbol=BTC-29JUL22-25000-C"))
                .isEqualTo("1658384314791XXXXXXXXXX5000category=option&symbol=BTC-29JUL22-25000-C");
    }

    @Test
    void everyPrivateRequestCarriesTheDocumentedHeaders() {
        venue.on("GET", "/v5/account/wallet-balance", Reply.ok(doc("wallet-balance.json")));
        gateway.balances();
        Request request = venue.last();
        assertThat(request.header("X-BAPI-API-KEY")).isEqualTo(KEY);
        assertThat(request.header("X-BAPI-TIMESTAMP")).isEqualTo(Long.toString(T0.toEpochMilli()));
        assertThat(request.header("X-BAPI-RECV-WINDOW")).isEqualTo("5000");
        assertThat(request.header("X-BAPI-SIGN")).matches("[0-9a-f]{64}");
    }

    @Test
    void aWrongSecretIsRefusedByTheFakeVenueAsBybitWould() {
        venue.on("GET", "/v5/account/wallet-balance", Reply.ok(doc("wallet-balance.json")));
        VenueGateway wrong = connect("another-secret");
        assertThatThrownBy(wrong::balances).isInstanceOf(Unauthorized.class).hasMessageContaining("10004");
        venue.on("GET", "/v5/user/query-api", Reply.ok(doc("query-api.json")));
        CredentialCheck check = wrong.checkCredentials();
        assertThat(check.valid()).isFalse();
        assertThat(check.problem()).contains("10004").doesNotContain("another-secret");
    }

    // --- balances, prices, rules ---

    @Test
    void balancesAreTheUnifiedWalletFreeAndLockedApart() {
        venue.on("GET", "/v5/account/wallet-balance", Reply.ok(doc("wallet-balance.json")));
        List<Holding> holdings = gateway.balances();
        assertThat(holdings).containsExactly(new Holding(account.id(), new VenueId("bybit"), AccountKind.SPOT, Asset.BTC,
                new BigDecimal("0.805994"), BigDecimal.ZERO));
        assertThat(venue.last().method()).isEqualTo("GET");
        assertThat(venue.last().query()).isEqualTo(Map.of("accountType", "UNIFIED"));
    }

    @Test
    void lockedBalanceIsSetApartAndEmptyCoinsAreSkipped() {
        venue.on("GET", "/v5/account/wallet-balance", Reply.ok("{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"list\":[{\"accountType\":\"UNIFIED\",\"coin\":["
                + "{\"coin\":\"USDT\",\"walletBalance\":\"100.5\",\"locked\":\"20\"},{\"coin\":\"ETH\",\"walletBalance\":\"0\",\"locked\":\"0\"}]}]},\"time\":1}"));
        assertThat(gateway.balances()).containsExactly(new Holding(account.id(), new VenueId("bybit"), AccountKind.SPOT,
                Asset.USDT, new BigDecimal("80.5"), new BigDecimal("20")));
    }

    @Test
    void priceIsTheTickersLastPriceCachedForSeconds() {
        venue.on("GET", "/v5/market/tickers", Reply.ok(doc("tickers-spot.json")));
        assertThat(gateway.price(BTC)).contains(new BigDecimal("20533.13"));
        assertThat(gateway.price(BTC)).contains(new BigDecimal("20533.13"));
        assertThat(venue.count("/v5/market/tickers")).isEqualTo(1);
        assertThat(venue.last().query()).isEqualTo(Map.of("category", "spot", "symbol", "BTCUSDT"));
        now.set(T0.plusSeconds(3));
        gateway.price(BTC);
        assertThat(venue.count("/v5/market/tickers")).isEqualTo(2);
    }

    @Test
    void anUnknownSymbolHasNoPrice() {
        venue.on("GET", "/v5/market/tickers", Reply.ok(error(10001, "Not supported symbols")));
        assertThat(gateway.price(Instrument.spot("NOPE", "USDT"))).isEmpty();
        assertThat(gateway.price(new Instrument(Asset.BTC, Asset.USDT, Market.USDM_FUTURES))).isEmpty();
    }

    @Test
    void rulesComeFromInstrumentsInfoAndAreCachedForAnHour() {
        venue.on("GET", "/v5/market/instruments-info", Reply.ok(doc("instruments-info-spot.json")));
        TradingRules rules = gateway.rules(BTC);
        assertThat(rules).isEqualTo(new TradingRules(new BigDecimal("0.1"), new BigDecimal("0.000001"),
                new BigDecimal("0.000011"), new BigDecimal("83"), new BigDecimal("5")));
        assertThat(venue.last().query()).isEqualTo(Map.of("category", "spot", "symbol", "BTCUSDT"));
        now.set(T0.plus(Duration.ofMinutes(59)));
        gateway.rules(BTC);
        assertThat(venue.count("/v5/market/instruments-info")).isEqualTo(1);
        now.set(T0.plus(Duration.ofMinutes(61)));
        gateway.rules(BTC);
        assertThat(venue.count("/v5/market/instruments-info")).isEqualTo(2);
    }

    @Test
    void anUnlistedInstrumentHasNoRules() {
        venue.on("GET", "/v5/market/instruments-info", Reply.ok("{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"category\":\"spot\",\"list\":[]},\"time\":1}"));
        assertThatThrownBy(() -> gateway.rules(Instrument.spot("NOPE", "USDT"))).isInstanceOf(NotFound.class);
    }

    // --- placing ---

    @Test
    void aLimitOrderIsSentWithItsClientOrderIdAsOrderLinkId() throws Exception {
        venue.on("POST", "/v5/order/create", Reply.ok(doc("create-order.json")));
        PlacementResult result = gateway.place(OrderRequest.limit(BTC, OrderSide.BUY, new BigDecimal("0.0001"),
                new BigDecimal("16000"), TimeInForce.GTC, CID));
        Order order = ((PlacementResult.Placed) result).order();
        assertThat(order.status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(order.clientOrderId()).isEqualTo(CID);
        assertThat(order.id()).isEqualTo(VenueGateway.orderIdOf(account.id(), CID));
        Request sent = venue.last();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.header("Content-Type")).isEqualTo("application/json");
        assertThat(JSON.readTree(sent.body())).isEqualTo(JSON.readTree("{\"category\":\"spot\",\"symbol\":\"BTCUSDT\","
                + "\"side\":\"Buy\",\"orderType\":\"Limit\",\"qty\":\"0.0001\",\"price\":\"16000\",\"timeInForce\":\"GTC\","
                + "\"orderLinkId\":\"spot-test-postonly\"}"));
    }

    @Test
    void marketOrdersStateTheirUnitBecauseABybitMarketBuyIsQuoteSizedByDefault() {
        venue.on("POST", "/v5/order/create", Reply.ok(doc("create-order.json")));
        gateway.place(OrderRequest.market(BTC, OrderSide.BUY, OrderSize.quoteAmount(new BigDecimal("25")), CID));
        assertThat(body(venue.last()).path("marketUnit").asText()).isEqualTo("quoteCoin");
        assertThat(body(venue.last()).path("qty").asText()).isEqualTo("25");
        assertThat(body(venue.last()).path("timeInForce").asText()).isEqualTo("IOC");
        gateway.place(OrderRequest.market(BTC, OrderSide.SELL, OrderSize.quantity(new BigDecimal("0.5")), CID));
        assertThat(body(venue.last()).path("marketUnit").asText()).isEqualTo("baseCoin");
        assertThat(body(venue.last()).path("side").asText()).isEqualTo("Sell");
    }

    @ParameterizedTest
    @CsvSource({
            "170131, Insufficient balance., insufficient-funds",
            "110007, ab not enough for new order, insufficient-funds",
            "110072, OrderLinkedID is duplicate, duplicate-client-order-id",
            "170141, Duplicate clientOrderId, duplicate-client-order-id",
            "170121, Invalid symbol., unknown-instrument",
            "170140, Order value exceeded lower limit, outside-trading-rules",
            "170137, Order volume decimal too long, outside-trading-rules",
            "10005, Permission denied, not-permitted",
            "170210, New order rejected., venue:170210"})
    void documentedRefusalsAreRejectionsWithStableCodes(int retCode, String message, String code) {
        venue.on("POST", "/v5/order/create", Reply.ok(error(retCode, message)));
        PlacementResult result = gateway.place(OrderRequest.limit(BTC, OrderSide.BUY, BigDecimal.ONE, BigDecimal.TEN,
                TimeInForce.GTC, CID));
        assertThat(result).isInstanceOf(PlacementResult.Rejected.class);
        assertThat(((PlacementResult.Rejected) result).code()).isEqualTo(code);
        assertThat(((PlacementResult.Rejected) result).reason()).contains(message);
    }

    @Test
    void whatBybitDoesNotSupportHereIsRefusedWithoutSendingAnything() {
        OrderRequest stop = new OrderRequest(BTC, OrderSide.SELL, OrderType.STOP_MARKET, OrderSize.quantity(BigDecimal.ONE),
                null, new BigDecimal("15000"), null, TimeInForce.GTC, CID, false, null);
        assertThat(gateway.place(stop)).isInstanceOf(PlacementResult.Rejected.class)
                .extracting(r -> ((PlacementResult.Rejected) r).code()).isEqualTo(PlacementResult.Rejected.UNSUPPORTED);
        OrderRequest futures = OrderRequest.market(new Instrument(Asset.BTC, Asset.USDT, Market.USDM_FUTURES),
                OrderSide.BUY, OrderSize.quantity(BigDecimal.ONE), CID);
        assertThat(((PlacementResult.Rejected) gateway.place(futures)).code()).isEqualTo(PlacementResult.Rejected.UNSUPPORTED);
        assertThat(venue.requests()).isEmpty();
    }

    @Test
    void aPlacementThatTimesOutIsUnknownSentOnceAndResolvedByItsClientOrderId() {
        venue.on("POST", "/v5/order/create", Reply.ok(doc("create-order.json")).after(Duration.ofMillis(6_000)));
        venue.on("GET", "/v5/order/realtime", Reply.ok(orders(order("New", "0", "0"))));
        OrderRequest request = OrderRequest.limit(BTC, OrderSide.BUY, new BigDecimal("0.0001"), new BigDecimal("16000"),
                TimeInForce.GTC, CID);
        assertThatThrownBy(() -> gateway.place(request)).isInstanceOf(VenueUnavailable.class);
        assertThat(venue.count("/v5/order/create")).as("a placement is never retried").isEqualTo(1);
        Optional<Order> found = gateway.findByClientOrderId(BTC, CID);
        assertThat(found).isPresent();
        assertThat(found.get().status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(found.get().id()).isEqualTo(VenueGateway.orderIdOf(account.id(), CID));
        assertThat(venue.requests("/v5/order/realtime").getFirst().query())
                .isEqualTo(Map.of("category", "spot", "symbol", "BTCUSDT", "orderLinkId", "spot-test-postonly"));
        assertThat(venue.count("/v5/order/create")).as("exactly one order results").isEqualTo(1);
    }

    @Test
    void aPlacementAnsweredWithA5xxIsUnknownAndNotRetried() {
        venue.on("POST", "/v5/order/create", Reply.text(502, "<html>bad gateway</html>"));
        assertThatThrownBy(() -> gateway.place(OrderRequest.limit(BTC, OrderSide.BUY, BigDecimal.ONE, BigDecimal.TEN,
                TimeInForce.GTC, CID))).isInstanceOf(VenueUnavailable.class).hasMessageNotContaining("bad gateway");
        assertThat(venue.count("/v5/order/create")).isEqualTo(1);
    }

    @Test
    void aServerErrorCodeOnPlacementIsUnknownToo() {
        venue.on("POST", "/v5/order/create", Reply.ok(error(10016, "Internal server error.")));
        assertThatThrownBy(() -> gateway.place(OrderRequest.limit(BTC, OrderSide.BUY, BigDecimal.ONE, BigDecimal.TEN,
                TimeInForce.GTC, CID))).isInstanceOf(VenueUnavailable.class);
    }

    // --- finding and cancelling ---

    @Test
    void anOrderEndedLongAgoIsFoundInHistory() {
        venue.on("GET", "/v5/order/realtime", Reply.ok(orders()));
        venue.on("GET", "/v5/order/history", Reply.ok(orders(order("Filled", "0.0001", "16000"))));
        Order order = gateway.findByClientOrderId(BTC, CID).orElseThrow();
        assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(order.filledQuantity()).isEqualByComparingTo("0.0001");
        assertThat(order.averageFillPrice()).isEqualByComparingTo("16000");
        assertThat(order.createdAt()).isEqualTo(Instant.ofEpochMilli(1672211918471L));
    }

    @Test
    void anOrderBybitDoesNotHaveIsEmpty() {
        venue.on("GET", "/v5/order/realtime", Reply.ok(orders()));
        venue.on("GET", "/v5/order/history", Reply.ok(orders()));
        assertThat(gateway.findByClientOrderId(BTC, CID)).isEmpty();
    }

    @Test
    void aCancelledOrderIsReportedAsTheVenueHasIt() throws Exception {
        venue.on("POST", "/v5/order/cancel", Reply.ok(doc("cancel-order.json")));
        venue.on("GET", "/v5/order/realtime", Reply.ok(orders(order("Cancelled", "0", "0"))));
        CancelResult result = gateway.cancel(BTC, CID);
        assertThat(result).isInstanceOf(CancelResult.Cancelled.class);
        assertThat(JSON.readTree(venue.requests("/v5/order/cancel").getFirst().body())).isEqualTo(
                JSON.readTree("{\"category\":\"spot\",\"symbol\":\"BTCUSDT\",\"orderLinkId\":\"spot-test-postonly\"}"));
    }

    @Test
    void cancellingAFilledOrderSaysItAlreadyEnded() {
        venue.on("POST", "/v5/order/cancel", Reply.ok(error(170213, "Order does not exist.")));
        venue.on("GET", "/v5/order/realtime", Reply.ok(orders()));
        venue.on("GET", "/v5/order/history", Reply.ok(orders(order("Filled", "0.0001", "16000"))));
        CancelResult result = gateway.cancel(BTC, CID);
        assertThat(result).isInstanceOf(CancelResult.AlreadyFinal.class);
        assertThat(((CancelResult.AlreadyFinal) result).order().status()).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void cancellingAnOrderNobodyPlacedIsUnknown() {
        venue.on("POST", "/v5/order/cancel", Reply.ok(error(110001, "Order does not exist.")));
        venue.on("GET", "/v5/order/realtime", Reply.ok(orders()));
        venue.on("GET", "/v5/order/history", Reply.ok(orders()));
        assertThat(gateway.cancel(BTC, CID)).isEqualTo(new CancelResult.UnknownOrder(CID));
    }

    @Test
    void openOrdersAreTheDocumentedRealtimeList() {
        venue.on("GET", "/v5/order/realtime", Reply.ok(doc("open-order.json")));
        List<Order> open = gateway.openOrders(ETH);
        assertThat(open).hasSize(1);
        Order order = open.getFirst();
        assertThat(order.clientOrderId()).isEqualTo(new ClientOrderId("test-000005"));
        assertThat(order.side()).isEqualTo(OrderSide.BUY);
        assertThat(order.limitPrice()).isEqualByComparingTo("1600");
        assertThat(order.size()).isEqualTo(OrderSize.quantity(new BigDecimal("0.1")));
        assertThat(order.status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(venue.count("/v5/order/realtime")).as("a short page ends the paging, cursor or not").isEqualTo(1);
    }

    @Test
    void openOrdersOfAllInstrumentsNameTheirInstrumentFromTheInstrumentList() {
        venue.on("GET", "/v5/order/realtime", Reply.ok(orders(order("PartiallyFilled", "0.00005", "16000"))));
        venue.on("GET", "/v5/market/instruments-info", Reply.ok(doc("instruments-info-spot.json")));
        List<Order> open = gateway.openOrders(null);
        assertThat(open).singleElement().satisfies(o -> {
            assertThat(o.instrument()).isEqualTo(BTC);
            assertThat(o.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        });
        assertThat(venue.requests("/v5/order/realtime").getFirst().query()).doesNotContainKey("symbol");
    }

    @Test
    void fillsAreTheExecutionsSinceAPoint() {
        venue.on("GET", "/v5/execution/list", Reply.ok(doc("execution-spot.json")));
        Instant answeredAt = Instant.ofEpochMilli(1672283754510L);
        now.set(answeredAt);
        Instant since = answeredAt.minus(Duration.ofDays(1));
        List<Fill> fills = gateway.fills(BTC, since);
        assertThat(fills).singleElement().satisfies(fill -> {
            assertThat(fill.tradeId()).isEqualTo("2100000000007764263");
            assertThat(fill.orderId()).isEqualTo(VenueGateway.orderIdOf(account.id(), CID));
            assertThat(fill.price()).isEqualByComparingTo("16000");
            assertThat(fill.quantity()).isEqualByComparingTo("0.0001");
            assertThat(fill.fee().asset()).isEqualTo(Asset.BTC);
            assertThat(fill.fee().amount()).isEqualByComparingTo("0.0000001");
        });
        assertThat(venue.last().query()).containsEntry("symbol", "BTCUSDT")
                .containsEntry("startTime", Long.toString(since.toEpochMilli()));
        assertThat(venue.count("/v5/execution/list")).isEqualTo(1);
    }

    // --- credentials ---

    @Test
    void theDocumentedKeyReadsButCannotTradeSpotNorWithdraw() {
        venue.on("GET", "/v5/user/query-api", Reply.ok(doc("query-api.json")));
        CredentialCheck check = gateway.checkCredentials();
        assertThat(check.valid()).isTrue();
        assertThat(check.permissions()).containsExactly(Permission.READ);
    }

    @Test
    void aKeyThatMayWithdrawSaysSo() {
        venue.on("GET", "/v5/user/query-api", Reply.ok(doc("query-api.json")
                .replace("\"Spot\": []", "\"Spot\": [\"SpotTrade\"]")
                .replace("\"AccountTransfer\"", "\"AccountTransfer\", \"Withdraw\"")));
        assertThat(gateway.checkCredentials().permissions())
                .containsExactlyInAnyOrder(Permission.READ, Permission.TRADE, Permission.WITHDRAW);
    }

    // --- failures ---

    @Test
    void throttlingIsRateLimitedWithTheVenuesRetryAfter() {
        venue.on("GET", "/v5/account/wallet-balance", Reply.json(429, "{}").header("Retry-After", "7"));
        assertThatThrownBy(gateway::balances).isInstanceOfSatisfying(RateLimited.class,
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
        venue.on("GET", "/v5/account/wallet-balance", Reply.text(403, "access too frequent"));
        assertThatThrownBy(gateway::balances).isInstanceOf(RateLimited.class);
        venue.on("GET", "/v5/account/wallet-balance", Reply.json(418, "{}"));
        assertThatThrownBy(gateway::balances).isInstanceOf(RateLimited.class);
        venue.on("GET", "/v5/account/wallet-balance", Reply.ok(error(10006, "Too many visits!")));
        assertThatThrownBy(gateway::balances).isInstanceOfSatisfying(RateLimited.class,
                e -> assertThat(e.limit()).isEqualTo("ip-requests"));
        assertThat(venue.count("/v5/account/wallet-balance")).as("a throttle is not retried").isEqualTo(4);
    }

    @Test
    void malformedAndTruncatedBodiesAreUnavailable() {
        venue.on("GET", "/v5/account/wallet-balance", Reply.ok("{\"retCode\":0,\"result\":"));
        assertThatThrownBy(gateway::balances).isInstanceOf(VenueUnavailable.class);
        venue.on("GET", "/v5/account/wallet-balance", Reply.ok(doc("wallet-balance.json")).cutAfter(40));
        assertThatThrownBy(gateway::balances).isInstanceOf(VenueUnavailable.class);
        venue.on("GET", "/v5/account/wallet-balance", Reply.text(200, "<html>maintenance</html>"));
        assertThatThrownBy(gateway::balances).isInstanceOf(VenueUnavailable.class).hasMessageNotContaining("maintenance");
        venue.on("GET", "/v5/account/wallet-balance", Reply.ok("{\"retCode\":0,\"result\":{\"list\":[{\"coin\":[{\"coin\":\"BTC\",\"walletBalance\":\"lots\"}]}]}}"));
        assertThatThrownBy(gateway::balances).isInstanceOf(VenueUnavailable.class);
    }

    @Test
    void aReadThatTimesOutIsRetriedOnceThenUnavailable() {
        venue.on("GET", "/v5/account/wallet-balance", Reply.ok(doc("wallet-balance.json")).after(Duration.ofMillis(6_000)));
        assertThatThrownBy(gateway::balances).isInstanceOf(VenueUnavailable.class);
        assertThat(venue.count("/v5/account/wallet-balance")).isEqualTo(2);
    }

    @Test
    void theBreakerOpensAfterRepeatedFailuresAndClosesAgain() throws Exception {
        venue.on("GET", "/v5/market/tickers", Reply.json(503, "{}"));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> gateway.price(BTC)).isInstanceOf(VenueUnavailable.class);
        }
        assertThat(provider.resilience().state()).isEqualTo(VenueResilience.BreakerState.OPEN);
        Circuits.assertOne(provider, VenueCircuit.State.OPEN);
        long sent = venue.count("/v5/market/tickers");
        assertThatThrownBy(() -> gateway.price(BTC)).isInstanceOf(VenueUnavailable.class).hasMessageContaining("circuit open");
        assertThat(venue.count("/v5/market/tickers")).as("an open breaker sends nothing").isEqualTo(sent);
        venue.on("GET", "/v5/market/tickers", Reply.ok(doc("tickers-spot.json")));
        assertThat(Eventually.afterTheBreakerPause(() -> gateway.price(BTC))).contains(new BigDecimal("20533.13"));
        assertThat(provider.resilience().state()).isEqualTo(VenueResilience.BreakerState.CLOSED);
        Circuits.assertOne(provider, VenueCircuit.State.CLOSED);
    }

    // --- lifecycle and secrets ---

    @Test
    void secretsAppearInNoMessageNorToString() {
        venue.on("GET", "/v5/account/wallet-balance", Reply.json(500, "{}"));
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(gateway::balances);
        assertThat(failure.getMessage()).doesNotContain(SECRET).doesNotContain(KEY);
        assertThat(gateway.toString()).doesNotContain(SECRET).doesNotContain(KEY);
        assertThat(VenueCredentials.of(KEY, SECRET).toString()).doesNotContain(SECRET);
        for (Request request : venue.requests()) {
            assertThat(request.rawQuery() + request.body()).doesNotContain(SECRET);
            assertThat(request.headers().values()).doesNotContain(SECRET);
        }
    }

    @Test
    void connectRefusesWhatBybitDoesNotOffer() {
        VenueAccount other = new VenueAccount(new VenueAccountId(UUID.randomUUID()), account.workspace(), new VenueId("okx"),
                "OKX", Environment.LIVE, null, Set.of(Permission.READ), true, "okx\u2026", new SealedSecret("s"),
                SyncState.never(), T0, T0);
        assertThatThrownBy(() -> provider.connect(new VenueConnection(other, VenueEnvironment.LIVE, venue.baseUrl(),
                VenueCredentials.of(KEY, SECRET), now::get))).isInstanceOf(Invalid.class);
        assertThatThrownBy(() -> provider.connect(new VenueConnection(account, VenueEnvironment.LIVE, venue.baseUrl(),
                null, now::get))).isInstanceOf(Invalid.class);
        assertThat(provider.describe().needsPassphrase()).isFalse();
        assertThat(provider.describe().environments()).containsExactly(VenueEnvironment.LIVE, VenueEnvironment.TESTNET);
    }

    @Test
    void aClosedGatewayRefusesWork() {
        gateway.close();
        gateway.close();
        assertThatThrownBy(gateway::balances).isInstanceOf(IllegalStateException.class);
        assertThat(gateway.capabilities()).isNotEmpty();
    }

    @Test
    void theProviderIsFoundByItsNoArgumentConstructor() {
        assertThat(new BybitVenueProvider().describe().id()).isEqualTo(new VenueId("bybit"));
    }
}
