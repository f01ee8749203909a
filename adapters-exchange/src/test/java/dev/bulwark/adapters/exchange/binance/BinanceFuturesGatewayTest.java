package dev.bulwark.adapters.exchange.binance;

import dev.bulwark.adapters.exchange.testing.Circuits;
import dev.bulwark.domain.venues.VenueCircuit;
import dev.bulwark.adapters.exchange.testing.Eventually;

import static dev.bulwark.adapters.exchange.binance.BinanceFake.Reply;
import static dev.bulwark.adapters.exchange.binance.BinanceFake.resource;
import static dev.bulwark.adapters.exchange.binance.BinanceTesting.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.adapters.exchange.marketdata.testing.MutableClock;
import dev.bulwark.adapters.exchange.support.VenueResilience;
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
import dev.bulwark.domain.venues.Permission;
import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.ports.driven.venues.CancelResult;
import dev.bulwark.ports.driven.venues.CredentialCheck;
import dev.bulwark.ports.driven.venues.OrderRequest;
import dev.bulwark.ports.driven.venues.PlacementResult;
import dev.bulwark.ports.driven.venues.VenueCapability;
import dev.bulwark.ports.driven.venues.VenueGateway;
import dev.bulwark.ports.errors.Invalid;
import dev.bulwark.ports.errors.NotFound;
import dev.bulwark.ports.errors.RateLimited;
import dev.bulwark.ports.errors.Unauthorized;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
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
 * The USD-M futures gateway against the fake Binance (which recomputes every HMAC signature and refuses a mismatch),
 * serving the futures docs' documented bodies.
 */
class BinanceFuturesGatewayTest {
    /** The USD-M futures docs' HMAC example ("SIGNED Endpoint Examples for POST /fapi/v1/order"). */
    static final String DOC_API_KEY = "dbefbc809e3e83c283a984c3a1459732ea7db1360ca80c5c2c8867408d28cc83";
    static final String DOC_SECRET = "2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9";
    static final String DOC_QUERY = "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&timeInForce=GTC"
            + "&recvWindow=5000&timestamp=1591702613943";
    static final String DOC_SIGNATURE = "3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9";

    static final Instrument BTC_PERP = new Instrument(Asset.BTC, Asset.of("USDT"), Market.USDM_FUTURES);
    static final Instrument ETH_PERP = new Instrument(Asset.of("ETH"), Asset.of("USDT"), Market.USDM_FUTURES);

    private final MutableClock clock = new MutableClock(T0);
    private final VenueAccount account = BinanceTesting.futuresAccount();
    private BinanceFake fake;
    private BinanceFuturesVenueProvider provider;
    private BinanceFuturesGateway gateway;

    @BeforeEach
    void start() {
        fake = new BinanceFake(DOC_API_KEY, DOC_SECRET, () -> clock.now().toEpochMilli());
        fake.on("GET /fapi/v1/time", request -> Reply.ok("{\"serverTime\":" + fake.serverTime() + "}"));
        fake.on("GET /fapi/v1/exchangeInfo", Reply.ok(resource("futures-exchange-info.json")));
        provider = new BinanceFuturesVenueProvider(BinanceTesting.settings());
        gateway = connect(DOC_API_KEY, DOC_SECRET);
    }

    @AfterEach
    void stop() {
        gateway.close();
        fake.close();
    }

    private BinanceFuturesGateway connect(String key, String secret) {
        return (BinanceFuturesGateway) provider.connect(BinanceTesting.connection(account, fake.baseUrl(), key, secret, clock));
    }

    private static OrderRequest limitBtc(String id) {
        return OrderRequest.limit(BTC_PERP, OrderSide.BUY, new BigDecimal("10"), new BigDecimal("9000"), TimeInForce.GTC,
                new ClientOrderId(id));
    }

    private static OrderRequest market(OrderSide side, String quantity, String id, boolean reduceOnly,
            BigDecimal leverage) {
        return new OrderRequest(BTC_PERP, side, OrderType.MARKET, OrderSize.quantity(new BigDecimal(quantity)), null,
                null, null, TimeInForce.IOC, new ClientOrderId(id), reduceOnly, leverage);
    }

