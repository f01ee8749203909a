package dev.bulwark.adapters.exchange.bitget;

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
import dev.bulwark.ports.errors.Unauthorized;
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
 * Bitget USDT-M futures against a fake that serves the documented v2 "mix" answers and checks every request the way
 * Bitget does: method and path, the parameters each endpoint documents as required, the access headers and the
 * signature recomputed from the documented prehash.
 */
class BitgetFuturesGatewayTest {
    static final String KEY = "bg_futures_key_0001";
    static final String SECRET = "bitget-futures-secret-do-not-print";
    static final String PASSPHRASE = "bitget-futures-passphrase-do-not-print";
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    static final Instrument BTC = new Instrument(Asset.of("BTC"), Asset.USDT, Market.USDM_FUTURES);
    static final Instrument ETH = new Instrument(Asset.of("ETH"), Asset.USDT, Market.USDM_FUTURES);
    static final ClientOrderId CID = new ClientOrderId("121211212122");
    static final VenueResilience.Settings FAST = new VenueResilience.Settings(Duration.ofMillis(2_000), 1,
            Duration.ofMillis(10), 3, Duration.ofMillis(400), Duration.ofMillis(100));
    static final ObjectMapper JSON = new ObjectMapper();
    /** The parameters Bitget's documentation marks required, per endpoint. */
    static final Map<String, Set<String>> REQUIRED = Map.ofEntries(
            Map.entry("GET /api/v2/mix/account/accounts", Set.of("productType")),
            Map.entry("GET /api/v2/mix/position/all-position", Set.of("productType")),
            Map.entry("GET /api/v2/mix/order/orders-pending", Set.of("productType")),
            Map.entry("GET /api/v2/mix/order/detail", Set.of("symbol", "productType")),
            Map.entry("GET /api/v2/mix/order/fills", Set.of("productType")),
            Map.entry("GET /api/v2/mix/market/contracts", Set.of("productType")),
            Map.entry("GET /api/v2/mix/market/ticker", Set.of("symbol", "productType")),
            Map.entry("POST /api/v2/mix/order/place-order",
                    Set.of("symbol", "productType", "marginMode", "marginCoin", "size", "side", "orderType")),
            Map.entry("POST /api/v2/mix/order/cancel-order", Set.of("symbol", "productType")),
            Map.entry("POST /api/v2/mix/account/set-leverage", Set.of("symbol", "productType", "marginCoin", "leverage")));

    final AtomicReference<Instant> now = new AtomicReference<>(T0);
    /** The fake's order book: client order id to the order as detail reports it. */
    final Map<String, String> book = new ConcurrentHashMap<>();
    SignedFakeVenue venue;
    BitgetFuturesVenueProvider provider;
    VenueAccount account;
    VenueGateway gateway;

    @BeforeEach
    void start() {
        venue = SignedFakeVenue.start(BitgetFuturesGatewayTest::check);
        provider = new BitgetFuturesVenueProvider(FAST);
        account = new VenueAccount(new VenueAccountId(UUID.randomUUID()), new WorkspaceId(UUID.randomUUID()),
                new VenueId("bitget-futures"), "Bitget futures", Environment.LIVE, null,
                Set.of(Permission.READ, Permission.TRADE), true, "bg_f\u20260001", new SealedSecret("sealed"),
                SyncState.never(), T0, T0);
        gateway = connect(new VenueCredentials(KEY, SECRET, PASSPHRASE));
        venue.on("GET", "/api/v2/mix/order/detail", request -> {
            String id = request.query().getOrDefault("clientOid", request.query().get("orderId"));
            String order = book.get(id);
            return order == null ? Reply.json(400, error("40768", "Order does not exist")) : Reply.ok(order);
        });
    }

    @AfterEach
    void stop() {
        gateway.close();
        venue.close();
    }

    VenueGateway connect(VenueCredentials credentials) {
        return provider.connect(new VenueConnection(account, VenueEnvironment.LIVE, venue.baseUrl(), credentials, now::get));
    }

