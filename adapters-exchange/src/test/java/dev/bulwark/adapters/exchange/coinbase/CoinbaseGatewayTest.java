package dev.bulwark.adapters.exchange.coinbase;

import dev.bulwark.adapters.exchange.testing.Circuits;
import dev.bulwark.domain.venues.VenueCircuit;
import dev.bulwark.adapters.exchange.testing.Eventually;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.adapters.exchange.coinbase.CoinbaseFake.Reply;
import dev.bulwark.adapters.exchange.marketdata.testing.MutableClock;
import dev.bulwark.adapters.exchange.support.VenueResilience;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.market.Instrument;
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
import dev.bulwark.ports.errors.VenueUnavailable;
import java.math.BigDecimal;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CoinbaseGatewayTest {
    static final String KEY_NAME = "organizations/1f2e3d4c-org/apiKeys/9a8b7c6d-key";
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    static final Instrument BTC_USD = Instrument.spot("BTC", "USD");
    static final ClientOrderId CID = new ClientOrderId("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
    static final VenueResilience.Settings FAST = new VenueResilience.Settings(Duration.ofSeconds(3), 2,
            Duration.ofMillis(10), 3, Duration.ofMillis(400), Duration.ofMillis(100));
    static final String ORDERS = "/api/v3/brokerage/orders";

    KeyPair pair;
    CoinbaseFake fake;
    MutableClock clock;
    VenueAccount account;
    CoinbaseVenueProvider provider;
    VenueGateway gateway;

    @BeforeEach
    void connect() {
        pair = TestKeys.p256();
        clock = new MutableClock(T0);
        fake = CoinbaseFake.start(KEY_NAME, pair.getPublic(), clock);
        account = new VenueAccount(new VenueAccountId(UUID.randomUUID()), new WorkspaceId(UUID.randomUUID()),
                new VenueId("coinbase"), "Coinbase", Environment.LIVE, null, Set.of(Permission.READ), true,
                VenueAccount.hintOf(KEY_NAME), new SealedSecret("sealed"), SyncState.never(), T0, T0);
        provider = new CoinbaseVenueProvider(FAST, Duration.ofMillis(800), List.of());
        gateway = connect(TestKeys.sec1Pem(pair));
    }

    @AfterEach
    void close() {
        gateway.close();
        fake.close();
    }

    VenueGateway connect(String pem) {
        return provider.connect(new VenueConnection(account, VenueEnvironment.LIVE, fake.baseUrl(),
                VenueCredentials.of(KEY_NAME, pem), clock));
    }

    static OrderRequest limitBuy(ClientOrderId cid) {
        return OrderRequest.limit(BTC_USD, OrderSide.BUY, new BigDecimal("0.01"), new BigDecimal("45000"), TimeInForce.GTC, cid);
    }

    @Test
    void everyRequestCarriesAFreshJwtTheVenueVerifiesWithThePublicKey() {
        gateway.balances();
        clock.advance(Duration.ofSeconds(30));
        gateway.place(limitBuy(CID));
        assertThat(fake.refusals()).isEmpty();
        JsonNode claims = fake.last(ORDERS).jwtClaims();
        assertThat(claims.path("uri").asText()).isEqualTo("POST " + fake.host() + ORDERS);
        assertThat(claims.path("nbf").asLong()).isEqualTo(T0.plusSeconds(30).getEpochSecond());
        assertThat(fake.last("/api/v3/brokerage/accounts").jwtClaims().path("uri").asText())
                .isEqualTo("GET " + fake.host() + "/api/v3/brokerage/accounts");
    }

    @Test
    void aKeyThatDoesNotMatchIsRefusedAndReportedAsAnInvalidKey() {
        VenueGateway wrong = connect(TestKeys.pkcs8Pem(TestKeys.p256()));
        CredentialCheck check = wrong.checkCredentials();
        assertThat(check.valid()).isFalse();
        assertThat(fake.refusals()).singleElement().asString().contains("signature does not verify");
        assertThatThrownBy(wrong::balances).isInstanceOf(dev.bulwark.ports.errors.Unauthorized.class).message().contains("refused the API key");
    }

    @Test
    void permissionsComeFromKeyPermissionsWithdrawIncluded() {
        assertThat(gateway.checkCredentials()).isEqualTo(CredentialCheck.valid(Set.of(Permission.READ, Permission.TRADE)));
        fake.on("/api/v3/brokerage/key_permissions", Reply.ok("{\"can_view\":true,\"can_trade\":true,\"can_transfer\":true}"));
        assertThat(gateway.checkCredentials().canWithdraw()).isTrue();
    }

    @Test
    void balancesAreAvailableFreeAndHoldLockedWithEmptyWalletsLeftOut() {
        VenueId coinbase = new VenueId("coinbase");
        assertThat(gateway.balances()).containsExactlyInAnyOrder(
                new Holding(account.id(), coinbase, AccountKind.SPOT, Asset.BTC, new BigDecimal("1.23"), new BigDecimal("0.5")),
                new Holding(account.id(), coinbase, AccountKind.SPOT, Asset.USD, new BigDecimal("1500.25"), BigDecimal.ZERO));
        assertThat(fake.last("/api/v3/brokerage/accounts").query()).containsEntry("limit", "250");
    }

    @Test
    void balancesFollowTheCursor() {
        fake.on("/api/v3/brokerage/accounts", request -> request.query().containsKey("cursor") ? null
                : Reply.ok("{\"accounts\":[{\"currency\":\"ETH\",\"available_balance\":{\"value\":\"2\",\"currency\":\"ETH\"},"
                        + "\"hold\":{\"value\":\"0\",\"currency\":\"ETH\"},\"active\":true}],\"has_next\":true,\"cursor\":\"789100\",\"size\":1}"));
        assertThat(gateway.balances()).extracting(Holding::asset).containsExactlyInAnyOrder(Asset.ETH, Asset.BTC, Asset.USD);
        assertThat(fake.last("/api/v3/brokerage/accounts").query()).containsEntry("cursor", "789100");
    }

    @Test
    void ordersAreCreatedWithTheClientOrderIdAndCoinbasesConfigurations() {
        PlacementResult result = gateway.place(limitBuy(CID));
        assertThat(result).isInstanceOfSatisfying(PlacementResult.Placed.class, placed -> {
            assertThat(placed.order().status()).isEqualTo(OrderStatus.ACCEPTED);
            assertThat(placed.order().id()).isEqualTo(VenueGateway.orderIdOf(account.id(), CID));
        });
        JsonNode body = fake.last(ORDERS).body();
        assertThat(body.path("client_order_id").asText()).isEqualTo(CID.value());
        assertThat(body.path("product_id").asText()).isEqualTo("BTC-USD");
        assertThat(body.path("side").asText()).isEqualTo("BUY");
        JsonNode limit = body.path("order_configuration").path("limit_limit_gtc");
        assertThat(limit.path("base_size").asText()).isEqualTo("0.01");
        assertThat(limit.path("limit_price").asText()).isEqualTo("45000");
        assertThat(limit.path("post_only").asBoolean(true)).isFalse();

        gateway.place(OrderRequest.market(BTC_USD, OrderSide.BUY, OrderSize.quoteAmount(new BigDecimal("100")),
                new ClientOrderId("mkt-quote-1")));
        assertThat(fake.last(ORDERS).body().path("order_configuration").path("market_market_ioc").path("quote_size").asText())
                .isEqualTo("100");
        gateway.place(new OrderRequest(BTC_USD, OrderSide.SELL, OrderType.STOP_LIMIT, OrderSize.quantity(BigDecimal.ONE),
                new BigDecimal("39000"), new BigDecimal("40000"), null, TimeInForce.GTC, new ClientOrderId("stop-1"), false, null));
        JsonNode stop = fake.last(ORDERS).body().path("order_configuration").path("stop_limit_stop_limit_gtc");
        assertThat(stop.path("stop_price").asText()).isEqualTo("40000");
        assertThat(stop.path("limit_price").asText()).isEqualTo("39000");
        assertThat(stop.path("stop_direction").asText()).isEqualTo("STOP_DIRECTION_STOP_DOWN");
        gateway.place(OrderRequest.limit(BTC_USD, OrderSide.SELL, BigDecimal.ONE, BigDecimal.TEN, TimeInForce.IOC,
                new ClientOrderId("ioc-1")));
        assertThat(fake.last(ORDERS).body().path("order_configuration").has("sor_limit_ioc")).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
            "INSUFFICIENT_FUND,PREVIEW_INSUFFICIENT_FUND,insufficient-funds",
            "INVALID_PRODUCT_ID,,unknown-instrument",
            "UNKNOWN_FAILURE_REASON,PREVIEW_INVALID_BASE_SIZE_TOO_SMALL,outside-trading-rules",
            "INVALID_LIMIT_PRICE_POST_ONLY,,outside-trading-rules",
            "ORDER_ENTRY_DISABLED,,market-closed",
            "UNSUPPORTED_ORDER_CONFIGURATION,,venue:UNSUPPORTED_ORDER_CONFIGURATION"})
    void refusedOrdersBecomeRejectionCodes(String error, String preview, String code) {
        fake.on(ORDERS, Reply.ok("{\"success\":false,\"failure_reason\":\"UNKNOWN_FAILURE_REASON\",\"order_id\":\"\","
                + "\"error_response\":{\"error\":\"" + error + "\",\"message\":\"Coinbase says no\",\"error_details\":\"\","
                + "\"preview_failure_reason\":\"" + (preview == null ? "" : preview) + "\"}}"));
        assertThat(gateway.place(limitBuy(CID))).isEqualTo(new PlacementResult.Rejected(code, "Coinbase says no"));
    }

    @Test
    void refusalsWithoutAnErrorResponseAreStillRejections() {
        fake.on(ORDERS, Reply.of(400, "{\"error\":\"INVALID_ARGUMENT\",\"message\":\"base_size is required\"}"));
        assertThat(gateway.place(limitBuy(CID))).isEqualTo(
                new PlacementResult.Rejected("venue:INVALID_ARGUMENT", "base_size is required"));
        fake.on(ORDERS, Reply.ok("{\"success\":false,\"failure_reason\":\"INSUFFICIENT_FUND\",\"order_id\":\"\"}"));
        assertThat(gateway.place(limitBuy(CID))).isInstanceOfSatisfying(PlacementResult.Rejected.class,
                r -> assertThat(r.code()).isEqualTo(PlacementResult.Rejected.INSUFFICIENT_FUNDS));
        fake.on(ORDERS, Reply.ok("{\"order_id\":\"x\"}"));
        assertThatThrownBy(() -> gateway.place(limitBuy(CID))).isInstanceOf(VenueUnavailable.class);
    }

    @Test
    void aPlacementThatTimesOutIsSentOnceAndFoundByItsClientOrderId() {
        fake.on(ORDERS, request -> request.method().equals("POST")
                ? fake.createOrder(request).after(Duration.ofMillis(1_500)) : null);
        assertThatThrownBy(() -> gateway.place(limitBuy(CID))).isInstanceOf(VenueUnavailable.class);
        assertThat(fake.requests(ORDERS)).hasSize(1);
        Optional<Order> found = gateway.findByClientOrderId(BTC_USD, CID);
        assertThat(found).get().satisfies(order -> {
            assertThat(order.status()).isEqualTo(OrderStatus.ACCEPTED);
            assertThat(order.id()).isEqualTo(VenueGateway.orderIdOf(account.id(), CID));
            assertThat(order.limitPrice()).isEqualByComparingTo("45000");
        });
        assertThat(fake.last(ORDERS + "/historical/batch").query()).containsEntry("product_ids", "BTC-USD");
        assertThat(fake.orderCount()).isEqualTo(1);
    }

    @Test
    void fiveHundredsOnPlacementAreUnknownOutcomesAndNeverRetried() {
        fake.on(ORDERS, Reply.of(503, "<html>down</html>"));
        assertThatThrownBy(() -> gateway.place(limitBuy(CID))).isInstanceOf(VenueUnavailable.class);
        assertThat(fake.requests(ORDERS)).hasSize(1);
    }

    @Test
    void cancellingUsesBatchCancelWithTheVenuesOrderId() {
        gateway.place(limitBuy(CID));
        assertThat(gateway.cancel(BTC_USD, CID)).isInstanceOfSatisfying(CancelResult.Cancelled.class,
                c -> assertThat(c.order().status()).isEqualTo(OrderStatus.CANCELLED));
        assertThat(fake.last(ORDERS + "/batch_cancel").body().path("order_ids").get(0).asText()).isEqualTo("0000-000000-000001");
        assertThat(gateway.cancel(BTC_USD, CID)).isInstanceOf(CancelResult.AlreadyFinal.class);
        assertThat(gateway.cancel(BTC_USD, new ClientOrderId("never"))).isInstanceOf(CancelResult.UnknownOrder.class);
        assertThat(gateway.openOrders(null)).isEmpty();
    }

    @Test
    void openOrdersAskForOpenOnes() {
        gateway.place(limitBuy(CID));
        assertThat(gateway.openOrders(BTC_USD)).extracting(Order::clientOrderId).containsExactly(CID);
        assertThat(fake.last(ORDERS + "/historical/batch").query()).containsEntry("order_status", "OPEN");
    }

    @Test
    void fillsAreOldestFirstUnderTheirOrdersClientId() {
        gateway.place(limitBuy(CID));
        List<Fill> fills = gateway.fills(BTC_USD, Instant.parse("2024-01-15T10:00:00Z"));
        assertThat(fills).extracting(Fill::tradeId).containsExactly("22222-2222222-22222221", "22222-2222222-22222222");
        assertThat(fills.getFirst().orderId()).isEqualTo(VenueGateway.orderIdOf(account.id(), CID));
        assertThat(fills.getFirst().fee()).isEqualTo(new Money(new BigDecimal("0.54"), Asset.USD));
        assertThat(fake.last(ORDERS + "/historical/fills").query()).containsEntry("product_ids", "BTC-USD")
                .containsEntry("start_sequence_timestamp", "2024-01-15T10:00:00Z");
    }

    @Test
    void rulesAndPriceComeFromTheProductCached() {
        assertThat(gateway.rules(BTC_USD)).isEqualTo(new TradingRules(new BigDecimal("0.01"), new BigDecimal("0.00000001"),
                new BigDecimal("0.00000001"), new BigDecimal("3400"), BigDecimal.ONE));
        gateway.rules(BTC_USD);
        assertThat(fake.requests("/api/v3/brokerage/products/BTC-USD")).hasSize(1);
        assertThat(gateway.price(BTC_USD)).contains(new BigDecimal("140.21"));
        assertThatThrownBy(() -> gateway.rules(Instrument.spot("FOO", "USD"))).isInstanceOf(NotFound.class);
        assertThat(gateway.price(Instrument.spot("FOO", "USD"))).isEmpty();
    }

    @Test
    void throttlingMalformedBodiesAndTheBreaker() throws Exception {
        fake.on("/api/v3/brokerage/accounts", Reply.of(429, "{}").header("Retry-After", "4"));
        assertThatThrownBy(gateway::balances).isInstanceOfSatisfying(RateLimited.class,
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(4)));
        for (Reply reply : List.of(Reply.ok("{\"accounts\":[{"), Reply.ok("<html>x</html>"),
                Reply.ok(CoinbaseFake.resource("accounts.json")).cutAfter(40), Reply.ok("{\"accounts\":7}"))) {
            fake.on("/api/v3/brokerage/accounts", reply);
            assertThatThrownBy(gateway::balances).isInstanceOf(VenueUnavailable.class);
        }
        CoinbaseGateway coinbase = (CoinbaseGateway) gateway;
        fake.on("/api/v3/brokerage/accounts", Reply.of(500, "{}"));
        assertThatThrownBy(gateway::balances).isInstanceOf(VenueUnavailable.class);
        assertThat(coinbase.breaker()).isEqualTo(VenueResilience.BreakerState.OPEN);
        Circuits.assertOne(provider, VenueCircuit.State.OPEN);
        fake.off("/api/v3/brokerage/accounts");
        assertThat(Eventually.afterTheBreakerPause(gateway::balances)).isNotEmpty();
        assertThat(coinbase.breaker()).isEqualTo(VenueResilience.BreakerState.CLOSED);
        Circuits.assertOne(provider, VenueCircuit.State.CLOSED);
    }

    @Test
    void secretsStayOutOfStringsAndRefusals() {
        String pem = TestKeys.pkcs8Pem(pair);
        assertThat(gateway.toString()).doesNotContain("PRIVATE");
        assertThatThrownBy(() -> connect("-----BEGIN PRIVATE KEY-----\nAAAAtopsecret\n-----END PRIVATE KEY-----"))
                .isInstanceOf(Invalid.class).message().doesNotContain("topsecret");
        assertThat(VenueCredentials.of(KEY_NAME, pem).toString()).doesNotContain(pem);
    }
}