    private static Reply echo(String resource, BinanceFake.Request request) {
        return Reply.ok(resource(resource).replace("\"testOrder\"", "\"" + request.params().get("newClientOrderId") + "\""));
    }

    // --- signing ---

    @Test
    void signsTheFuturesDocsExampleByteForByte() {
        assertThat(new BinanceSigner(DOC_SECRET).sign(DOC_QUERY)).isEqualTo(DOC_SIGNATURE);
    }

    @Test
    void sendsTheDocumentedSignedFuturesOrderByteForByte() {
        clock.set(Instant.ofEpochMilli(1591702613943L));
        fake.on("POST /fapi/v1/order", Reply.ok(resource("futures-order.json")));
        BinanceClient client = new BinanceClient(BinanceFuturesVenueProvider.BINANCE_FUTURES, URI.create(fake.baseUrl()),
                HttpClient.newHttpClient(), DOC_API_KEY, new BinanceSigner(DOC_SECRET), clock, new BinanceIpLimits(2400),
                BinanceTesting.settings(), BinanceClient.FUTURES_TIME);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("symbol", "BTCUSDT");
        params.put("side", "BUY");
        params.put("type", "LIMIT");
        params.put("quantity", "1");
        params.put("price", "9000");
        params.put("timeInForce", "GTC");

        assertThat(client.signed("POST", "/fapi/v1/order", params)).isInstanceOf(BinanceClient.Outcome.Ok.class);

        BinanceFake.Request sent = fake.last("POST /fapi/v1/order");
        assertThat(sent.body()).isEqualTo(DOC_QUERY + "&signature=" + DOC_SIGNATURE);
        assertThat(sent.header("X-MBX-APIKEY")).isEqualTo(DOC_API_KEY);
    }

    @Test
    void aWrongSecretIsRefusedByTheFakeSoSigningIsReallyChecked() {
        BinanceFuturesGateway wrong = connect(DOC_API_KEY, DOC_SECRET + "x");
        fake.on("GET /fapi/v2/balance", Reply.ok(resource("futures-balance.json")));

        assertThatThrownBy(wrong::balances).isInstanceOf(Unauthorized.class)
                .hasMessageNotContaining(DOC_SECRET).hasMessageNotContaining(DOC_API_KEY);
        assertThat(fake.requests("GET /fapi/v2/balance")).isNotEmpty();
    }

    @Test
    void aTimestampOutsideTheRecvWindowResyncsFromTheFuturesTimeAndRetriesOnce() {
        fake.serverAheadMillis.set(60_000);
        fake.on("GET /fapi/v2/balance", Reply.ok(resource("futures-balance.json")));

        assertThat(gateway.balances()).hasSize(1);
        assertThat(fake.requests("GET /fapi/v1/time")).hasSize(1);
        assertThat(fake.requests("GET /api/v3/time")).isEmpty();
    }

    // --- balances, positions, credentials ---

    @Test
    void balancesAreTheFuturesWalletAvailableFreeTheRestLocked() {
        fake.on("GET /fapi/v2/balance", Reply.ok(resource("futures-balance.json")).header("X-MBX-USED-WEIGHT-1M", "5"));

        List<Holding> balances = gateway.balances();

        assertThat(balances).containsExactly(new Holding(account.id(), BinanceFuturesVenueProvider.BINANCE_FUTURES,
                AccountKind.FUTURES, Asset.of("USDT"), new BigDecimal("23.72469206"), new BigDecimal("122583.62668697")));
        BinanceFake.Request sent = fake.last("GET /fapi/v2/balance");
        assertThat(sent.params()).containsEntry("recvWindow", "5000")
                .containsEntry("timestamp", Long.toString(T0.toEpochMilli())).containsKey("signature");
        assertThat(gateway.usedWeight1m()).isEqualTo(5);
    }

