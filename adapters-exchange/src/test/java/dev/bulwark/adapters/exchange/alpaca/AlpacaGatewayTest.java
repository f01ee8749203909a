package dev.bulwark.adapters.exchange.alpaca;

import dev.bulwark.adapters.exchange.testing.Circuits;
import dev.bulwark.domain.venues.VenueCircuit;
import dev.bulwark.adapters.exchange.testing.Eventually;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.adapters.exchange.alpaca.AlpacaFake.Reply;
import dev.bulwark.ports.driven.venues.VenueCapability;
import dev.bulwark.ports.driven.venues.OcoResult;
import dev.bulwark.ports.driven.venues.OcoRequest;
import dev.bulwark.ports.driven.venues.OcoLegs;
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
import dev.bulwark.domain.orders.TrailingOffset;
import dev.bulwark.domain.portfolio.Holding;
import dev.bulwark.domain.positions.Position;
import dev.bulwark.domain.venues.Environment;
import dev.bulwark.domain.venues.Permission;
import dev.bulwark.domain.venues.SyncState;
import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.system.TimeSource;
import dev.bulwark.ports.driven.venues.CancelResult;
import dev.bulwark.ports.driven.venues.CredentialCheck;
import dev.bulwark.ports.driven.venues.OrderRequest;
import dev.bulwark.ports.driven.venues.PlacementResult;
import dev.bulwark.ports.driven.venues.PlacementResult.Rejected;
import dev.bulwark.ports.driven.venues.VenueConnection;
import dev.bulwark.ports.driven.venues.VenueCredentials;
import dev.bulwark.ports.driven.venues.VenueEnvironment;
import dev.bulwark.ports.driven.venues.VenueGateway;
import dev.bulwark.ports.errors.BulwarkException;
import dev.bulwark.ports.errors.Invalid;
import dev.bulwark.ports.errors.NotFound;
import dev.bulwark.ports.errors.RateLimited;
import dev.bulwark.ports.errors.Unauthorized;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Alpaca gateway against a fake Alpaca on loopback serving Alpaca's documented bodies. */
class AlpacaGatewayTest {
    static final Instant T0 = Instant.parse("2026-11-20T15:30:00Z");
    static final TimeSource CLOCK = () -> T0;
    static final VenueAccountId ACCOUNT = new VenueAccountId(new UUID(0, 42));
    static final Instrument AAPL = new Instrument(Asset.of("AAPL"), Asset.USD, Market.STOCK);
    static final VenueResilience.Settings FAST = new VenueResilience.Settings(Duration.ofMillis(800), 2,
            Duration.ofMillis(10), 5, Duration.ofMillis(300), Duration.ofSeconds(1));

    AlpacaFake trading;
    AlpacaFake data;
    VenueGateway gateway;
    final List<BulwarkException> thrown = new ArrayList<>();
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level rootLevel;

    @BeforeEach
    void start() {
        // everything logged while a test runs, down to TRACE, is checked for the key and secret afterwards
        rootLevel = root.getLevel();
        root.setLevel(Level.TRACE);
        logs.start();
        root.addAppender(logs);
        trading = new AlpacaFake();
        data = new AlpacaFake();
        trading.on("GET /v2/clock", Reply.ok(resource("clock-open.json")));
        gateway = connect(AlpacaSettings.DEFAULTS.withResilience(FAST), AlpacaFake.SECRET);
    }

