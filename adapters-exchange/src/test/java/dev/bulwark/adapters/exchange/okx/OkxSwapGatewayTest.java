package dev.bulwark.adapters.exchange.okx;

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
 * OKX USDT swaps against a fake that serves the documented v5 answers and checks every request as OKX does: method
 * and path, the documented required parameters, the OK-ACCESS headers (ISO timestamp with milliseconds, passphrase)
 * and the signature recomputed with the JDK (base64 HMAC-SHA256 of timestamp + METHOD + path[?query] + body).
 */
class OkxSwapGatewayTest {
    static final String KEY = "okx-swap-key-0001";
    static final String SECRET = "okx-swap-secret-do-not-print";
    static final String PASSPHRASE = "okx-swap-passphrase-do-not-print";
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    static final Instrument BTC = new Instrument(Asset.of("BTC"), Asset.USDT, Market.USDM_FUTURES);
    static final ClientOrderId CID = new ClientOrderId("b15");
    static final VenueResilience.Settings FAST = new VenueResilience.Settings(Duration.ofMillis(2_000), 1,
            Duration.ofMillis(10), 3, Duration.ofMillis(400), Duration.ofMillis(100));
    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, Set<String>> REQUIRED = Map.ofEntries(
            Map.entry("GET /api/v5/trade/order", Set.of("instId")),
            Map.entry("GET /api/v5/trade/fills-history", Set.of("instType")),
            Map.entry("GET /api/v5/public/instruments", Set.of("instType")),
            Map.entry("GET /api/v5/market/ticker", Set.of("instId")),
            Map.entry("POST /api/v5/trade/order", Set.of("instId", "tdMode", "side", "ordType", "sz")),
            Map.entry("POST /api/v5/trade/cancel-order", Set.of("instId")),
            Map.entry("POST /api/v5/account/set-leverage", Set.of("lever", "mgnMode")));

    final AtomicReference<Instant> now = new AtomicReference<>(T0);
    /** The fake's orders by clOrdId, as trade/order reports each. */
    final Map<String, String> book = new ConcurrentHashMap<>();
    SignedFakeVenue venue;
    OkxSwapVenueProvider provider;
    VenueAccount account;
    VenueGateway gateway;

