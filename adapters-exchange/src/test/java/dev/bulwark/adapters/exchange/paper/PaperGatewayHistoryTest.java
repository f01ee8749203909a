package dev.bulwark.adapters.exchange.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.OrderSide;
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
import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.ports.driven.paper.PaperHistoryEntry;
import dev.bulwark.ports.driven.venues.CancelResult;
import dev.bulwark.ports.driven.venues.OrderRequest;
import dev.bulwark.ports.driven.venues.PlacementResult;
import dev.bulwark.ports.driven.venues.VenueConnection;
import dev.bulwark.ports.driven.venues.VenueEnvironment;
import dev.bulwark.ports.errors.Unavailable;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The paper venue keeps what settled (final orders, fills) in the store's history instead of its document, and
 * answers for it exactly as before; a call that only observed the market saves nothing.
 */
class PaperGatewayHistoryTest {
    private static final Instrument BTC = Instrument.spot("BTC", "USDT");
    private static final Instrument ETH = Instrument.spot("ETH", "USDT");
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final Map<Asset, BigDecimal> FUNDING = Map.of(Asset.USDT, new BigDecimal("1000000"));

    private final AtomicReference<Instant> clock = new AtomicReference<>(T0);
    private final ScriptedMarket market = new ScriptedMarket();
    private final InMemoryPaperStates states = new InMemoryPaperStates();
    private final PaperVenueProvider provider = provider();
    private VenueAccount account;
    private PaperGateway gateway;

    private PaperVenueProvider provider() {
        return new PaperVenueProvider(market, states, PaperVenueProvider.binanceLikeSpot(), FUNDING);
    }

    @BeforeEach
    void connect() {
        account = VenueAccount.paper(new VenueAccountId(UUID.randomUUID()), new WorkspaceId(UUID.randomUUID()), "Paper", T0);
        gateway = connect(provider);
        market.price(BTC, "30000");
        market.price(ETH, "2000");
    }

    private PaperGateway connect(PaperVenueProvider on) {
        return (PaperGateway) on.connect(VenueConnection.of(account, VenueEnvironment.PAPER, null, clock::get));
    }

    /** Another process: its own provider (so its own copy of the books) on the same store. */
    private PaperGateway connectInAnotherProcess() {
        return connect(provider());
    }

    private static ClientOrderId cid(String id) {
        return new ClientOrderId(id);
    }

    private static OrderRequest buy(String quantity, String clientId) {
        return OrderRequest.market(BTC, OrderSide.BUY, OrderSize.quantity(new BigDecimal(quantity)), cid(clientId));
    }

    private static OrderRequest limitBuy(String price, String clientId) {
        return OrderRequest.limit(BTC, OrderSide.BUY, new BigDecimal("0.1"), new BigDecimal(price), TimeInForce.GTC, cid(clientId));
    }

    private String document() {
        return states.load(account.workspace(), account.id()).orElseThrow().document();
    }

    private List<PaperHistoryEntry> history(PaperHistoryEntry.Kind kind) {
        return states.history(account.id()).stream().filter(e -> e.kind() == kind).toList();
    }

    private static String code(PlacementResult result) {
        return ((PlacementResult.Rejected) result).code();
    }

    @Test
    void theStoredDocumentStaysFlatOverTwoHundredFilledMarketOrders() {
        List<Integer> sizes = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            assertThat(gateway.place(buy("0.01", "m-" + i))).isInstanceOf(PlacementResult.Placed.class);
            sizes.add(document().length());
        }