    /**
     * Bitget's checks: public market calls unsigned; private calls carry the key, passphrase and a 13-digit
     * millisecond timestamp, and ACCESS-SIGN = base64(HMAC-SHA256(secret, timestamp + METHOD + path[?query] + body)),
     * recomputed here with the JDK; and the documented required parameters (in the query, or the JSON body of a POST).
     */
    static Optional<Reply> check(Request request) {
        Set<String> required = REQUIRED.get(request.method() + " " + request.path());
        if (required != null) {
            Set<String> given = request.method().equals("GET") ? request.query().keySet() : Hmac.bodyFields(request.body());
            if (!given.containsAll(required)) {
                return Optional.of(Reply.json(400, error("40017", "Parameter verification failed " + required)));
            }
            if (request.method().equals("POST") && !request.header("Content-Type").startsWith("application/json")) {
                return Optional.of(Reply.json(400, error("40017", "Content-Type must be application/json")));
            }
        }
        if (request.path().startsWith("/api/v2/mix/market/")) {
            assertThat(request.header("ACCESS-SIGN")).as("public calls are not signed").isEmpty();
            return Optional.empty();
        }
        if (!request.header("ACCESS-KEY").equals(KEY)) {
            return Optional.of(Reply.json(400, error("40006", "Invalid ACCESS_KEY")));
        }
        if (!request.header("ACCESS-PASSPHRASE").equals(PASSPHRASE)) {
            return Optional.of(Reply.json(400, error("40012", "apikey/password is incorrect")));
        }
        String timestamp = request.header("ACCESS-TIMESTAMP");
        String requestPath = request.path() + (request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery());
        String expected = Hmac.sha256Base64(SECRET, timestamp + request.method() + requestPath + request.body());
        if (!timestamp.matches("[0-9]{13}") || !expected.equals(request.header("ACCESS-SIGN"))) {
            return Optional.of(Reply.json(400, error("40009", "sign signature error")));
        }
        return Optional.empty();
    }

    static String doc(String name) {
        return SignedFakeVenue.resource(BitgetFuturesGatewayTest.class, name);
    }

    static String error(String code, String msg) {
        return "{\"code\":\"" + code + "\",\"msg\":\"" + msg + "\",\"requestTime\":1695808949356,\"data\":null}";
    }

    /** An order detail of BTCUSDT for {@link #CID}, in the documented shape. */
    static String detail(String state, String baseVolume, String priceAvg) {
        return "{\"code\":\"00000\",\"msg\":\"success\",\"requestTime\":1695823012595,\"data\":{\"symbol\":\"BTCUSDT\","
                + "\"size\":\"0.01\",\"orderId\":\"1001\",\"clientOid\":\"" + CID.value() + "\",\"baseVolume\":\""
                + baseVolume + "\",\"priceAvg\":\"" + priceAvg + "\",\"fee\":\"\",\"price\":\"25000\",\"state\":\""
                + state + "\",\"side\":\"buy\",\"force\":\"gtc\",\"totalProfits\":\"0\",\"posSide\":\"net\","
                + "\"marginCoin\":\"USDT\",\"quoteVolume\":\"0\",\"orderType\":\"limit\",\"leverage\":\"20\","
                + "\"marginMode\":\"crossed\",\"reduceOnly\":\"NO\",\"enterPointSource\":\"api\",\"tradeSide\":\"\","
                + "\"posMode\":\"one_way_mode\",\"orderSource\":\"normal\",\"cTime\":\"1695808949356\","
                + "\"uTime\":\"1695808949999\"}}";
    }

    static OrderRequest limitBuy() {
        return OrderRequest.limit(BTC, OrderSide.BUY, new BigDecimal("0.01"), new BigDecimal("25000"), TimeInForce.GTC, CID);
    }

    static JsonNode body(Request request) throws Exception {
        return JSON.readTree(request.body());
    }

    // --- signing and the account ---

