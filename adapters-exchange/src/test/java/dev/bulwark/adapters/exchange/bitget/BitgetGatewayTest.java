package dev.bulwark.adapters.exchange.bitget;

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
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.market.TradingRules;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderSize;
import dev.bulwark.domain.orders.OrderStatus;
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
import dev.bulwark.ports.driven.venues.VenueCapability;
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

class BitgetGatewayTest {
    static final String KEY = "bg_test_key_0001";
    static final String SECRET = "bitget-test-secret-do-not-print";
    static final String PASSPHRASE = "bitget-passphrase-do-not-print";
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    static final Instrument BTC = Instrument.spot("BTC", "USDT");
    static final ClientOrderId CID = new ClientOrderId("121211212122");
    static final VenueResilience.Settings FAST = new VenueResilience.Settings(Duration.ofMillis(2_000), 1,
            Duration.ofMillis(10), 3, Duration.ofMillis(400), Duration.ofMillis(100));
    static final ObjectMapper JSON = new ObjectMapper();

    final AtomicReference<Instant> now = new AtomicReference<>(T0);
    SignedFakeVenue venue;
    BitgetVenueProvider provider;
    VenueAccount account;
    VenueGateway gateway;

    @BeforeEach
    void start() {
        venue = SignedFakeVenue.start(BitgetGatewayTest::checkSignature);
        provider = new BitgetVenueProvider(FAST);
        account = new VenueAccount(new VenueAccountId(UUID.randomUUID()), new WorkspaceId(UUID.randomUUID()),
                new VenueId("bitget"), "Bitget", Environment.LIVE, null, Set.of(Permission.READ, Permission.TRADE), true,
                "bg_t\u20260001", new SealedSecret("sealed"), SyncState.never(), T0, T0);
        gateway = connect(new VenueCredentials(KEY, SECRET, PASSPHRASE));
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
     * What Bitget does with every private request: recompute the SDK's signature (base64 HMAC-SHA256 of
     * timestamp + METHOD + path + ?query + body) and check the passphrase, answering its own HTTP 400 refusals.
     */
    static Optional<Reply> checkSignature(Request request) {
        if (request.path().startsWith("/api/v2/spot/market/") || request.path().startsWith("/api/v2/spot/public/")) {
            assertThat(request.header("ACCESS-SIGN")).as("public calls are not signed").isEmpty();
            return Optional.empty();
        }
        if (!request.header("ACCESS-KEY").equals(KEY)) {
            return Optional.of(Reply.json(400, "{\"code\":\"40006\",\"msg\":\"Invalid ACCESS_KEY\",\"requestTime\":1,\"data\":null}"));
        }
        if (!request.header("ACCESS-PASSPHRASE").equals(PASSPHRASE)) {
            return Optional.of(Reply.json(400, "{\"code\":\"40012\",\"msg\":\"apikey/password is incorrect\",\"requestTime\":1,\"data\":null}"));
        }
        String timestamp = request.header("ACCESS-TIMESTAMP");
        String requestPath = request.path() + (request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery());
        String expected = BitgetSigner.sign(SECRET, timestamp + request.method() + requestPath + request.body());
        if (!timestamp.matches("[0-9]{13}") || !expected.equals(request.header("ACCESS-SIGN"))) {
            return Optional.of(Reply.json(400, "{\"code\":\"40009\",\"msg\":\"sign signature error\",\"requestTime\":1,\"data\":null}"));
        }
        return Optional.empty();
    }

    static String doc(String name) {
        return SignedFakeVenue.resource(BitgetGatewayTest.class, name);
    }

    static String error(String code, String msg) {
        return "{\"code\":\"" + code + "\",\"msg\":\"" + msg + "\",\"requestTime\":1695808949356,\"data\":null}";
    }

    static String order(String status, String baseVolume, String priceAvg) {
        return "{\"code\":\"00000\",\"msg\":\"success\",\"requestTime\":1695808949356,\"data\":[{\"userId\":\"1\","
                + "\"symbol\":\"BTCUSDT\",\"orderId\":\"1001\",\"clientOid\":\"121211212122\",\"price\":\"34829.12\","
                + "\"size\":\"1\",\"orderType\":\"limit\",\"side\":\"buy\",\"status\":\"" + status + "\",\"priceAvg\":\""
                + priceAvg + "\",\"baseVolume\":\"" + baseVolume + "\",\"quoteVolume\":\"0\",\"enterPointSource\":\"API\","
                + "\"orderSource\":\"normal\",\"cTime\":\"1695808949356\",\"uTime\":\"1695808949999\"}]}";
    }

