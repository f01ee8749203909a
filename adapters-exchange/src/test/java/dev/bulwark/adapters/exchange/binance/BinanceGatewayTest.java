package dev.bulwark.adapters.exchange.binance;

import dev.bulwark.adapters.exchange.testing.Circuits;
import dev.bulwark.domain.venues.VenueCircuit;
import dev.bulwark.adapters.exchange.testing.Eventually;

import static dev.bulwark.adapters.exchange.binance.BinanceFake.Reply;
import static dev.bulwark.adapters.exchange.binance.BinanceFake.resource;
import static dev.bulwark.adapters.exchange.binance.BinanceSignerTest.DOC_API_KEY;
import static dev.bulwark.adapters.exchange.binance.BinanceSignerTest.DOC_SECRET;
import static dev.bulwark.adapters.exchange.binance.BinanceTesting.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.adapters.exchange.marketdata.testing.MutableClock;
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
import dev.bulwark.domain.venues.Permission;
import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.ports.driven.venues.CancelResult;
import dev.bulwark.ports.driven.venues.CredentialCheck;
import dev.bulwark.ports.driven.venues.OrderRequest;
import dev.bulwark.ports.driven.venues.PlacementResult;
import dev.bulwark.ports.driven.venues.VenueGateway;
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
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The gateway against a fake Binance that serves the documented bodies and checks every request's method, path,
 * parameters, API key header and HMAC signature (see {@link BinanceFake}).
 */
class BinanceGatewayTest {
    static final Instrument BTC_USDT = Instrument.spot("BTC", "USDT");
    static final Instrument LTC_BTC = Instrument.spot("LTC", "BTC");
    static final Instrument ETH_BTC = Instrument.spot("ETH", "BTC");

    private final MutableClock clock = new MutableClock(T0);
    private final VenueAccount account = BinanceTesting.account();
    private BinanceFake fake;
    private BinanceVenueProvider provider;
    private BinanceGateway gateway;

    @BeforeEach
    void start() {
        fake = new BinanceFake(DOC_API_KEY, DOC_SECRET, () -> clock.now().toEpochMilli());
        provider = new BinanceVenueProvider(BinanceTesting.settings());
        gateway = connect(DOC_API_KEY, DOC_SECRET);
    }

    @AfterEach
    void stop() {
        gateway.close();
        fake.close();
    }

    private BinanceGateway connect(String key, String secret) {
        return BinanceTesting.connect(provider, account, fake, key, secret, clock);
    }

    // --- signed requests ---