    @Test
    void everyPrivateRequestIsSignedAsBitgetDocumentsIt() {
        venue.on("GET", "/api/v2/mix/account/accounts", Reply.ok(doc("futures-accounts.json")));
        gateway.balances();
        Request sent = venue.last();
        assertThat(sent.header("ACCESS-KEY")).isEqualTo(KEY);
        assertThat(sent.header("ACCESS-PASSPHRASE")).isEqualTo(PASSPHRASE);
        assertThat(sent.header("ACCESS-TIMESTAMP")).isEqualTo(Long.toString(T0.toEpochMilli()));
        assertThat(sent.header("ACCESS-SIGN")).isEqualTo(Hmac.sha256Base64(SECRET, T0.toEpochMilli()
                + "GET/api/v2/mix/account/accounts?productType=USDT-FUTURES"));
    }

    @Test
    void aWrongSecretOrPassphraseIsRefusedAsBitgetWould() {
        venue.on("GET", "/api/v2/mix/account/accounts", Reply.ok(doc("futures-accounts.json")));
        try (VenueGateway wrongSecret = connect(new VenueCredentials(KEY, "another-secret", PASSPHRASE));
             VenueGateway wrongPassphrase = connect(new VenueCredentials(KEY, SECRET, "another-passphrase"))) {
            assertThatThrownBy(wrongSecret::balances).isInstanceOf(Unauthorized.class).hasMessageContaining("40009");
            CredentialCheck check = wrongPassphrase.checkCredentials();
            assertThat(check.valid()).isFalse();
        }
        assertThat(gateway.checkCredentials()).isEqualTo(CredentialCheck.valid(Set.of(Permission.READ)));
        assertThat(provider.circuits().getFirst().state()).as("a refused key is an answer").isEqualTo(VenueCircuit.State.CLOSED);
    }

    @Test
    void balancesAreTheFuturesMarginAvailableAndLocked() {
        venue.on("GET", "/api/v2/mix/account/accounts", Reply.ok(doc("futures-accounts.json")));
        List<Holding> holdings = gateway.balances();
        assertThat(holdings).containsExactly(new Holding(account.id(), new VenueId("bitget-futures"), AccountKind.FUTURES,
                Asset.USDT, new BigDecimal("10575.26735771"), new BigDecimal("0.31876482")));
        assertThat(venue.last().query()).isEqualTo(Map.of("productType", "USDT-FUTURES"));
    }

    @Test
    void positionsAreSignedByTheirHoldSideWithTheirBasisAndLeverage() {
        venue.on("GET", "/api/v2/mix/position/all-position", Reply.ok(doc("futures-positions.json")));
        assertThat(gateway.positions()).containsExactly(new Position(account.id(), BTC, new BigDecimal("0.01"),
                new Money(new BigDecimal("250"), Asset.USDT), Money.zero(Asset.USDT), new BigDecimal("20")));
        assertThat(venue.last().query()).isEqualTo(Map.of("productType", "USDT-FUTURES", "marginCoin", "USDT"));

        venue.on("GET", "/api/v2/mix/position/all-position", Reply.ok(doc("futures-positions.json")
                .replace("\"holdSide\": \"long\"", "\"holdSide\": \"short\"").replace("\"achievedProfits\": \"0\"",
                        "\"achievedProfits\": \"-3.5\"")));
        Position shortBtc = gateway.positions().getFirst();
        assertThat(shortBtc.quantity()).isEqualByComparingTo("-0.01");
        assertThat(shortBtc.realizedPnl()).isEqualTo(new Money(new BigDecimal("-3.5"), Asset.USDT));
    }