    @BeforeEach
    void start() {
        venue = SignedFakeVenue.start(OkxSwapGatewayTest::check);
        provider = new OkxSwapVenueProvider(FAST);
        account = new VenueAccount(new VenueAccountId(UUID.randomUUID()), new WorkspaceId(UUID.randomUUID()),
                new VenueId("okx-swap"), "OKX swaps", Environment.LIVE, null, Set.of(Permission.READ, Permission.TRADE), true,
                "okx-\u20260001", new SealedSecret("sealed"), SyncState.never(), T0, T0);
        gateway = connect(new VenueCredentials(KEY, SECRET, PASSPHRASE));
        venue.on("GET", "/api/v5/public/instruments", Reply.ok(doc("swap-instruments.json")));
        venue.on("GET", "/api/v5/trade/order", request -> {
            String order = book.get(request.query().getOrDefault("clOrdId", ""));
            return order == null ? Reply.ok("{\"code\":\"51603\",\"msg\":\"Order does not exist\",\"data\":[]}") : Reply.ok(order);
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

    static Optional<Reply> check(Request request) {
        Set<String> required = REQUIRED.get(request.method() + " " + request.path());
        if (required != null) {
            Set<String> given = request.method().equals("GET") ? request.query().keySet() : Hmac.bodyFields(request.body());
            if (!given.containsAll(required)) {
                return Optional.of(Reply.json(400, "{\"code\":\"50014\",\"msg\":\"Parameter " + required + " can not be empty.\",\"data\":[]}"));
            }
        }
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
        if (!Hmac.sha256Base64(SECRET, timestamp + request.method() + requestPath + request.body()).equals(request.header("OK-ACCESS-SIGN"))) {
            return Optional.of(Reply.json(401, "{\"msg\":\"Invalid Sign\",\"code\":\"50113\"}"));
        }
        return Optional.empty();
    }

    static String doc(String name) {
        return SignedFakeVenue.resource(OkxSwapGatewayTest.class, name);
    }

    static String refused(String sCode, String sMsg) {
        return "{\"code\":\"1\",\"msg\":\"All operations failed\",\"data\":[{\"clOrdId\":\"b15\",\"ordId\":\"\",\"tag\":\"\","
                + "\"ts\":\"1695190491421\",\"sCode\":\"" + sCode + "\",\"sMsg\":\"" + sMsg + "\"}]}";
    }

    /** The documented swap order, in {@code state}, live orders unfilled. */
    static String order(String state) {
        String order = doc("swap-order.json").replace("\"state\":\"filled\"", "\"state\":\"" + state + "\"");
        return state.equals("filled") ? order : order.replace("\"accFillSz\":\"5\"", "\"accFillSz\":\"0\"").replace("\"avgPx\":\"51858\"", "\"avgPx\":\"\"");
    }

    static OrderRequest limitBuy(String quantity) {
        return OrderRequest.limit(BTC, OrderSide.BUY, new BigDecimal(quantity), new BigDecimal("51858"), TimeInForce.GTC, CID);
    }

    // --- signing and the account ---

    @Test
    void everyPrivateRequestIsSignedAsOkxDocumentsIt() {
        venue.on("GET", "/api/v5/account/balance", Reply.ok(doc("balance.json")));
        gateway.balances();
        Request sent = venue.last();
        assertThat(sent.header("OK-ACCESS-TIMESTAMP")).isEqualTo("2026-11-21T10:00:00.000Z");
        assertThat(sent.header("OK-ACCESS-SIGN")).isEqualTo(Hmac.sha256Base64(SECRET, "2026-11-21T10:00:00.000ZGET/api/v5/account/balance"));
        try (VenueGateway wrong = connect(new VenueCredentials(KEY, "another-secret", PASSPHRASE))) {
            assertThat(wrong.checkCredentials().valid()).isFalse();
        }
    }

    @Test
    void balancesAreTheTradingAccountAsFuturesMargin() {
        venue.on("GET", "/api/v5/account/balance", Reply.ok(doc("balance.json")));
        List<Holding> holdings = gateway.balances();
        assertThat(holdings).isNotEmpty().allSatisfy(holding -> {
            assertThat(holding.kind()).isEqualTo(AccountKind.FUTURES);
            assertThat(holding.venue()).isEqualTo(new VenueId("okx-swap"));
        });
    }

    @Test
    void positionsAreInBaseUnitsFromTheContractValue() {
        venue.on("GET", "/api/v5/account/positions", Reply.ok(doc("swap-positions.json")));
        assertThat(gateway.positions()).containsExactly(new Position(account.id(), BTC, new BigDecimal("-0.03"),
                new Money(new BigDecimal("900.015"), Asset.USDT), new Money(new BigDecimal("-0.54"), Asset.USDT), BigDecimal.TEN));
        assertThat(venue.requests("/api/v5/account/positions").getFirst().query()).isEqualTo(Map.of("instType", "SWAP"));
        assertThat(venue.requests("/api/v5/public/instruments").getFirst().query())
                .isEqualTo(Map.of("instType", "SWAP", "instId", "BTC-USDT-SWAP"));
    }

    @Test
    void longAndShortModePositionsAreNetted() {
        String both = "{\"code\":\"0\",\"msg\":\"\",\"data\":["
                + "{\"instId\":\"BTC-USDT-SWAP\",\"posSide\":\"long\",\"pos\":\"5\",\"avgPx\":\"30000\",\"lever\":\"5\",\"realizedPnl\":\"1\"},"
                + "{\"instId\":\"BTC-USDT-SWAP\",\"posSide\":\"short\",\"pos\":\"2\",\"avgPx\":\"31000\",\"lever\":\"5\",\"realizedPnl\":\"2\"},"
                + "{\"instId\":\"ETH-USD-SWAP\",\"posSide\":\"net\",\"pos\":\"7\",\"avgPx\":\"2000\",\"lever\":\"3\",\"realizedPnl\":\"0\"}]}";
        venue.on("GET", "/api/v5/account/positions", Reply.ok(both));
        assertThat(gateway.positions()).containsExactly(new Position(account.id(), BTC, new BigDecimal("0.03"),
                new Money(new BigDecimal("900"), Asset.USDT), new Money(new BigDecimal("3"), Asset.USDT), new BigDecimal("5")));
    }

    // --- placing ---

    @Test
    void anOrderIsSentInContracts() throws Exception {
        venue.on("POST", "/api/v5/trade/order", Reply.ok(doc("place-order.json")));
        assertThat(gateway.place(limitBuy("0.05"))).isInstanceOfSatisfying(PlacementResult.Placed.class, placed -> {
            assertThat(placed.order().id()).isEqualTo(VenueGateway.orderIdOf(account.id(), CID));
            assertThat(placed.order().size()).isEqualTo(OrderSize.quantity(new BigDecimal("0.05")));
        });
        assertThat(venue.last().body()).isEqualTo("{\"instId\":\"BTC-USDT-SWAP\",\"tdMode\":\"cross\",\"clOrdId\":\"b15\","
                + "\"side\":\"buy\",\"ordType\":\"limit\",\"px\":\"51858\",\"sz\":\"5\"}");
    }

    @Test
    void aQuantityThatIsNotWholeLotsIsRefusedBeforeSending() {
        assertThat(gateway.place(limitBuy("0.00005"))).isInstanceOfSatisfying(PlacementResult.Rejected.class,
                rejected -> assertThat(rejected.code()).isEqualTo(PlacementResult.Rejected.OUTSIDE_TRADING_RULES));
        assertThat(venue.count("/api/v5/trade/order")).isZero();
    }

    @Test
    void aReduceOnlyMarketSellWithLeverageSetsTheLeverageFirst() throws Exception {
        venue.on("POST", "/api/v5/account/set-leverage", Reply.ok("{\"code\":\"0\",\"msg\":\"\",\"data\":[{\"lever\":\"20\","
                + "\"mgnMode\":\"cross\",\"instId\":\"BTC-USDT-SWAP\",\"posSide\":\"\"}]}"));
        venue.on("POST", "/api/v5/trade/order", Reply.ok(doc("place-order.json")));
        OrderRequest request = new OrderRequest(BTC, OrderSide.SELL, OrderType.MARKET, OrderSize.quantity(new BigDecimal("0.03")),
                null, null, null, TimeInForce.IOC, CID, true, new BigDecimal("20"));
        assertThat(gateway.place(request)).isInstanceOf(PlacementResult.Placed.class);
        List<Request> posts = venue.requests().stream().filter(r -> r.method().equals("POST")).toList();
        assertThat(posts).extracting(Request::path).containsExactly("/api/v5/account/set-leverage", "/api/v5/trade/order");
        assertThat(posts.get(0).body()).isEqualTo("{\"instId\":\"BTC-USDT-SWAP\",\"lever\":\"20\",\"mgnMode\":\"cross\"}");
        JsonNode order = JSON.readTree(posts.get(1).body());
        assertThat(order.path("sz").asText()).isEqualTo("3");
        assertThat(order.path("ordType").asText()).isEqualTo("market");
        assertThat(order.path("reduceOnly").isBoolean()).as("a boolean, as documented").isTrue();
        assertThat(order.has("tgtCcy")).as("spot only").isFalse();

        venue.on("POST", "/api/v5/account/set-leverage", Reply.json(200, "{\"code\":\"59102\",\"msg\":\"Leverage exceeds the maximum leverage\",\"data\":[]}"));
        assertThat(gateway.place(request)).isInstanceOfSatisfying(PlacementResult.Rejected.class,
                rejected -> assertThat(rejected.reason()).contains("59102"));
        assertThat(venue.count("/api/v5/trade/order")).isEqualTo(1);
    }

    @Test
    void whatTheVenueDoesNotOfferIsRefusedWithoutSendingAnything() {
        for (OrderRequest request : List.of(
                OrderRequest.market(BTC, OrderSide.BUY, OrderSize.quoteAmount(new BigDecimal("100")), CID),
                OrderRequest.limit(Instrument.spot("BTC", "USDT"), OrderSide.BUY, BigDecimal.ONE, BigDecimal.TEN, TimeInForce.GTC, CID))) {
            assertThat(gateway.place(request)).isInstanceOfSatisfying(PlacementResult.Rejected.class,
                    rejected -> assertThat(rejected.code()).isEqualTo(PlacementResult.Rejected.UNSUPPORTED));
        }
        assertThat(venue.requests()).isEmpty();
        venue.on("GET", "/api/v5/public/instruments", Reply.ok("{\"code\":\"51001\",\"msg\":\"Instrument ID does not exist\",\"data\":[]}"));
        assertThat(gateway.place(OrderRequest.limit(new Instrument(Asset.of("NOPE"), Asset.USDT, Market.USDM_FUTURES), OrderSide.BUY,
                BigDecimal.ONE, BigDecimal.TEN, TimeInForce.GTC, CID))).isInstanceOfSatisfying(PlacementResult.Rejected.class,
                rejected -> assertThat(rejected.code()).isEqualTo(PlacementResult.Rejected.UNKNOWN_INSTRUMENT));
    }

    @ParameterizedTest
    @CsvSource({
        "51008, Order failed. Insufficient USDT margin in account, insufficient-funds",
        "51016, Duplicated clOrdId, duplicate-client-order-id"})
    void documentedRefusalsAreRejectionsWithStableCodes(String code, String msg, String mapped) {
        venue.on("POST", "/api/v5/trade/order", Reply.ok(refused(code, msg)));
        assertThat(gateway.place(limitBuy("0.01"))).isInstanceOfSatisfying(PlacementResult.Rejected.class, rejected -> {
            assertThat(rejected.code()).isEqualTo(mapped);
            assertThat(rejected.reason()).contains(code);
        });
    }

    @Test
    void aPlacementThatTimesOutIsUnknownSentOnceAndExactlyOneOrderResults() {
        venue.on("POST", "/api/v5/trade/order", request -> {
            book.put("b15", order("live"));
            return Reply.ok(doc("place-order.json")).after(Duration.ofMillis(6_000));
        });
        assertThatThrownBy(() -> gateway.place(limitBuy("0.05"))).isInstanceOf(VenueUnavailable.class);
        assertThat(venue.count("/api/v5/trade/order")).as("the placement; never retried").isEqualTo(1);
        Order found = gateway.findByClientOrderId(BTC, CID).orElseThrow();
        assertThat(found.status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(found.size()).isEqualTo(OrderSize.quantity(new BigDecimal("0.05")));
        assertThat(venue.last().query()).isEqualTo(Map.of("instId", "BTC-USDT-SWAP", "clOrdId", "b15"));
        assertThat(venue.requests("/api/v5/trade/order").stream().filter(r -> r.method().equals("POST"))).hasSize(1);
        assertThat(book).as("exactly one order").hasSize(1);
    }

    @Test
    void a5xxOrA429OnPlacementIsNotRetried() {
        venue.on("POST", "/api/v5/trade/order", Reply.json(502, "{}"));
        assertThatThrownBy(() -> gateway.place(limitBuy("0.01"))).isInstanceOf(VenueUnavailable.class);
        venue.on("POST", "/api/v5/trade/order", Reply.json(429, "{\"code\":\"50011\",\"msg\":\"Too Many Requests\",\"data\":[]}")
                .header("Retry-After", "2"));
        assertThatThrownBy(() -> gateway.place(limitBuy("0.01"))).isInstanceOfSatisfying(RateLimited.class,
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2)));
        assertThat(venue.requests("/api/v5/trade/order").stream().filter(r -> r.method().equals("POST"))).hasSize(2);
    }

    // --- orders ---

    @Test
    void ordersAndFillsAreReportedInBaseUnits() {
        book.put("b15", doc("swap-order.json"));
        Order order = gateway.findByClientOrderId(BTC, CID).orElseThrow();
        assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(order.filledQuantity()).isEqualByComparingTo("0.05");
        assertThat(order.averageFillPrice()).isEqualByComparingTo("51858");
        assertThat(gateway.findByClientOrderId(BTC, new ClientOrderId("nope1"))).isEmpty();

        venue.on("GET", "/api/v5/trade/orders-pending", Reply.ok(order("live").replace("\"ordType\":\"limit\"", "\"ordType\":\"post_only\"")));
        assertThat(gateway.openOrders(null)).singleElement().satisfies(open -> {
            assertThat(open.instrument()).isEqualTo(BTC);
            assertThat(open.size()).isEqualTo(OrderSize.quantity(new BigDecimal("0.05")));
        });
        assertThat(venue.last().query()).containsEntry("instType", "SWAP");

        venue.on("GET", "/api/v5/trade/fills-history", Reply.ok(doc("swap-fills-history.json")));
        List<Fill> fills = gateway.fills(BTC, Instant.ofEpochMilli(1708587000000L));
        assertThat(fills).containsExactly(new Fill("744876980", VenueGateway.orderIdOf(account.id(), CID), BTC, OrderSide.BUY,
                new BigDecimal("51858"), new BigDecimal("0.05"), new Money(new BigDecimal("1.29645"), Asset.USDT),
                Instant.ofEpochMilli(1708587373362L)));
        assertThat(venue.last().query()).containsEntry("instType", "SWAP").containsEntry("instId", "BTC-USDT-SWAP");
    }

    @Test
    void cancelOutcomes() {
        venue.on("POST", "/api/v5/trade/cancel-order", request -> {
            book.put("b15", order("canceled"));
            return Reply.ok(doc("cancel-order.json"));
        });
        assertThat(gateway.cancel(BTC, CID)).isInstanceOf(CancelResult.Cancelled.class);
        venue.on("POST", "/api/v5/trade/cancel-order", Reply.ok(refused("51400", "Cancellation failed as the order has been filled, canceled or does not exist")));
        assertThat(gateway.cancel(BTC, CID)).isInstanceOf(CancelResult.AlreadyFinal.class);
        book.clear();
        assertThat(gateway.cancel(BTC, CID)).isEqualTo(new CancelResult.UnknownOrder(CID));
    }

    // --- market data and credentials ---

    @Test
    void rulesAreInBaseUnitsAndCachedWithThePrice() {
        assertThat(gateway.rules(BTC)).isEqualTo(new TradingRules(new BigDecimal("0.1"), new BigDecimal("0.0001"),
                new BigDecimal("0.0001"), new BigDecimal("1000000"), BigDecimal.ZERO));
        gateway.rules(BTC);
        assertThat(venue.count("/api/v5/public/instruments")).isEqualTo(1);
        venue.on("GET", "/api/v5/market/ticker", Reply.ok(doc("swap-ticker.json")));
        assertThat(gateway.price(BTC)).contains(new BigDecimal("9999.99"));
        assertThat(venue.last().query()).isEqualTo(Map.of("instId", "BTC-USDT-SWAP"));
        assertThatThrownBy(() -> gateway.rules(Instrument.spot("BTC", "USDT"))).isInstanceOf(NotFound.class);
        venue.on("GET", "/api/v5/account/config", Reply.ok(doc("account-config.json")));
        assertThat(gateway.checkCredentials()).isEqualTo(CredentialCheck.valid(Set.of(Permission.READ, Permission.TRADE,
                Permission.WITHDRAW)));
    }

    // --- failures ---

    @Test
    void serverErrorsAndUnreadableAnswersAreUnavailable() {
        for (Reply reply : List.of(Reply.json(503, "{}"), Reply.ok("{\"code\":\"0\",\"data\":["),
                Reply.ok(doc("swap-positions.json")).cutAfter(70), Reply.text(200, "<html>maintenance</html>"),
                Reply.ok("{\"code\":\"50001\",\"msg\":\"Service temporarily unavailable\",\"data\":[]}"),
                Reply.ok("{\"code\":\"0\",\"msg\":\"\",\"data\":[{\"instId\":\"BTC-USDT-SWAP\",\"pos\":\"1\",\"avgPx\":\"lots\"}]}"))) {
            venue.on("GET", "/api/v5/account/positions", reply);
            assertThatThrownBy(gateway::positions).isInstanceOfSatisfying(VenueUnavailable.class,
                    e -> assertThat(e.venue()).isEqualTo(new VenueId("okx-swap"))).hasMessageNotContaining("maintenance");
        }
    }

    @Test
    void theBreakerOpensAfterRepeatedFailuresAndClosesAgain() {
        Circuits.assertOne(provider, VenueCircuit.State.CLOSED);
        venue.on("GET", "/api/v5/market/ticker", Reply.json(502, "{}"));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> gateway.price(BTC)).isInstanceOf(VenueUnavailable.class);
        }
        Circuits.assertOne(provider, VenueCircuit.State.OPEN);
        long sent = venue.count("/api/v5/market/ticker");
        assertThatThrownBy(() -> gateway.price(BTC)).isInstanceOf(VenueUnavailable.class).hasMessageContaining("circuit open");
        assertThat(venue.count("/api/v5/market/ticker")).isEqualTo(sent);
        venue.on("GET", "/api/v5/market/ticker", Reply.ok(doc("swap-ticker.json")));
        assertThat(Eventually.afterTheBreakerPause(() -> gateway.price(BTC))).contains(new BigDecimal("9999.99"));
        Circuits.assertOne(provider, VenueCircuit.State.CLOSED);
    }