    @Test
    void theSignatureIsBase64HmacSha256OverTheSdksPrehash() {
        assertThat(BitgetSigner.sign("Jefe", "what do ya want for nothing?")).isEqualTo("W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=");
        assertThat(BitgetSigner.prehash(1695808949356L, "GET", "/api/v2/spot/trade/orderInfo?clientOid=x", ""))
                .isEqualTo("1695808949356GET/api/v2/spot/trade/orderInfo?clientOid=x");
    }

    @Test
    void everyPrivateRequestCarriesTheAccessHeaders() {
        venue.on("GET", "/api/v2/spot/account/assets", Reply.ok(doc("assets.json")));
        gateway.balances();
        Request request = venue.last();
        assertThat(request.header("ACCESS-KEY")).isEqualTo(KEY);
        assertThat(request.header("ACCESS-TIMESTAMP")).isEqualTo(Long.toString(T0.toEpochMilli()));
        assertThat(request.header("ACCESS-PASSPHRASE")).isEqualTo(PASSPHRASE);
        assertThat(request.header("locale")).isEqualTo("en-US");
    }

    @Test
    void aWrongSecretOrPassphraseIsRefusedAsBitgetWould() {
        venue.on("GET", "/api/v2/spot/account/info", Reply.ok("{\"code\":\"00000\",\"msg\":\"success\",\"data\":{\"userId\":\"1\"}}"));
        assertThatThrownBy(connect(new VenueCredentials(KEY, "another-secret", PASSPHRASE))::balances)
                .isInstanceOf(Unauthorized.class).hasMessageContaining("40009");
        CredentialCheck check = connect(new VenueCredentials(KEY, SECRET, "another")).checkCredentials();
        assertThat(check.valid()).isFalse();
        assertThat(check.problem()).contains("40012");
        CredentialCheck good = gateway.checkCredentials();
        assertThat(good.permissions()).as("only what the check proved").containsExactly(Permission.READ);
        assertThat(gateway.capabilities()).doesNotContain(VenueCapability.PERMISSIONS);
    }

    @Test
    void balancesAreAvailableAndFrozenPlusLockedApart() {
        venue.on("GET", "/api/v2/spot/account/assets", Reply.ok(doc("assets.json")));
        assertThat(gateway.balances()).containsExactly(new Holding(account.id(), new VenueId("bitget"), AccountKind.SPOT,
                Asset.BTC, new BigDecimal("0.5"), new BigDecimal("0.15")));
    }

    @Test
    void priceAndRulesComeFromThePublicEndpoints() {
        venue.on("GET", "/api/v2/spot/market/tickers", Reply.ok(doc("tickers.json")));
        venue.on("GET", "/api/v2/spot/public/symbols", Reply.ok(doc("symbols.json")));
        assertThat(gateway.price(BTC)).contains(new BigDecimal("34413.1"));
        gateway.price(BTC);
        assertThat(venue.count("/api/v2/spot/market/tickers")).isEqualTo(1);
        assertThat(gateway.rules(BTC)).isEqualTo(new TradingRules(new BigDecimal("0.01"), new BigDecimal("0.000001"),
                new BigDecimal("0.0001"), new BigDecimal("10000"), new BigDecimal("5")));
        assertThat(venue.last().query()).isEqualTo(Map.of("symbol", "BTCUSDT"));
        venue.on("GET", "/api/v2/spot/public/symbols", Reply.json(400, error("40034", "Parameter NOPEUSDT does not exist")));
        assertThatThrownBy(() -> gateway.rules(Instrument.spot("NOPE", "USDT"))).isInstanceOf(NotFound.class);
    }