    @Test
    void aHedgeModeLongAndShortAreReportedNetted() {
        String both = "{\"code\":\"00000\",\"msg\":\"success\",\"requestTime\":1,\"data\":["
                + "{\"symbol\":\"BTCUSDT\",\"holdSide\":\"long\",\"total\":\"0.03\",\"openPriceAvg\":\"20000\",\"leverage\":\"10\",\"achievedProfits\":\"1\"},"
                + "{\"symbol\":\"BTCUSDT\",\"holdSide\":\"short\",\"total\":\"0.01\",\"openPriceAvg\":\"21000\",\"leverage\":\"10\",\"achievedProfits\":\"2\"},"
                + "{\"symbol\":\"ETHUSDT\",\"holdSide\":\"long\",\"total\":\"0\",\"openPriceAvg\":\"0\",\"leverage\":\"10\",\"achievedProfits\":\"0\"}]}";
        venue.on("GET", "/api/v2/mix/position/all-position", Reply.ok(both));
        assertThat(gateway.positions()).containsExactly(new Position(account.id(), BTC, new BigDecimal("0.02"),
                new Money(new BigDecimal("400"), Asset.USDT), new Money(new BigDecimal("3"), Asset.USDT), BigDecimal.TEN));
    }

    // --- placing ---

    @Test
    void aLimitOrderIsSentWithTheDocumentedFieldsAndItsClientOid() throws Exception {
        venue.on("POST", "/api/v2/mix/order/place-order", Reply.ok(doc("futures-place-order.json")));
        PlacementResult result = gateway.place(limitBuy());
        assertThat(result).isInstanceOfSatisfying(PlacementResult.Placed.class, placed -> {
            assertThat(placed.order().status()).isEqualTo(OrderStatus.ACCEPTED);
            assertThat(placed.order().id()).isEqualTo(VenueGateway.orderIdOf(account.id(), CID));
        });
        JsonNode sent = body(venue.last());
        assertThat(venue.last().body()).startsWith("{\"symbol\":\"BTCUSDT\",\"productType\":\"USDT-FUTURES\"");
        assertThat(sent.path("marginMode").asText()).isEqualTo("crossed");
        assertThat(sent.path("marginCoin").asText()).isEqualTo("USDT");
        assertThat(sent.path("size").asText()).isEqualTo("0.01");
        assertThat(sent.path("price").asText()).isEqualTo("25000");
        assertThat(sent.path("side").asText()).isEqualTo("buy");
        assertThat(sent.path("orderType").asText()).isEqualTo("limit");
        assertThat(sent.path("force").asText()).isEqualTo("gtc");
        assertThat(sent.path("clientOid").asText()).isEqualTo(CID.value());
        assertThat(sent.path("reduceOnly").asText()).isEqualTo("NO");
        assertThat(sent.has("tradeSide")).as("one-way mode sends no trade side").isFalse();
    }

    @Test
    void aReduceOnlyMarketSellWithLeverageSetsTheLeverageFirst() throws Exception {
        venue.on("POST", "/api/v2/mix/account/set-leverage", Reply.ok(doc("futures-set-leverage.json")));
        venue.on("POST", "/api/v2/mix/order/place-order", Reply.ok(doc("futures-place-order.json")));
        OrderRequest request = new OrderRequest(BTC, OrderSide.SELL, OrderType.MARKET, OrderSize.quantity(new BigDecimal("0.02")),
                null, null, null, TimeInForce.IOC, CID, true, new BigDecimal("20"));
        assertThat(gateway.place(request)).isInstanceOf(PlacementResult.Placed.class);
        List<Request> sent = venue.requests();
        assertThat(sent).extracting(Request::path).containsExactly("/api/v2/mix/account/set-leverage", "/api/v2/mix/order/place-order");
        JsonNode leverage = body(sent.get(0));
        assertThat(leverage.path("symbol").asText()).isEqualTo("BTCUSDT");
        assertThat(leverage.path("leverage").asText()).isEqualTo("20");
        JsonNode order = body(sent.get(1));
        assertThat(order.path("side").asText()).isEqualTo("sell");
        assertThat(order.path("orderType").asText()).isEqualTo("market");
        assertThat(order.path("force").asText()).isEqualTo("ioc");
        assertThat(order.path("reduceOnly").asText()).isEqualTo("YES");
        assertThat(order.has("price")).isFalse();
    }