    @Test
    void sendsTheDocumentedSignedRequestByteForByte() {
        clock.set(Instant.ofEpochMilli(1499827319559L));
        fake.on("POST /api/v3/order", Reply.ok(resource("order-result.json")));
        BinanceClient client = new BinanceClient(BinanceVenueProvider.BINANCE, java.net.URI.create(fake.baseUrl()),
                java.net.http.HttpClient.newHttpClient(), DOC_API_KEY, new BinanceSigner(DOC_SECRET), clock,
                new BinanceIpLimits(6000), BinanceTesting.settings());
        Map<String, String> params = new java.util.LinkedHashMap<>();
        params.put("symbol", "LTCBTC");
        params.put("side", "BUY");
        params.put("type", "LIMIT");
        params.put("timeInForce", "GTC");
        params.put("quantity", "1");
        params.put("price", "0.1");

        assertThat(client.signed("POST", "/api/v3/order", params)).isInstanceOf(BinanceClient.Outcome.Ok.class);

        BinanceFake.Request sent = fake.last("POST /api/v3/order");
        assertThat(sent.body()).isEqualTo(BinanceSignerTest.DOC_QUERY + "&signature=" + BinanceSignerTest.DOC_SIGNATURE);
        assertThat(sent.rawQuery()).isEmpty();
        assertThat(sent.header("X-MBX-APIKEY")).isEqualTo(DOC_API_KEY);
        assertThat(sent.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
    }

    @Test
    void aWrongSecretIsRefusedByTheFakeSoSigningIsReallyChecked() {
        BinanceGateway wrong = connect(DOC_API_KEY, DOC_SECRET + "x");
        fake.on("GET /api/v3/account", Reply.ok(resource("account.json")));

        assertThatThrownBy(wrong::balances).isInstanceOf(Unauthorized.class)
                .hasMessageNotContaining(DOC_SECRET).hasMessageNotContaining(DOC_API_KEY);
        assertThat(wrong.checkCredentials().valid()).isFalse();
        assertThat(fake.requests("GET /api/v3/account")).isNotEmpty();
    }

    // --- balances and credentials ---

    @Test
    void balancesAreTheDocumentedAccountsNonEmptyBalancesFreeAndLockedApart() {
        fake.on("GET /api/v3/account", Reply.ok(resource("account.json")));

        List<Holding> balances = gateway.balances();

        assertThat(balances).containsExactly(
                new Holding(account.id(), BinanceVenueProvider.BINANCE, AccountKind.SPOT, Asset.BTC,
                        new BigDecimal("4723846.89208129"), BigDecimal.ZERO),
                new Holding(account.id(), BinanceVenueProvider.BINANCE, AccountKind.SPOT, Asset.of("LTC"),
                        new BigDecimal("4763368.68006011"), BigDecimal.ZERO));
        BinanceFake.Request sent = fake.last("GET /api/v3/account");
        assertThat(sent.params()).containsEntry("omitZeroBalances", "true").containsEntry("recvWindow", "5000")
                .containsEntry("timestamp", Long.toString(T0.toEpochMilli())).containsKey("signature");
        assertThat(sent.header("X-MBX-APIKEY")).isEqualTo(DOC_API_KEY);
    }

    @Test
    void withoutTheKeysRestrictionsTheAccountFlagsDecideSoAWithdrawingAccountsKeyIsRefused() {
        fake.on("GET /api/v3/account", Reply.ok(resource("account.json")));

        CredentialCheck check = gateway.checkCredentials();

        assertThat(check.valid()).isTrue();
        assertThat(check.permissions()).containsExactly(Permission.READ, Permission.TRADE, Permission.WITHDRAW);
        assertThat(check.canWithdraw()).isTrue();
    }

    @Test
    void theKeysOwnRestrictionsDecideNotTheAccountsWithdrawalFlag() {
        fake.on("GET /api/v3/account", Reply.ok(resource("account.json")));
        fake.on("GET /sapi/v1/account/apiRestrictions", Reply.ok(resource("api-restrictions.json")));

        // the documented key: reading only, though the documented account can trade and withdraw
        assertThat(gateway.checkCredentials().permissions()).containsExactly(Permission.READ);
        assertThat(fake.last("GET /sapi/v1/account/apiRestrictions").params()).containsKeys("timestamp", "signature");

        fake.on("GET /sapi/v1/account/apiRestrictions", Reply.ok(resource("api-restrictions.json")
                .replace("\"enableSpotAndMarginTrading\": false", "\"enableSpotAndMarginTrading\": true")));
        assertThat(gateway.checkCredentials().permissions()).containsExactly(Permission.READ, Permission.TRADE);

        fake.on("GET /sapi/v1/account/apiRestrictions", Reply.ok(resource("api-restrictions.json")
                .replace("\"enableWithdrawals\": false", "\"enableWithdrawals\": true")));
        assertThat(gateway.checkCredentials().canWithdraw()).isTrue();
    }

    @Test
    void aReadOnlyKeyIsReadOnly() {
        fake.on("GET /api/v3/account", Reply.ok(resource("account.json")
                .replace("\"canTrade\": true", "\"canTrade\": false").replace("\"canWithdraw\": true", "\"canWithdraw\": false")));

        assertThat(gateway.checkCredentials().permissions()).containsExactly(Permission.READ);
    }

    @Test
    void aKeyBinanceDoesNotKnowIsAnInvalidCheckAndUnauthorizedElsewhere() {
        BinanceGateway unknown = connect("someOtherKey1234", DOC_SECRET);

        CredentialCheck check = unknown.checkCredentials();

        assertThat(check.valid()).isFalse();
        assertThat(check.problem()).contains("-2015").doesNotContain("someOtherKey1234");
        assertThatThrownBy(unknown::balances).isInstanceOf(Unauthorized.class);
        assertThat(unknown.breakerState()).isEqualTo(dev.bulwark.adapters.exchange.support.VenueResilience.BreakerState.CLOSED);
    }

    // --- placing ---

    @Test
    void placesAMarketOrderAndReadsTheDocumentedFullAnswer() {
        fake.on("POST /api/v3/order", Reply.ok(resource("order-full.json")));
        ClientOrderId id = new ClientOrderId("6gCrw2kRUAF9CvJDGP16IP");

        PlacementResult result = gateway.place(OrderRequest.market(BTC_USDT, OrderSide.SELL,
                OrderSize.quantity(new BigDecimal("10")), id));

        BinanceFake.Request sent = fake.last("POST /api/v3/order");
        assertThat(sent.rawQuery()).isEmpty();
        assertThat(sent.params()).containsEntry("symbol", "BTCUSDT").containsEntry("side", "SELL")
                .containsEntry("type", "MARKET").containsEntry("quantity", "10")
                .containsEntry("newClientOrderId", "6gCrw2kRUAF9CvJDGP16IP").containsEntry("newOrderRespType", "FULL")
                .doesNotContainKeys("timeInForce", "price", "quoteOrderQty");
        assertThat(result).isInstanceOf(PlacementResult.Placed.class);
        Order order = ((PlacementResult.Placed) result).order();
        assertThat(order.id()).isEqualTo(VenueGateway.orderIdOf(account.id(), id));
        assertThat(order.clientOrderId()).isEqualTo(id);
        assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(order.type()).isEqualTo(OrderType.MARKET);
        assertThat(order.timeInForce()).isEqualTo(TimeInForce.IOC);
        assertThat(order.filledQuantity()).isEqualByComparingTo("10");
        // the quantity-weighted price of the documented fills (the sample's cummulativeQuoteQty is inconsistent)
        assertThat(order.averageFillPrice()).isEqualByComparingTo("3998.3");
        assertThat(order.createdAt()).isEqualTo(Instant.ofEpochMilli(1507725176595L));
    }

    @Test
    void placesALimitOrderWithItsPriceAndTimeInForce() {
        fake.on("POST /api/v3/order", request -> Reply.ok(resource("order-query.json")
                .replace("myOrder1", request.params().get("newClientOrderId"))));
        ClientOrderId id = new ClientOrderId("bw-limit-1");

        PlacementResult result = gateway.place(OrderRequest.limit(LTC_BTC, OrderSide.BUY, BigDecimal.ONE,
                new BigDecimal("0.1"), TimeInForce.GTC, id));

        assertThat(fake.last("POST /api/v3/order").params()).containsEntry("symbol", "LTCBTC").containsEntry("type", "LIMIT")
                .containsEntry("timeInForce", "GTC").containsEntry("quantity", "1").containsEntry("price", "0.1");
        Order order = ((PlacementResult.Placed) result).order();
        assertThat(order.status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(order.limitPrice()).isEqualByComparingTo("0.1");
        assertThat(order.clientOrderId()).isEqualTo(id);
    }

    @Test
    void aQuoteAmountMarketOrderSendsQuoteOrderQty() {
        fake.on("POST /api/v3/order", Reply.ok(resource("order-result.json")));

        gateway.place(new OrderRequest(BTC_USDT, OrderSide.BUY, OrderType.MARKET, OrderSize.quoteAmount(new BigDecimal("25.5")),
                null, null, null, TimeInForce.IOC, new ClientOrderId("q-1"), false, null));

        assertThat(fake.last("POST /api/v3/order").params()).containsEntry("quoteOrderQty", "25.5").doesNotContainKey("quantity");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "-2010|Account has insufficient balance for requested action.|insufficient-funds",
            "-2010|Duplicate order sent.|duplicate-client-order-id",
            "-2010|Market is closed.|market-closed",
            "-2010|Order would trigger immediately.|venue:-2010",
            "-1013|Filter failure: LOT_SIZE|outside-trading-rules",
            "-1111|Parameter 'quantity' has too much precision.|outside-trading-rules",
            "-1121|Invalid symbol.|unknown-instrument",
            "-2015|Invalid API-key, IP, or permissions for action.|not-permitted",
            "-1100|Illegal characters found in parameter 'price'.|venue:-1100"})
    void documentedRefusalsAreRejectionsWithStableCodes(int code, String message, String expected) {
        fake.on("POST /api/v3/order", Reply.error(400, code, message));

        PlacementResult result = gateway.place(limitBtc("r-1"));

        assertThat(result).isEqualTo(new PlacementResult.Rejected(expected, message));
        assertThat(fake.requests("POST /api/v3/order")).hasSize(1);
    }

    @Test
    void whatBinanceSpotCannotDoIsRefusedWithoutSendingAnything() {
        Instrument perp = new Instrument(Asset.BTC, Asset.USDT, Market.USDM_FUTURES);

        PlacementResult futures = gateway.place(OrderRequest.market(perp, OrderSide.BUY, OrderSize.quantity(BigDecimal.ONE),
                new ClientOrderId("f-1")));

        assertThat(futures).isInstanceOf(PlacementResult.Rejected.class);
        assertThat(((PlacementResult.Rejected) futures).code()).isEqualTo(PlacementResult.Rejected.UNSUPPORTED);
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void aPlacementThatTimesOutIsUnknownAndIsResolvedByItsClientOrderIdWithExactlyOneOrder() {
        Map<String, String> book = new ConcurrentHashMap<>();
        fake.on("POST /api/v3/order", request -> {
            String id = request.params().get("newClientOrderId");
            book.put(id, resource("order-query.json").replace("myOrder1", id));
            return Reply.ok(book.get(id)).after(Duration.ofMillis(1500));
        });
        fake.on("GET /api/v3/order", request -> {
            String body = book.get(request.params().get("origClientOrderId"));
            return body == null ? Reply.error(400, -2013, "Order does not exist.") : Reply.ok(body);
        });
        ClientOrderId id = new ClientOrderId("bw-timeout-1");

        assertThatThrownBy(() -> gateway.place(OrderRequest.limit(LTC_BTC, OrderSide.BUY, BigDecimal.ONE,
                new BigDecimal("0.1"), TimeInForce.GTC, id))).isInstanceOf(VenueUnavailable.class);
        assertThat(fake.requests("POST /api/v3/order")).hasSize(1);

        Optional<Order> found = gateway.findByClientOrderId(LTC_BTC, id);

        assertThat(found).isPresent();
        assertThat(found.get().id()).isEqualTo(VenueGateway.orderIdOf(account.id(), id));
        assertThat(found.get().status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(book).hasSize(1);
        assertThat(fake.requests("POST /api/v3/order")).hasSize(1);
    }

    @Test
    void aPlacementAnswered5xxIsUnknownAndNeverRetried() {
        fake.on("POST /api/v3/order", Reply.json(503, "{\"code\":-1008,\"msg\":\"Server is currently overloaded\"}"));

        assertThatThrownBy(() -> gateway.place(limitBtc("u-1"))).isInstanceOf(VenueUnavailable.class);
        assertThat(fake.requests("POST /api/v3/order")).hasSize(1);
    }

    @Test
    void aBackendTimeoutCodeIsAnUnknownOutcomeNotARejection() {
        fake.on("POST /api/v3/order", Reply.error(400, -1007,
                "Timeout waiting for response from backend server. Send status unknown; execution status unknown."));

        assertThatThrownBy(() -> gateway.place(limitBtc("u-2"))).isInstanceOf(VenueUnavailable.class);
        assertThat(fake.requests("POST /api/v3/order")).hasSize(1);
    }

    @Test
    void tooManyOrdersIsRateLimitedNotARejection() {
        fake.on("POST /api/v3/order", Reply.error(429, -1015, "Too many new orders; current limit is 100 orders per 10 SECOND."));

        assertThatThrownBy(() -> gateway.place(limitBtc("t-1"))).isInstanceOf(RateLimited.class);
    }

    // --- cancelling and finding ---

    @Test
    void cancelsByOrigClientOrderIdAndReadsTheDocumentedAnswer() {
        fake.on("DELETE /api/v3/order", Reply.ok(resource("order-cancel.json")));

        CancelResult result = gateway.cancel(LTC_BTC, new ClientOrderId("myOrder1"));

        BinanceFake.Request sent = fake.last("DELETE /api/v3/order");
        assertThat(sent.params()).containsEntry("symbol", "LTCBTC").containsEntry("origClientOrderId", "myOrder1");
        assertThat(sent.body()).isEmpty();
        assertThat(result).isInstanceOf(CancelResult.Cancelled.class);
        Order order = ((CancelResult.Cancelled) result).order();
        assertThat(order.clientOrderId()).isEqualTo(new ClientOrderId("myOrder1"));
        assertThat(order.id()).isEqualTo(VenueGateway.orderIdOf(account.id(), new ClientOrderId("myOrder1")));
        assertThat(order.limitPrice()).isEqualByComparingTo("2");
    }

    @Test
    void cancellingAnOrderThatEndedIsAlreadyFinalAndOneNeverPlacedIsUnknown() {
        fake.on("DELETE /api/v3/order", Reply.error(400, -2011, "Unknown order sent."));
        fake.on("GET /api/v3/order", request -> request.params().get("origClientOrderId").equals("myOrder1")
                ? Reply.ok(resource("order-query.json").replace("\"status\": \"NEW\"", "\"status\": \"CANCELED\""))
                : Reply.error(400, -2013, "Order does not exist."));

        assertThat(gateway.cancel(LTC_BTC, new ClientOrderId("myOrder1"))).isInstanceOf(CancelResult.AlreadyFinal.class);
        assertThat(gateway.cancel(LTC_BTC, new ClientOrderId("never"))).isEqualTo(new CancelResult.UnknownOrder(new ClientOrderId("never")));
    }

    @Test
    void aCancelBinanceRefusesForAWorkingOrderIsRefused() {
        fake.on("DELETE /api/v3/order", Reply.error(400, -2011, "Unknown order sent."));
        fake.on("GET /api/v3/order", Reply.ok(resource("order-query.json")));

        assertThat(gateway.cancel(LTC_BTC, new ClientOrderId("myOrder1")))
                .isEqualTo(new CancelResult.Refused("venue:-2011", "Unknown order sent."));
    }

    @Test
    void aPlacementRefusedForItsTimestampIsSentOnceMoreWithTheCorrectedClockBecauseNothingWasProcessed() {
        fake.serverAheadMillis.set(-20_000);
        fake.on("POST /api/v3/order", Reply.ok(resource("order-result.json")));

        PlacementResult result = gateway.place(OrderRequest.market(BTC_USDT, OrderSide.SELL,
                OrderSize.quantity(BigDecimal.TEN), new ClientOrderId("6gCrw2kRUAF9CvJDGP16IP")));

        assertThat(fake.requests("POST /api/v3/order")).hasSize(2);
        assertThat(fake.requests("GET /api/v3/time")).hasSize(1);
        // the documented RESULT answer: no fills, so the average is cummulativeQuoteQty / executedQty
        assertThat(((PlacementResult.Placed) result).order().averageFillPrice()).isEqualByComparingTo("1");
    }

    @Test
    void aCancelAnswered5xxIsUnknownAndNeverRetried() {
        fake.on("DELETE /api/v3/order", Reply.json(502, "<html>Bad Gateway</html>"));

        assertThatThrownBy(() -> gateway.cancel(LTC_BTC, new ClientOrderId("myOrder1"))).isInstanceOf(VenueUnavailable.class);
        assertThat(fake.requests("DELETE /api/v3/order")).hasSize(1);
    }

    @Test
    void findsTheDocumentedOrderAndNothingForAnUnknownOne() {
        fake.on("GET /api/v3/order", request -> request.params().get("origClientOrderId").equals("myOrder1")
                ? Reply.ok(resource("order-query.json")) : Reply.error(400, -2013, "Order does not exist."));

        Order order = gateway.findByClientOrderId(LTC_BTC, new ClientOrderId("myOrder1")).orElseThrow();

        assertThat(fake.last("GET /api/v3/order").params()).containsEntry("symbol", "LTCBTC");
        assertThat(order.instrument()).isEqualTo(LTC_BTC);
        assertThat(order.type()).isEqualTo(OrderType.LIMIT);
        assertThat(order.status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(order.size()).isEqualTo(OrderSize.quantity(BigDecimal.ONE));
        assertThat(order.stopPrice()).isNull();
        assertThat(order.createdAt()).isEqualTo(Instant.ofEpochMilli(1499827319559L));
        assertThat(gateway.findByClientOrderId(LTC_BTC, new ClientOrderId("nope"))).isEmpty();
    }

    @Test
    void openOrdersOfAllSymbolsAreMappedThroughExchangeInfo() {
        fake.on("GET /api/v3/openOrders", Reply.ok("[" + resource("order-query.json").replace("LTCBTC", "ETHBTC") + "]"));
        fake.on("GET /api/v3/exchangeInfo", Reply.ok(resource("exchange-info-ethbtc.json")));

        List<Order> all = gateway.openOrders(null);
        List<Order> one = gateway.openOrders(ETH_BTC);

        assertThat(all).singleElement().satisfies(o -> assertThat(o.instrument()).isEqualTo(ETH_BTC));
        assertThat(one).hasSize(1);
        assertThat(fake.requests("GET /api/v3/openOrders").getFirst().params()).doesNotContainKey("symbol");
        assertThat(fake.last("GET /api/v3/openOrders").params()).containsEntry("symbol", "ETHBTC");
    }

    // --- fills, rules, prices ---

    @Test
    void fillsAreTheDocumentedTradesUnderTheirOrdersClientId() {
        clock.set(Instant.ofEpochMilli(1499865549590L).plusSeconds(60));
        fake.on("GET /api/v3/myTrades", Reply.ok(resource("my-trades.json")));
        fake.on("GET /api/v3/order", request -> Reply.ok(resource("order-query.json").replace("\"orderId\": 1,", "\"orderId\": 100234,")));
        Instrument bnbBtc = Instrument.spot("BNB", "BTC");

        List<Fill> fills = gateway.fills(bnbBtc, Instant.ofEpochMilli(1499865549590L).minusSeconds(3600));

        assertThat(fills).containsExactly(new Fill("28457", VenueGateway.orderIdOf(account.id(), new ClientOrderId("myOrder1")),
                bnbBtc, OrderSide.BUY, new BigDecimal("4.00000100"), new BigDecimal("12"), new Money(new BigDecimal("10.1"), Asset.of("BNB")),
                Instant.ofEpochMilli(1499865549590L)));
        assertThat(fake.last("GET /api/v3/myTrades").params()).containsEntry("symbol", "BNBBTC").containsEntry("limit", "1000")
                .containsKeys("startTime", "endTime");
        assertThat(fake.last("GET /api/v3/order").params()).containsEntry("orderId", "100234");
    }

    @Test
    void fillsWalkEmptyDaysThenPageByTradeId() {
        Instant since = T0.minus(Duration.ofDays(3));
        Instant firstTrade = T0.minus(Duration.ofHours(30));
        StringBuilder full = new StringBuilder("[");
        for (int i = 0; i < 1000; i++) {
            full.append(i == 0 ? "" : ",").append(trade(1000 + i, firstTrade.plusSeconds(i)));
        }
        String firstPage = full.append("]").toString();
        fake.on("GET /api/v3/myTrades", request -> {
            if (request.params().containsKey("fromId")) {
                return Reply.ok("[" + trade(Long.parseLong(request.params().get("fromId")), firstTrade.plusSeconds(5000)) + "]");
            }
            long start = Long.parseLong(request.params().get("startTime"));
            return Reply.ok(start < since.plus(Duration.ofDays(1)).toEpochMilli() ? "[]" : firstPage);
        });
        fake.on("GET /api/v3/order", Reply.ok(resource("order-query.json")));

        List<Fill> fills = gateway.fills(BTC_USDT, since);

        assertThat(fills).hasSize(1001);
        assertThat(fills.getLast().tradeId()).isEqualTo("2000");
        List<BinanceFake.Request> calls = fake.requests("GET /api/v3/myTrades");
        assertThat(calls).hasSize(3);
        assertThat(calls.get(0).params()).containsEntry("startTime", Long.toString(since.toEpochMilli()))
                .containsEntry("endTime", Long.toString(since.plus(Duration.ofDays(1)).toEpochMilli() - 1));
        assertThat(calls.get(2).params()).containsEntry("fromId", "2000").doesNotContainKey("startTime");
        assertThat(fake.requests("GET /api/v3/order")).hasSize(1);
    }

    private static String trade(long id, Instant at) {
        return "{\"symbol\":\"BTCUSDT\",\"id\":" + id + ",\"orderId\":7,\"orderListId\":-1,\"price\":\"30000\","
                + "\"qty\":\"0.001\",\"quoteQty\":\"30\",\"commission\":\"0.03\",\"commissionAsset\":\"USDT\",\"time\":"
                + at.toEpochMilli() + ",\"isBuyer\":false,\"isMaker\":true,\"isBestMatch\":true}";
    }

    @Test
    void rulesComeFromTheSymbolsFiltersAndAreCached() {
        fake.on("GET /api/v3/exchangeInfo", Reply.ok(resource("exchange-info-ethbtc.json")));

        TradingRules rules = gateway.rules(ETH_BTC);
        gateway.rules(ETH_BTC);

        assertThat(rules).isEqualTo(new TradingRules(new BigDecimal("0.000001"), new BigDecimal("0.001"),
                new BigDecimal("0.001"), new BigDecimal("100000"), new BigDecimal("10")));
        assertThat(fake.requests("GET /api/v3/exchangeInfo")).hasSize(1);
        assertThat(fake.last("GET /api/v3/exchangeInfo").params()).containsEntry("symbol", "ETHBTC");
        assertThat(fake.last("GET /api/v3/exchangeInfo").header("X-MBX-APIKEY")).isNull();
        clock.advance(Duration.ofMinutes(61));
        gateway.rules(ETH_BTC);
        assertThat(fake.requests("GET /api/v3/exchangeInfo")).hasSize(2);
    }

    @Test
    void anUnlistedSymbolHasNoRulesAndNoPrice() {
        fake.on("GET /api/v3/exchangeInfo", Reply.error(400, -1121, "Invalid symbol."));
        fake.on("GET /api/v3/ticker/price", Reply.error(400, -1121, "Invalid symbol."));

        assertThatThrownBy(() -> gateway.rules(Instrument.spot("NOPE", "USDT"))).isInstanceOf(NotFound.class);
        assertThat(gateway.price(Instrument.spot("NOPE", "USDT"))).isEmpty();
    }

    @Test
    void priceIsTheTickerAndCachedForSeconds() {
        fake.on("GET /api/v3/ticker/price", Reply.ok("{\"symbol\":\"LTCBTC\",\"price\":\"4.00000200\"}"));

        assertThat(gateway.price(LTC_BTC)).contains(new BigDecimal("4.000002"));
        assertThat(gateway.price(LTC_BTC)).isPresent();
        assertThat(fake.requests("GET /api/v3/ticker/price")).hasSize(1);
        clock.advance(Duration.ofSeconds(4));
        gateway.price(LTC_BTC);
        assertThat(fake.requests("GET /api/v3/ticker/price")).hasSize(2);
    }

    // --- time, weight, throttles ---

    @Test
    void aTimestampOutsideTheRecvWindowCorrectsTheOffsetAndRetriesTheReadOnce() {
        fake.serverAheadMillis.set(30_000);
        fake.on("GET /api/v3/account", Reply.ok(resource("account.json")));

        assertThat(gateway.balances()).hasSize(2);

        assertThat(fake.requests("GET /api/v3/account")).hasSize(2);
        assertThat(fake.requests("GET /api/v3/time")).hasSize(1);
        long corrected = Long.parseLong(fake.last("GET /api/v3/account").params().get("timestamp"));
        assertThat(corrected).isEqualTo(T0.toEpochMilli() + 30_000);
        gateway.balances();
        assertThat(fake.requests("GET /api/v3/time")).hasSize(1);
    }

    @Test
    void usedWeightHeadersAreTrackedAndASpentMinuteFailsFastUntilTheNext() {
        clock.set(T0.plusSeconds(10));
        fake.on("GET /api/v3/account", Reply.ok(resource("account.json")).header("X-MBX-USED-WEIGHT-1M", "6000")
                .header("X-MBX-ORDER-COUNT-10S", "3"));
        gateway.balances();
        assertThat(gateway.usedWeight1m()).isEqualTo(6000);

        assertThatThrownBy(gateway::balances).isInstanceOfSatisfying(RateLimited.class, e -> {
            assertThat(e.limit()).isEqualTo("request-weight");
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(50));
        });
        assertThat(fake.requests("GET /api/v3/account")).hasSize(1);
        clock.advance(Duration.ofSeconds(50));
        fake.on("GET /api/v3/account", Reply.ok(resource("account.json")).header("X-MBX-USED-WEIGHT-1M", "20"));
        gateway.balances();
        assertThat(fake.requests("GET /api/v3/account")).hasSize(2);
    }

    @Test
    void a429HonoursRetryAfterAndNoRequestIsSentBeforeIt() {
        fake.on("GET /api/v3/account", Reply.json(429, "{\"code\":-1003,\"msg\":\"Too much request weight used\"}")
                .header("Retry-After", "7"));

        assertThatThrownBy(gateway::balances).isInstanceOfSatisfying(RateLimited.class,
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
        assertThatThrownBy(gateway::balances).isInstanceOf(RateLimited.class);
        assertThat(fake.requests("GET /api/v3/account")).hasSize(1);

        clock.advance(Duration.ofSeconds(7));
        fake.on("GET /api/v3/account", Reply.ok(resource("account.json")));
        assertThat(gateway.balances()).hasSize(2);
    }

    @Test
    void a418BansUntilRetryAfterForEveryGatewayOfTheProviderWithoutReachingBinance() {
        fake.on("GET /api/v3/account", Reply.json(418, "{\"code\":-1003,\"msg\":\"Way too much request weight used; IP banned\"}")
                .header("Retry-After", "120"));
        BinanceGateway other = connect(DOC_API_KEY, DOC_SECRET);

        assertThatThrownBy(gateway::balances).isInstanceOfSatisfying(RateLimited.class,
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(120)));
        clock.advance(Duration.ofSeconds(60));
        assertThatThrownBy(other::balances).isInstanceOfSatisfying(RateLimited.class,
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(60)));
        assertThatThrownBy(() -> gateway.place(limitBtc("b-1"))).isInstanceOf(RateLimited.class);
        assertThat(fake.requests()).hasSize(1);

        clock.advance(Duration.ofSeconds(60));
        fake.on("GET /api/v3/account", Reply.ok(resource("account.json")));
        assertThat(other.balances()).hasSize(2);
    }

    // --- failures to answer ---

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "200|{\"balances\": [",
            "200|not json at all",
            "200|{\"canTrade\": true}",
            "200|{\"balances\": [{\"asset\": \"BTC\", \"free\": \"abc\", \"locked\": \"0\"}]}",
            "502|<html>Bad Gateway</html>",
            "403|<html>WAF</html>"})
    void malformedTruncatedAndErrorPagesAreVenueUnavailable(int status, String body) {
        fake.on("GET /api/v3/account", Reply.json(status, body));

        assertThatThrownBy(gateway::balances).isInstanceOf(VenueUnavailable.class).hasMessageNotContaining(body);
    }