    @Test
    void aLimitOrderIsSentWithItsClientOid() throws Exception {
        venue.on("POST", "/api/v2/spot/trade/place-order", Reply.ok(doc("place-order.json")));
        PlacementResult result = gateway.place(OrderRequest.limit(BTC, OrderSide.BUY, new BigDecimal("0.001"),
                new BigDecimal("34829.12"), TimeInForce.IOC, CID));
        assertThat(((PlacementResult.Placed) result).order().status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(JSON.readTree(venue.last().body())).isEqualTo(JSON.readTree("{\"symbol\":\"BTCUSDT\",\"side\":\"buy\","
                + "\"orderType\":\"limit\",\"force\":\"ioc\",\"price\":\"34829.12\",\"size\":\"0.001\",\"clientOid\":\"121211212122\"}"));
        assertThat(venue.last().header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void marketOrdersAreSizedTheWayBitgetSizesThem() throws Exception {
        venue.on("POST", "/api/v2/spot/trade/place-order", Reply.ok(doc("place-order.json")));
        gateway.place(OrderRequest.market(BTC, OrderSide.BUY, OrderSize.quoteAmount(new BigDecimal("20")), CID));
        assertThat(JSON.readTree(venue.last().body()).path("size").asText()).isEqualTo("20");
        OrderRequest buyByQuantity = OrderRequest.market(BTC, OrderSide.BUY, OrderSize.quantity(BigDecimal.ONE), CID);
        assertThat(((PlacementResult.Rejected) gateway.place(buyByQuantity)).code()).isEqualTo(PlacementResult.Rejected.UNSUPPORTED);
        assertThat(venue.count("/api/v2/spot/trade/place-order")).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({
            "43012, Insufficient balance, insufficient-funds",
            "45110, less than the minimum order quantity, outside-trading-rules",
            "40034, Parameter BTCUSDTX does not exist, unknown-instrument",
            "40014, Incorrect permissions, not-permitted",
            "43122, Duplicate clientOid, duplicate-client-order-id",
            "43111, Order price exceeds limit, venue:43111"})
    void refusalsAreRejectionsWithStableCodes(String code, String msg, String mapped) {
        venue.on("POST", "/api/v2/spot/trade/place-order", Reply.json(400, error(code, msg)));
        PlacementResult result = gateway.place(OrderRequest.limit(BTC, OrderSide.BUY, BigDecimal.ONE, BigDecimal.TEN,
                TimeInForce.GTC, CID));
        assertThat(((PlacementResult.Rejected) result).code()).isEqualTo(mapped);
    }

    @Test
    void aPlacementThatTimesOutIsUnknownSentOnceAndResolvedByItsClientOid() {
        venue.on("POST", "/api/v2/spot/trade/place-order", Reply.ok(doc("place-order.json")).after(Duration.ofMillis(6_000)));
        venue.on("GET", "/api/v2/spot/trade/orderInfo", Reply.ok(order("live", "0", "0")));
        assertThatThrownBy(() -> gateway.place(OrderRequest.limit(BTC, OrderSide.BUY, BigDecimal.ONE,
                new BigDecimal("34829.12"), TimeInForce.GTC, CID))).isInstanceOf(VenueUnavailable.class);
        assertThat(venue.count("/api/v2/spot/trade/place-order")).isEqualTo(1);
        Order found = gateway.findByClientOrderId(BTC, CID).orElseThrow();
        assertThat(found.id()).isEqualTo(VenueGateway.orderIdOf(account.id(), CID));
        assertThat(found.status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(venue.last().query()).isEqualTo(Map.of("clientOid", "121211212122"));
        assertThat(venue.count("/api/v2/spot/trade/place-order")).as("exactly one order").isEqualTo(1);
    }

    @Test
    void a5xxOnPlacementIsUnknownAndNotRetried() {
        venue.on("POST", "/api/v2/spot/trade/place-order", Reply.text(502, "<html>bad gateway</html>"));
        assertThatThrownBy(() -> gateway.place(OrderRequest.limit(BTC, OrderSide.BUY, BigDecimal.ONE, BigDecimal.TEN,
                TimeInForce.GTC, CID))).isInstanceOf(VenueUnavailable.class);
        assertThat(venue.count("/api/v2/spot/trade/place-order")).isEqualTo(1);
    }

    @Test
    void cancelOutcomes() {
        venue.on("POST", "/api/v2/spot/trade/cancel-order", Reply.ok(doc("cancel-order.json")));
        venue.on("GET", "/api/v2/spot/trade/orderInfo", Reply.ok(order("cancelled", "0", "0")));
        assertThat(gateway.cancel(BTC, CID)).isInstanceOf(CancelResult.Cancelled.class);
        venue.on("POST", "/api/v2/spot/trade/cancel-order", Reply.json(400, error("43001", "The order does not exist")));
        venue.on("GET", "/api/v2/spot/trade/orderInfo", Reply.ok(order("filled", "1", "34829.12")));
        assertThat(gateway.cancel(BTC, CID)).isInstanceOf(CancelResult.AlreadyFinal.class);
        venue.on("GET", "/api/v2/spot/trade/orderInfo", Reply.ok("{\"code\":\"00000\",\"msg\":\"success\",\"data\":[]}"));
        assertThat(gateway.cancel(BTC, CID)).isEqualTo(new CancelResult.UnknownOrder(CID));
    }

    @Test
    void openOrdersOfAllSymbolsNameTheirInstrument() {
        venue.on("GET", "/api/v2/spot/trade/unfilled-orders", Reply.ok(order("partially_filled", "0.4", "34829.12")));
        venue.on("GET", "/api/v2/spot/public/symbols", Reply.ok(doc("symbols.json")));
        List<Order> open = gateway.openOrders(null);
        assertThat(open).singleElement().satisfies(o -> {
            assertThat(o.instrument()).isEqualTo(BTC);
            assertThat(o.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
            assertThat(o.filledQuantity()).isEqualByComparingTo("0.4");
        });
    }

    @Test
    void fillsNameTheirOrderByItsClientOid() {
        venue.on("GET", "/api/v2/spot/trade/fills", Reply.ok(doc("fills.json")));
        venue.on("GET", "/api/v2/spot/trade/orderInfo", Reply.ok(order("filled", "1", "13000")));
        Instant since = Instant.ofEpochMilli(1695808949356L).minus(Duration.ofHours(1));
        List<Fill> fills = gateway.fills(BTC, since);
        assertThat(fills).singleElement().satisfies(fill -> {
            assertThat(fill.orderId()).isEqualTo(VenueGateway.orderIdOf(account.id(), CID));
            assertThat(fill.fee().amount()).isEqualByComparingTo("0.0000007");
            assertThat(fill.quantity()).isEqualByComparingTo("0.0007");
        });
        assertThat(venue.requests("/api/v2/spot/trade/orderInfo").getFirst().query()).isEqualTo(Map.of("orderId", "1001"));
    }

    @Test
    void throttlingMalformedBodiesAndTheBreaker() throws Exception {
        venue.on("GET", "/api/v2/spot/account/assets", Reply.json(429, "{\"code\":\"429\",\"msg\":\"Too Many Requests\"}").header("Retry-After", "2"));
        assertThatThrownBy(gateway::balances).isInstanceOfSatisfying(RateLimited.class,
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2)));
        venue.on("GET", "/api/v2/spot/account/assets", Reply.ok(doc("assets.json")).cutAfter(25));
        assertThatThrownBy(gateway::balances).isInstanceOf(VenueUnavailable.class);
        venue.on("GET", "/api/v2/spot/account/assets", Reply.ok(doc("assets.json")));
        gateway.balances();
        venue.on("GET", "/api/v2/spot/market/tickers", Reply.json(500, "{}"));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> gateway.price(BTC)).isInstanceOf(VenueUnavailable.class);
        }
        assertThat(provider.resilience().state()).isEqualTo(VenueResilience.BreakerState.OPEN);
        Circuits.assertOne(provider, VenueCircuit.State.OPEN);
        venue.on("GET", "/api/v2/spot/market/tickers", Reply.ok(doc("tickers.json")));
        assertThat(Eventually.afterTheBreakerPause(() -> gateway.price(BTC))).isPresent();
        assertThat(provider.resilience().state()).isEqualTo(VenueResilience.BreakerState.CLOSED);
        Circuits.assertOne(provider, VenueCircuit.State.CLOSED);
    }

    @Test
    void connectNeedsThePassphraseAndSecretsStayOut() {
        assertThat(provider.describe().needsPassphrase()).isTrue();
        assertThatThrownBy(() -> connect(VenueCredentials.of(KEY, SECRET))).isInstanceOf(Invalid.class);
        assertThat(gateway.toString()).doesNotContain(SECRET).doesNotContain(PASSPHRASE).doesNotContain(KEY);
        venue.on("GET", "/api/v2/spot/account/assets", Reply.json(503, "{}"));
        assertThat(org.assertj.core.api.Assertions.catchThrowable(gateway::balances).getMessage())
                .doesNotContain(SECRET).doesNotContain(PASSPHRASE);
        gateway.close();
        assertThatThrownBy(gateway::balances).isInstanceOf(IllegalStateException.class);
        assertThat(new BitgetVenueProvider().describe().id()).isEqualTo(new VenueId("bitget"));
    }
}