    // --- provider and lifecycle ---

    @Test
    void theProviderDeclaresFuturesNeedsAPassphraseAndIsFoundByServiceLoader() {
        assertThat(provider.describe().markets()).containsExactly(Market.USDM_FUTURES);
        assertThat(provider.describe().capabilities()).contains(VenueCapability.FUTURES, VenueCapability.POSITIONS)
                .doesNotContain(VenueCapability.QUOTE_AMOUNT);
        assertThat(ServiceLoader.load(VenueProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(OkxSwapVenueProvider.class);
        assertThatThrownBy(() -> connect(VenueCredentials.of(KEY, SECRET))).isInstanceOf(Invalid.class);
    }

    @Test
    void secretsStayOutAndAClosedGatewayRefusesWork() {
        venue.on("GET", "/api/v5/account/balance", Reply.json(500, "{}"));
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(gateway::balances);
        assertThat(failure.getMessage()).doesNotContain(SECRET).doesNotContain(PASSPHRASE).doesNotContain(KEY);
        assertThat(gateway.toString()).doesNotContain(SECRET).doesNotContain(KEY);
        for (Request request : venue.requests()) {
            assertThat(request.rawQuery() + request.body() + request.headers().values()).doesNotContain(SECRET);
        }
        gateway.close();
        assertThatThrownBy(gateway::positions).isInstanceOf(IllegalStateException.class);
    }
}
