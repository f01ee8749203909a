package dev.bulwark.adapters.exchange.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.OrderSize;
import dev.bulwark.domain.orders.OrderStatus;
import dev.bulwark.domain.orders.TimeInForce;
import dev.bulwark.domain.portfolio.Holding;
import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.venues.CancelResult;
import dev.bulwark.ports.driven.venues.OcoRequest;
import dev.bulwark.ports.driven.venues.OcoResult;
import dev.bulwark.ports.driven.venues.OrderRequest;
import dev.bulwark.ports.driven.venues.PlacementResult;
import dev.bulwark.ports.driven.venues.VenueCapability;
import dev.bulwark.ports.driven.venues.VenueConnection;
import dev.bulwark.ports.driven.venues.VenueEnvironment;
import dev.bulwark.ports.errors.Invalid;
import dev.bulwark.ports.errors.NotFound;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PaperGatewayTest {
    private static final Instrument BTC = Instrument.spot("BTC", "USDT");
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    private final AtomicReference<Instant> clock = new AtomicReference<>(T0);
    private final ScriptedMarket market = new ScriptedMarket();
    private final InMemoryPaperStates states = new InMemoryPaperStates();
    private final PaperVenueProvider provider = new PaperVenueProvider(market, states, PaperVenueProvider.binanceLikeSpot(),
            Map.of(Asset.USDT, new BigDecimal("10000")));
    private VenueAccount account;
    private PaperGateway gateway;

    @BeforeEach
    void connect() {
        account = VenueAccount.paper(new VenueAccountId(UUID.randomUUID()), new WorkspaceId(UUID.randomUUID()), "Paper", T0);
        gateway = connectNew();
        market.price(BTC, "30000");
    }

    private PaperGateway connectNew() {
        return (PaperGateway) provider.connect(VenueConnection.of(account, VenueEnvironment.PAPER, null, clock::get));
    }

    private static ClientOrderId cid(String id) {
        return new ClientOrderId(id);
    }

    private BigDecimal free(PaperGateway g, Asset asset) {
        return g.balances().stream().filter(h -> h.asset().equals(asset)).map(Holding::free).findFirst().orElse(BigDecimal.ZERO);
    }

    private BigDecimal locked(PaperGateway g, Asset asset) {
        return g.balances().stream().filter(h -> h.asset().equals(asset)).map(Holding::locked).findFirst().orElse(BigDecimal.ZERO);
    }

    @Test
    void aNewPaperAccountHoldsItsFunding() {
        assertThat(gateway.balances()).singleElement().satisfies(h -> {
            assertThat(h.asset()).isEqualTo(Asset.USDT);
            assertThat(h.free()).isEqualByComparingTo("10000");
            assertThat(h.venue()).isEqualTo(VenueId.PAPER);
        });
    }

    @Test
    void aMarketBuyFillsAtTheCurrentPricePlusSlippageAndMovesTheBalances() {
        PlacementResult result = gateway.place(OrderRequest.market(BTC, OrderSide.BUY, OrderSize.quantity(new BigDecimal("0.1")), cid("m-1")));

        assertThat(result).isInstanceOfSatisfying(PlacementResult.Placed.class, placed -> {
            assertThat(placed.order().status()).isEqualTo(OrderStatus.FILLED);
            assertThat(placed.order().averageFillPrice()).isGreaterThanOrEqualTo(new BigDecimal("30000"));
        });
        assertThat(free(gateway, Asset.BTC)).isPositive();
        assertThat(free(gateway, Asset.USDT)).isLessThan(new BigDecimal("7000"));
        assertThat(gateway.fills(BTC, T0)).hasSize(1);
        assertThat(((PlacementResult.Placed) result).fills()).as("the fills come with the answer")
                .isEqualTo(gateway.fills(BTC, T0));
    }

    @Test
    void aRestingLimitLocksFundsAndFillsWhenALaterCandleCrossesIt() {
        gateway.place(OrderRequest.limit(BTC, OrderSide.BUY, new BigDecimal("0.1"), new BigDecimal("29000"), TimeInForce.GTC, cid("l-1")));
        assertThat(gateway.openOrders(BTC)).hasSize(1);
        assertThat(locked(gateway, Asset.USDT)).isGreaterThanOrEqualTo(new BigDecimal("2900"));

        clock.set(T0.plusSeconds(180));
        market.candle(BTC, T0.plusSeconds(60), "30000", "30100", "28900", "29500");

        assertThat(gateway.openOrders(BTC)).isEmpty();
        assertThat(gateway.findByClientOrderId(BTC, cid("l-1"))).get().satisfies(o -> {
            assertThat(o.status()).isEqualTo(OrderStatus.FILLED);
            assertThat(o.averageFillPrice()).isEqualByComparingTo("29000");
        });
        assertThat(locked(gateway, Asset.USDT)).isZero();
    }

    private OcoRequest protect(String stop, String target, String prefix) {
        return new OcoRequest(BTC, OrderSide.SELL, new BigDecimal("0.1"), new BigDecimal(target), new BigDecimal(stop),
                cid(prefix + "-tp"), cid(prefix + "-sl"), false);
    }

    @Test
    void anOcoPairWorksUntilOneLegTriggersAndThatCancelsTheOther() {
        gateway.place(OrderRequest.market(BTC, OrderSide.BUY, OrderSize.quantity(new BigDecimal("0.1")), cid("e-1")));
        assertThat(gateway.capabilities()).contains(VenueCapability.OCO);
        assertThat(provider.describe().nativeOco()).isTrue();

        OcoResult placed = gateway.placeOco(protect("29000", "32000", "p1"));

        assertThat(placed).isInstanceOfSatisfying(OcoResult.Placed.class, pair -> {
            assertThat(pair.takeProfit().clientOrderId()).isEqualTo(cid("p1-tp"));
            assertThat(pair.takeProfit().status()).isEqualTo(OrderStatus.ACCEPTED);
            assertThat(pair.stopLoss().clientOrderId()).isEqualTo(cid("p1-sl"));
            assertThat(pair.stopLoss().status()).isEqualTo(OrderStatus.ACCEPTED);
        });
        assertThat(gateway.openOrders(BTC)).hasSize(2);

        clock.set(T0.plusSeconds(180));
        market.candle(BTC, T0.plusSeconds(60), "30000", "30100", "28800", "28900");

        assertThat(gateway.findByClientOrderId(BTC, cid("p1-sl"))).get()
                .satisfies(o -> assertThat(o.status()).isEqualTo(OrderStatus.FILLED));
        assertThat(gateway.findByClientOrderId(BTC, cid("p1-tp"))).get()
                .satisfies(o -> assertThat(o.status()).isEqualTo(OrderStatus.CANCELLED));
        assertThat(gateway.openOrders(BTC)).isEmpty();
        assertThat(free(gateway, Asset.BTC)).isZero();
        assertThat(locked(gateway, Asset.BTC)).isZero();
    }

    @Test
    void anOcoIsRefusedWholeForAReusedIdWithoutAPriceOrWithAStopAlreadyReached() {
        gateway.place(OrderRequest.market(BTC, OrderSide.BUY, OrderSize.quantity(new BigDecimal("0.1")), cid("e-2")));

        assertThat(gateway.placeOco(new OcoRequest(BTC, OrderSide.SELL, new BigDecimal("0.1"), new BigDecimal("32000"),
                new BigDecimal("29000"), cid("e-2"), cid("p0-sl"), false)))
                .isInstanceOfSatisfying(OcoResult.Rejected.class, r -> assertThat(r.code()).isEqualTo("duplicate-client-order-id"));
        assertThat(gateway.placeOco(protect("30500", "32000", "p2")))
                .as("a sell stop above the price would trigger at once").isInstanceOf(OcoResult.Rejected.class);
        market.noPrice(BTC);
        assertThat(gateway.placeOco(protect("29000", "32000", "p3")))
                .isInstanceOfSatisfying(OcoResult.Rejected.class, r -> assertThat(r.code()).isEqualTo("market-closed"));
        assertThat(gateway.openOrders(BTC)).isEmpty();
        assertThat(locked(gateway, Asset.BTC)).isZero();
    }

    @Test
    void aCancelFreesTheLockedFunds() {
        gateway.place(OrderRequest.limit(BTC, OrderSide.BUY, new BigDecimal("0.1"), new BigDecimal("29000"), TimeInForce.GTC, cid("c-1")));

        assertThat(gateway.cancel(BTC, cid("c-1"))).isInstanceOf(CancelResult.Cancelled.class);
        assertThat(locked(gateway, Asset.USDT)).isZero();
        assertThat(free(gateway, Asset.USDT)).isEqualByComparingTo("10000");
        assertThat(gateway.cancel(BTC, cid("c-1"))).isInstanceOf(CancelResult.AlreadyFinal.class);
        assertThat(gateway.cancel(BTC, cid("never"))).isInstanceOf(CancelResult.UnknownOrder.class);
    }

    @Test
    void whatTheBalanceOrTheRulesCannotCoverIsRejectedWithTheReason() {
        assertThat(gateway.place(OrderRequest.market(BTC, OrderSide.BUY, OrderSize.quantity(new BigDecimal("1")), cid("big"))))
                .isInstanceOfSatisfying(PlacementResult.Rejected.class, r -> assertThat(r.code()).isEqualTo("insufficient-funds"));
        assertThat(gateway.place(OrderRequest.limit(BTC, OrderSide.BUY, new BigDecimal("0.0001"), new BigDecimal("29000"), TimeInForce.GTC, cid("tiny"))))
                .isInstanceOfSatisfying(PlacementResult.Rejected.class, r -> assertThat(r.code()).isEqualTo("outside-trading-rules"));
        assertThat(gateway.place(OrderRequest.market(Instrument.spot("DOGE", "USDT"), OrderSide.BUY, OrderSize.quantity(BigDecimal.ONE), cid("doge"))))
                .isInstanceOf(PlacementResult.Rejected.class);
        assertThat(free(gateway, Asset.USDT)).isEqualByComparingTo("10000");
    }

    @Test
    void withoutAPriceAnOrderIsRejectedAsTheMarketIsClosed() {
        market.noPrice(BTC);
        assertThat(gateway.place(OrderRequest.market(BTC, OrderSide.BUY, OrderSize.quantity(new BigDecimal("0.1")), cid("x"))))
                .isInstanceOfSatisfying(PlacementResult.Rejected.class, r -> assertThat(r.code()).isEqualTo("market-closed"));
    }

    @Test
    void theBooksSurviveARestart() {
        gateway.place(OrderRequest.limit(BTC, OrderSide.BUY, new BigDecimal("0.1"), new BigDecimal("29000"), TimeInForce.GTC, cid("keep")));
        gateway.place(OrderRequest.market(BTC, OrderSide.BUY, OrderSize.quantity(new BigDecimal("0.05")), cid("done")));
        var before = gateway.balances();
        gateway.close();

        PaperGateway restarted = connectNew();

        assertThat(restarted.balances()).isEqualTo(before);
        assertThat(restarted.openOrders(null)).extracting(o -> o.clientOrderId().value()).containsExactly("keep");
        assertThat(restarted.fills(BTC, T0)).hasSize(1);
        assertThatThrownBy(gateway::balances).isInstanceOf(IllegalStateException.class);
    }

    /** Another process: its own provider (so its own copy of the books) on the same store. */
    private PaperGateway connectInAnotherProcess() {
        PaperVenueProvider elsewhere = new PaperVenueProvider(market, states, PaperVenueProvider.binanceLikeSpot(),
                Map.of(Asset.USDT, new BigDecimal("10000")));
        return (PaperGateway) elsewhere.connect(VenueConnection.of(account, VenueEnvironment.PAPER, null, clock::get));
    }

    @Test
    void twoProcessesOnTheSameBooksNeitherLoseTheOthersOrder() {
        PaperGateway other = connectInAnotherProcess();
        other.balances(); // loads the books as they are now

        gateway.place(OrderRequest.limit(BTC, OrderSide.BUY, new BigDecimal("0.1"), new BigDecimal("29000"), TimeInForce.GTC, cid("first")));
        other.place(OrderRequest.limit(BTC, OrderSide.BUY, new BigDecimal("0.1"), new BigDecimal("28000"), TimeInForce.GTC, cid("second")));

        assertThat(connectNew().openOrders(BTC)).extracting(o -> o.clientOrderId().value()).containsExactlyInAnyOrder("first", "second");
        assertThat(connectInAnotherProcess().openOrders(BTC)).hasSize(2);
    }

    @Test
    void aNewGatewaySeesWhatAnotherProcessSavedSinceThisProcessLastLooked() {
        gateway.balances(); // this process holds the books now
        connectInAnotherProcess().place(OrderRequest.market(BTC, OrderSide.BUY, OrderSize.quantity(new BigDecimal("0.1")), cid("there")));

        PaperGateway next = connectNew(); // shares this process's copy, which is one version behind the store

        assertThat(free(next, Asset.BTC)).isPositive();
        assertThat(next.fills(BTC, T0)).hasSize(1);
        assertThat(next.findByClientOrderId(BTC, cid("there"))).get().extracting(o -> o.status()).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void gatewaysOfOneAccountInOneProcessTakeTurnsInsteadOfConflicting() throws Exception {
        int threads = 8;
        int perThread = 10;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            var done = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        try (PaperGateway own = connectNew()) {
                            assertThat(own.place(OrderRequest.limit(BTC, OrderSide.BUY, new BigDecimal("0.001"),
                                    new BigDecimal("20000"), TimeInForce.GTC, cid("t" + thread + "-" + i))))
                                    .isInstanceOf(PlacementResult.Placed.class);
                        }
                    }
                }));
            }
            for (var future : done) {
                future.get(); // a Conflict would surface here
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(connectInAnotherProcess().openOrders(BTC)).hasSize(threads * perThread);
        assertThat(states.version(account.workspace(), account.id())).isEqualTo(threads * perThread);
    }

    @Test
    void readingWithNothingToCatchUpSavesNothing() {
        gateway.balances();
        int saves = states.saves;
        gateway.balances();
        gateway.openOrders(null);
        assertThat(states.saves).isEqualTo(saves);
    }

    @Test
    void fundingAndResetting() {
        gateway.fund(Asset.USDT, new BigDecimal("500"));
        assertThat(free(gateway, Asset.USDT)).isEqualByComparingTo("10500");

        gateway.place(OrderRequest.market(BTC, OrderSide.BUY, OrderSize.quantity(new BigDecimal("0.1")), cid("r-1")));
        gateway.reset(Map.of(Asset.USDT, new BigDecimal("2000")));

        assertThat(gateway.balances()).singleElement().satisfies(h -> assertThat(h.free()).isEqualByComparingTo("2000"));
        assertThat(gateway.fills(BTC, T0)).isEmpty();
    }

    @Test
    void rulesAreTheImitatedVenuesAndAnUnlistedInstrumentIsNotFound() {
        assertThat(gateway.rules(BTC).minNotional()).isEqualByComparingTo("5");
        assertThatThrownBy(() -> gateway.rules(Instrument.spot("DOGE", "USDT"))).isInstanceOf(NotFound.class);
        assertThat(gateway.price(BTC)).contains(new BigDecimal("30000"));
        assertThat(gateway.checkCredentials().canTrade()).isTrue();
        assertThat(gateway.checkCredentials().canWithdraw()).isFalse();
    }

    @Test
    void onlyPaperAccountsConnect() {
        VenueAccount live = new VenueAccount(new VenueAccountId(UUID.randomUUID()), account.workspace(), new VenueId("binance"),
                "Live", dev.bulwark.domain.venues.Environment.LIVE, null, java.util.Set.of(dev.bulwark.domain.venues.Permission.READ),
                true, "abcd\u2026wxyz", new dev.bulwark.domain.secrets.SealedSecret("sealed"), dev.bulwark.domain.venues.SyncState.never(), T0, T0);
        assertThatThrownBy(() -> provider.connect(VenueConnection.of(live, VenueEnvironment.LIVE, null, clock::get)))
                .isInstanceOf(Invalid.class);
        assertThat(provider.describe().environments()).containsExactly(VenueEnvironment.PAPER);
    }
}
