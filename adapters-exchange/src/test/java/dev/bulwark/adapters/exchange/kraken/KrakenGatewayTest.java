package dev.bulwark.adapters.exchange.kraken;

import dev.bulwark.adapters.exchange.testing.Circuits;
import dev.bulwark.domain.venues.VenueCircuit;
import dev.bulwark.adapters.exchange.testing.Eventually;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.adapters.exchange.kraken.KrakenFake.Reply;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KrakenGatewayTest {
    static final String KEY = "KRAKEN-test-api-key-0123456789abcdef";
    static final String SECRET = KrakenSignerTest.DOC_SECRET;
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    static final Instrument BTC_USD = Instrument.spot("BTC", "USD");
    static final Instrument ETH_USD = Instrument.spot("ETH", "USD");
    static final ClientOrderId CID = new ClientOrderId("6d1b345e-2821-40e2-ad83-4ecb18a06876");
    static final VenueResilience.Settings FAST = new VenueResilience.Settings(Duration.ofSeconds(3), 2,
            Duration.ofMillis(10), 3, Duration.ofMillis(400), Duration.ofMillis(100));

    KrakenFake fake;
    MutableClock clock;
    VenueAccount account;
    KrakenVenueProvider provider;
    VenueGateway gateway;

    @BeforeEach
    void connect() {
        fake = KrakenFake.start(KEY, SECRET);
        clock = new MutableClock(T0);
        account = account();
        provider = new KrakenVenueProvider(FAST, Duration.ofMillis(800), List.of());
        gateway = connect(KEY, SECRET);
    }

    @AfterEach
    void close() {
        gateway.close();
        fake.close();
    }

    VenueAccount account() {
        return new VenueAccount(new VenueAccountId(UUID.randomUUID()), new WorkspaceId(UUID.randomUUID()),
                new VenueId("kraken"), "Kraken", Environment.LIVE, null, Set.of(Permission.READ), true,
                VenueAccount.hintOf(KEY), new SealedSecret("sealed"), SyncState.never(), T0, T0);
    }

    VenueGateway connect(String key, String secret) {
        return provider.connect(new VenueConnection(account, VenueEnvironment.LIVE, fake.baseUrl(),
                VenueCredentials.of(key, secret), clock));
    }

    static OrderRequest limitBuy(ClientOrderId cid) {
        return OrderRequest.limit(BTC_USD, OrderSide.BUY, new BigDecimal("1.25"), new BigDecimal("27500"), TimeInForce.GTC, cid);
    }

    // --- signing and requests ---

    @Test
    void privateCallsAreSignedPostsWithTheKeyAndAnIncreasingNonce() throws Exception {
        gateway.balances();
        gateway.balances();
        List<KrakenFake.Request> calls = fake.requests("/0/private/BalanceEx");
        assertThat(calls).hasSize(2);
        for (KrakenFake.Request call : calls) {
            assertThat(call.method()).isEqualTo("POST");
            assertThat(call.headers().get("api-key")).isEqualTo(KEY);
            assertThat(call.headers().get("content-type")).startsWith("application/x-www-form-urlencoded");
            assertThat(call.headers().get("user-agent")).isNotBlank();
            assertThat(call.body()).startsWith("nonce=");
            // recomputed here from the documented algorithm (the fake checks it too)
            assertThat(call.headers().get("api-sign")).isEqualTo(KrakenFake.sign(
                    java.util.Base64.getDecoder().decode(SECRET), "/0/private/BalanceEx", call.form().get("nonce"), call.body()));
        }
        assertThat(Long.parseLong(calls.get(1).form().get("nonce"))).isGreaterThan(Long.parseLong(calls.get(0).form().get("nonce")));
    }

    @Test
    void aWrongSecretIsRefusedByTheVenueAndReportedAsAnInvalidKey() {
        VenueGateway wrong = connect(KEY, "c2VjcmV0LXRoYXQtaXMtbm90LWtyYWtlbnM=");
        assertThat(wrong.checkCredentials().valid()).isFalse();
        assertThat(wrong.checkCredentials().problem()).contains("EAPI:Invalid signature").doesNotContain(KEY);
        assertThatThrownBy(wrong::balances).isInstanceOf(dev.bulwark.ports.errors.Unauthorized.class)
                .message().contains("refused the API key").doesNotContain(KEY).doesNotContain(SECRET);
    }

    @Test
    void aWrongKeyIsAnAnswerOfCheckCredentials() {
        CredentialCheck check = connect("someone-elses-key", SECRET).checkCredentials();
        assertThat(check.valid()).isFalse();
        assertThat(check.problem()).contains("EAPI:Invalid key").doesNotContain("someone-elses-key");
    }

    @Test
    void aValidKeyProvesItCanRead() {
        CredentialCheck check = gateway.checkCredentials();
        assertThat(check.valid()).isTrue();
        assertThat(check.permissions()).containsExactly(Permission.READ);
    }

    @Test
    void aKeyWithoutFundsPermissionIsRefused() {
        fake.on("/0/private/BalanceEx", Reply.errors("EGeneral:Permission denied"));
        assertThat(gateway.checkCredentials().valid()).isFalse();
    }

    @Test
    void aRequestRefusedForItsNonceIsSignedAgainWithAHigherOne() {
        AtomicInteger calls = new AtomicInteger();
        fake.on("/0/private/BalanceEx", request -> calls.incrementAndGet() == 1 ? Reply.errors("EAPI:Invalid nonce") : null);
        assertThat(gateway.balances()).isNotEmpty();
        List<KrakenFake.Request> sent = fake.requests("/0/private/BalanceEx");
        assertThat(sent).hasSize(2);
        assertThat(Long.parseLong(sent.get(1).form().get("nonce"))).isGreaterThan(Long.parseLong(sent.get(0).form().get("nonce")));
    }

    @Test
    void concurrentCallsOfOneGatewayNeverRepeatANonce() throws Exception {
        fake.allowAnyNonceOrder();
        List<Future<List<Holding>>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 24; i++) {
                futures.add(pool.submit(() -> gateway.balances()));
            }
            for (Future<List<Holding>> future : futures) {
                assertThat(future.get()).isNotEmpty();
            }
        }
        Set<String> nonces = new HashSet<>();
        fake.requests("/0/private/BalanceEx").forEach(r -> nonces.add(r.form().get("nonce")));
        assertThat(nonces).hasSize(24);
    }

    // --- balances ---

    @Test
    void balancesMapKrakensAssetCodesAndHoldsAndSkipEarnAndEmptyOnes() {
        AccountKind spot = AccountKind.SPOT;
        VenueId kraken = new VenueId("kraken");
        assertThat(gateway.balances()).containsExactlyInAnyOrder(
                new Holding(account.id(), kraken, spot, Asset.USD, new BigDecimal("17185.45"), new BigDecimal("8249.76")),
                new Holding(account.id(), kraken, spot, Asset.BTC, new BigDecimal("0.4012"), new BigDecimal("0.8423")));
        assertThat(gateway.positions()).isEmpty();
    }

    // --- placing ---

    @Test
    void aLimitOrderIsSentWithKrakensParametersAndTheClientOrderIdAsClOrdId() {
        fake.on("/0/private/AddOrder", Reply.ok(KrakenFake.resource("add-order.json")));
        PlacementResult result = gateway.place(limitBuy(CID));
        KrakenFake.Request sent = fake.last("/0/private/AddOrder");
        assertThat(sent.form()).containsEntry("ordertype", "limit").containsEntry("type", "buy")
                .containsEntry("volume", "1.25").containsEntry("pair", "XBTUSD").containsEntry("price", "27500")
                .containsEntry("cl_ord_id", CID.value()).doesNotContainKey("timeinforce").doesNotContainKey("price2");
        assertThat(sent.body()).startsWith("nonce=");
        assertThat(result).isInstanceOf(PlacementResult.Placed.class);
        Order order = ((PlacementResult.Placed) result).order();
        assertThat(order.status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(order.id()).isEqualTo(VenueGateway.orderIdOf(account.id(), CID));
        assertThat(order.clientOrderId()).isEqualTo(CID);
    }

    @Test
    void conditionalOrdersSendTheTriggerAsPriceAndTheLimitAsPrice2() {
        OrderRequest stopLimit = new OrderRequest(BTC_USD, OrderSide.SELL, OrderType.STOP_LIMIT,
                OrderSize.quantity(new BigDecimal("0.5")), new BigDecimal("29000"), new BigDecimal("29500"), null,
                TimeInForce.IOC, new ClientOrderId("stop-1"), false, null);
        assertThat(gateway.place(stopLimit)).isInstanceOf(PlacementResult.Placed.class);
        assertThat(fake.last("/0/private/AddOrder").form()).containsEntry("ordertype", "stop-loss-limit")
                .containsEntry("type", "sell").containsEntry("price", "29500").containsEntry("price2", "29000")
                .containsEntry("timeinforce", "IOC").containsEntry("cl_ord_id", "stop-1");
        OrderRequest market = OrderRequest.market(ETH_USD, OrderSide.BUY, OrderSize.quantity(new BigDecimal("2")),
                new ClientOrderId("mkt-1"));
        gateway.place(market);
        assertThat(fake.last("/0/private/AddOrder").form()).containsEntry("ordertype", "market")
                .containsEntry("pair", "ETHUSD").doesNotContainKey("price").doesNotContainKey("timeinforce");
    }

    @Test
    void whatKrakenCannotTakeIsRejectedAsUnsupportedWithoutSendingAnything() {
        OrderRequest fok = OrderRequest.limit(BTC_USD, OrderSide.BUY, BigDecimal.ONE, BigDecimal.TEN, TimeInForce.FOK, CID);
        OrderRequest quote = OrderRequest.market(BTC_USD, OrderSide.BUY, OrderSize.quoteAmount(new BigDecimal("100")), CID);
        OrderRequest longId = limitBuy(new ClientOrderId("bulwark-signal-0190-abcdef-long-id"));
        for (OrderRequest request : List.of(fok, quote, longId)) {
            assertThat(gateway.place(request)).isInstanceOfSatisfying(PlacementResult.Rejected.class,
                    rejected -> assertThat(rejected.code()).isEqualTo(PlacementResult.Rejected.UNSUPPORTED));
        }
        assertThat(fake.requests("/0/private/AddOrder")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "EOrder:Insufficient funds,insufficient-funds",
            "EOrder:Order minimum not met,outside-trading-rules",
            "EOrder:Cost minimum not met,outside-trading-rules",
            "EGeneral:Invalid arguments:volume,outside-trading-rules",
            "EGeneral:Invalid arguments,venue:EGeneral:Invalid-arguments",
            "EQuery:Unknown asset pair,unknown-instrument",
            "EGeneral:Permission denied,not-permitted",
            "EService:Market in cancel_only mode,market-closed",
            "EService:Market in post_only mode,market-closed",
            "EOrder:Duplicate cl_ord_id,duplicate-client-order-id",
            "EOrder:Cannot open position,venue:EOrder:Cannot-open-position"})
    void krakensRefusalsBecomeRejectionCodes(String error, String code) {
        fake.on("/0/private/AddOrder", Reply.errors(error));
        assertThat(gateway.place(limitBuy(CID))).isEqualTo(new PlacementResult.Rejected(code, error));
    }

    @Test
    void aSecondPlacementWithTheSameOpenClientIdIsADuplicate() {
        assertThat(gateway.place(limitBuy(CID))).isInstanceOf(PlacementResult.Placed.class);
        assertThat(gateway.place(limitBuy(CID))).isInstanceOfSatisfying(PlacementResult.Rejected.class,
                r -> assertThat(r.code()).isEqualTo(PlacementResult.Rejected.DUPLICATE_CLIENT_ORDER_ID));
        assertThat(fake.orderCount()).isEqualTo(1);
    }

    @Test
    void aRefusedKeyThrottlingOrAnOutageOnPlacementAreFailuresNotRejections() {
        fake.on("/0/private/AddOrder", Reply.errors("EAPI:Rate limit exceeded"));
        assertThatThrownBy(() -> gateway.place(limitBuy(CID))).isInstanceOf(RateLimited.class);
        fake.on("/0/private/AddOrder", Reply.errors("EService:Unavailable"));
        assertThatThrownBy(() -> gateway.place(limitBuy(CID))).isInstanceOf(VenueUnavailable.class);
        fake.on("/0/private/AddOrder", Reply.errors("EAPI:Invalid key"));
        assertThatThrownBy(() -> gateway.place(limitBuy(CID))).isInstanceOf(dev.bulwark.ports.errors.Unauthorized.class);
        assertThat(fake.orderCount()).isZero();
    }

    @Test
    void aPlacementThatTimesOutIsNotRetriedAndIsResolvedByItsClientOrderId() {
        fake.on("/0/private/AddOrder", request -> fake.addOrder(request).after(Duration.ofMillis(1_500)));
        assertThatThrownBy(() -> gateway.place(limitBuy(CID))).isInstanceOf(VenueUnavailable.class);
        assertThat(fake.requests("/0/private/AddOrder")).hasSize(1);
        Optional<Order> found = gateway.findByClientOrderId(BTC_USD, CID);
        assertThat(found).isPresent();
        assertThat(found.get().status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(found.get().id()).isEqualTo(VenueGateway.orderIdOf(account.id(), CID));
        assertThat(fake.last("/0/private/OpenOrders").form()).containsEntry("cl_ord_id", CID.value());
        assertThat(fake.orderCount()).isEqualTo(1);
    }

    @Test
    void aPlacementAnsweredWith5xxIsSentOnceAndItsOutcomeIsUnknown() {
        fake.on("/0/private/AddOrder", Reply.of(502, "<html>bad gateway</html>"));
        assertThatThrownBy(() -> gateway.place(limitBuy(CID))).isInstanceOf(VenueUnavailable.class);
        assertThat(fake.requests("/0/private/AddOrder")).hasSize(1);
    }

    // --- finding and cancelling ---

    @Test
    void cancellingReportsTheCancelledOrderThenAlreadyFinalThenUnknown() {
        gateway.place(limitBuy(CID));
        CancelResult first = gateway.cancel(BTC_USD, CID);
        assertThat(first).isInstanceOfSatisfying(CancelResult.Cancelled.class,
                c -> assertThat(c.order().id()).isEqualTo(VenueGateway.orderIdOf(account.id(), CID)));
        assertThat(fake.last("/0/private/CancelOrder").form()).containsEntry("cl_ord_id", CID.value());
        assertThat(gateway.cancel(BTC_USD, CID)).isInstanceOf(CancelResult.AlreadyFinal.class);
        assertThat(gateway.cancel(BTC_USD, new ClientOrderId("never-placed"))).isEqualTo(
                new CancelResult.UnknownOrder(new ClientOrderId("never-placed")));
        assertThat(gateway.findByClientOrderId(BTC_USD, CID)).get().extracting(Order::status).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void aCancelThatTimesOutIsSentOnceAndLeftToBeReadBack() {
        gateway.place(limitBuy(CID));
        fake.on("/0/private/CancelOrder", Reply.ok("{\"error\":[],\"result\":{\"count\":1}}").after(Duration.ofMillis(1_500)));
        assertThatThrownBy(() -> gateway.cancel(BTC_USD, CID)).isInstanceOf(VenueUnavailable.class);
        assertThat(fake.requests("/0/private/CancelOrder")).hasSize(1);
    }

    @Test
    void aPaperAccountCannotReachKraken() {
        VenueAccount paper = new VenueAccount(account.id(), account.workspace(), new VenueId("kraken"), "K",
                Environment.PAPER, null, Set.of(Permission.READ), true, null, null, SyncState.never(), T0, T0);
        assertThatThrownBy(() -> provider.connect(new VenueConnection(paper, VenueEnvironment.TESTNET, fake.baseUrl(),
                VenueCredentials.of(KEY, SECRET), clock))).isInstanceOf(Invalid.class);
    }

    @Test
    void aCancelKrakenRefusesIsARefusal() {
        gateway.place(limitBuy(CID));
        fake.on("/0/private/CancelOrder", Reply.errors("EService:Market in post_only mode"));
        assertThat(gateway.cancel(BTC_USD, CID)).isInstanceOf(CancelResult.Refused.class);
    }

    @Test
    void openOrdersAreMappedFromKrakensDocumentedAnswer() {
        fake.on("/0/private/OpenOrders", Reply.ok(KrakenFake.resource("open-orders.json")));
        List<Order> orders = gateway.openOrders(null);
        // the trailing stop is not an order type Bulwark models: left out, not misreported
        assertThat(orders).hasSize(2);
        Order partial = orders.stream().filter(o -> o.clientOrderId().equals(CID)).findFirst().orElseThrow();
        assertThat(partial.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(partial.instrument()).isEqualTo(BTC_USD);
        assertThat(partial.side()).isEqualTo(OrderSide.BUY);
        assertThat(partial.limitPrice()).isEqualByComparingTo("30010");
        assertThat(partial.filledQuantity()).isEqualByComparingTo("0.375");
        assertThat(partial.averageFillPrice()).isEqualByComparingTo("30010");
        assertThat(partial.createdAt()).isEqualTo(Instant.ofEpochSecond(1688666559, 897_400_000));
        Order outside = orders.stream().filter(o -> !o.clientOrderId().equals(CID)).findFirst().orElseThrow();
        assertThat(outside.clientOrderId().value()).isEqualTo("kraken-OB5VMB-B4U2U-DK2WRW");
        assertThat(outside.status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(gateway.openOrders(ETH_USD)).isEmpty();
        assertThat(gateway.openOrders(BTC_USD)).hasSize(2);
    }

    // --- fills ---

    @Test
    void fillsComeFromTradesHistoryOldestFirstUnderTheOrdersClientId() {
        fake.on("/0/private/QueryOrders", request -> Reply.ok("{\"error\":[],\"result\":{\"OQCLML-BW3P3-BUCMWZ\":"
                + KrakenFake.parse(KrakenFake.resource("open-orders.json")).path("result").path("open")
                        .path("OQCLML-BW3P3-BUCMWZ") + "}}"));
        List<Fill> fills = gateway.fills(BTC_USD, Instant.ofEpochSecond(1688667000));
        assertThat(fills).extracting(Fill::tradeId).containsExactly("TCWJEG-FL4SZ-3FKGH6", "THVRQM-33VKH-UCI7BS");
        assertThat(fills).allSatisfy(fill -> {
            assertThat(fill.orderId()).isEqualTo(VenueGateway.orderIdOf(account.id(), CID));
            assertThat(fill.side()).isEqualTo(OrderSide.BUY);
            assertThat(fill.price()).isEqualByComparingTo("30010");
            assertThat(fill.fee()).isEqualTo(new Money(BigDecimal.ZERO, Asset.USD));
        });
        assertThat(fake.last("/0/private/TradesHistory").form()).containsEntry("start", "1688666999").containsEntry("ofs", "0");
        assertThat(fake.last("/0/private/QueryOrders").form()).containsEntry("txid", "OQCLML-BW3P3-BUCMWZ");

        List<Fill> eth = gateway.fills(ETH_USD, Instant.ofEpochSecond(1688667000));
        assertThat(eth).singleElement().satisfies(fill -> {
            assertThat(fill.fee()).isEqualTo(new Money(new BigDecimal("4.94"), Asset.USD));
            assertThat(fill.orderId()).isEqualTo(VenueGateway.orderIdOf(account.id(), new ClientOrderId("kraken-OETHXX-AAAAA-BBBBBB")));
        });
        assertThat(gateway.fills(BTC_USD, Instant.ofEpochSecond(1688667780))).extracting(Fill::tradeId)
                .containsExactly("THVRQM-33VKH-UCI7BS");
    }

    // --- rules and prices ---

    @Test
    void rulesComeFromAssetPairsCachedForAnHour() {
        assertThat(gateway.rules(BTC_USD)).isEqualTo(new TradingRules(new BigDecimal("0.1"), new BigDecimal("0.00000001"),
                new BigDecimal("0.0001"), null, new BigDecimal("0.5")));
        assertThat(gateway.rules(ETH_USD).tickSize()).isEqualByComparingTo("0.01");
        assertThatThrownBy(() -> gateway.rules(Instrument.spot("FOO", "USD"))).isInstanceOf(NotFound.class);
        assertThat(fake.requests("/0/public/AssetPairs")).hasSize(1);
        clock.advance(Duration.ofMinutes(61));
        gateway.rules(BTC_USD);
        assertThat(fake.requests("/0/public/AssetPairs")).hasSize(2);
    }

    @Test
    void theLastPriceIsTheTickersLastTradeCachedForSeconds() {
        assertThat(gateway.price(BTC_USD)).contains(new BigDecimal("30303.20000"));
        assertThat(gateway.price(BTC_USD)).isPresent();
        assertThat(fake.requests("/0/public/Ticker")).hasSize(1);
        assertThat(fake.last("/0/public/Ticker").query()).containsEntry("pair", "XBTUSD");
        assertThat(gateway.price(Instrument.spot("FOO", "USD"))).isEmpty();
        clock.advance(Duration.ofSeconds(6));
        gateway.price(BTC_USD);
        assertThat(fake.requests("/0/public/Ticker")).hasSize(3);
    }

    // --- failures and resilience ---

    @Test
    void fiveHundredsAreRetriedForReadsThenUnavailable() {
        fake.on("/0/private/BalanceEx", Reply.of(503, "<html>down</html>"));
        assertThatThrownBy(gateway::balances).isInstanceOf(VenueUnavailable.class);
        assertThat(fake.requests("/0/private/BalanceEx")).hasSize(3);
    }

    @Test
    void krakenDownInsideA200IsRetriedForReads() {
        AtomicInteger calls = new AtomicInteger();
        fake.on("/0/private/BalanceEx", request -> calls.incrementAndGet() == 1 ? Reply.errors("EService:Unavailable") : null);
        assertThat(gateway.balances()).isNotEmpty();
        assertThat(calls).hasValue(2);
    }

    @ParameterizedTest
    @CsvSource({"429", "418"})
    void throttlingIsRateLimitedWithTheVenuesRetryAfter(int status) {
        fake.on("/0/private/BalanceEx", Reply.of(status, "{}").header("Retry-After", "7"));
        assertThatThrownBy(gateway::balances).isInstanceOfSatisfying(RateLimited.class,
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
        assertThat(fake.requests("/0/private/BalanceEx")).hasSize(1);
    }

    @Test
    void malformedTruncatedOrHtmlBodiesAreUnavailable() {
        for (Reply reply : List.of(Reply.ok("{\"error\":[],\"result\":{\"ZUSD\":"), Reply.ok("<html>maintenance</html>"),
                Reply.ok(KrakenFake.resource("balance-ex.json")).cutAfter(30), Reply.ok("{\"result\":{}}"),
                Reply.ok("{\"error\":[],\"result\":{\"ZUSD\":{\"balance\":\"lots\"}}}"))) {
            fake.on("/0/private/BalanceEx", reply);
            assertThatThrownBy(gateway::balances).isInstanceOf(VenueUnavailable.class);
        }
    }

    @Test
    void aTimeoutOnAReadIsUnavailable() {
        fake.on("/0/private/BalanceEx", Reply.ok(KrakenFake.resource("balance-ex.json")).after(Duration.ofMillis(1_200)));
        assertThatThrownBy(gateway::balances).isInstanceOf(VenueUnavailable.class);
    }

    @Test
    void theBreakerOpensAfterRepeatedFailuresAndClosesAfterAPause() throws Exception {
        KrakenGateway kraken = (KrakenGateway) gateway;
        fake.on("/0/private/BalanceEx", Reply.of(500, "oops"));
        assertThatThrownBy(gateway::balances).isInstanceOf(VenueUnavailable.class);
        assertThat(kraken.breaker()).isEqualTo(VenueResilience.BreakerState.OPEN);
        Circuits.assertOne(provider, VenueCircuit.State.OPEN);
        int sent = fake.requests("/0/private/BalanceEx").size();
        assertThatThrownBy(gateway::balances).isInstanceOf(VenueUnavailable.class).hasMessageContaining("circuit open");
        assertThat(fake.requests("/0/private/BalanceEx")).hasSize(sent);
        fake.off("/0/private/BalanceEx");
        assertThat(Eventually.afterTheBreakerPause(gateway::balances)).isNotEmpty();
        assertThat(kraken.breaker()).isEqualTo(VenueResilience.BreakerState.CLOSED);
        Circuits.assertOne(provider, VenueCircuit.State.CLOSED);
    }

    // --- secrets, lifecycle, connection ---

    @Test
    void secretsAppearInNoStringOrMessage() {
        fake.on("/0/private/BalanceEx", Reply.errors("EAPI:Invalid signature"));
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(gateway::balances);
        for (String text : List.of(gateway.toString(), provider.toString(), String.valueOf(failure.getMessage()),
                String.valueOf(gateway.checkCredentials().problem()))) {
            assertThat(text).doesNotContain(SECRET).doesNotContain(KEY);
        }
        assertThatThrownBy(() -> connect(KEY, "not*base64*" + "topsecret"))
                .isInstanceOf(Invalid.class).message().doesNotContain("topsecret");
    }

    @Test
    void connectRefusesOtherVenuesAndMissingCredentials() {
        assertThatThrownBy(() -> provider.connect(new VenueConnection(account, VenueEnvironment.LIVE, fake.baseUrl(), null, clock)))
                .isInstanceOf(Invalid.class);
        VenueAccount binance = new VenueAccount(account.id(), account.workspace(), new VenueId("binance"), "B",
                Environment.LIVE, null, Set.of(Permission.READ), true, null, null, SyncState.never(), T0, T0);
        assertThatThrownBy(() -> provider.connect(new VenueConnection(binance, VenueEnvironment.LIVE, fake.baseUrl(),
                VenueCredentials.of(KEY, SECRET), clock))).isInstanceOf(Invalid.class);
        assertThat(provider.describe().id()).isEqualTo(new VenueId("kraken"));
        assertThat(gateway.capabilities()).isEqualTo(provider.describe().capabilities());
    }

    @Test
    void aClosedGatewayRefusesCalls() {
        gateway.close();
        gateway.close();
        assertThatThrownBy(gateway::balances).isInstanceOf(IllegalStateException.class);
        assertThat(gateway.capabilities()).isNotEmpty();
    }
}