        // after the first few orders only digits of balances and the sequence change
        List<Integer> steady = sizes.subList(9, 200);
        assertThat(steady.stream().mapToInt(Integer::intValue).max().orElseThrow()
                - steady.stream().mapToInt(Integer::intValue).min().orElseThrow()).isLessThan(32);
        assertThat(document()).doesNotContain("m-1\"").doesNotContain("m-200");
        assertThat(history(PaperHistoryEntry.Kind.ORDER)).hasSize(200);
        assertThat(history(PaperHistoryEntry.Kind.FILL)).hasSize(200);
        assertThat(states.saves).isEqualTo(200);
        assertThat(gateway.fills(BTC, T0)).hasSize(200);
    }

    @Test
    void settledOrdersAndFillsStillAnswerLookupsByClientIdAndFills() {
        gateway.place(buy("0.1", "m-1"));
        gateway.place(limitBuy("29000", "l-1"));
        gateway.place(limitBuy("28000", "gone"));
        gateway.cancel(BTC, cid("gone"));
        clock.set(T0.plusSeconds(180));
        market.candle(BTC, T0.plusSeconds(60), "30000", "30100", "28900", "29500");

        assertThat(gateway.findByClientOrderId(BTC, cid("l-1"))).get().satisfies(o -> {
            assertThat(o.status()).isEqualTo(OrderStatus.FILLED);
            assertThat(o.averageFillPrice()).isEqualByComparingTo("29000");
        });
        assertThat(gateway.findByClientOrderId(BTC, cid("m-1"))).get().extracting(Order::status).isEqualTo(OrderStatus.FILLED);
        assertThat(gateway.findByClientOrderId(BTC, cid("gone"))).get().extracting(Order::status).isEqualTo(OrderStatus.CANCELLED);
        assertThat(gateway.findByClientOrderId(ETH, cid("m-1"))).isEmpty();
        assertThat(gateway.findByClientOrderId(BTC, cid("never"))).isEmpty();
        List<Fill> fills = gateway.fills(BTC, T0);
        assertThat(fills).extracting(Fill::price).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(fills.getFirst().price(), new BigDecimal("29000"));
        assertThat(fills.getFirst().price()).isGreaterThanOrEqualTo(new BigDecimal("30000"));
        assertThat(gateway.fills(BTC, T0.plusSeconds(1))).singleElement().extracting(Fill::price)
                .satisfies(p -> assertThat(p).isEqualByComparingTo("29000"));
        assertThat(gateway.fills(ETH, T0)).isEmpty();
        assertThat(gateway.openOrders(null)).isEmpty();
        assertThat(document()).doesNotContain("\"l-1\"").doesNotContain("\"m-1\"").doesNotContain("\"gone\"");
    }

    @Test
    void aFillThatHappensDuringAReadIsAnsweredBeforeItIsSettledAndOnceAfter() {
        gateway.place(limitBuy("29000", "l-1"));
        clock.set(T0.plusSeconds(180));
        market.candle(BTC, T0.plusSeconds(60), "30000", "30100", "28900", "29500");

        assertThat(gateway.fills(BTC, T0)).hasSize(1); // filled by this call's catch-up, settled by its save
        assertThat(gateway.fills(BTC, T0)).hasSize(1);
        assertThat(history(PaperHistoryEntry.Kind.FILL)).hasSize(1);
    }

    @Test
    void fillsSinceATimeCompareToTheNanosecondThoughTheHistoryIsKeyedByTheMicrosecond() {
        gateway.place(limitBuy("29000", "l-1"));
        clock.set(T0.plusSeconds(180));
        market.candle(BTC, T0.plusSeconds(60), "30000", "30100", "28900", "29500");
        Instant filledAt = gateway.fills(BTC, T0).getFirst().time(); // along the candle's path, to the nanosecond
        assertThat(filledAt.getNano() % 1000).isNotZero();

        assertThat(gateway.fills(BTC, filledAt)).hasSize(1);
        assertThat(gateway.fills(BTC, filledAt.plusNanos(1))).isEmpty();
        assertThat(gateway.fills(BTC, filledAt.minusNanos(1))).hasSize(1);
        assertThat(history(PaperHistoryEntry.Kind.FILL).getFirst().at()).isEqualTo(filledAt.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    }

    @Test
    void aClientOrderIdUsedBeforeIsStillADuplicateOnceSettledEvenAfterARestart() {
        gateway.place(buy("0.1", "m-1"));
        assertThat(gateway.place(buy("100", "too-big"))).isInstanceOf(PlacementResult.Rejected.class); // rejected: used too

        assertThat(code(gateway.place(buy("0.1", "m-1")))).isEqualTo("duplicate-client-order-id");
        assertThat(code(gateway.place(limitBuy("29000", "too-big")))).isEqualTo("duplicate-client-order-id");
        assertThat(code(connectInAnotherProcess().place(buy("0.1", "m-1")))).isEqualTo("duplicate-client-order-id");
        assertThat(code(gateway.place(OrderRequest.market(ETH, OrderSide.BUY, OrderSize.quantity(BigDecimal.ONE), cid("m-1")))))
                .isEqualTo("duplicate-client-order-id");
        assertThat(history(PaperHistoryEntry.Kind.ORDER)).hasSize(2);
    }

    @Test
    void cancellingASettledOrderAnswersAlreadyFinal() {
        gateway.place(buy("0.1", "m-1"));

        assertThat(gateway.cancel(BTC, cid("m-1"))).isInstanceOfSatisfying(CancelResult.AlreadyFinal.class,
                c -> assertThat(c.order().status()).isEqualTo(OrderStatus.FILLED));
        assertThat(gateway.cancel(ETH, cid("m-1"))).isInstanceOf(CancelResult.UnknownOrder.class);
        assertThat(gateway.cancel(BTC, cid("never"))).isInstanceOf(CancelResult.UnknownOrder.class);
    }

    @Test
    void aResetForgetsTheHistoryWithTheBooks() {
        gateway.place(buy("0.1", "m-1"));
        gateway.place(limitBuy("29000", "l-1"));

        gateway.reset(Map.of(Asset.USDT, new BigDecimal("2000")));

        assertThat(states.history(account.id())).isEmpty();
        assertThat(gateway.findByClientOrderId(BTC, cid("m-1"))).isEmpty();
        assertThat(gateway.fills(BTC, T0)).isEmpty();
        assertThat(gateway.openOrders(null)).isEmpty();
        PaperGateway elsewhere = connectInAnotherProcess();
        assertThat(elsewhere.findByClientOrderId(BTC, cid("m-1"))).isEmpty();
        assertThat(elsewhere.place(buy("0.01", "m-1"))).isInstanceOf(PlacementResult.Placed.class);
        assertThat(gateway.fills(BTC, T0)).hasSize(1);
    }

    @Test
    void aReadWhereOnlyThePriceMovedSavesNothing() {
        gateway.place(limitBuy("29000", "l-1")); // BTC is watched from now on
        int saves = states.saves;
        String stored = document();

        for (String price : List.of("30100", "29500", "30500")) {
            clock.set(clock.get().plusSeconds(30));
            market.price(BTC, price);
            gateway.balances();
            gateway.openOrders(BTC);
            gateway.fills(BTC, T0);
            gateway.findByClientOrderId(BTC, cid("l-1"));
            assertThat(gateway.price(BTC)).contains(new BigDecimal(price));
        }
        clock.set(clock.get().plusSeconds(120));
        market.candle(BTC, clock.get().minusSeconds(90), "30500", "30600", "29100", "30200"); // a candle that fills nothing
        gateway.balances();

        assertThat(states.saves).isEqualTo(saves);
        assertThat(document()).isEqualTo(stored);

        market.price(BTC, "28900"); // through the limit: the account owns something new
        assertThat(gateway.openOrders(BTC)).isEmpty();
        assertThat(states.saves).isEqualTo(saves + 1);
    }

    @Test
    void aTrailingStopsNewBestPriceIsSaved() {
        gateway.place(buy("0.1", "m-1"));
        gateway.place(new OrderRequest(BTC, OrderSide.SELL, OrderType.TRAILING_STOP, OrderSize.quantity(new BigDecimal("0.05")),
                null, null, new TrailingOffset.ByAmount(new BigDecimal("500")), TimeInForce.GTC, cid("trail"), false, null));
        int saves = states.saves;

        market.price(BTC, "30400"); // a new high: the trailing stop's best price moves
        gateway.balances();
        assertThat(states.saves).isEqualTo(saves + 1);

        market.price(BTC, "30200"); // below the best, above its trigger: nothing the account owns moves
        gateway.balances();
        assertThat(states.saves).isEqualTo(saves + 1);

        PaperGateway restarted = connectInAnotherProcess();
        market.price(BTC, "29950"); // 450 below the saved best of 30400 but not 500: it must not trigger...
        assertThat(restarted.openOrders(BTC)).hasSize(1);
        market.price(BTC, "29850"); // ...and 550 below it must
        assertThat(restarted.openOrders(BTC)).isEmpty();
        assertThat(restarted.findByClientOrderId(BTC, cid("trail"))).get().extracting(Order::status).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void afterARestartTheReplayOfAQuietStretchTriggersNothingAndTheNextMoveActsAsUsual() {
        gateway.place(limitBuy("29000", "l-1"));
        var balances = gateway.balances();
        int saves = states.saves;
        for (int minute = 0; minute < 5; minute++) {
            market.candle(BTC, T0.plusSeconds(60L * minute), "30000", "30200", "29100", "30000");
            clock.set(T0.plusSeconds(60L * minute + 61));
            gateway.balances(); // seen here, not saved
        }
        assertThat(states.saves).isEqualTo(saves);

        PaperGateway restarted = connectInAnotherProcess(); // starts from the observations stored at placement

        assertThat(restarted.balances()).isEqualTo(balances);
        assertThat(restarted.openOrders(BTC)).extracting(o -> o.clientOrderId().value()).containsExactly("l-1");
        assertThat(states.saves).isEqualTo(saves);
        market.candle(BTC, T0.plusSeconds(360), "30000", "30000", "28900", "29500");
        clock.set(T0.plusSeconds(421));
        assertThat(restarted.openOrders(BTC)).isEmpty();
        assertThat(restarted.fills(BTC, T0)).singleElement().extracting(Fill::price)
                .satisfies(p -> assertThat(p).isEqualByComparingTo("29000"));
    }

    @Test
    void twoProcessesNeverLoseEachOthersSettledOrders() {
        PaperGateway other = connectInAnotherProcess();
        other.balances(); // holds the books as they are now

        gateway.place(buy("0.1", "here"));
        assertThat(other.place(buy("0.1", "there"))).isInstanceOf(PlacementResult.Placed.class); // conflict, reload, redo
        assertThat(code(other.place(buy("0.1", "here")))).isEqualTo("duplicate-client-order-id");
        assertThat(code(gateway.place(buy("0.1", "there")))).isEqualTo("duplicate-client-order-id");

        PaperGateway third = connectInAnotherProcess();
        assertThat(third.fills(BTC, T0)).hasSize(2);
        assertThat(third.findByClientOrderId(BTC, cid("here"))).isPresent();
        assertThat(third.findByClientOrderId(BTC, cid("there"))).isPresent();
        assertThat(history(PaperHistoryEntry.Kind.ORDER)).extracting(e -> Objects.requireNonNull(e.clientOrderId()).value())
                .containsExactly("here", "there");
        assertThat(free(third, Asset.BTC)).isEqualByComparingTo("0.2");
    }

    @Test
    void aSaveThatFailsLosesNothingAndSettlesNothingTwice() {
        gateway.place(limitBuy("29000", "l-1"));
        clock.set(T0.plusSeconds(180));
        market.candle(BTC, T0.plusSeconds(60), "30000", "30100", "28900", "29500");

        states.failNextSave = true;
        assertThatThrownBy(gateway::balances).isInstanceOf(Unavailable.class);
        assertThat(history(PaperHistoryEntry.Kind.FILL)).isEmpty();

        assertThat(gateway.openOrders(BTC)).isEmpty(); // the same fill, replayed from the stored books
        assertThat(history(PaperHistoryEntry.Kind.FILL)).hasSize(1);
        assertThat(history(PaperHistoryEntry.Kind.ORDER)).singleElement().extracting(PaperHistoryEntry::clientOrderId)
                .isEqualTo(cid("l-1"));
        assertThat(gateway.fills(BTC, T0)).hasSize(1);
        assertThat(free(gateway, Asset.BTC)).isEqualByComparingTo("0.1");
    }

    @Test
    void aFormatOneDocumentIsReadAndItsOrdersAndFillsBecomeHistoryOnTheNextSave() throws IOException {
        String formatOne;
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("format-1-books.json"))) {
            formatOne = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // written by 0.1.0: a market buy filled, a limit resting, a limit cancelled, an order rejected
        account = VenueAccount.paper(new VenueAccountId(UUID.fromString("01937a3e-4c00-7000-8000-00000000f001")),
                account.workspace(), "Paper", T0);
        states.put(account.workspace(), account.id(), formatOne, T0);
        PaperGateway old = connect(provider());

        assertThat(old.openOrders(null)).extracting(o -> o.clientOrderId().value()).containsExactly("old-limit");

        assertThat(document()).contains("\"format\":2").doesNotContain("old-market").doesNotContain("old-cancelled")
                .doesNotContain("old-rejected").contains("old-limit");
        assertThat(history(PaperHistoryEntry.Kind.ORDER)).extracting(e -> Objects.requireNonNull(e.clientOrderId()).value())
                .containsExactly("old-market", "old-cancelled", "old-rejected");
        assertThat(history(PaperHistoryEntry.Kind.FILL)).hasSize(1);
        assertThat(old.findByClientOrderId(BTC, cid("old-market"))).get().extracting(Order::status).isEqualTo(OrderStatus.FILLED);
        assertThat(old.fills(BTC, Instant.parse("2026-11-20T00:00:00Z"))).hasSize(1);
        assertThat(old.cancel(BTC, cid("old-cancelled"))).isInstanceOf(CancelResult.AlreadyFinal.class);
        assertThat(code(old.place(buy("0.01", "old-rejected")))).isEqualTo("duplicate-client-order-id");
        assertThat(free(old, Asset.BTC)).isEqualByComparingTo("0.1");
        assertThat(free(old, Asset.USDT)).isEqualByComparingTo("4092.5985");
    }

    @Test
    void aDocumentOfAFormatThisVersionDoesNotKnowIsRefused() {
        states.put(account.workspace(), account.id(), "{\"format\":3,\"snapshot\":null,\"processedUntil\":{}}", T0);
        assertThatThrownBy(() -> connectInAnotherProcess().balances()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("format 3");
    }

    private static BigDecimal free(PaperGateway g, Asset asset) {
        return g.balances().stream().filter(h -> h.asset().equals(asset)).map(Holding::free).findFirst().orElse(BigDecimal.ZERO);
    }
}