    @Test
    void aReadThatTimesOutIsRetriedThenVenueUnavailable() {
        fake.on("GET /api/v3/account", Reply.ok(resource("account.json")).after(Duration.ofMillis(1000)));

        assertThatThrownBy(gateway::balances).isInstanceOf(VenueUnavailable.class);
        assertThat(fake.requests("GET /api/v3/account")).hasSize(2);
    }

    @Test
    void theCircuitOpensAfterRepeatedFailuresAndClosesAgain() throws InterruptedException {
        provider = new BinanceVenueProvider(BinanceTesting.settings(3, Duration.ofMillis(300)));
        BinanceGateway fragile = connect(DOC_API_KEY, DOC_SECRET);
        fake.on("GET /api/v3/account", Reply.json(500, "{}"));

        assertThatThrownBy(fragile::balances).isInstanceOf(VenueUnavailable.class);
        assertThatThrownBy(fragile::balances).isInstanceOf(VenueUnavailable.class);
        assertThat(fragile.breakerState()).isEqualTo(dev.bulwark.adapters.exchange.support.VenueResilience.BreakerState.OPEN);
        Circuits.assertOne(provider, VenueCircuit.State.OPEN);
        int sent = fake.requests().size();
        assertThatThrownBy(fragile::balances).isInstanceOf(VenueUnavailable.class).hasMessageContaining("circuit open");
        assertThat(fake.requests()).hasSize(sent);

        fake.on("GET /api/v3/account", Reply.ok(resource("account.json")));
        // the breaker's pause runs on Failsafe's own clock: poll (bounded) until it lets the call through
        assertThat(Eventually.afterTheBreakerPause(fragile::balances)).hasSize(2);
        assertThat(fragile.breakerState()).isEqualTo(dev.bulwark.adapters.exchange.support.VenueResilience.BreakerState.CLOSED);
        Circuits.assertOne(provider, VenueCircuit.State.CLOSED);
    }

