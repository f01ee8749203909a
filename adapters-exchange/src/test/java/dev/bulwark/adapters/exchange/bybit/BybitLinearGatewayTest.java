package dev.bulwark.adapters.exchange.bybit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.adapters.exchange.support.VenueResilience;
import dev.bulwark.adapters.exchange.testing.Circuits;
import dev.bulwark.adapters.exchange.testing.Eventually;
import dev.bulwark.adapters.exchange.testing.Hmac;
import dev.bulwark.adapters.exchange.testing.SignedFakeVenue;
import dev.bulwark.adapters.exchange.testing.SignedFakeVenue.Reply;
import dev.bulwark.adapters.exchange.testing.SignedFakeVenue.Request;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.market.TradingRules;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.money.Money;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderSize;
import dev.bulwark.domain.orders.OrderStatus;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.orders.TimeInForce;
import dev.bulwark.domain.portfolio.AccountKind;
import dev.bulwark.domain.portfolio.Holding;
import dev.bulwark.domain.positions.Position;
import dev.bulwark.domain.secrets.SealedSecret;
import dev.bulwark.domain.venues.Environment;
import dev.bulwark.domain.venues.Permission;
import dev.bulwark.domain.venues.SyncState;
import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.domain.venues.VenueCircuit;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.venues.CancelResult;
import dev.bulwark.ports.driven.venues.CredentialCheck;
import dev.bulwark.ports.driven.venues.OrderRequest;
import dev.bulwark.ports.driven.venues.PlacementResult;
import dev.bulwark.ports.driven.venues.VenueCapability;
import dev.bulwark.ports.driven.venues.VenueConnection;
import dev.bulwark.ports.driven.venues.VenueCredentials;
import dev.bulwark.ports.driven.venues.VenueEnvironment;
import dev.bulwark.ports.driven.venues.VenueGateway;
import dev.bulwark.ports.driven.venues.VenueProvider;
import dev.bulwark.ports.errors.Invalid;
import dev.bulwark.ports.errors.NotFound;
import dev.bulwark.ports.errors.RateLimited;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bybit USDT perpetuals against a fake that serves the documented v5 answers and checks every request as Bybit does:
 * method and path, the documented required parameters ({@code category}, and for linear lists a symbol or settle
 * coin), the X-BAPI headers, and the signature recomputed with the JDK from the documented string to sign
 * (timestamp + key + recv window + query or body, HMAC-SHA256 in lowercase hex).
 */
class BybitLinearGatewayTest {
    static final String KEY = "bybit-linear-key-0001";
    static final String SECRET = "bybit-linear-secret-do-not-print";
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    static final Instrument BTC = new Instrument(Asset.of("BTC"), Asset.USDT, Market.USDM_FUTURES);
    static final Instrument ETH = new Instrument(Asset.of("ETH"), Asset.USDT, Market.USDM_FUTURES);
    static final ClientOrderId CID = new ClientOrderId("linear-test-0001");
    static final VenueResilience.Settings FAST = new VenueResilience.Settings(Duration.ofMillis(2_000), 1,
            Duration.ofMillis(10), 3, Duration.ofMillis(400), Duration.ofMillis(100));
    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, Set<String>> REQUIRED = Map.ofEntries(
            Map.entry("GET /v5/account/wallet-balance", Set.of("accountType")),
            Map.entry("GET /v5/order/history", Set.of("category")),
            Map.entry("GET /v5/execution/list", Set.of("category")),
            Map.entry("GET /v5/market/instruments-info", Set.of("category")),
            Map.entry("GET /v5/market/tickers", Set.of("category")),
            Map.entry("POST /v5/order/create", Set.of("category", "symbol", "side", "orderType", "qty")),
            Map.entry("POST /v5/order/cancel", Set.of("category", "symbol")),
            Map.entry("POST /v5/position/set-leverage", Set.of("category", "symbol", "buyLeverage", "sellLeverage")));
    /** Linear lists need {@code category} and a symbol or settle coin. */
    static final Set<String> LINEAR_LISTS = Set.of("/v5/position/list", "/v5/order/realtime");

