package dev.bulwark.adapters.exchange.binance;

import static dev.bulwark.adapters.exchange.binance.BinanceFake.Reply;
import static dev.bulwark.adapters.exchange.binance.BinanceFake.resource;
import static dev.bulwark.adapters.exchange.binance.BinanceSignerTest.DOC_API_KEY;
import static dev.bulwark.adapters.exchange.binance.BinanceSignerTest.DOC_SECRET;
import static dev.bulwark.adapters.exchange.binance.BinanceTesting.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.adapters.exchange.marketdata.testing.MutableClock;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderSize;
import dev.bulwark.domain.orders.OrderStatus;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.orders.TimeInForce;
import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.ports.driven.venues.OcoRequest;
import dev.bulwark.ports.driven.venues.OcoResult;
import dev.bulwark.ports.driven.venues.PlacementResult;
import dev.bulwark.ports.driven.venues.VenueCapability;
import dev.bulwark.ports.driven.venues.VenueGateway;
import dev.bulwark.ports.errors.RateLimited;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Binance spot's native OCO ({@code POST /api/v3/orderList/oco}, "New Order list - OCO (TRADE)") against the fake
 * Binance, which recomputes every signature: the exact request of both sides, the documented answer read into two
 * orders, the documented refusals, and the unknown outcomes that are never sent twice.
 */
class BinanceOcoTest {
    static final String OCO = "POST /api/v3/orderList/oco";
    static final Instrument BTTC_USDT = Instrument.spot("BTTC", "USDT");
    static final Instrument LTC_BTC = Instrument.spot("LTC", "BTC");
    static final ClientOrderId TP = new ClientOrderId("bw-oco-1-tp");
    static final ClientOrderId SL = new ClientOrderId("bw-oco-1-sl");
    /** {@code oco-} and the first 32 hex digits of SHA-256("bw-oco-1-tp|bw-oco-1-sl"), computed with sha256sum. */
    static final String LIST_ID = "oco-25fc137ad5423fce22256ec0e765aec9";
    /** The request of {@link #sellPair()} at 1710485608000 as Binance must receive it, parameters in sent order. */
    static final String SELL_PAYLOAD = "symbol=BTTCUSDT&listClientOrderId=" + LIST_ID + "&side=SELL&quantity=1500000"
            + "&aboveType=TAKE_PROFIT&aboveClientOrderId=bw-oco-1-tp&aboveStopPrice=0.00000095"
            + "&belowType=STOP_LOSS&belowClientOrderId=bw-oco-1-sl&belowStopPrice=0.00000072"
            + "&newOrderRespType=FULL&recvWindow=5000&timestamp=1710485608000";
    /** HMAC-SHA256 of {@link #SELL_PAYLOAD} with the docs' secret, computed with {@code openssl dgst -sha256 -hmac}. */
    static final String SELL_SIGNATURE = "cfa1a135e238ebb0decf9f6b9952a4c92db81147e63d42bc8394de64ae203afc";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = new MutableClock(T0);
    private final VenueAccount account = BinanceTesting.account();
    private BinanceFake fake;
    private BinanceVenueProvider provider;
    private BinanceGateway gateway;

    @BeforeEach
    void start() {
        fake = new BinanceFake(DOC_API_KEY, DOC_SECRET, () -> clock.now().toEpochMilli());
        provider = new BinanceVenueProvider(BinanceTesting.settings());
        gateway = BinanceTesting.connect(provider, account, fake, DOC_API_KEY, DOC_SECRET, clock);
    }

    @AfterEach
    void stop() {
        gateway.close();
        fake.close();
    }

    /** Protecting a long of 1,500,000 BTTC: take profit at 0.00000095, stop at 0.00000072 (9.5E-7 and 7.2E-7). */
    private static OcoRequest sellPair() {
        return new OcoRequest(BTTC_USDT, OrderSide.SELL, new BigDecimal("1500000.000"), new BigDecimal("9.5E-7"),
                new BigDecimal("7.20E-7"), TP, SL, false);
    }

    // --- the request ---