    @Test
    void positionsAreSignedLongAndShortWithCostBasisAtEntryAndFlatOnesLeftOut() {
        fake.on("GET /fapi/v2/positionRisk", Reply.ok(resource("futures-position-risk.json")));

        List<Position> positions = gateway.positions();

        Asset usdt = Asset.of("USDT");
        assertThat(positions).containsExactly(
                new Position(account.id(), BTC_PERP, new BigDecimal("20"), new Money(new BigDecimal("131273.3"), usdt),
                        Money.zero(usdt), new BigDecimal("10")),
                new Position(account.id(), ETH_PERP, new BigDecimal("-1.5"), new Money(new BigDecimal("3000.75"), usdt),
                        Money.zero(usdt), new BigDecimal("5")));
        assertThat(positions.get(1).averageEntryPrice()).contains(new BigDecimal("2000.5"));
        assertThat(fake.last("GET /fapi/v2/positionRisk").params()).containsKey("signature");
    }

    @Test
    void credentialsAreReadAndTradeFromTheFuturesAccountAndNeverClaimWithdraw() {
        fake.on("GET /fapi/v2/account", Reply.ok("{\"canTrade\":true,\"canDeposit\":true,\"canWithdraw\":true,"
                + "\"assets\":[],\"positions\":[]}"));

        CredentialCheck check = gateway.checkCredentials();

        assertThat(check.valid()).isTrue();
        assertThat(check.permissions()).containsExactlyInAnyOrder(Permission.READ, Permission.TRADE);
        assertThat(gateway.capabilities()).doesNotContain(VenueCapability.PERMISSIONS);
    }

    @Test
    void aKeyBinanceRefusesIsAnInvalidCheck() {
        BinanceFuturesGateway unknown = connect("someoneElsesKey0000000000000000", DOC_SECRET);

        assertThat(unknown.checkCredentials().valid()).isFalse();
    }

    // --- placing ---

    @Test
    void placesALimitOrderWithItsClientOrderIdAndReadsTheDocumentedAnswer() {
        fake.on("POST /fapi/v1/order", request -> echo("futures-order.json", request));

        PlacementResult result = gateway.place(limitBtc("bw-l-1"));

        assertThat(result).isInstanceOfSatisfying(PlacementResult.Placed.class, placed -> {
            Order order = placed.order();
            assertThat(order.id()).isEqualTo(VenueGateway.orderIdOf(account.id(), new ClientOrderId("bw-l-1")));
            assertThat(order.status()).isEqualTo(OrderStatus.ACCEPTED);
            assertThat(order.type()).isEqualTo(OrderType.LIMIT);
            assertThat(order.limitPrice()).isEqualByComparingTo("9000");
            assertThat(order.instrument()).isEqualTo(BTC_PERP);
        });
        BinanceFake.Request sent = fake.last("POST /fapi/v1/order");
        assertThat(sent.params()).containsEntry("symbol", "BTCUSDT").containsEntry("side", "BUY")
                .containsEntry("type", "LIMIT").containsEntry("timeInForce", "GTC").containsEntry("quantity", "10")
                .containsEntry("price", "9000").containsEntry("newClientOrderId", "bw-l-1")
                .doesNotContainKey("reduceOnly");
        assertThat(fake.requests("POST /fapi/v1/leverage")).isEmpty();
    }

    @Test
    void aReduceOnlyMarketOrderSaysSoAndReadsItsFill() {
        fake.on("POST /fapi/v1/order", request -> echo("futures-market-filled.json", request));

        PlacementResult result = gateway.place(market(OrderSide.SELL, "0.01", "bw-r-1", true, null));

        assertThat(result).isInstanceOfSatisfying(PlacementResult.Placed.class, placed -> {
            assertThat(placed.order().status()).isEqualTo(OrderStatus.FILLED);
            assertThat(placed.order().averageFillPrice()).isEqualByComparingTo("65000");
        });
        assertThat(fake.last("POST /fapi/v1/order").params()).containsEntry("reduceOnly", "true")
                .containsEntry("type", "MARKET").doesNotContainKey("timeInForce").doesNotContainKey("price");
    }