    final AtomicReference<Instant> now = new AtomicReference<>(T0);
    /** The fake's orders by orderLinkId, as realtime reports each. */
    final Map<String, String> book = new ConcurrentHashMap<>();
    SignedFakeVenue venue;
    BybitLinearVenueProvider provider;
    VenueAccount account;
    VenueGateway gateway;

    @BeforeEach
    void start() {
        venue = SignedFakeVenue.start(BybitLinearGatewayTest::check);
        provider = new BybitLinearVenueProvider(FAST);
        account = new VenueAccount(new VenueAccountId(UUID.randomUUID()), new WorkspaceId(UUID.randomUUID()),
                new VenueId("bybit-linear"), "Bybit perps", Environment.LIVE, null, Set.of(Permission.READ, Permission.TRADE),
                true, "bybi\u20260001", new SealedSecret("sealed"), SyncState.never(), T0, T0);
        gateway = connect(SECRET);
        venue.on("GET", "/v5/order/realtime", request -> {
            String id = request.query().get("orderLinkId");
            String order = id == null ? null : book.get(id);
            return Reply.ok(list(order == null ? new String[0] : new String[] {order}));
        });
        venue.on("GET", "/v5/order/history", Reply.ok(list()));
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

    static Optional<Reply> check(Request request) {
        Set<String> given = request.method().equals("GET") ? request.query().keySet() : Hmac.bodyFields(request.body());
        Set<String> required = REQUIRED.get(request.method() + " " + request.path());
        boolean missing = required != null && !given.containsAll(required);
        if (LINEAR_LISTS.contains(request.path())) {
            missing = !given.contains("category") || !(given.contains("symbol") || given.contains("settleCoin"));
        }
        if (missing || (!given.isEmpty() && given.contains("category") && !"linear".equals(field(request, "category")))) {
            return Optional.of(Reply.ok(envelope(10001, "params error")));
        }
        if (request.path().startsWith("/v5/market/")) {
            assertThat(request.header("X-BAPI-SIGN")).as("public calls are not signed").isEmpty();
            return Optional.empty();
        }
        if (!request.header("X-BAPI-API-KEY").equals(KEY)) {
            return Optional.of(Reply.ok(envelope(10003, "API key is invalid.")));
        }
        String payload = request.method().equals("GET") ? request.rawQuery() : request.body();
        String expected = Hmac.sha256Hex(SECRET, request.header("X-BAPI-TIMESTAMP") + KEY + request.header("X-BAPI-RECV-WINDOW") + payload);
        if (!expected.equals(request.header("X-BAPI-SIGN"))) {
            return Optional.of(Reply.ok(envelope(10004, "error sign! origin_string[]")));
        }
        if (!request.header("X-BAPI-TIMESTAMP").matches("[0-9]{13}") || !request.header("X-BAPI-RECV-WINDOW").equals("5000")) {
            return Optional.of(Reply.ok(envelope(10002, "invalid request, please check your server timestamp or recv_window param")));
        }
        return Optional.empty();
    }

    static String field(Request request, String name) {
        if (request.method().equals("GET")) {
            return request.query().get(name);
        }
        try {
            return JSON.readTree(request.body()).path(name).asText();
        } catch (Exception e) {
            return "";
        }
    }

    static String envelope(int retCode, String retMsg) {
        return "{\"retCode\":" + retCode + ",\"retMsg\":\"" + retMsg + "\",\"result\":{},\"retExtInfo\":{},\"time\":1672211918471}";
    }

    static String list(String... items) {
        return "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"category\":\"linear\",\"nextPageCursor\":\"\",\"list\":["
                + String.join(",", items) + "]},\"retExtInfo\":{},\"time\":1672211918471}";
    }

    /** A BTCUSDT order of {@link #CID} in the documented realtime shape. */
    static String order(String status, String filled, String avg) {
        return "{\"orderId\":\"fd4300ae-7847-404e-b947-b46980a4d140\",\"orderLinkId\":\"" + CID.value() + "\",\"symbol\":\"BTCUSDT\","
                + "\"price\":\"16000\",\"qty\":\"0.01\",\"side\":\"Buy\",\"positionIdx\":0,\"orderStatus\":\"" + status + "\","
                + "\"avgPrice\":\"" + avg + "\",\"cumExecQty\":\"" + filled + "\",\"cumExecValue\":\"0\",\"timeInForce\":\"GTC\","
                + "\"orderType\":\"Limit\",\"reduceOnly\":false,\"createdTime\":\"1684738540559\",\"updatedTime\":\"1684738540561\"}";
    }

    static String doc(String name) {
        return SignedFakeVenue.resource(BybitLinearGatewayTest.class, name);
    }

    static OrderRequest limitBuy() {
        return OrderRequest.limit(BTC, OrderSide.BUY, new BigDecimal("0.01"), new BigDecimal("16000"), TimeInForce.GTC, CID);
    }

    // --- signing and the account ---

    @Test
    void everyPrivateRequestCarriesTheDocumentedHeadersAndSignature() {
        venue.on("GET", "/v5/account/wallet-balance", Reply.ok(doc("wallet-balance.json")));
        gateway.balances();
        Request sent = venue.last();
        assertThat(sent.header("X-BAPI-API-KEY")).isEqualTo(KEY);
        assertThat(sent.header("X-BAPI-TIMESTAMP")).isEqualTo(Long.toString(T0.toEpochMilli()));
        assertThat(sent.header("X-BAPI-RECV-WINDOW")).isEqualTo("5000");
        assertThat(sent.header("X-BAPI-SIGN")).isEqualTo(Hmac.sha256Hex(SECRET, T0.toEpochMilli() + KEY + "5000accountType=UNIFIED"));
        try (VenueGateway wrong = connect("another-secret")) {
            assertThat(wrong.checkCredentials().valid()).isFalse();
        }
    }

    @Test
    void balancesAreTheUnifiedWalletAsFuturesMargin() {
        venue.on("GET", "/v5/account/wallet-balance", Reply.ok(doc("wallet-balance.json")));
        List<Holding> holdings = gateway.balances();
        assertThat(holdings).singleElement().satisfies(holding -> {
            assertThat(holding.kind()).isEqualTo(AccountKind.FUTURES);
            assertThat(holding.asset()).isEqualTo(Asset.of("BTC"));
            assertThat(holding.free().add(holding.locked())).isEqualByComparingTo("0.805994");
            assertThat(holding.venue()).isEqualTo(new VenueId("bybit-linear"));
        });
        assertThat(venue.last().query()).isEqualTo(Map.of("accountType", "UNIFIED"));
    }

    @Test
    void positionsAreSignedBySideAndFlatOnesLeftOut() {
        venue.on("GET", "/v5/position/list", Reply.ok(doc("linear-position-list.json")));
        assertThat(gateway.positions()).containsExactly(new Position(account.id(), BTC, new BigDecimal("-0.3"),
                new Money(new BigDecimal("8239.35"), Asset.USDT), new Money(new BigDecimal("-4.94"), Asset.USDT), BigDecimal.TEN));
        assertThat(venue.last().query()).isEqualTo(Map.of("category", "linear", "settleCoin", "USDT", "limit", "200"));
    }

    @Test
    void positionsArePagedByCursor() {
        // a full first page (198 + the documented two) asks for the next, which is the last
        venue.on("GET", "/v5/position/list", request -> request.query().containsKey("cursor")
                ? Reply.ok(list("{\"symbol\":\"SOLUSDT\",\"side\":\"Buy\",\"size\":\"1\",\"avgPrice\":\"20\",\"leverage\":\"2\"}"))
                : Reply.ok(doc("linear-position-list.json").replace("\"nextPageCursor\": \"\"", "\"nextPageCursor\": \"page2\"")
                        .replace("\"list\": [", "\"list\": [" + "{\"symbol\":\"XRPUSDT\",\"side\":\"Buy\",\"size\":\"10\",\"avgPrice\":\"0.5\",\"leverage\":\"2\"},".repeat(198))));
        List<Position> positions = gateway.positions();
        assertThat(positions).hasSize(200);
        assertThat(positions.getLast().instrument().base()).isEqualTo(Asset.of("SOL"));
        assertThat(venue.requests("/v5/position/list")).hasSize(2);
        assertThat(venue.last().query()).containsEntry("cursor", "page2");
    }

    // --- placing ---

    @Test
    void aLimitOrderIsSentWithTheDocumentedBody() throws Exception {
        venue.on("POST", "/v5/order/create", Reply.ok(doc("create-order.json")));
        assertThat(gateway.place(limitBuy())).isInstanceOfSatisfying(PlacementResult.Placed.class,
                placed -> assertThat(placed.order().id()).isEqualTo(VenueGateway.orderIdOf(account.id(), CID)));
        assertThat(venue.last().body()).isEqualTo("{\"category\":\"linear\",\"symbol\":\"BTCUSDT\",\"side\":\"Buy\","
                + "\"orderType\":\"Limit\",\"qty\":\"0.01\",\"price\":\"16000\",\"timeInForce\":\"GTC\",\"positionIdx\":0,"
                + "\"orderLinkId\":\"linear-test-0001\",\"reduceOnly\":false}");
    }

    @Test
    void aReduceOnlyMarketSellWithLeverageSetsTheLeverageFirst() throws Exception {
        venue.on("POST", "/v5/position/set-leverage", Reply.ok(envelope(0, "OK")));
        venue.on("POST", "/v5/order/create", Reply.ok(doc("create-order.json")));
        OrderRequest request = new OrderRequest(BTC, OrderSide.SELL, OrderType.MARKET, OrderSize.quantity(new BigDecimal("0.3")),
                null, null, null, TimeInForce.IOC, CID, true, new BigDecimal("12.5"));
        assertThat(gateway.place(request)).isInstanceOf(PlacementResult.Placed.class);
        assertThat(venue.requests()).extracting(Request::path).containsExactly("/v5/position/set-leverage", "/v5/order/create");
        assertThat(venue.requests().get(0).body()).isEqualTo("{\"category\":\"linear\",\"symbol\":\"BTCUSDT\","
                + "\"buyLeverage\":\"12.5\",\"sellLeverage\":\"12.5\"}");
        JsonNode order = JSON.readTree(venue.last().body());
        assertThat(order.path("reduceOnly").isBoolean()).as("a boolean, as documented").isTrue();
        assertThat(order.path("reduceOnly").asBoolean()).isTrue();
        assertThat(order.path("orderType").asText()).isEqualTo("Market");
        assertThat(order.path("timeInForce").asText()).isEqualTo("IOC");
        assertThat(order.has("price")).isFalse();
        assertThat(order.has("marketUnit")).as("spot only").isFalse();
    }

    @Test
    void anUnchangedLeverageCountsAsSetAndARefusedOneStopsThePlacement() {
        venue.on("POST", "/v5/position/set-leverage", Reply.ok(envelope(110043, "Set leverage not modified")));
        venue.on("POST", "/v5/order/create", Reply.ok(doc("create-order.json")));
        OrderRequest withLeverage = new OrderRequest(BTC, OrderSide.BUY, OrderType.MARKET, OrderSize.quantity(new BigDecimal("0.01")),
                null, null, null, TimeInForce.IOC, CID, false, BigDecimal.TEN);
        assertThat(gateway.place(withLeverage)).isInstanceOf(PlacementResult.Placed.class);
        venue.on("POST", "/v5/position/set-leverage", Reply.ok(envelope(110013, "Cannot set leverage due to risk limit level")));
        assertThat(gateway.place(withLeverage)).isInstanceOfSatisfying(PlacementResult.Rejected.class,
                rejected -> assertThat(rejected.reason()).contains("110013"));
        assertThat(venue.count("/v5/order/create")).isEqualTo(1);
        OrderRequest fine = new OrderRequest(BTC, OrderSide.BUY, OrderType.MARKET, OrderSize.quantity(new BigDecimal("0.01")),
                null, null, null, TimeInForce.IOC, CID, false, new BigDecimal("2.125"));
        assertThat(gateway.place(fine)).isInstanceOfSatisfying(PlacementResult.Rejected.class,
                rejected -> assertThat(rejected.code()).isEqualTo(PlacementResult.Rejected.OUTSIDE_TRADING_RULES));
        assertThat(venue.count("/v5/position/set-leverage")).isEqualTo(2);
    }

    @Test
    void whatTheVenueDoesNotOfferIsRefusedWithoutSendingAnything() {
        for (OrderRequest request : List.of(
                OrderRequest.market(BTC, OrderSide.BUY, OrderSize.quoteAmount(new BigDecimal("100")), CID),
                OrderRequest.limit(Instrument.spot("BTC", "USDT"), OrderSide.BUY, BigDecimal.ONE, BigDecimal.TEN, TimeInForce.GTC, CID),
                new OrderRequest(BTC, OrderSide.SELL, OrderType.STOP_MARKET, OrderSize.quantity(BigDecimal.ONE), null,
                        new BigDecimal("15000"), null, TimeInForce.GTC, CID, true, null))) {
            assertThat(gateway.place(request)).isInstanceOfSatisfying(PlacementResult.Rejected.class,
                    rejected -> assertThat(rejected.code()).isEqualTo(PlacementResult.Rejected.UNSUPPORTED));
        }
        assertThat(venue.requests()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "110007, Insufficient available balance, insufficient-funds",
        "110003, Order price is out of permissible range, outside-trading-rules",
        "10029, The requested symbol is invalid, unknown-instrument",
        "110072, OrderLinkedID is duplicate, duplicate-client-order-id",
        "10005, Permission denied for current apikey, not-permitted"})
    void documentedRefusalsAreRejectionsWithStableCodes(int code, String msg, String mapped) {
        venue.on("POST", "/v5/order/create", Reply.ok(envelope(code, msg)));
        assertThat(gateway.place(limitBuy())).isInstanceOfSatisfying(PlacementResult.Rejected.class, rejected -> {
            assertThat(rejected.code()).isEqualTo(mapped);
            assertThat(rejected.reason()).contains(Integer.toString(code));
        });
    }

    @Test
    void aPlacementThatTimesOutIsUnknownSentOnceAndExactlyOneOrderResults() {
        venue.on("POST", "/v5/order/create", request -> {
            book.put(CID.value(), order("New", "0", "0"));
            return Reply.ok(doc("create-order.json")).after(Duration.ofMillis(6_000));
        });
        assertThatThrownBy(() -> gateway.place(limitBuy())).isInstanceOf(VenueUnavailable.class);
        assertThat(venue.count("/v5/order/create")).as("a placement is never retried").isEqualTo(1);
        Order found = gateway.findByClientOrderId(BTC, CID).orElseThrow();
        assertThat(found.status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(found.id()).isEqualTo(VenueGateway.orderIdOf(account.id(), CID));
        assertThat(venue.last().query()).isEqualTo(Map.of("category", "linear", "symbol", "BTCUSDT", "orderLinkId", CID.value()));
        assertThat(book).as("exactly one order").hasSize(1);
    }

    @Test
    void a5xxOrA429OnPlacementIsNotRetried() {
        venue.on("POST", "/v5/order/create", Reply.json(503, "{}"));
        assertThatThrownBy(() -> gateway.place(limitBuy())).isInstanceOf(VenueUnavailable.class);
        venue.on("POST", "/v5/order/create", Reply.json(429, "{}").header("Retry-After", "4"));
        assertThatThrownBy(() -> gateway.place(limitBuy())).isInstanceOfSatisfying(RateLimited.class,
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(4)));
        venue.on("POST", "/v5/order/create", Reply.ok(envelope(10006, "Too many visits!")));
        assertThatThrownBy(() -> gateway.place(limitBuy())).isInstanceOf(RateLimited.class);
        assertThat(venue.count("/v5/order/create")).isEqualTo(3);
    }

    // --- orders ---

    @Test
    void openOrdersOfAllSymbolsAskBySettleCoinAndNameTheirInstrument() {
        venue.on("GET", "/v5/order/realtime", Reply.ok(doc("open-order.json")));
        List<Order> open = gateway.openOrders(null);
        assertThat(open).singleElement().satisfies(order -> {
            assertThat(order.instrument()).isEqualTo(ETH);
            assertThat(order.clientOrderId()).isEqualTo(new ClientOrderId("test-000005"));
            assertThat(order.status()).isEqualTo(OrderStatus.ACCEPTED);
        });
        assertThat(venue.last().query()).containsEntry("category", "linear").containsEntry("settleCoin", "USDT");
    }

    @Test
    void cancelOutcomes() {
        venue.on("POST", "/v5/order/cancel", request -> {
            book.put(CID.value(), order("Cancelled", "0", "0"));
            return Reply.ok(doc("cancel-order.json"));
        });
        assertThat(gateway.cancel(BTC, CID)).isInstanceOf(CancelResult.Cancelled.class);
        venue.on("POST", "/v5/order/cancel", Reply.ok(envelope(110001, "Order does not exist")));
        book.put(CID.value(), order("Filled", "0.01", "16000"));
        assertThat(gateway.cancel(BTC, CID)).isInstanceOf(CancelResult.AlreadyFinal.class);
        book.clear();
        assertThat(gateway.cancel(BTC, CID)).isEqualTo(new CancelResult.UnknownOrder(CID));
    }

    @Test
    void fillsAreExecutionsWithTheFeeInTheSettleCoin() {
        venue.on("GET", "/v5/execution/list", Reply.ok(doc("linear-execution.json")));
        now.set(Instant.ofEpochMilli(1672282722429L).plus(Duration.ofDays(1)));
        List<Fill> fills = gateway.fills(BTC, Instant.ofEpochMilli(1672282000000L));
        assertThat(fills).containsExactly(new Fill("e0cbe81d-0f18-5866-9415-cf319b5dab3b", VenueGateway.orderIdOf(account.id(), CID),
                BTC, OrderSide.SELL, new BigDecimal("1190.15"), new BigDecimal("0.1"),
                new Money(new BigDecimal("0.071409"), Asset.USDT), Instant.ofEpochMilli(1672282722429L)));
        assertThat(venue.last().query()).containsEntry("category", "linear").containsEntry("symbol", "BTCUSDT")
                .containsEntry("startTime", "1672282000000");
    }

    // --- market data and credentials ---

    @Test
    void rulesPriceAndPermissions() {
        venue.on("GET", "/v5/market/instruments-info", Reply.ok(doc("linear-instruments-info.json")));
        venue.on("GET", "/v5/market/tickers", Reply.ok(doc("linear-tickers.json")));
        assertThat(gateway.rules(BTC)).isEqualTo(new TradingRules(new BigDecimal("0.1"), new BigDecimal("0.001"),
                new BigDecimal("0.001"), new BigDecimal("1190"), new BigDecimal("5")));
        gateway.rules(BTC);
        assertThat(venue.count("/v5/market/instruments-info")).as("cached").isEqualTo(1);
        assertThat(gateway.price(BTC)).contains(new BigDecimal("16597.00"));
        assertThat(venue.last().query()).isEqualTo(Map.of("category", "linear", "symbol", "BTCUSDT"));
        assertThatThrownBy(() -> gateway.rules(Instrument.spot("BTC", "USDT"))).isInstanceOf(NotFound.class);
        venue.on("GET", "/v5/market/instruments-info", Reply.ok(list()));
        assertThatThrownBy(() -> gateway.rules(ETH)).isInstanceOf(NotFound.class);

        venue.on("GET", "/v5/user/query-api", Reply.ok(doc("query-api.json")
                .replace("\"ContractTrade\": []", "\"ContractTrade\": [\"Order\", \"Position\"]")
                .replace("\"AccountTransfer\"", "\"AccountTransfer\", \"Withdraw\"")));
        assertThat(gateway.checkCredentials()).isEqualTo(CredentialCheck.valid(Set.of(Permission.READ, Permission.TRADE,
                Permission.WITHDRAW)));
        venue.on("GET", "/v5/user/query-api", Reply.ok(doc("query-api.json")));
        assertThat(gateway.checkCredentials()).isEqualTo(CredentialCheck.valid(Set.of(Permission.READ)));
    }

    // --- failures ---

    @Test
    void serverErrorsAndUnreadableAnswersAreUnavailable() {
        for (Reply reply : List.of(Reply.json(502, "{}"), Reply.ok("{\"retCode\":0,\"result\":"),
                Reply.ok(doc("linear-position-list.json")).cutAfter(80), Reply.text(200, "<html>maintenance</html>"),
                Reply.ok(envelope(10016, "Server error")),
                Reply.ok(list("{\"symbol\":\"BTCUSDT\",\"side\":\"Buy\",\"size\":\"1\",\"avgPrice\":\"lots\"}")))) {
            venue.on("GET", "/v5/position/list", reply);
            assertThatThrownBy(gateway::positions).isInstanceOfSatisfying(VenueUnavailable.class,
                    e -> assertThat(e.venue()).isEqualTo(new VenueId("bybit-linear"))).hasMessageNotContaining("maintenance");
        }
    }

    @Test
    void theBreakerOpensAfterRepeatedFailuresAndClosesAgain() {
        Circuits.assertOne(provider, VenueCircuit.State.CLOSED);
        venue.on("GET", "/v5/market/tickers", Reply.json(503, "{}"));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> gateway.price(BTC)).isInstanceOf(VenueUnavailable.class);
        }
        Circuits.assertOne(provider, VenueCircuit.State.OPEN);
        long sent = venue.count("/v5/market/tickers");
        assertThatThrownBy(() -> gateway.price(BTC)).isInstanceOf(VenueUnavailable.class).hasMessageContaining("circuit open");
        assertThat(venue.count("/v5/market/tickers")).isEqualTo(sent);
        venue.on("GET", "/v5/market/tickers", Reply.ok(doc("linear-tickers.json")));
        assertThat(Eventually.afterTheBreakerPause(() -> gateway.price(BTC))).contains(new BigDecimal("16597.00"));
        Circuits.assertOne(provider, VenueCircuit.State.CLOSED);
    }

    // --- provider and lifecycle ---

    @Test
    void theProviderDeclaresFuturesAndIsFoundByServiceLoader() {
        assertThat(provider.describe().markets()).containsExactly(Market.USDM_FUTURES);
        assertThat(provider.describe().capabilities()).contains(VenueCapability.FUTURES, VenueCapability.POSITIONS,
                VenueCapability.PERMISSIONS).doesNotContain(VenueCapability.QUOTE_AMOUNT);
        assertThat(ServiceLoader.load(VenueProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(BybitLinearVenueProvider.class);
        VenueAccount spot = new VenueAccount(new VenueAccountId(UUID.randomUUID()), account.workspace(), new VenueId("bybit"),
                "Bybit", Environment.LIVE, null, Set.of(Permission.READ), true, "bybi\u2026", new SealedSecret("s"),
                SyncState.never(), T0, T0);
        assertThatThrownBy(() -> provider.connect(new VenueConnection(spot, VenueEnvironment.LIVE, venue.baseUrl(),
                VenueCredentials.of(KEY, SECRET), now::get))).isInstanceOf(Invalid.class);
    }

    @Test
    void secretsStayOutAndAClosedGatewayRefusesWork() {
        venue.on("GET", "/v5/account/wallet-balance", Reply.json(500, "{}"));
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(gateway::balances);
        assertThat(failure.getMessage()).doesNotContain(SECRET).doesNotContain(KEY);
        assertThat(gateway.toString()).doesNotContain(SECRET).doesNotContain(KEY);
        for (Request request : venue.requests()) {
            assertThat(request.rawQuery() + request.body() + request.headers().values()).doesNotContain(SECRET);
        }
        gateway.close();
        assertThatThrownBy(gateway::positions).isInstanceOf(IllegalStateException.class);
    }
}