    @AfterEach
    void stop() {
        gateway.close();
        trading.close();
        data.close();
        root.detachAppender(logs);
        root.setLevel(rootLevel);
        for (ILoggingEvent event : logs.list) {
            String text = event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage());
            assertFalse(text.contains(AlpacaFake.SECRET), text);
        }
        // secrets never appear in a message of anything thrown at a caller
        for (BulwarkException e : thrown) {
            assertFalse(String.valueOf(e.getMessage()).contains(AlpacaFake.SECRET), e.getMessage());
            assertFalse(String.valueOf(e.getMessage()).contains(AlpacaFake.KEY), e.getMessage());
        }
    }

    AlpacaVenueProvider provider;

    VenueGateway connect(AlpacaSettings settings, String secret) {
        VenueAccount account = account(Environment.PAPER);
        VenueConnection connection = new VenueConnection(account, VenueEnvironment.TESTNET, trading.baseUrl().toString(),
                VenueCredentials.of(AlpacaFake.KEY, secret), CLOCK);
        provider = new AlpacaVenueProvider(settings.withDataBaseUrl(data.baseUrl()));
        return provider.connect(connection);
    }

    static VenueAccount account(Environment environment) {
        return new VenueAccount(ACCOUNT, new WorkspaceId(new UUID(0, 1)), AlpacaVenueProvider.ID, "Alpaca", environment, null,
                Set.of(Permission.READ, Permission.TRADE), true, null, null, SyncState.never(), T0, T0);
    }

    static String resource(String name) {
        try (InputStream in = AlpacaGatewayTest.class.getResourceAsStream("/dev/bulwark/adapters/exchange/alpaca/" + name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    <T extends BulwarkException> T failsWith(Class<T> type, Runnable call) {
        T e = assertThrows(type, call::run);
        thrown.add(e);
        return e;
    }

    static OrderRequest limitBuy(String quantity, String price, String clientOrderId) {
        return OrderRequest.limit(AAPL, OrderSide.BUY, new BigDecimal(quantity), new BigDecimal(price), TimeInForce.GTC,
                new ClientOrderId(clientOrderId));
    }

    static OrderRequest marketBuy(OrderSize size, String clientOrderId) {
        return OrderRequest.market(AAPL, OrderSide.BUY, size, new ClientOrderId(clientOrderId));
    }

    // ---- provider

    @Test
    void theProviderDescribesAlpacaAndRefusesWhatItDoesNotOffer() {
        AlpacaVenueProvider provider = new AlpacaVenueProvider();
        assertEquals(Set.of(Market.STOCK), provider.describe().markets());
        assertEquals(Set.of(VenueEnvironment.LIVE, VenueEnvironment.TESTNET), provider.describe().environments());
        VenueCredentials credentials = VenueCredentials.of(AlpacaFake.KEY, AlpacaFake.SECRET);
        assertThrows(Invalid.class, () -> provider.connect(new VenueConnection(account(Environment.PAPER), VenueEnvironment.PAPER,
                null, credentials, CLOCK)));
        assertThrows(Invalid.class, () -> provider.connect(new VenueConnection(account(Environment.PAPER), VenueEnvironment.TESTNET,
                null, null, CLOCK)));
        VenueAccount binance = new VenueAccount(ACCOUNT, new WorkspaceId(new UUID(0, 1)), new VenueId("binance"), "B",
                Environment.PAPER, null, Set.of(Permission.READ), true, null, null, SyncState.never(), T0, T0);
        assertThrows(Invalid.class, () -> provider.connect(new VenueConnection(binance, VenueEnvironment.TESTNET, null,
                credentials, CLOCK)));
    }

    @Test
    void testnetGoesToThePaperApiAndLiveToTheLiveApi() {
        VenueCredentials credentials = VenueCredentials.of(AlpacaFake.KEY, AlpacaFake.SECRET);
        try (VenueGateway paper = new AlpacaVenueProvider().connect(new VenueConnection(account(Environment.PAPER),
                VenueEnvironment.TESTNET, null, credentials, CLOCK));
             VenueGateway live = new AlpacaVenueProvider().connect(new VenueConnection(account(Environment.LIVE),
                VenueEnvironment.LIVE, null, credentials, CLOCK))) {
            assertTrue(paper.toString().contains("https://paper-api.alpaca.markets"), paper.toString());
            assertTrue(live.toString().contains("https://api.alpaca.markets"), live.toString());
            assertTrue(live.toString().contains("https://data.alpaca.markets"), live.toString());
            assertFalse(live.toString().contains(AlpacaFake.SECRET));
            assertFalse(live.toString().contains(AlpacaFake.KEY));
        }
    }

    // ---- authentication

    @Test
    void everyRequestCarriesTheKeyAndSecretHeaders() {
        trading.on("GET /v2/account", Reply.ok(resource("account.json")));
        gateway.balances();
        AlpacaFake.Request request = trading.last("GET", "/v2/account");
        assertEquals(AlpacaFake.KEY, request.headers().get("apca-api-key-id"));
        assertEquals(AlpacaFake.SECRET, request.headers().get("apca-api-secret-key"));
    }

    @Test
    void aWrongSecretIsUnauthorizedAndNeverQuoted() {
        gateway.close();
        gateway = connect(AlpacaSettings.DEFAULTS.withResilience(FAST), "wrong-secret-value-9876543210");
        trading.on("GET /v2/account", Reply.ok(resource("account.json")));
        Unauthorized e = failsWith(Unauthorized.class, gateway::balances);
        assertFalse(e.getMessage().contains("wrong-secret-value"));
        assertEquals(1, trading.count("GET", "/v2/account"), "a refused key is not retried");
        CredentialCheck check = gateway.checkCredentials();
        assertFalse(check.valid());
        assertFalse(Objects.requireNonNull(check.problem()).contains("wrong-secret-value"));
    }

    @Test
    void aBareForbiddenIsAnUnknownKey() {
        trading.on("GET /v2/account", Reply.json(403, "{\"message\": \"forbidden.\"}"));
        failsWith(Unauthorized.class, gateway::balances);
        assertFalse(gateway.checkCredentials().valid());
    }

    // ---- credentials

    @Test
    void anActiveAccountReadsAndTradesAndNeverWithdraws() {
        trading.on("GET /v2/account", Reply.ok(resource("account.json")));
        CredentialCheck check = gateway.checkCredentials();
        assertTrue(check.valid());
        assertEquals(Set.of(Permission.READ, Permission.TRADE), check.permissions());
        assertFalse(check.canWithdraw());
    }

    @Test
    void aBlockedAccountOnlyReadsAndAnInactiveOneIsRefused() {
        ObjectNode account = (ObjectNode) AlpacaFake.read(resource("account.json"));
        account.put("trading_blocked", true);
        trading.on("GET /v2/account", Reply.ok(account.toString()));
        assertEquals(Set.of(Permission.READ), gateway.checkCredentials().permissions());
        account.put("trading_blocked", false).put("status", "ACCOUNT_CLOSED");
        trading.on("GET /v2/account", Reply.ok(account.toString()));
        CredentialCheck check = gateway.checkCredentials();
        assertFalse(check.valid());
        assertTrue(Objects.requireNonNull(check.problem()).contains("ACCOUNT_CLOSED"));
    }

    // ---- balances and positions

    @Test
    void theDocumentedMarginAccountInDebitHoldsNoDollars() {
        trading.on("GET /v2/account", Reply.ok(resource("account.json"))); // cash -23140.2
        assertEquals(List.of(), gateway.balances());
    }

    @Test
    void cashIsFreeUpToBuyingPowerAndTheRestIsLocked() {
        ObjectNode account = (ObjectNode) AlpacaFake.read(resource("account.json"));
        account.put("cash", "10000.50").put("buying_power", "8000");
        trading.on("GET /v2/account", Reply.ok(account.toString()));
        Holding usd = gateway.balances().getFirst();
        assertEquals(Asset.USD, usd.asset());
        assertEquals(AlpacaVenueProvider.ID, usd.venue());
        assertEquals(0, new BigDecimal("8000").compareTo(usd.free()));
        assertEquals(0, new BigDecimal("2000.5").compareTo(usd.locked()));
    }

    @Test
    void positionsAreStockPositions() {
        trading.on("GET /v2/positions", Reply.ok(resource("position-aapl.json")));
        Position position = gateway.positions().getFirst();
        assertEquals(AAPL, position.instrument());
        assertEquals(0, new BigDecimal("5").compareTo(position.quantity()));
        assertEquals(0, new BigDecimal("500").compareTo(position.costBasis().amount()));
    }

    // ---- placing

    @Test
    void aLimitOrderIsSentAsAlpacaDocumentsIt() {
        PlacementResult result = gateway.place(limitBuy("3", "228.15", "bot-1-signal-1"));
        Order order = assertInstanceOf(PlacementResult.Placed.class, result).order();
        assertEquals(OrderStatus.ACCEPTED, order.status());
        assertEquals(VenueGateway.orderIdOf(ACCOUNT, new ClientOrderId("bot-1-signal-1")), order.id());
        assertEquals(OrderType.LIMIT, order.type());
        assertEquals(TimeInForce.GTC, order.timeInForce());
        JsonNode body = trading.last("POST", "/v2/orders").json();
        assertEquals("AAPL", body.get("symbol").asText());
        assertEquals("3", body.get("qty").asText());
        assertEquals("buy", body.get("side").asText());
        assertEquals("limit", body.get("type").asText());
        assertEquals("gtc", body.get("time_in_force").asText());
        assertEquals("228.15", body.get("limit_price").asText());
        assertEquals("bot-1-signal-1", body.get("client_order_id").asText());
        assertFalse(body.has("extended_hours"));
        assertEquals("application/json", trading.last("POST", "/v2/orders").headers().get("content-type"));
    }

    @Test
    void aMarketOrderByNotionalGoesAsDayWhileTheSessionIsOpen() {
        PlacementResult result = gateway.place(marketBuy(OrderSize.quoteAmount(new BigDecimal("500")), "notional-1"));
        assertInstanceOf(PlacementResult.Placed.class, result);
        JsonNode body = trading.last("POST", "/v2/orders").json();
        assertEquals("500", body.get("notional").asText());
        assertFalse(body.has("qty"));
        assertEquals("market", body.get("type").asText());
        assertEquals("day", body.get("time_in_force").asText());
        assertEquals(1, trading.count("GET", "/v2/clock"));
        gateway.place(marketBuy(OrderSize.quantity(new BigDecimal("0.5")), "fraction-1"));
        assertEquals(1, trading.count("GET", "/v2/clock"), "the clock is kept until the next open or close");
    }

    @Test
    void aMarketOrderOutsideTheRegularSessionIsRefusedAsMarketClosed() {
        trading.on("GET /v2/clock", Reply.ok(resource("clock-closed.json")));
        PlacementResult result = gateway.place(marketBuy(OrderSize.quantity(BigDecimal.ONE), "closed-1"));
        assertEquals(Rejected.MARKET_CLOSED, assertInstanceOf(Rejected.class, result).code());
        assertEquals(0, trading.count("POST", "/v2/orders"));
        // a limit order may rest until the open
        assertInstanceOf(PlacementResult.Placed.class, gateway.place(limitBuy("1", "200", "closed-2")));
    }

    @Test
    void anExtendedHoursConnectionSendsGtcLimitsAsDayAndRefusesTheRest() {
        gateway.close();
        gateway = connect(AlpacaSettings.DEFAULTS.withResilience(FAST).withExtendedHours(true), AlpacaFake.SECRET);
        trading.on("GET /v2/clock", Reply.ok(resource("clock-closed.json")));
        assertInstanceOf(PlacementResult.Placed.class, gateway.place(limitBuy("2", "230", "ext-1")));
        JsonNode body = trading.last("POST", "/v2/orders").json();
        assertEquals("day", body.get("time_in_force").asText());
        assertTrue(body.get("extended_hours").asBoolean());
        Rejected market = assertInstanceOf(Rejected.class, gateway.place(marketBuy(OrderSize.quantity(BigDecimal.ONE), "ext-2")));
        assertEquals(Rejected.UNSUPPORTED, market.code());
        Rejected ioc = assertInstanceOf(Rejected.class, gateway.place(OrderRequest.limit(AAPL, OrderSide.BUY, BigDecimal.ONE,
                new BigDecimal("230"), TimeInForce.IOC, new ClientOrderId("ext-3"))));
        assertEquals(Rejected.UNSUPPORTED, ioc.code());
        assertEquals(1, trading.count("POST", "/v2/orders"));
    }

    @Test
    void whatAlpacaCannotTakeIsRefusedBeforeSending() {
        OrderRequest takeProfit = new OrderRequest(AAPL, OrderSide.SELL, OrderType.TAKE_PROFIT, OrderSize.quantity(BigDecimal.ONE),
                null, new BigDecimal("250"), null, TimeInForce.GTC, new ClientOrderId("tp-1"), false, null);
        assertEquals(Rejected.UNSUPPORTED, assertInstanceOf(Rejected.class, gateway.place(takeProfit)).code());
        assertEquals(Rejected.UNSUPPORTED, assertInstanceOf(Rejected.class, gateway.place(limitBuy("0.5", "200", "frac-1"))).code());
        OrderRequest activated = new OrderRequest(AAPL, OrderSide.SELL, OrderType.TRAILING_STOP, OrderSize.quantity(BigDecimal.ONE),
                null, new BigDecimal("240"), new TrailingOffset.ByPercent(BigDecimal.ONE), TimeInForce.GTC, new ClientOrderId("tr-1"), false, null);
        assertEquals(Rejected.UNSUPPORTED, assertInstanceOf(Rejected.class, gateway.place(activated)).code());
        OrderRequest spot = OrderRequest.limit(Instrument.spot("BTC", "USD"), OrderSide.BUY, BigDecimal.ONE, BigDecimal.TEN,
                TimeInForce.GTC, new ClientOrderId("spot-1"));
        assertEquals(Rejected.UNSUPPORTED, assertInstanceOf(Rejected.class, gateway.place(spot)).code());
        assertEquals(0, trading.count("POST", "/v2/orders"));
    }

    @Test
    void stopsAndTrailingStopsAreSentWithTheirPrices() {
        OrderRequest stopLimit = new OrderRequest(AAPL, OrderSide.SELL, OrderType.STOP_LIMIT, OrderSize.quantity(BigDecimal.TWO),
                new BigDecimal("219.5"), new BigDecimal("220"), null, TimeInForce.GTC, new ClientOrderId("sl-1"), false, null);
        Order placed = assertInstanceOf(PlacementResult.Placed.class, gateway.place(stopLimit)).order();
        assertEquals(OrderType.STOP_LIMIT, placed.type());
        JsonNode body = trading.last("POST", "/v2/orders").json();
        assertEquals("stop_limit", body.get("type").asText());
        assertEquals("220", body.get("stop_price").asText());
        assertEquals("219.5", body.get("limit_price").asText());
        OrderRequest trailing = new OrderRequest(AAPL, OrderSide.SELL, OrderType.TRAILING_STOP, OrderSize.quantity(BigDecimal.ONE),
                null, null, new TrailingOffset.ByPercent(new BigDecimal("1.5")), TimeInForce.GTC, new ClientOrderId("tr-2"), false, null);
        Order trail = assertInstanceOf(PlacementResult.Placed.class, gateway.place(trailing)).order();
        assertEquals(new TrailingOffset.ByPercent(new BigDecimal("1.5")), trail.trailing());
        body = trading.last("POST", "/v2/orders").json();
        assertEquals("trailing_stop", body.get("type").asText());
        assertEquals("1.5", body.get("trail_percent").asText());
        assertEquals("gtc", body.get("time_in_force").asText());
    }

    @Test
    void alpacasRefusalsAreMappedToTheSpiCodes() {
        record Case(int status, String body, String code) {
        }
        List<Case> cases = List.of(
                new Case(403, "{\"code\":40310000,\"message\":\"insufficient buying power\"}", Rejected.INSUFFICIENT_FUNDS),
                new Case(403, "{\"code\":40310000,\"message\":\"insufficient qty available for order (requested: 10, available: 0)\"}",
                        Rejected.INSUFFICIENT_FUNDS),
                new Case(422, resource("error-sub-penny.json"), Rejected.OUTSIDE_TRADING_RULES),
                new Case(422, "{\"code\":40010001,\"message\":\"client_order_id must be unique\"}", Rejected.DUPLICATE_CLIENT_ORDER_ID),
                new Case(422, "{\"code\":40010001,\"message\":\"asset \\\"ZZZZ\\\" not found\"}", Rejected.UNKNOWN_INSTRUMENT),
                new Case(403, "{\"code\":40310000,\"message\":\"trading is blocked for this account\"}", Rejected.NOT_PERMITTED),
                new Case(422, "{\"code\":42210000,\"message\":\"something new\"}", "venue:42210000"));
        int n = 0;
        for (Case c : cases) {
            trading.on("POST /v2/orders", Reply.json(c.status(), c.body()));
            Rejected rejected = assertInstanceOf(Rejected.class, gateway.place(limitBuy("1", "290.12", "refused-" + n++)));
            assertEquals(c.code(), rejected.code(), c.body());
        }
        assertEquals(cases.size(), trading.count("POST", "/v2/orders"), "a refusal is never retried");
        assertEquals(VenueResilience.BreakerState.CLOSED, ((AlpacaGateway) gateway).breakerState(), "refusals are answers");
    }

    @Test
    void aDuplicateClientOrderIdIsResolvedByFindingTheFirstOrder() {
        assertInstanceOf(PlacementResult.Placed.class, gateway.place(limitBuy("1", "200", "dup-1")));
        Rejected again = assertInstanceOf(Rejected.class, gateway.place(limitBuy("1", "200", "dup-1")));
        assertEquals(Rejected.DUPLICATE_CLIENT_ORDER_ID, again.code());
        assertTrue(gateway.findByClientOrderId(AAPL, new ClientOrderId("dup-1")).isPresent());
    }

    // ---- unknown outcomes and resilience

    @Test
    void aPlacementThatTimesOutIsUnknownAndFindingTheClientOrderIdResolvesIt() {
        trading.placementDelay = Duration.ofMillis(1_500);
        failsWith(VenueUnavailable.class, () -> gateway.place(limitBuy("1", "200", "slow-1")));
        assertEquals(1, trading.count("POST", "/v2/orders"), "a placement is never retried");
        Optional<Order> found = gateway.findByClientOrderId(AAPL, new ClientOrderId("slow-1"));
        assertTrue(found.isPresent());
        assertEquals(OrderStatus.ACCEPTED, found.get().status());
        assertEquals(1, trading.orders.size(), "exactly one order results");
    }

    @Test
    void aServerErrorOnPlacementIsUnknownAndNotRetried() {
        trading.on("POST /v2/orders", Reply.json(503, "{\"message\":\"service unavailable\"}"));
        failsWith(VenueUnavailable.class, () -> gateway.place(limitBuy("1", "200", "5xx-1")));
        assertEquals(1, trading.count("POST", "/v2/orders"));
    }

    @Test
    void aServerErrorOnAReadIsRetriedThenUnavailable() {
        trading.on("GET /v2/account", Reply.text500());
        failsWith(VenueUnavailable.class, gateway::balances);
        assertEquals(3, trading.count("GET", "/v2/account"), "the first attempt and 2 retries");
    }

    @Test
    void aReadRecoversWhenARetrySucceeds() {
        int[] calls = {0};
        trading.on("GET /v2/account", request -> calls[0]++ == 0 ? Reply.json(502, "<html>bad gateway</html>")
                : Reply.ok(resource("account.json")));
        assertEquals(List.of(), gateway.balances());
        assertEquals(2, trading.count("GET", "/v2/account"));
    }

    @Test
    void throttlingIsRateLimitedWithAlpacasRetryAfterAndNotRetried() {
        trading.on("GET /v2/account", Reply.error(429, 42910000, "rate limit exceeded").header("Retry-After", "7"));
        RateLimited e = failsWith(RateLimited.class, gateway::balances);
        assertEquals(Duration.ofSeconds(7), e.retryAfter());
        assertEquals(AlpacaErrorAdapter.RATE_LIMIT, e.limit());
        assertEquals(1, trading.count("GET", "/v2/account"));
        trading.on("POST /v2/orders", Reply.error(429, 42910000, "rate limit exceeded"));
        RateLimited placing = failsWith(RateLimited.class, () -> gateway.place(limitBuy("1", "200", "throttled-1")));
        assertEquals(AlpacaErrorAdapter.DEFAULT_RETRY_AFTER, placing.retryAfter());
    }

    @Test
    void malformedAndTruncatedBodiesAreUnavailable() {
        trading.on("GET /v2/account", Reply.ok("{\"cash\": \"10\", \"buying_power\": "));
        failsWith(VenueUnavailable.class, gateway::balances);
        trading.on("GET /v2/account", Reply.ok(resource("account.json")).cutAfter(40));
        failsWith(VenueUnavailable.class, gateway::balances);
        trading.on("GET /v2/account", Reply.ok("{\"cash\": \"ten\", \"buying_power\": \"5\"}"));
        failsWith(VenueUnavailable.class, gateway::balances);
        trading.on("GET /v2/positions", Reply.ok("{\"not\": \"a list\"}"));
        failsWith(VenueUnavailable.class, gateway::positions);
        trading.on("POST /v2/orders", Reply.ok("<html>oops</html>"));
        failsWith(VenueUnavailable.class, () -> gateway.place(limitBuy("1", "200", "garbled-1")));
    }

    @Test
    void theCircuitOpensAfterRepeatedFailuresAndClosesAgain() throws InterruptedException {
        gateway.close();
        gateway = connect(AlpacaSettings.DEFAULTS.withResilience(new VenueResilience.Settings(Duration.ofMillis(800), 0,
                Duration.ofMillis(10), 3, Duration.ofMillis(300), Duration.ofSeconds(1))), AlpacaFake.SECRET);
        trading.on("GET /v2/account", Reply.json(503, "{}"));
        for (int i = 0; i < 3; i++) {
            failsWith(VenueUnavailable.class, gateway::balances);
        }
        assertEquals(VenueResilience.BreakerState.OPEN, ((AlpacaGateway) gateway).breakerState());
        Circuits.assertOne(provider, VenueCircuit.State.OPEN);
        VenueUnavailable open = failsWith(VenueUnavailable.class, gateway::balances);
        assertTrue(open.getMessage().contains("circuit open"), open.getMessage());
        assertEquals(3, trading.count("GET", "/v2/account"), "an open circuit sends nothing");
        trading.on("GET /v2/account", Reply.ok(resource("account.json")));
        assertEquals(List.of(), Eventually.afterTheBreakerPause(gateway::balances));
        assertEquals(VenueResilience.BreakerState.CLOSED, ((AlpacaGateway) gateway).breakerState());
        Circuits.assertOne(provider, VenueCircuit.State.CLOSED);
    }

    // ---- finding and cancelling

    @Test
    void findingAnUnknownOrAnotherSymbolsOrderIsEmpty() {
        assertEquals(Optional.empty(), gateway.findByClientOrderId(AAPL, new ClientOrderId("nobody")));
        assertEquals("nobody", trading.last("GET", "/v2/orders:by_client_order_id").query().get("client_order_id"));
        trading.addOrder("msft-1", "MSFT", "buy", "limit", "1", "new", "0", null).put("limit_price", "400");
        assertEquals(Optional.empty(), gateway.findByClientOrderId(AAPL, new ClientOrderId("msft-1")));
    }

    @Test
    void aPartlyFilledOrderIsReadAsSuch() {
        trading.addOrder("part-1", "AAPL", "buy", "limit", "10", "partially_filled", "4", "228.1").put("limit_price", "228.2");
        Order order = gateway.findByClientOrderId(AAPL, new ClientOrderId("part-1")).orElseThrow();
        assertEquals(OrderStatus.PARTIALLY_FILLED, order.status());
        assertEquals(0, new BigDecimal("4").compareTo(order.filledQuantity()));
        assertEquals(0, new BigDecimal("228.1").compareTo(Objects.requireNonNull(order.averageFillPrice())));
    }

    @Test
    void cancellingAWorkingOrderDeletesItAndReportsItCancelled() {
        gateway.place(limitBuy("1", "200", "cancel-1"));
        CancelResult result = gateway.cancel(AAPL, new ClientOrderId("cancel-1"));
        assertEquals(OrderStatus.CANCELLED, assertInstanceOf(CancelResult.Cancelled.class, result).order().status());
        String id = trading.orders.get("cancel-1").get("id").asText();
        assertEquals(1, trading.count("DELETE", "/v2/orders/" + id));
        // twice is harmless
        assertInstanceOf(CancelResult.AlreadyFinal.class, gateway.cancel(AAPL, new ClientOrderId("cancel-1")));
        assertEquals(1, trading.count("DELETE", "/v2/orders/" + id));
    }

    @Test
    void aCancelAlpacaHasNotConfirmedIsUnknown() {
        trading.cancelTo = "pending_cancel";
        gateway.place(limitBuy("1", "200", "cancel-2"));
        failsWith(VenueUnavailable.class, () -> gateway.cancel(AAPL, new ClientOrderId("cancel-2")));
    }

    @Test
    void cancellingAFilledOrUnknownOrderSendsNothing() {
        trading.addOrder("filled-1", "AAPL", "buy", "market", "2", "filled", "2", "228.3");
        assertInstanceOf(CancelResult.AlreadyFinal.class, gateway.cancel(AAPL, new ClientOrderId("filled-1")));
        assertInstanceOf(CancelResult.UnknownOrder.class, gateway.cancel(AAPL, new ClientOrderId("never-placed")));
        assertTrue(trading.requests().stream().noneMatch(r -> r.method().equals("DELETE")));
    }

    @Test
    void aCancelAlpacaRefusesWhileTheOrderWorksIsRefused() {
        gateway.place(limitBuy("1", "200", "cancel-3"));
        trading.on("DELETE /v2/orders/", Reply.error(422, 42210000, "order is not cancelable"));
        CancelResult.Refused refused = assertInstanceOf(CancelResult.Refused.class, gateway.cancel(AAPL, new ClientOrderId("cancel-3")));
        assertEquals("venue:42210000", refused.code());
    }

    @Test
    void openOrdersAskForOneSymbol() {
        ArrayNode list = AlpacaFake.JSON.createArrayNode();
        list.add(trading.addOrder("open-1", "AAPL", "sell", "limit", "1", "new", "0", null).put("limit_price", "250"));
        trading.on("GET /v2/orders", Reply.ok(list.toString()));
        List<Order> open = gateway.openOrders(AAPL);
        assertEquals(1, open.size());
        assertEquals(OrderSide.SELL, open.getFirst().side());
        AlpacaFake.Request request = trading.last("GET", "/v2/orders");
        assertEquals("open", request.query().get("status"));
        assertEquals("AAPL", request.query().get("symbols"));
    }

    // ---- fills

    @Test
    void fillsArePagedAndMatchedToTheirClientOrderIds() {
        ObjectNode documented = (ObjectNode) AlpacaFake.read(resource("activity-fill.json"));
        trading.addOrder("bought-1", "AAPL", "buy", "market", "100", "filled", "100", "128.33")
                .put("id", "fe060a1b-5b45-4eba-ba46-c3a3345d8255");
        ArrayNode first = AlpacaFake.JSON.createArrayNode();
        for (int i = 0; i < 100; i++) {
            ObjectNode fill = documented.deepCopy();
            fill.put("id", "20210510100104650::fill-" + i);
            fill.put("symbol", i % 2 == 0 ? "AAPL" : "MSFT");
            first.add(fill);
        }
        ArrayNode second = AlpacaFake.JSON.createArrayNode();
        second.add(documented.deepCopy().put("id", "20210510100104651::last"));
        trading.on("GET /v2/account/activities/FILL", request -> request.query().containsKey("page_token") ? Reply.ok(second.toString())
                : Reply.ok(first.toString()));
        Instant since = Instant.parse("2021-05-10T00:00:00Z");
        List<Fill> fills = gateway.fills(AAPL, since);
        assertEquals(51, fills.size());
        Fill fill = fills.getFirst();
        assertEquals(VenueGateway.orderIdOf(ACCOUNT, new ClientOrderId("bought-1")), fill.orderId());
        assertEquals(0, new BigDecimal("128.33").compareTo(fill.price()));
        assertEquals(0, new BigDecimal("0.38962051").compareTo(fill.quantity()));
        assertTrue(fill.fee().isZero());
        assertEquals(Instant.parse("2021-05-10T14:01:04.650275Z"), fill.time());
        AlpacaFake.Request last = trading.last("GET", "/v2/account/activities/FILL");
        assertEquals("20210510100104650::fill-99", last.query().get("page_token"));
        assertEquals("asc", last.query().get("direction"));
        assertEquals(1, trading.count("GET", "/v2/orders/fe060a1b-5b45-4eba-ba46-c3a3345d8255"), "the order's id is looked up once");
        assertTrue(gateway.fills(AAPL, Instant.parse("2021-05-11T00:00:00Z")).isEmpty());
    }

    // ---- rules and prices

    @Test
    void aFractionableStockTradesInBillionthsWithADollarMinimum() {
        trading.on("GET /v2/assets/AAPL", Reply.ok(resource("asset-aapl.json")));
        data.on("GET /v2/stocks/AAPL/trades/latest", Reply.ok(resource("latest-trade.json")));
        TradingRules rules = gateway.rules(AAPL);
        assertEquals(0, new BigDecimal("0.01").compareTo(rules.tickSize()));
        assertEquals(0, new BigDecimal("1E-9").compareTo(rules.lotStep()));
        assertEquals(0, BigDecimal.ONE.compareTo(rules.minNotional()));
        gateway.rules(AAPL);
        assertEquals(1, trading.count("GET", "/v2/assets/AAPL"), "rules are cached");
    }

    @Test
    void aWholeShareStockBelowADollarTicksInHundredthsOfACent() {
        Instrument penny = new Instrument(Asset.of("PNNY"), Asset.USD, Market.STOCK);
        ObjectNode asset = (ObjectNode) AlpacaFake.read(resource("asset-aapl.json"));
        asset.put("symbol", "PNNY").put("fractionable", false);
        trading.on("GET /v2/assets/PNNY", Reply.ok(asset.toString()));
        data.on("GET /v2/stocks/PNNY/trades/latest", Reply.ok("{\"symbol\":\"PNNY\",\"trade\":{\"p\":0.4312,\"s\":10}}"));
        TradingRules rules = gateway.rules(penny);
        assertEquals(0, new BigDecimal("0.0001").compareTo(rules.tickSize()));
        assertEquals(0, BigDecimal.ONE.compareTo(rules.lotStep()));
        assertEquals(0, BigDecimal.ZERO.compareTo(rules.minNotional()));
    }

    @Test
    void anUnlistedOrUntradableStockIsNotFound() {
        trading.on("GET /v2/assets/AAPL", Reply.error(404, 40410000, "asset not found for AAPL"));
        failsWith(NotFound.class, () -> gateway.rules(AAPL));
        ObjectNode asset = (ObjectNode) AlpacaFake.read(resource("asset-aapl.json"));
        trading.on("GET /v2/assets/AAPL", Reply.ok(asset.put("tradable", false).toString()));
        failsWith(NotFound.class, () -> gateway.rules(AAPL));
    }

    @Test
    void thePriceIsTheLatestTradeFromTheDataApiCachedForSeconds() {
        data.on("GET /v2/stocks/AAPL/trades/latest", Reply.ok(resource("latest-trade.json")));
        assertEquals(Optional.of(new BigDecimal("228.47")), gateway.price(AAPL));
        gateway.price(AAPL);
        assertEquals(1, data.count("GET", "/v2/stocks/AAPL/trades/latest"));
        assertEquals(AlpacaFake.SECRET, data.last("GET", "/v2/stocks/AAPL/trades/latest").headers().get("apca-api-secret-key"));
    }

    @Test
    void withoutATradeThePriceIsTheQuotesMidAndAnUnknownSymbolHasNone() {
        data.on("GET /v2/stocks/AAPL/trades/latest", Reply.ok("{\"symbol\":\"AAPL\",\"trade\":null}"));
        data.on("GET /v2/stocks/AAPL/quotes/latest", Reply.ok(resource("latest-quote.json")));
        assertEquals(0, new BigDecimal("228.45").compareTo(gateway.price(AAPL).orElseThrow()));
        Instrument unknown = new Instrument(Asset.of("ZZZZ"), Asset.USD, Market.STOCK);
        data.on("GET /v2/stocks/ZZZZ/trades/latest", Reply.error(404, 40410000, "not found"));
        assertEquals(Optional.empty(), gateway.price(unknown));
    }

    // ---- lifecycle

    @Test
    void aClosedGatewayRefusesCalls() {
        gateway.close();
        gateway.close();
        assertThrows(IllegalStateException.class, gateway::balances);
        assertEquals(new AlpacaVenueProvider().describe().capabilities(), gateway.capabilities());
    }

    @Test
    void aServerErrorOnCancelIsUnknownAndNotRetried() {
        gateway.place(limitBuy("1", "200", "cancel-4"));
        trading.on("DELETE /v2/orders/", Reply.json(500, "{}"));
        failsWith(VenueUnavailable.class, () -> gateway.cancel(AAPL, new ClientOrderId("cancel-4")));
        assertEquals(1, trading.requests().stream().filter(r -> r.method().equals("DELETE")).count());
    }

    @Test
    void aShortOrUnmappablePositionIsLeftOutAndLoggedWithoutSecrets() {
        ArrayNode positions = (ArrayNode) AlpacaFake.read(resource("position-aapl.json"));
        positions.add(positions.get(0).deepCopy());
        ((ObjectNode) positions.get(1)).put("symbol", "BRK.B");
        positions.add(positions.get(0).deepCopy());
        ((ObjectNode) positions.get(2)).put("symbol", "TSLA").put("side", "short").put("qty", "-3");
        trading.on("GET /v2/positions", Reply.ok(positions.toString()));
        assertEquals(1, gateway.positions().size());
        assertTrue(logs.list.stream().anyMatch(e -> e.getFormattedMessage().contains("BRK.B")));
    }

    // ---- OCO: one order, the take-profit its parent and the stop its leg

    static final ClientOrderId TP = new ClientOrderId("bwexit-tp");
    static final ClientOrderId SL = new ClientOrderId("bwexit-sl");

    static OcoRequest exitPair(String quantity) {
        return new OcoRequest(AAPL, OrderSide.SELL, new BigDecimal(quantity), new BigDecimal("210.50"),
                new BigDecimal("180.25"), TP, SL, false);
    }

    @Test
    void anOcoPairIsOneOrderWithTheTakeProfitAsItsParentAndTheStopAsItsLeg() {
        assertTrue(gateway.capabilities().contains(VenueCapability.OCO));

        OcoResult.Placed placed = assertInstanceOf(OcoResult.Placed.class, gateway.placeOco(exitPair("3")));

        AlpacaFake.Request sent = trading.last("POST", "/v2/orders");
        assertEquals("{\"symbol\":\"AAPL\",\"qty\":\"3\",\"side\":\"sell\",\"type\":\"limit\",\"time_in_force\":\"gtc\","
                + "\"order_class\":\"oco\",\"take_profit\":{\"limit_price\":\"210.5\"},\"stop_loss\":{\"stop_price\":\"180.25\"},"
                + "\"client_order_id\":\"bwexit-tp\"}", sent.body());
        assertEquals(AlpacaFake.KEY, sent.headers().get("apca-api-key-id"));
        assertEquals(1, trading.count("POST", "/v2/orders"));
        assertEquals(TP, placed.takeProfit().clientOrderId());
        assertEquals(OrderType.LIMIT, placed.takeProfit().type());
        assertEquals(0, new BigDecimal("210.50").compareTo(placed.takeProfit().limitPrice()));
        assertEquals(SL, placed.stopLoss().clientOrderId(), "the leg answers under the id Bulwark gave it");
        assertEquals(OrderType.STOP_MARKET, placed.stopLoss().type());
        assertEquals(0, new BigDecimal("180.25").compareTo(placed.stopLoss().stopPrice()));
        assertEquals(VenueGateway.orderIdOf(ACCOUNT, SL), placed.stopLoss().id());
        assertEquals(OrderStatus.ACCEPTED, placed.stopLoss().status());
    }

    @Test
    void thePairIsFoundByEitherLegAsAPairItsLegReadNested() {
        gateway.placeOco(exitPair("3"));

        OcoLegs legs = gateway.findOco(AAPL, TP, SL);

        assertEquals(OrderStatus.ACCEPTED, legs.takeProfit().orElseThrow().status());
        assertEquals(SL, legs.stopLoss().orElseThrow().clientOrderId());
        assertEquals("true", trading.requests().stream().filter(r -> r.method().equals("GET")
                && r.path().startsWith("/v2/orders/")).reduce((a, b) -> b).orElseThrow().query().get("nested"));
        assertTrue(gateway.findByClientOrderId(AAPL, SL).isEmpty(), "Alpaca alone does not know the leg by Bulwark's id");
        assertTrue(gateway.findOco(AAPL, new ClientOrderId("bwnone-tp"), new ClientOrderId("bwnone-sl")).isEmpty());
    }

    @Test
    void aStopThatFilledThereIsReportedFilledAndItsPartnerCancelled() {
        gateway.placeOco(exitPair("3"));
        ObjectNode parent = trading.orders.get(TP.value());
        ObjectNode leg = trading.legsOf(parent).getFirst();
        leg.put("status", "filled").put("filled_qty", "3").put("filled_avg_price", "180.10");
        parent.put("status", "canceled");

        OcoLegs legs = gateway.findOco(AAPL, TP, SL);

        Order stop = legs.stopLoss().orElseThrow();
        assertEquals(OrderStatus.FILLED, stop.status());
        assertEquals(0, new BigDecimal("180.10").compareTo(stop.averageFillPrice()));
        assertEquals(OrderStatus.CANCELLED, legs.takeProfit().orElseThrow().status());
    }

    @Test
    void cancellingThePairDeletesTheParentOnceAndBothLegsEndCancelled() {
        gateway.placeOco(exitPair("3"));
        String parentId = trading.orders.get(TP.value()).get("id").asText();

        OcoLegs legs = gateway.cancelOco(AAPL, TP, SL);

        assertEquals(1, trading.count("DELETE", "/v2/orders/" + parentId));
        assertEquals(1, trading.requests().stream().filter(r -> r.method().equals("DELETE")).count());
        assertEquals(OrderStatus.CANCELLED, legs.takeProfit().orElseThrow().status());
        assertEquals(OrderStatus.CANCELLED, legs.stopLoss().orElseThrow().status());
        assertTrue(gateway.cancelOco(AAPL, new ClientOrderId("bwnone-tp"), new ClientOrderId("bwnone-sl")).isEmpty());
    }

    @Test
    void whatAlpacaCannotHoldAsAnOcoIsRefusedBeforeAnythingIsSent() {
        OcoResult fractional = gateway.placeOco(exitPair("0.5"));
        OcoResult crypto = gateway.placeOco(new OcoRequest(Instrument.spot("BTC", "USDT"), OrderSide.SELL,
                BigDecimal.ONE, new BigDecimal("52000"), new BigDecimal("49000"), TP, SL, false));
        VenueGateway extended = connect(AlpacaSettings.DEFAULTS.withResilience(FAST).withExtendedHours(true), AlpacaFake.SECRET);
        OcoResult extendedSession = extended.placeOco(exitPair("3"));
        extended.close();

        assertEquals(PlacementResult.Rejected.UNSUPPORTED, assertInstanceOf(OcoResult.Rejected.class, fractional).code());
        assertEquals(PlacementResult.Rejected.UNKNOWN_INSTRUMENT, assertInstanceOf(OcoResult.Rejected.class, crypto).code());
        assertEquals(PlacementResult.Rejected.UNSUPPORTED, assertInstanceOf(OcoResult.Rejected.class, extendedSession).code());
        assertEquals(0, trading.count("POST", "/v2/orders"));
    }

    @Test
    void alpacasRefusalOfThePairIsARejectionWithItsReason() {
        trading.on("POST /v2/orders", Reply.error(403, 40310000, "insufficient qty available for order (requested: 3, available: 0)"));

        OcoResult.Rejected rejected = assertInstanceOf(OcoResult.Rejected.class, gateway.placeOco(exitPair("3")));

        assertTrue(rejected.reason().contains("insufficient qty"), rejected.reason());
        assertFalse(rejected.reason().contains(AlpacaFake.SECRET));
    }
}