    @Test
    void sendsTheSellPairAsOneSignedOrderListByteForByte() {
        clock.set(Instant.ofEpochMilli(1710485608000L));
        fake.on(OCO, Reply.ok(resource("order-list-oco-full.json")));

        OcoResult result = gateway.placeOco(sellPair());

        assertThat(result).isInstanceOf(OcoResult.Placed.class);
        assertThat(fake.requests()).hasSize(1);
        BinanceFake.Request sent = fake.last(OCO);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/api/v3/orderList/oco");
        assertThat(sent.rawQuery()).isEmpty();
        assertThat(sent.body()).isEqualTo(SELL_PAYLOAD + "&signature=" + SELL_SIGNATURE);
        assertThat(BinanceFake.hmac(DOC_SECRET, SELL_PAYLOAD)).isEqualTo(SELL_SIGNATURE);
        assertThat(sent.header("X-MBX-APIKEY")).isEqualTo(DOC_API_KEY);
        assertThat(sent.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
        // money travels as plain decimals, never in exponent notation
        assertThat(sent.body()).doesNotContain("E-").doesNotContain("E+");
    }

    @Test
    void sendsTheBuyPairMirroredTheStopAboveAndTheTakeProfitBelow() {
        fake.on(OCO, Reply.error(400, -2010, "Account has insufficient balance for requested action."));
        ClientOrderId tp = new ClientOrderId("bw-short-7-tp");
        ClientOrderId sl = new ClientOrderId("bw-short-7-sl");

        OcoResult result = gateway.placeOco(new OcoRequest(Instrument.spot("BTC", "USDT"), OrderSide.BUY,
                new BigDecimal("0.00250"), new BigDecimal("58000.50"), new BigDecimal("66000"), tp, sl, false));

        BinanceFake.Request sent = fake.last(OCO);
        // the stop is the above leg, the take-profit the below one; computed with sha256sum and openssl
        String payload = "symbol=BTCUSDT&listClientOrderId=oco-5ecfb0286b4d1336fa5bc12c7c8a79f3&side=BUY&quantity=0.0025"
                + "&aboveType=STOP_LOSS&aboveClientOrderId=bw-short-7-sl&aboveStopPrice=66000"
                + "&belowType=TAKE_PROFIT&belowClientOrderId=bw-short-7-tp&belowStopPrice=58000.5"
                + "&newOrderRespType=FULL&recvWindow=5000&timestamp=" + T0.toEpochMilli();
        assertThat(sent.body()).isEqualTo(payload
                + "&signature=8c17ba38ac859cf7e62c18d0e2989e0298aa83dbd9975af72ba8085e7a9bd565");
        assertThat(sent.params()).containsEntry("aboveType", "STOP_LOSS").containsEntry("aboveStopPrice", "66000")
                .containsEntry("belowType", "TAKE_PROFIT").containsEntry("belowStopPrice", "58000.5")
                .doesNotContainKeys("abovePrice", "belowPrice", "aboveTimeInForce", "belowTimeInForce");
        assertThat(result).isEqualTo(new OcoResult.Rejected(PlacementResult.Rejected.INSUFFICIENT_FUNDS,
                "Account has insufficient balance for requested action."));
    }

    @Test
    void theListClientOrderIdIsDerivedFromBothLegsWithinBinancesRules() {
        String id = BinanceAdapters.listClientOrderId(sellPair());

        assertThat(id).isEqualTo(LIST_ID).hasSize(36).matches("[A-Za-z0-9._:/-]{1,36}");
        // the same legs give the same list id whatever the prices; other legs (or the legs swapped) another
        assertThat(BinanceAdapters.listClientOrderId(new OcoRequest(LTC_BTC, OrderSide.SELL, BigDecimal.TEN,
                new BigDecimal("3"), BigDecimal.ONE, TP, SL, false))).isEqualTo(LIST_ID);
        assertThat(BinanceAdapters.listClientOrderId(new OcoRequest(LTC_BTC, OrderSide.SELL, BigDecimal.TEN,
                new BigDecimal("3"), BigDecimal.ONE, SL, TP, false))).isNotEqualTo(LIST_ID);
        assertThat(BinanceAdapters.listClientOrderId(new OcoRequest(LTC_BTC, OrderSide.SELL, BigDecimal.TEN,
                new BigDecimal("3"), BigDecimal.ONE, TP, new ClientOrderId("bw-oco-2-sl"), false))).isNotEqualTo(LIST_ID);
    }

    // --- the answer ---

    @Test
    void theDocumentedAnswerIsReadIntoBothLegsByTheirClientOrderIds() {
        // the docs' example: orderId 10 is the STOP_LOSS_LIMIT below, 11 the LIMIT_MAKER above; named as we sent them
        fake.on(OCO, request -> Reply.ok(resource("order-list-oco.json")
                .replace("44nZvqpemY7sVYgPYbvPih", request.params().get("belowClientOrderId"))
                .replace("NuMp0nVYnciDiFmVqfpBqK", request.params().get("aboveClientOrderId"))));

        OcoResult result = gateway.placeOco(new OcoRequest(LTC_BTC, OrderSide.SELL, new BigDecimal("5"),
                new BigDecimal("3"), BigDecimal.ONE, TP, SL, false));

        assertThat(result).isInstanceOf(OcoResult.Placed.class);
        Order takeProfit = ((OcoResult.Placed) result).takeProfit();
        Order stopLoss = ((OcoResult.Placed) result).stopLoss();
        assertThat(takeProfit.clientOrderId()).isEqualTo(TP);
        assertThat(takeProfit.id()).isEqualTo(VenueGateway.orderIdOf(account.id(), TP));
        assertThat(takeProfit.account()).isEqualTo(account.id());
        assertThat(takeProfit.instrument()).isEqualTo(LTC_BTC);
        assertThat(takeProfit.side()).isEqualTo(OrderSide.SELL);
        assertThat(takeProfit.type()).isEqualTo(OrderType.LIMIT);
        assertThat(takeProfit.limitPrice()).isEqualByComparingTo("3");
        assertThat(takeProfit.stopPrice()).isNull();
        assertThat(takeProfit.size()).isEqualTo(OrderSize.quantity(new BigDecimal("5")));
        assertThat(takeProfit.status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(takeProfit.createdAt()).isEqualTo(Instant.ofEpochMilli(1710485608839L));
        assertThat(stopLoss.clientOrderId()).isEqualTo(SL);
        assertThat(stopLoss.id()).isEqualTo(VenueGateway.orderIdOf(account.id(), SL));
        assertThat(stopLoss.type()).isEqualTo(OrderType.STOP_LIMIT);
        assertThat(stopLoss.stopPrice()).isEqualByComparingTo("1");
        assertThat(stopLoss.limitPrice()).isEqualByComparingTo("1");
        assertThat(stopLoss.status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(stopLoss.filledQuantity()).isZero();
        assertThat(stopLoss.averageFillPrice()).isNull();
        assertThat(stopLoss.createdAt()).isEqualTo(Instant.ofEpochMilli(1710485608839L));
    }

    @Test
    void theFullAnswerToOurPairIsATakeProfitAndAStopMarketWhateverTheirPlaceInTheList() {
        clock.set(Instant.ofEpochMilli(1710485608000L));
        fake.on(OCO, Reply.ok(resource("order-list-oco-full.json")));

        OcoResult.Placed placed = (OcoResult.Placed) gateway.placeOco(sellPair());

        // the answer lists the stop (below) first
        assertThat(placed.takeProfit().clientOrderId()).isEqualTo(TP);
        assertThat(placed.takeProfit().type()).isEqualTo(OrderType.TAKE_PROFIT);
        assertThat(placed.takeProfit().stopPrice()).isEqualByComparingTo("0.00000095");
        assertThat(placed.takeProfit().limitPrice()).isNull();
        assertThat(placed.takeProfit().timeInForce()).isEqualTo(OrderType.TAKE_PROFIT.defaultTimeInForce());
        assertThat(placed.stopLoss().clientOrderId()).isEqualTo(SL);
        assertThat(placed.stopLoss().type()).isEqualTo(OrderType.STOP_MARKET);
        assertThat(placed.stopLoss().stopPrice()).isEqualByComparingTo("0.00000072");
        assertThat(placed.stopLoss().limitPrice()).isNull();
        assertThat(placed.takeProfit().size()).isEqualTo(OrderSize.quantity(new BigDecimal("1500000")));
        assertThat(placed.stopLoss().size()).isEqualTo(OrderSize.quantity(new BigDecimal("1500000")));
        assertThat(placed.takeProfit().status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(placed.stopLoss().status()).isEqualTo(OrderStatus.ACCEPTED);
        // untriggered legs have no workingTime: the answer's transactTime dates them
        assertThat(placed.stopLoss().createdAt()).isEqualTo(Instant.ofEpochMilli(1710485608839L));
    }

    @Test
    void anAnswerWhoseOrdersAreNotThePairSentCannotBeReadAndIsUnknown() {
        // the docs' example verbatim names orders we never sent
        fake.on(OCO, Reply.ok(resource("order-list-oco.json")));

        assertThatThrownBy(() -> gateway.placeOco(new OcoRequest(LTC_BTC, OrderSide.SELL, new BigDecimal("5"),
                new BigDecimal("3"), BigDecimal.ONE, TP, SL, false))).isInstanceOf(VenueUnavailable.class);
        assertThat(fake.requests(OCO)).hasSize(1);

        fake.on(OCO, Reply.ok(resource("order-list-oco-full.json").replace("\"OCO\"", "\"OTO\"")));
        assertThatThrownBy(() -> gateway.placeOco(sellPair())).isInstanceOf(VenueUnavailable.class);
        fake.on(OCO, Reply.ok(resource("order-list-oco-full.json").replace("bw-oco-1-sl", "bw-oco-1-tp")));
        assertThatThrownBy(() -> gateway.placeOco(sellPair())).isInstanceOf(VenueUnavailable.class);
    }

    @Test
    void aListBinanceReportsRejectedOrWithARejectedOrderIsARejection() {
        OcoResult.Rejected rejected = new OcoResult.Rejected("venue:REJECTED", "Binance rejected the OCO");
        String full = resource("order-list-oco-full.json");

        fake.on(OCO, Reply.ok(full.replace("\"EXECUTING\"", "\"REJECT\"")));
        assertThat(gateway.placeOco(sellPair())).isEqualTo(rejected);

        // the stop (the first report) rejected, the list still said to be executing
        fake.on(OCO, Reply.ok(full.replaceFirst("\"NEW\"", "\"REJECTED\"")));
        assertThat(gateway.placeOco(sellPair())).isEqualTo(rejected);
        // the take-profit (the second report) rejected
        int second = full.lastIndexOf("\"NEW\"");
        fake.on(OCO, Reply.ok(full.substring(0, second) + "\"REJECTED\"" + full.substring(second + 5)));
        assertThat(gateway.placeOco(sellPair())).isEqualTo(rejected);
    }

    // --- refusals ---

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "-2010|Account has insufficient balance for requested action.|insufficient-funds",
            "-2010|Duplicate order sent.|duplicate-client-order-id",
            "-2010|OCO orders are not supported for this symbol|unsupported",
            "-2010|The relationship of the prices for the orders is not correct.|venue:-2010",
            "-2010|Order would trigger immediately.|venue:-2010",
            "-1013|Filter failure: PRICE_FILTER|outside-trading-rules",
            "-1013|Filter failure: LOT_SIZE|outside-trading-rules",
            "-1111|Parameter 'quantity' has too much precision.|outside-trading-rules",
            "-1121|Invalid symbol.|unknown-instrument",
            "-2015|Invalid API-key, IP, or permissions for action.|not-permitted"})
    void documentedRefusalsAreRejectionsWithTheCodesOfASingleOrder(int code, String message, String expected) {
        fake.on(OCO, Reply.error(400, code, message));

        OcoResult result = gateway.placeOco(sellPair());

        assertThat(result).isEqualTo(new OcoResult.Rejected(expected, message));
        assertThat(((OcoResult.Rejected) result).reason()).doesNotContain(DOC_API_KEY).doesNotContain(DOC_SECRET);
        assertThat(fake.requests(OCO)).hasSize(1);
        // the single placement answers the same refusal with the same code
        fake.on("POST /api/v3/order", Reply.error(400, code, message));
        PlacementResult single = gateway.place(sellPair().stopLossLeg());
        assertThat(single).isEqualTo(new PlacementResult.Rejected(expected, message));
    }

    @Test
    void whatBinanceSpotCannotDoIsRefusedWithoutSendingAnything() {
        Instrument perp = new Instrument(Asset.BTC, Asset.USDT, Market.USDM_FUTURES);

        OcoResult result = gateway.placeOco(new OcoRequest(perp, OrderSide.SELL, BigDecimal.ONE, new BigDecimal("70000"),
                new BigDecimal("60000"), TP, SL, false));

        assertThat(result).isInstanceOf(OcoResult.Rejected.class);
        assertThat(((OcoResult.Rejected) result).code()).isEqualTo(PlacementResult.Rejected.UNSUPPORTED);
        assertThat(fake.requests()).isEmpty();
    }

    // --- unknown outcomes ---

    @Test
    void anOcoAnswered5xxIsUnknownAndNeverRetried() {
        fake.on(OCO, Reply.json(503, "{\"code\":-1008,\"msg\":\"Server is currently overloaded\"}"));

        assertThatThrownBy(() -> gateway.placeOco(sellPair())).isInstanceOf(VenueUnavailable.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(DOC_API_KEY).doesNotContain(DOC_SECRET)
                        .doesNotContain("signature"));
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void anOcoThatTimesOutIsUnknownNeverRetriedAndBothLegsAreFoundByTheirClientOrderIds() throws Exception {
        Map<String, String> book = new ConcurrentHashMap<>();
        fake.on(OCO, request -> {
            try {
                for (JsonNode report : JSON.readTree(resource("order-list-oco-full.json")).get("orderReports")) {
                    book.put(report.get("clientOrderId").asText(), report.toString());
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return Reply.ok(resource("order-list-oco-full.json")).after(Duration.ofMillis(1500));
        });
        fake.on("GET /api/v3/order", request -> {
            String body = book.get(request.params().get("origClientOrderId"));
            return body == null ? Reply.error(400, -2013, "Order does not exist.") : Reply.ok(body);
        });

        assertThatThrownBy(() -> gateway.placeOco(sellPair())).isInstanceOf(VenueUnavailable.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(DOC_API_KEY).doesNotContain(DOC_SECRET));
        assertThat(fake.requests(OCO)).hasSize(1);

        Order stop = gateway.findByClientOrderId(BTTC_USDT, SL).orElseThrow();
        Order target = gateway.findByClientOrderId(BTTC_USDT, TP).orElseThrow();

        assertThat(stop.id()).isEqualTo(VenueGateway.orderIdOf(account.id(), SL));
        assertThat(stop.type()).isEqualTo(OrderType.STOP_MARKET);
        assertThat(target.id()).isEqualTo(VenueGateway.orderIdOf(account.id(), TP));
        assertThat(target.type()).isEqualTo(OrderType.TAKE_PROFIT);
        assertThat(fake.requests(OCO)).hasSize(1);
    }

    @Test
    void aBackendTimeoutCodeIsAnUnknownOutcomeNotARejection() {
        fake.on(OCO, Reply.error(400, -1007,
                "Timeout waiting for response from backend server. Send status unknown; execution status unknown."));

        assertThatThrownBy(() -> gateway.placeOco(sellPair())).isInstanceOf(VenueUnavailable.class)
                .hasMessageContaining("POST /api/v3/orderList/oco");
        assertThat(fake.requests(OCO)).hasSize(1);
    }

    @Test
    void tooManyOrdersIsRateLimitedNotARejection() {
        fake.on(OCO, Reply.error(429, -1015, "Too many new orders; current limit is 100 orders per 10 SECOND."));

        assertThatThrownBy(() -> gateway.placeOco(sellPair())).isInstanceOf(RateLimited.class);
        assertThat(fake.requests(OCO)).hasSize(1);
    }

    // --- capability, lifecycle, secrets ---

    @Test
    void binanceSpotDeclaresOcoAndItsGatewaysHaveItButFuturesDoNot() {
        assertThat(provider.describe().capabilities()).contains(VenueCapability.OCO);
        assertThat(gateway.capabilities()).contains(VenueCapability.OCO);
        assertThat(new BinanceFuturesVenueProvider().describe().capabilities()).doesNotContain(VenueCapability.OCO);
    }

    @Test
    void aClosedGatewayRefusesAnOco() {
        gateway.close();

        assertThatThrownBy(() -> gateway.placeOco(sellPair())).isInstanceOf(IllegalStateException.class);
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void secretsAppearInNoMessageOfAnyOcoOutcome() {
        fake.on(OCO, Reply.error(400, -2010, "Account has insufficient balance for requested action."));
        assertThat(gateway.placeOco(sellPair()).toString()).doesNotContain(DOC_API_KEY).doesNotContain(DOC_SECRET);

        fake.on(OCO, Reply.json(502, "<html>Bad Gateway</html>"));
        assertThatThrownBy(() -> gateway.placeOco(sellPair())).satisfies(e -> assertThat(e.getMessage())
                .doesNotContain(DOC_API_KEY).doesNotContain(DOC_SECRET).doesNotContain("signature"));

        fake.on(OCO, Reply.ok("{\"orderListId\": 1, \"contingencyType\": \"OCO\""));
        assertThatThrownBy(() -> gateway.placeOco(sellPair())).satisfies(e -> assertThat(e.getMessage())
                .doesNotContain(DOC_API_KEY).doesNotContain(DOC_SECRET).doesNotContain("signature"));

        BinanceGateway wrongSecret = BinanceTesting.connect(provider, account, fake, DOC_API_KEY, DOC_SECRET + "x", clock);
        OcoResult refused = wrongSecret.placeOco(sellPair());
        assertThat(refused).isInstanceOf(OcoResult.Rejected.class);
        assertThat(refused.toString()).doesNotContain(DOC_API_KEY).doesNotContain(DOC_SECRET);
        wrongSecret.close();
    }
}