    // --- lifecycle and secrets ---

    @Test
    void secretsAppearInNoStringAndNoMessage() {
        fake.on("GET /api/v3/account", Reply.json(500, "{}"));
        fake.on("POST /api/v3/order", Reply.error(400, -2010, "Account has insufficient balance for requested action."));

        assertThat(gateway.toString()).doesNotContain(DOC_API_KEY).doesNotContain(DOC_SECRET);
        assertThat(provider.toString()).doesNotContain(DOC_API_KEY);
        assertThatThrownBy(gateway::balances).satisfies(e -> assertThat(e.getMessage())
                .doesNotContain(DOC_API_KEY).doesNotContain(DOC_SECRET).doesNotContain("signature"));
        assertThat(gateway.place(limitBtc("s-1")).toString()).doesNotContain(DOC_API_KEY).doesNotContain(DOC_SECRET);
    }

    @Test
    void aClosedGatewayRefusesCallsButStillNamesItsCapabilities() {
        gateway.close();
        gateway.close();

        assertThatThrownBy(gateway::balances).isInstanceOf(IllegalStateException.class);
        assertThat(gateway.capabilities()).isEqualTo(provider.describe().capabilities());
    }

    private static OrderRequest limitBtc(String clientOrderId) {
        return OrderRequest.limit(BTC_USDT, OrderSide.BUY, new BigDecimal("0.001"), new BigDecimal("30000"), TimeInForce.GTC,
                new ClientOrderId(clientOrderId));
    }

    // --- Simple Earn ---

    @Test
    void simpleEarnFlexiblePositionsAreLockedSpotHoldingsReadApartFromBalances() {
        fake.on("GET /sapi/v1/simple-earn/flexible/position", Reply.ok(resource("simple-earn-flexible.json")));

        assertThat(gateway.simpleEarnFlexible()).containsExactly(new Holding(account.id(), BinanceVenueProvider.BINANCE,
                AccountKind.SPOT, Asset.of("USDT"), BigDecimal.ZERO, new BigDecimal("75.46")));
        BinanceFake.Request sent = fake.last("GET /sapi/v1/simple-earn/flexible/position");
        assertThat(sent.params()).containsEntry("current", "1").containsEntry("size", "100").containsKey("signature");
    }

    @Test
    void simpleEarnIsEmptyWhereTheHostHasNoSapiAndAKeyWithoutEarnIsUnauthorized() {
        assertThat(gateway.simpleEarnFlexible()).isEmpty();

        fake.on("GET /sapi/v1/simple-earn/flexible/position",
                Reply.error(401, -2015, "Invalid API-key, IP, or permissions for action."));
        assertThatThrownBy(gateway::simpleEarnFlexible).isInstanceOf(Unauthorized.class);
    }
}