    @Test
    void conditionalOrdersUseTheFuturesTypeNames() {
        fake.on("POST /fapi/v1/order", Reply.error(400, -2021, "Order would immediately trigger."));

        gateway.place(new OrderRequest(BTC_PERP, OrderSide.SELL, OrderType.STOP_MARKET, OrderSize.quantity(BigDecimal.ONE),
                null, new BigDecimal("60000"), null, TimeInForce.GTC, new ClientOrderId("c-1"), true, null));
        assertThat(fake.last("POST /fapi/v1/order").params()).containsEntry("type", "STOP_MARKET")
                .containsEntry("stopPrice", "60000");
        gateway.place(new OrderRequest(BTC_PERP, OrderSide.SELL, OrderType.TAKE_PROFIT, OrderSize.quantity(BigDecimal.ONE),
                null, new BigDecimal("70000"), null, TimeInForce.GTC, new ClientOrderId("c-2"), true, null));
        assertThat(fake.last("POST /fapi/v1/order").params()).containsEntry("type", "TAKE_PROFIT_MARKET");
    }

    @Test
    void leverageIsSetForTheSymbolBeforeTheOrder() {
        fake.on("POST /fapi/v1/leverage", Reply.ok("{\"leverage\":20,\"maxNotionalValue\":\"1000000\",\"symbol\":\"BTCUSDT\"}"));
        fake.on("POST /fapi/v1/order", request -> echo("futures-market-filled.json", request));

        assertThat(gateway.place(market(OrderSide.BUY, "0.01", "bw-lev-1", false, new BigDecimal("20"))))
                .isInstanceOf(PlacementResult.Placed.class);

        assertThat(fake.last("POST /fapi/v1/leverage").params()).containsEntry("symbol", "BTCUSDT")
                .containsEntry("leverage", "20").containsKey("signature");
        List<String> order = fake.requests().stream().map(r -> r.method() + " " + r.path()).toList();
        assertThat(order).containsSubsequence("POST /fapi/v1/leverage", "POST /fapi/v1/order");
    }

    @Test
    void aLeverageBinanceRefusesOrCannotExpressRejectsTheOrderWithoutPlacingIt() {
        fake.on("POST /fapi/v1/leverage", Reply.error(400, -4028, "Leverage 100 is not valid"));

        assertThat(gateway.place(market(OrderSide.BUY, "0.01", "bw-lev-2", false, new BigDecimal("100"))))
                .isEqualTo(new PlacementResult.Rejected(PlacementResult.Rejected.OUTSIDE_TRADING_RULES,
                        "Leverage 100 is not valid"));
        assertThat(gateway.place(market(OrderSide.BUY, "0.01", "bw-lev-3", false, new BigDecimal("2.5"))))
                .isInstanceOfSatisfying(PlacementResult.Rejected.class,
                        r -> assertThat(r.code()).isEqualTo(PlacementResult.Rejected.OUTSIDE_TRADING_RULES));
        assertThat(fake.requests("POST /fapi/v1/leverage")).hasSize(1);
        assertThat(fake.requests("POST /fapi/v1/order")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "-2019|Margin is insufficient.|insufficient-funds",
            "-4164|Order's notional must be no smaller than 100 (unless you choose reduce only).|outside-trading-rules",
            "-2022|ReduceOnly Order is rejected.|venue:-2022",
            "-4116|ClientOrderId is duplicated.|duplicate-client-order-id",
            "-1121|Invalid symbol.|unknown-instrument",
            "-1111|Precision is over the maximum defined for this asset.|outside-trading-rules",
            "-4061|Order's position side does not match user's setting.|venue:-4061"})
    void documentedRefusalsAreRejectionsWithStableCodes(int code, String message, String expected) {
        fake.on("POST /fapi/v1/order", Reply.error(400, code, message));

        assertThat(gateway.place(limitBtc("r" + Math.abs(code))))
                .isEqualTo(new PlacementResult.Rejected(expected, message));
    }