    @Test
    void aRefusedLeverageIsARejectionAndNothingIsPlaced() {
        venue.on("POST", "/api/v2/mix/account/set-leverage", Reply.json(400, error("40797", "Exceeded the maximum settable leverage")));
        OrderRequest tooMuch = new OrderRequest(BTC, OrderSide.BUY, OrderType.MARKET, OrderSize.quantity(new BigDecimal("0.01")),
                null, null, null, TimeInForce.IOC, CID, false, new BigDecimal("100"));
        assertThat(gateway.place(tooMuch)).isInstanceOfSatisfying(PlacementResult.Rejected.class,
                rejected -> assertThat(rejected.reason()).contains("40797"));
        assertThat(venue.count("/api/v2/mix/order/place-order")).isZero();

        OrderRequest fractional = new OrderRequest(BTC, OrderSide.BUY, OrderType.MARKET, OrderSize.quantity(new BigDecimal("0.01")),
                null, null, null, TimeInForce.IOC, CID, false, new BigDecimal("2.5"));
        assertThat(gateway.place(fractional)).isInstanceOfSatisfying(PlacementResult.Rejected.class,
                rejected -> assertThat(rejected.code()).isEqualTo(PlacementResult.Rejected.OUTSIDE_TRADING_RULES));
        assertThat(venue.count("/api/v2/mix/account/set-leverage")).as("a fractional leverage is not sent").isEqualTo(1);
    }

    @Test
    void whatTheVenueDoesNotOfferIsRefusedWithoutSendingAnything() {
        OrderRequest quoteSized = OrderRequest.market(BTC, OrderSide.BUY, OrderSize.quoteAmount(new BigDecimal("100")), CID);
        OrderRequest spot = OrderRequest.limit(Instrument.spot("BTC", "USDT"), OrderSide.BUY, BigDecimal.ONE,
                BigDecimal.TEN, TimeInForce.GTC, CID);
        OrderRequest stop = new OrderRequest(BTC, OrderSide.SELL, OrderType.STOP_MARKET, OrderSize.quantity(BigDecimal.ONE),
                null, new BigDecimal("20000"), null, TimeInForce.GTC, CID, true, null);
        for (OrderRequest request : List.of(quoteSized, spot, stop)) {
            assertThat(gateway.place(request)).isInstanceOfSatisfying(PlacementResult.Rejected.class,
                    rejected -> assertThat(rejected.code()).isEqualTo(PlacementResult.Rejected.UNSUPPORTED));
        }
        assertThat(venue.requests()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "40762, The order amount exceeds the balance, insufficient-funds",
        "40034, Parameter symbol does not exist, unknown-instrument",
        "45110, less than the minimum order quantity, outside-trading-rules",
        "40014, Incorrect permissions, not-permitted",
        // no code of its own is documented for a repeated clientOid: Bitget's message says it
        "43122, Duplicate clientOid, duplicate-client-order-id",
        "40797, Exceeded the maximum settable leverage, venue:40797"})
    void documentedRefusalsAreRejectionsWithStableCodes(String code, String msg, String mapped) {
        venue.on("POST", "/api/v2/mix/order/place-order", Reply.json(400, error(code, msg)));
        assertThat(gateway.place(limitBuy())).isInstanceOfSatisfying(PlacementResult.Rejected.class, rejected -> {
            assertThat(rejected.code()).isEqualTo(mapped);
            assertThat(rejected.reason()).contains(code);
        });
    }

    @Test
    void aPlacementThatTimesOutIsUnknownSentOnceAndExactlyOneOrderResults() {
        venue.on("POST", "/api/v2/mix/order/place-order", request -> {
            // the venue takes the order, then answers too late
            book.put(CID.value(), detail("live", "0", "0"));
            return Reply.ok(doc("futures-place-order.json")).after(Duration.ofMillis(6_000));
        });
        assertThatThrownBy(() -> gateway.place(limitBuy())).isInstanceOf(VenueUnavailable.class);
        assertThat(venue.count("/api/v2/mix/order/place-order")).as("a placement is never retried").isEqualTo(1);

        Order found = gateway.findByClientOrderId(BTC, CID).orElseThrow();
        assertThat(found.id()).isEqualTo(VenueGateway.orderIdOf(account.id(), CID));
        assertThat(found.status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(venue.last().query()).isEqualTo(Map.of("symbol", "BTCUSDT", "productType", "USDT-FUTURES",
                "clientOid", CID.value()));
        assertThat(book).as("exactly one order").hasSize(1);
        assertThat(venue.count("/api/v2/mix/order/place-order")).isEqualTo(1);
    }

    @Test
    void a5xxOrA429OnPlacementIsNotRetried() {
        venue.on("POST", "/api/v2/mix/order/place-order", Reply.json(502, "{}"));
        assertThatThrownBy(() -> gateway.place(limitBuy())).isInstanceOf(VenueUnavailable.class);
        venue.on("POST", "/api/v2/mix/order/place-order", Reply.json(429, error("429", "Too Many Requests")).header("Retry-After", "3"));
        assertThatThrownBy(() -> gateway.place(limitBuy())).isInstanceOfSatisfying(RateLimited.class,
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3)));
        assertThat(venue.count("/api/v2/mix/order/place-order")).isEqualTo(2);
    }

    // --- orders ---

    @Test
    void anOrderIsFoundByItsClientOidAndAnUnknownOneIsEmpty() {
        book.put("77777", doc("futures-order-detail.json"));
        Order order = gateway.findByClientOrderId(ETH, new ClientOrderId("77777")).orElseThrow();
        assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(order.filledQuantity()).isEqualByComparingTo("2");
        assertThat(order.averageFillPrice()).isEqualByComparingTo("1900");
        assertThat(order.instrument()).isEqualTo(ETH);
        assertThat(gateway.findByClientOrderId(ETH, new ClientOrderId("nope-1"))).isEmpty();
        assertThat(gateway.findByClientOrderId(Instrument.spot("ETH", "USDT"), new ClientOrderId("77777"))).isEmpty();
    }

    @Test
    void openOrdersNameTheirInstrumentFromTheSymbol() {
        venue.on("GET", "/api/v2/mix/order/orders-pending", Reply.ok(doc("futures-orders-pending.json")));
        List<Order> open = gateway.openOrders(null);
        assertThat(open).hasSize(1);
        assertThat(open.getFirst().instrument()).isEqualTo(ETH);
        assertThat(open.getFirst().status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(open.getFirst().clientOrderId()).isEqualTo(new ClientOrderId("12321"));
        assertThat(venue.last().query()).containsEntry("productType", "USDT-FUTURES").doesNotContainKey("symbol");
        gateway.openOrders(ETH);
        assertThat(venue.last().query()).containsEntry("symbol", "ETHUSDT");
    }

    @Test
    void cancelOutcomes() throws Exception {
        venue.on("POST", "/api/v2/mix/order/cancel-order", request -> {
            book.put(CID.value(), detail("canceled", "0", "0"));
            return Reply.ok(doc("futures-cancel-order.json"));
        });
        assertThat(gateway.cancel(BTC, CID)).isInstanceOf(CancelResult.Cancelled.class);
        JsonNode sent = body(venue.requests("/api/v2/mix/order/cancel-order").getFirst());
        assertThat(sent.path("clientOid").asText()).isEqualTo(CID.value());
        assertThat(sent.path("productType").asText()).isEqualTo("USDT-FUTURES");

        venue.on("POST", "/api/v2/mix/order/cancel-order", Reply.json(400, error("40768", "Order does not exist")));
        assertThat(gateway.cancel(BTC, CID)).isInstanceOf(CancelResult.AlreadyFinal.class);
        book.clear();
        assertThat(gateway.cancel(BTC, CID)).isEqualTo(new CancelResult.UnknownOrder(CID));
    }

    @Test
    void fillsNameTheirOrderByItsClientOidWithTheFeeCharged() {
        venue.on("GET", "/api/v2/mix/order/fills", Reply.ok(doc("futures-fills.json")));
        book.put("121212", doc("futures-order-detail.json").replace("\"orderId\": \"123456\"", "\"orderId\": \"121212\""));
        List<Fill> fills = gateway.fills(ETH, Instant.ofEpochMilli(1627293500000L));
        assertThat(fills).containsExactly(new Fill("123", VenueGateway.orderIdOf(account.id(), new ClientOrderId("77777")), ETH,
                OrderSide.BUY, new BigDecimal("1900"), BigDecimal.ONE, new Money(new BigDecimal("0.017118519726"), Asset.of("BGB")),
                Instant.ofEpochMilli(1627293509612L)));
        Request asked = venue.requests("/api/v2/mix/order/fills").getFirst();
        assertThat(asked.query()).containsEntry("symbol", "ETHUSDT").containsEntry("startTime", "1627293500000");
        assertThat(venue.requests("/api/v2/mix/order/detail").getFirst().query()).containsEntry("orderId", "121212");
    }

    // --- market data ---

    @Test
    void rulesComeFromTheContractAndAreCached() {
        venue.on("GET", "/api/v2/mix/market/contracts", Reply.ok(doc("futures-contracts.json")));
        TradingRules rules = gateway.rules(BTC);
        assertThat(rules).isEqualTo(new TradingRules(new BigDecimal("0.1"), new BigDecimal("0.01"), new BigDecimal("0.01"),
                null, new BigDecimal("5")));
        gateway.rules(BTC);
        assertThat(venue.count("/api/v2/mix/market/contracts")).isEqualTo(1);
        assertThat(venue.last().query()).isEqualTo(Map.of("productType", "USDT-FUTURES", "symbol", "BTCUSDT"));
        venue.on("GET", "/api/v2/mix/market/contracts", Reply.json(400, error("40034", "Parameter symbol does not exist")));
        assertThatThrownBy(() -> gateway.rules(ETH)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> gateway.rules(Instrument.spot("BTC", "USDT"))).isInstanceOf(NotFound.class);
    }

    @Test
    void thePriceIsTheLastTrade() {
        venue.on("GET", "/api/v2/mix/market/ticker", Reply.ok(doc("futures-ticker.json")));
        assertThat(gateway.price(ETH)).contains(new BigDecimal("1829.3"));
        assertThat(gateway.price(Instrument.spot("ETH", "USDT"))).isEmpty();
        venue.on("GET", "/api/v2/mix/market/ticker", Reply.json(400, error("40034", "Parameter symbol does not exist")));
        assertThat(gateway.price(BTC)).isEmpty();
    }

    // --- failures ---

    @Test
    void throttlesServerErrorsAndUnreadableAnswers() {
        venue.on("GET", "/api/v2/mix/account/accounts", Reply.json(429, error("429", "Too Many Requests")).header("Retry-After", "2"));
        assertThatThrownBy(gateway::balances).isInstanceOfSatisfying(RateLimited.class,
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2)));
        venue.on("GET", "/api/v2/mix/account/accounts", Reply.json(200, error("40010", "Request timed out")));
        assertThatThrownBy(gateway::balances).isInstanceOf(VenueUnavailable.class);
        for (Reply reply : List.of(Reply.ok("{\"code\":\"00000\",\"data\":["), Reply.ok(doc("futures-accounts.json")).cutAfter(60),
                Reply.text(200, "<html>maintenance</html>"), Reply.ok("{\"code\":\"00000\",\"data\":{}}"),
                Reply.ok("{\"code\":\"00000\",\"data\":[{\"marginCoin\":\"USDT\",\"available\":\"lots\"}]}"))) {
            venue.on("GET", "/api/v2/mix/account/accounts", reply);
            assertThatThrownBy(gateway::balances).isInstanceOf(VenueUnavailable.class)
                    .hasMessageNotContaining("maintenance");
        }
    }

    @Test
    void aReadThatTimesOutIsRetriedOnceThenUnavailable() {
        venue.on("GET", "/api/v2/mix/position/all-position", Reply.ok(doc("futures-positions.json")).after(Duration.ofMillis(6_000)));
        assertThatThrownBy(gateway::positions).isInstanceOf(VenueUnavailable.class);
        assertThat(venue.count("/api/v2/mix/position/all-position")).isEqualTo(2);
    }

    @Test
    void theBreakerOpensAfterRepeatedFailuresAndClosesAgain() {
        Circuits.assertOne(provider, VenueCircuit.State.CLOSED);
        venue.on("GET", "/api/v2/mix/market/ticker", Reply.json(503, "{}"));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> gateway.price(BTC)).isInstanceOf(VenueUnavailable.class);
        }
        Circuits.assertOne(provider, VenueCircuit.State.OPEN);
        long sent = venue.count("/api/v2/mix/market/ticker");
        assertThatThrownBy(() -> gateway.price(BTC)).isInstanceOf(VenueUnavailable.class).hasMessageContaining("circuit open");
        assertThat(venue.count("/api/v2/mix/market/ticker")).as("an open breaker sends nothing").isEqualTo(sent);
        venue.on("GET", "/api/v2/mix/market/ticker", Reply.ok(doc("futures-ticker.json")));
        assertThat(Eventually.afterTheBreakerPause(() -> gateway.price(BTC))).contains(new BigDecimal("1829.3"));
        Circuits.assertOne(provider, VenueCircuit.State.CLOSED);
    }

    // --- provider, lifecycle and secrets ---

    @Test
    void theDescriptorDeclaresFuturesAndTheProviderIsFoundByServiceLoader() {
        assertThat(provider.describe().markets()).containsExactly(Market.USDM_FUTURES);
        assertThat(provider.describe().capabilities()).contains(VenueCapability.FUTURES, VenueCapability.POSITIONS)
                .doesNotContain(VenueCapability.QUOTE_AMOUNT, VenueCapability.PERMISSIONS);
        assertThat(provider.describe().needsPassphrase()).isTrue();
        assertThat(ServiceLoader.load(VenueProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(BitgetFuturesVenueProvider.class);
    }

    @Test
    void connectRefusesAnotherVenueOrAMissingPassphrase() {
        VenueAccount spot = new VenueAccount(new VenueAccountId(UUID.randomUUID()), account.workspace(), new VenueId("bitget"),
                "Bitget", Environment.LIVE, null, Set.of(Permission.READ), true, "bg\u2026", new SealedSecret("s"),
                SyncState.never(), T0, T0);
        assertThatThrownBy(() -> provider.connect(new VenueConnection(spot, VenueEnvironment.LIVE, venue.baseUrl(),
                new VenueCredentials(KEY, SECRET, PASSPHRASE), now::get))).isInstanceOf(Invalid.class);
        assertThatThrownBy(() -> connect(VenueCredentials.of(KEY, SECRET))).isInstanceOf(Invalid.class)
                .hasMessageNotContaining(SECRET);
        assertThat(provider.describe().environments()).containsExactly(VenueEnvironment.LIVE);
    }

    @Test
    void secretsAppearInNoMessageRequestNorToString() {
        venue.on("GET", "/api/v2/mix/account/accounts", Reply.json(500, "{}"));
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(gateway::balances);
        assertThat(failure.getMessage()).doesNotContain(SECRET).doesNotContain(PASSPHRASE).doesNotContain(KEY);
        assertThat(gateway.toString()).doesNotContain(SECRET).doesNotContain(KEY);
        for (Request request : venue.requests()) {
            assertThat(request.rawQuery() + request.body()).doesNotContain(SECRET);
            assertThat(request.headers().values()).doesNotContain(SECRET);
        }
    }

    @Test
    void aClosedGatewayRefusesWork() {
        gateway.close();
        gateway.close();
        assertThatThrownBy(gateway::positions).isInstanceOf(IllegalStateException.class);
        assertThat(gateway.capabilities()).contains(VenueCapability.FUTURES);
    }
}