    @Test
    void whatBinanceFuturesCannotDoIsRefusedWithoutSendingAnything() {
        PlacementResult spot = gateway.place(OrderRequest.limit(Instrument.spot("BTC", "USDT"), OrderSide.BUY,
                BigDecimal.ONE, BigDecimal.TEN, TimeInForce.GTC, new ClientOrderId("x-1")));
        PlacementResult quote = gateway.place(OrderRequest.market(BTC_PERP, OrderSide.BUY,
                OrderSize.quoteAmount(BigDecimal.TEN), new ClientOrderId("x-2")));

        assertThat(List.of(spot, quote)).allSatisfy(result -> assertThat(result).isInstanceOfSatisfying(
                PlacementResult.Rejected.class, r -> assertThat(r.code()).isEqualTo(PlacementResult.Rejected.UNSUPPORTED)));
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void aPlacementThatTimesOutIsUnknownAndIsResolvedByItsClientOrderIdWithExactlyOneOrder() {
        Map<String, String> book = new ConcurrentHashMap<>();
        fake.on("POST /fapi/v1/order", request -> {
            String id = request.params().get("newClientOrderId");
            book.put(id, resource("futures-order.json").replace("\"testOrder\"", "\"" + id + "\""));
            return Reply.ok(book.get(id)).after(Duration.ofMillis(1500));
        });
        fake.on("GET /fapi/v1/order", request -> {
            String body = book.get(request.params().get("origClientOrderId"));
            return body == null ? Reply.error(400, -2013, "Order does not exist.") : Reply.ok(body);
        });
        ClientOrderId id = new ClientOrderId("bw-timeout-1");

        assertThatThrownBy(() -> gateway.place(new OrderRequest(BTC_PERP, OrderSide.BUY, OrderType.LIMIT,
                OrderSize.quantity(BigDecimal.TEN), new BigDecimal("9000"), null, null, TimeInForce.GTC, id, false, null)))
                .isInstanceOf(VenueUnavailable.class);
        assertThat(fake.requests("POST /fapi/v1/order")).hasSize(1);

        Optional<Order> found = gateway.findByClientOrderId(BTC_PERP, id);

        assertThat(found).isPresent();
        assertThat(found.get().id()).isEqualTo(VenueGateway.orderIdOf(account.id(), id));
        assertThat(found.get().status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(book).hasSize(1);
        assertThat(fake.requests("POST /fapi/v1/order")).hasSize(1);
        assertThat(fake.last("GET /fapi/v1/order").params()).containsEntry("symbol", "BTCUSDT")
                .containsEntry("origClientOrderId", "bw-timeout-1");
    }

    @Test
    void aPlacementAnswered5xxIsUnknownAndNeverRetried() {
        fake.on("POST /fapi/v1/order", Reply.json(503, "{\"code\":-1008,\"msg\":\"Server is currently overloaded\"}"));

        assertThatThrownBy(() -> gateway.place(limitBtc("u-1"))).isInstanceOf(VenueUnavailable.class);
        assertThat(fake.requests("POST /fapi/v1/order")).hasSize(1);
    }

    @Test
    void aBackendTimeoutCodeIsAnUnknownOutcomeNotARejection() {
        fake.on("POST /fapi/v1/order", Reply.error(408, -1007,
                "Timeout waiting for response from backend server. Send status unknown; execution status unknown."));

        assertThatThrownBy(() -> gateway.place(limitBtc("u-2"))).isInstanceOf(VenueUnavailable.class);
        assertThat(fake.requests("POST /fapi/v1/order")).hasSize(1);
    }

    // --- cancelling and finding ---

    @Test
    void cancelsByOrigClientOrderId() {
        fake.on("DELETE /fapi/v1/order", request -> Reply.ok(resource("futures-order.json")
                .replace("\"testOrder\"", "\"bw-c-1\"").replace("\"NEW\"", "\"CANCELED\"")));

        CancelResult result = gateway.cancel(BTC_PERP, new ClientOrderId("bw-c-1"));

        assertThat(result).isInstanceOfSatisfying(CancelResult.Cancelled.class,
                c -> assertThat(c.order().status()).isEqualTo(OrderStatus.CANCELLED));
        BinanceFake.Request sent = fake.last("DELETE /fapi/v1/order");
        assertThat(sent.params()).containsEntry("symbol", "BTCUSDT").containsEntry("origClientOrderId", "bw-c-1")
                .containsKey("signature");
        assertThat(sent.body()).isEmpty();
    }

    @Test
    void cancellingAnOrderBinanceDoesNotKnowIsUnknownAndOneThatFilledIsAlreadyFinal() {
        fake.on("DELETE /fapi/v1/order", Reply.error(400, -2011, "Unknown order sent."));
        fake.on("GET /fapi/v1/order", request -> "bw-f-1".equals(request.params().get("origClientOrderId"))
                ? Reply.ok(resource("futures-market-filled.json").replace("\"testOrder\"", "\"bw-f-1\""))
                : Reply.error(400, -2013, "Order does not exist."));

        assertThat(gateway.cancel(BTC_PERP, new ClientOrderId("bw-none")))
                .isEqualTo(new CancelResult.UnknownOrder(new ClientOrderId("bw-none")));
        assertThat(gateway.cancel(BTC_PERP, new ClientOrderId("bw-f-1"))).isInstanceOf(CancelResult.AlreadyFinal.class);
    }

    @Test
    void aCancelAnswered5xxIsUnknownAndNeverRetried() {
        fake.on("DELETE /fapi/v1/order", Reply.json(502, "<html>bad gateway</html>"));

        assertThatThrownBy(() -> gateway.cancel(BTC_PERP, new ClientOrderId("bw-c-2"))).isInstanceOf(VenueUnavailable.class);
        assertThat(fake.requests("DELETE /fapi/v1/order")).hasSize(1);
    }

    @Test
    void findsNothingForAnUnknownClientOrderId() {
        fake.on("GET /fapi/v1/order", Reply.error(400, -2013, "Order does not exist."));

        assertThat(gateway.findByClientOrderId(BTC_PERP, new ClientOrderId("nope"))).isEmpty();
        assertThat(gateway.findByClientOrderId(Instrument.spot("BTC", "USDT"), new ClientOrderId("nope"))).isEmpty();
        assertThat(fake.requests("GET /fapi/v1/order")).hasSize(1);
    }

    @Test
    void openOrdersOfAllSymbolsAreMappedThroughThePerpetualsList() {
        fake.on("GET /fapi/v1/openOrders", Reply.ok("[" + resource("futures-order.json") + "]"));

        List<Order> orders = gateway.openOrders(null);

        assertThat(orders).singleElement().satisfies(order -> {
            assertThat(order.instrument()).isEqualTo(BTC_PERP);
            assertThat(order.clientOrderId()).isEqualTo(new ClientOrderId("testOrder"));
        });
        assertThat(fake.last("GET /fapi/v1/openOrders").params()).doesNotContainKey("symbol");
    }

    @Test
    void anOrderOfATypeThisAdapterDoesNotKnowIsUnreadableNotGuessed() {
        fake.on("GET /fapi/v1/order", Reply.ok(resource("futures-order-query.json")));

        assertThatThrownBy(() -> gateway.findByClientOrderId(BTC_PERP, new ClientOrderId("abc")))
                .isInstanceOf(VenueUnavailable.class);
    }

    // --- fills, rules, prices ---

    @Test
    void fillsAreTheDocumentedTradesUnderTheirOrdersClientIdAndARebateIsNoFee() {
        fake.on("GET /fapi/v1/userTrades", Reply.ok(resource("futures-user-trades.json")));
        fake.on("GET /fapi/v1/order", Reply.ok(resource("futures-market-filled.json").replace("\"testOrder\"", "\"bw-t-1\"")));
        clock.set(Instant.ofEpochMilli(1569514978020L).plus(Duration.ofHours(1)));

        List<Fill> fills = gateway.fills(BTC_PERP, Instant.ofEpochMilli(1569514978020L).minus(Duration.ofDays(1)));

        assertThat(fills).hasSize(2);
        Fill sell = fills.getFirst();
        assertThat(sell.tradeId()).isEqualTo("698759");
        assertThat(sell.side()).isEqualTo(OrderSide.SELL);
        assertThat(sell.price()).isEqualByComparingTo("7819.01");
        assertThat(sell.quantity()).isEqualByComparingTo("0.002");
        assertThat(sell.fee().isZero()).isTrue();
        assertThat(sell.orderId()).isEqualTo(VenueGateway.orderIdOf(account.id(), new ClientOrderId("bw-t-1")));
        assertThat(fills.get(1).fee().amount()).isEqualByComparingTo("0.0062552");
        assertThat(fake.requests("GET /fapi/v1/order")).hasSize(1);
        assertThat(fake.last("GET /fapi/v1/order").params()).containsEntry("orderId", "25851813");
    }

    @Test
    void rulesComeFromThePerpetualsFiltersAndAreCached() {
        TradingRules rules = gateway.rules(BTC_PERP);

        assertThat(rules.tickSize()).isEqualByComparingTo("0.1");
        assertThat(rules.lotStep()).isEqualByComparingTo("0.001");
        assertThat(rules.minQuantity()).isEqualByComparingTo("0.001");
        assertThat(rules.minNotional()).isEqualByComparingTo("100");
        gateway.rules(BTC_PERP);
        assertThat(fake.requests("GET /fapi/v1/exchangeInfo")).hasSize(1);
        assertThatThrownBy(() -> gateway.rules(new Instrument(Asset.of("DOGE"), Asset.of("USDT"), Market.USDM_FUTURES)))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> gateway.rules(Instrument.spot("BTC", "USDT"))).isInstanceOf(NotFound.class);
    }

    @Test
    void priceIsTheFuturesTicker() {
        fake.on("GET /fapi/v1/ticker/price", Reply.ok("{\"symbol\":\"BTCUSDT\",\"price\":\"6000.01\",\"time\":1589437530011}"));

        assertThat(gateway.price(BTC_PERP)).contains(new BigDecimal("6000.01"));
        assertThat(fake.last("GET /fapi/v1/ticker/price").params()).containsEntry("symbol", "BTCUSDT");
    }

    // --- resilience ---

    @Test
    void a429HonoursRetryAfterAndNoRequestIsSentBeforeIt() {
        fake.on("GET /fapi/v2/balance", Reply.json(429, "{\"code\":-1003,\"msg\":\"Too many requests\"}")
                .header("Retry-After", "7"));

        assertThatThrownBy(gateway::balances).isInstanceOfSatisfying(RateLimited.class,
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
        assertThatThrownBy(gateway::balances).isInstanceOf(RateLimited.class);
        assertThat(fake.requests("GET /fapi/v2/balance")).hasSize(1);

        clock.advance(Duration.ofSeconds(7));
        fake.on("GET /fapi/v2/balance", Reply.ok(resource("futures-balance.json")));
        assertThat(gateway.balances()).hasSize(1);
    }

    @Test
    void aReadAnswered5xxIsRetriedThenVenueUnavailable() {
        fake.on("GET /fapi/v2/positionRisk", Reply.json(500, "{}"));

        assertThatThrownBy(gateway::positions).isInstanceOf(VenueUnavailable.class);
        assertThat(fake.requests("GET /fapi/v2/positionRisk")).hasSize(2);
    }

    @Test
    void malformedAndTruncatedAnswersAreVenueUnavailable() {
        fake.on("GET /fapi/v2/balance", Reply.ok("[{\"asset\":\"USDT\",\"balance\":"));
        fake.on("GET /fapi/v2/positionRisk", Reply.ok("{\"positions\":[]}"));

        assertThatThrownBy(gateway::balances).isInstanceOf(VenueUnavailable.class);
        assertThatThrownBy(gateway::positions).isInstanceOf(VenueUnavailable.class);
    }

    @Test
    void theCircuitOpensAfterRepeatedFailuresAndClosesAgain() throws InterruptedException {
        provider = new BinanceFuturesVenueProvider(BinanceTesting.settings(3, Duration.ofMillis(300)));
        BinanceFuturesGateway fragile = connect(DOC_API_KEY, DOC_SECRET);
        fake.on("GET /fapi/v2/balance", Reply.json(500, "{}"));

        assertThatThrownBy(fragile::balances).isInstanceOf(VenueUnavailable.class);
        assertThatThrownBy(fragile::balances).isInstanceOf(VenueUnavailable.class);
        assertThat(fragile.breakerState()).isEqualTo(VenueResilience.BreakerState.OPEN);
        Circuits.assertOne(provider, VenueCircuit.State.OPEN);
        int sent = fake.requests().size();
        assertThatThrownBy(fragile::balances).isInstanceOf(VenueUnavailable.class).hasMessageContaining("circuit open");
        assertThat(fake.requests()).hasSize(sent);

        fake.on("GET /fapi/v2/balance", Reply.ok(resource("futures-balance.json")));
        // the breaker's pause runs on Failsafe's own clock: poll (bounded) until it lets the call through
        assertThat(Eventually.afterTheBreakerPause(fragile::balances)).hasSize(1);
        assertThat(fragile.breakerState()).isEqualTo(VenueResilience.BreakerState.CLOSED);
        Circuits.assertOne(provider, VenueCircuit.State.CLOSED);
    }

    // --- provider, lifecycle, secrets ---

    @Test
    void theProviderDescribesFuturesHonestlyAndConnectsFuturesAccountsOnly() {
        assertThat(provider.describe().id().value()).isEqualTo("binance-futures");
        assertThat(provider.describe().markets()).containsExactly(Market.USDM_FUTURES);
        assertThat(gateway.capabilities()).contains(VenueCapability.FUTURES, VenueCapability.POSITIONS,
                VenueCapability.BALANCES, VenueCapability.FILLS, VenueCapability.PRICES)
                .doesNotContain(VenueCapability.QUOTE_AMOUNT, VenueCapability.PERMISSIONS, VenueCapability.TRAILING_STOP);
        assertThatThrownBy(() -> provider.connect(BinanceTesting.connection(BinanceTesting.account(), fake.baseUrl(),
                DOC_API_KEY, DOC_SECRET, clock))).isInstanceOf(Invalid.class);
        assertThat(new BinanceFuturesVenueProvider().toString()).isEqualTo("BinanceFuturesVenueProvider");
    }

    @Test
    void secretsAppearInNoStringAndNoMessage() {
        fake.on("GET /fapi/v2/balance", Reply.json(500, "{}"));
        fake.on("POST /fapi/v1/order", Reply.error(400, -2019, "Margin is insufficient."));

        assertThat(gateway.toString()).doesNotContain(DOC_API_KEY).doesNotContain(DOC_SECRET);
        assertThat(provider.toString()).doesNotContain(DOC_API_KEY);
        assertThatThrownBy(gateway::balances).satisfies(e -> assertThat(e.getMessage())
                .doesNotContain(DOC_API_KEY).doesNotContain(DOC_SECRET).doesNotContain("signature"));
        assertThat(gateway.place(limitBtc("s-1")).toString()).doesNotContain(DOC_API_KEY).doesNotContain(DOC_SECRET);
    }

    @Test
    void aClosedGatewayRefusesCalls() {
        gateway.close();

        assertThatThrownBy(gateway::positions).isInstanceOf(IllegalStateException.class);
        assertThat(gateway.capabilities()).contains(VenueCapability.FUTURES);
    }

    @Test
    void serviceLoaderFindsBothBinanceVenues() {
        List<String> ids = java.util.ServiceLoader.load(dev.bulwark.ports.driven.venues.VenueProvider.class).stream()
                .map(p -> p.get().describe().id().value()).toList();

        assertThat(ids).contains("binance", "binance-futures");
    }
}
