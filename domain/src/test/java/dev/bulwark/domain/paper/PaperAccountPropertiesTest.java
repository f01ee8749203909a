package dev.bulwark.domain.paper;

import static dev.bulwark.domain.paper.Paper.ACCOUNT;
import static dev.bulwark.domain.paper.Paper.BTC;
import static dev.bulwark.domain.paper.Paper.BTC_PERP;
import static dev.bulwark.domain.paper.Paper.BTC_USDT;
import static dev.bulwark.domain.paper.Paper.RULES;
import static dev.bulwark.domain.paper.Paper.T0;
import static dev.bulwark.domain.paper.Paper.USDT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.bulwark.domain.market.Candle;
import dev.bulwark.domain.market.CandleInterval;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderId;
import dev.bulwark.domain.orders.OrderSize;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.orders.TimeInForce;
import dev.bulwark.domain.orders.TrailingOffset;
import dev.bulwark.domain.portfolio.AccountKind;
import dev.bulwark.domain.positions.Position;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Random sequences of orders (every type, side and time in force, OCO pairs included), cancels, candles, ticks and
 * restarts from a snapshot, on random venue profiles; each property checks its invariant after every step.
 */
class PaperAccountPropertiesTest {
    private static final int EXAMPLES = 1_000;
    private static final BigDecimal TICK = new BigDecimal("0.01");
    private static final BigDecimal LOT = new BigDecimal("0.001");
    private static final OrderType[] TYPES = OrderType.values();
    private static final TimeInForce[] TIFS = TimeInForce.values();
    private static final Map<Asset, BigDecimal> SPOT_FUNDING = Map.of(USDT, new BigDecimal("10000"), BTC, new BigDecimal("5"));
    private static final Map<Asset, BigDecimal> FUTURES_FUNDING = Map.of(USDT, new BigDecimal("1000"));

    /** One step, as raw numbers the scenario interprets against the state it finds. */
    record Step(int kind, int a, int b, int c, int d) {
    }

    /** A venue profile drawn from raw numbers. */
    record Venue(int a, int b, int c, int d, int e) {
        PaperProfile profile(AccountKind kind) {
            FeeSchedule fees = new FeeSchedule(BigDecimal.valueOf(a % 21), BigDecimal.valueOf(b % 51),
                    c % 2 == 0 ? FeeAsset.QUOTE : FeeAsset.RECEIVED);
            SlippageModel slippage = new SlippageModel(BigDecimal.valueOf(d % 51), BigDecimal.valueOf(e % 21, 2));
            BigDecimal share = (c / 2) % 4 == 0 ? null : BigDecimal.valueOf((d / 51) % 20 + 1, 0).divide(BigDecimal.valueOf(20));
            LimitFillRule rule = (e / 21) % 2 == 0 ? LimitFillRule.TRADE_THROUGH : LimitFillRule.TOUCH;
            return kind == AccountKind.SPOT
                    ? new PaperProfile(kind, fees, slippage, share, rule, BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ONE,
                            Map.of(BTC_USDT, RULES))
                    : new PaperProfile(kind, fees, slippage, share, rule, new BigDecimal("0.005"), BigDecimal.ONE,
                            new BigDecimal("125"), Map.of(BTC_PERP, RULES));
        }

        BigDecimal leverage() {
            return BigDecimal.valueOf(1 + (a / 21) % 50);
        }
    }

    record Scenario(Venue venue, List<Step> steps) {
    }

    static Gen<Integer> raw() {
        return integers().between(0, 1_000_000);
    }

    static Gen<Scenario> scenarios() {
        Gen<Step> steps = integers().between(0, 15).zip(raw(), raw(), raw(), raw(), Step::new);
        Gen<Venue> venues = raw().zip(raw(), raw(), raw(), raw(), Venue::new);
        return venues.zip(lists().of(steps).ofSizeBetween(1, 40), Scenario::new);
    }

    /** Plays a scenario, calling {@code check} after every step with the executions it returned. */
    static final class Run {
        final AccountKind kind;
        final Instrument instrument;
        PaperAccount paper;
        BigDecimal price = new BigDecimal("100");
        int minute;
        long ids;
        final List<Execution> executions = new ArrayList<>();

        Run(AccountKind kind, Venue venue) {
            this.kind = kind;
            this.instrument = kind == AccountKind.SPOT ? BTC_USDT : BTC_PERP;
            this.paper = PaperAccount.open(ACCOUNT, venue.profile(kind), kind == AccountKind.SPOT ? SPOT_FUNDING : FUTURES_FUNDING);
            if (kind == AccountKind.FUTURES) {
                paper.setLeverage(BTC_PERP, venue.leverage());
            }
        }

        OrderId nextId() {
            return new OrderId(new java.util.UUID(42, ++ids));
        }

        Instant now() {
            return T0.plusSeconds(60L * minute);
        }

        void play(List<Step> steps, BiConsumer<Run, List<Execution>> check) {
            for (Step step : steps) {
                List<Execution> happened = step(step);
                executions.addAll(happened);
                check.accept(this, happened);
            }
        }

        List<Execution> step(Step s) {
            int kind = s.kind();
            if (kind <= 6) {
                PlaceResult result = paper.place(order(s), snapshot(s), now());
                return result instanceof PlaceResult.Accepted accepted ? accepted.executions() : List.of();
            }
            if (kind == 7) {
                placeOco(s);
                return List.of();
            }
            if (kind == 8) {
                List<Order> open = paper.openOrders();
                if (open.isEmpty()) {
                    return List.of();
                }
                return paper.cancel(open.get(s.a() % open.size()).id(), now()) instanceof CancelResult.Cancelled c
                        ? List.copyOf(c.executions()) : List.of();
            }
            if (kind <= 12) {
                return candle(s);
            }
            if (kind <= 14) {
                price = atLeast(price.add(ticks(s.a() % 1001 - 500)), BigDecimal.ONE);
                return paper.onPrice(instrument, price, now());
            }
            paper = PaperAccount.restore(paper.snapshot());
            return List.of();
        }

        private MarketSnapshot snapshot(Step s) {
            return s.d() % 3 == 0 ? new MarketSnapshot(price, null, null, BigDecimal.valueOf(s.c() % 40, 1)) : MarketSnapshot.at(price);
        }

        private Order order(Step s) {
            OrderType type = TYPES[s.a() % TYPES.length];
            OrderSide side = s.b() % 2 == 0 ? OrderSide.BUY : OrderSide.SELL;
            BigDecimal quantity = LOT.multiply(BigDecimal.valueOf(1 + s.c() % 3000));
            BigDecimal level = atLeast(price.add(ticks(s.d() % 2001 - 1000)), TICK);
            TimeInForce tif = type.needsLimitPrice() ? TIFS[(s.a() / TYPES.length) % TIFS.length] : type.defaultTimeInForce();
            Paper.O o = new Paper.O(type, side, quantity.toPlainString()).tif(tif).on(instrument).at(now());
            switch (type) {
                case MARKET -> {
                    if ((s.a() / TYPES.length) % 4 == 0) {
                        o.quoteAmount(String.valueOf(1 + s.c() % 2000));
                    }
                }
                case LIMIT -> o.limit(level.toPlainString());
                case STOP_MARKET, TAKE_PROFIT -> o.stop(level.toPlainString());
                case STOP_LIMIT, TAKE_PROFIT_LIMIT -> o.stop(level.toPlainString())
                        .limit(atLeast(level.add(ticks((s.b() / 2) % 201 - 100)), TICK).toPlainString());
                case TRAILING_STOP -> {
                    o.trailing((s.d() / 2) % 2 == 0
                            ? new TrailingOffset.ByAmount(ticks(1 + s.c() % 1000))
                            : new TrailingOffset.ByPercent(BigDecimal.valueOf(1 + s.c() % 100, 1)));
                    if ((s.b() / 2) % 3 == 0) {
                        o.stop(level.toPlainString());
                    }
                }
            }
            return o.build(nextId());
        }

        private void placeOco(Step s) {
            OrderSide side = s.b() % 2 == 0 ? OrderSide.BUY : OrderSide.SELL;
            String quantity = LOT.multiply(BigDecimal.valueOf(1 + s.c() % 2000)).toPlainString();
            BigDecimal away = ticks(1 + s.d() % 1000);
            int adverse = side == OrderSide.SELL ? -1 : 1;
            BigDecimal stopPrice = atLeast(price.add(away.multiply(BigDecimal.valueOf(adverse))), TICK);
            BigDecimal otherPrice = atLeast(price.subtract(away.multiply(BigDecimal.valueOf(adverse))), TICK);
            Paper.O stop = new Paper.O(s.a() % 2 == 0 ? OrderType.STOP_MARKET : OrderType.STOP_LIMIT, side, quantity)
                    .stop(stopPrice.toPlainString()).on(instrument).at(now());
            if (s.a() % 2 == 1) {
                stop.limit(atLeast(stopPrice.add(ticks(s.d() % 101 - 50)), TICK).toPlainString());
            }
            OrderType otherType = (s.a() / 2) % 3 == 0 ? OrderType.LIMIT : (s.a() / 2) % 3 == 1 ? OrderType.TAKE_PROFIT : OrderType.TAKE_PROFIT_LIMIT;
            Paper.O other = new Paper.O(otherType, side, quantity).on(instrument).at(now());
            if (otherType == OrderType.LIMIT) {
                other.limit(otherPrice.toPlainString());
            } else {
                other.stop(otherPrice.toPlainString());
                if (otherType == OrderType.TAKE_PROFIT_LIMIT) {
                    other.limit(otherPrice.toPlainString());
                }
            }
            paper.placeOco(stop.build(nextId()), other.build(nextId()), MarketSnapshot.at(price), now());
        }

        private List<Execution> candle(Step s) {
            int swing = kind == AccountKind.SPOT ? 500 : 1500;
            BigDecimal open = atLeast(price.add(ticks(s.a() % 201 - 100)), BigDecimal.ONE);
            BigDecimal close = atLeast(open.add(ticks(s.d() % (2 * swing + 1) - swing)), BigDecimal.ONE);
            BigDecimal high = open.max(close).add(ticks(s.b() % 300));
            BigDecimal low = atLeast(open.min(close).subtract(ticks(s.c() % 300)), TICK);
            Candle candle = new Candle(BTC_USDT, "replay", CandleInterval.M1, now(), open, high, low, close,
                    BigDecimal.valueOf(s.a() % 50, 1));
            List<Execution> happened = paper.onCandle(instrument, candle);
            price = close;
            minute++;
            return happened;
        }

        private static BigDecimal ticks(int n) {
            return TICK.multiply(BigDecimal.valueOf(n));
        }

        private static BigDecimal atLeast(BigDecimal value, BigDecimal floor) {
            return value.max(floor);
        }
    }

    static BigDecimal total(PaperAccount paper, Asset asset) {
        return paper.balance(asset).total();
    }

    static BigDecimal feesIn(PaperAccount paper, Asset asset) {
        return paper.fills().stream().filter(f -> f.fee().asset().equals(asset)).map(f -> f.fee().amount())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Test
    void noSequenceOfOrdersFillsAndCancelsCreatesOrDestroysValue() {
        qt().withExamples(EXAMPLES).forAll(scenarios()).checkAssert(scenario ->
                new Run(AccountKind.SPOT, scenario.venue()).play(scenario.steps(), (run, happened) -> {
                    PaperAccount paper = run.paper;
                    BigDecimal base = SPOT_FUNDING.get(BTC);
                    BigDecimal quote = SPOT_FUNDING.get(USDT);
                    for (Fill fill : paper.fills()) {
                        int sign = fill.side().sign();
                        base = base.add(fill.quantity().multiply(BigDecimal.valueOf(sign)));
                        quote = quote.subtract(fill.notional().multiply(BigDecimal.valueOf(sign)));
                    }
                    assertThat(total(paper, BTC)).isEqualByComparingTo(base.subtract(feesIn(paper, BTC)));
                    assertThat(total(paper, USDT)).isEqualByComparingTo(quote.subtract(feesIn(paper, USDT)));
                }));
    }

    @Test
    void lockedFundsNeverGoNegative() {
        qt().withExamples(EXAMPLES).forAll(scenarios()).checkAssert(scenario -> {
            for (AccountKind kind : AccountKind.values()) {
                new Run(kind, scenario.venue()).play(scenario.steps(), (run, happened) -> {
                    PaperAccount paper = run.paper;
                    Map<Asset, BigDecimal> reserved = new HashMap<>();
                    for (WorkingOrder w : paper.workingOrders()) {
                        assertThat(w.reserved()).isNotNegative();
                        reserved.merge(w.reservedAsset(), w.reserved(), BigDecimal::add);
                    }
                    reserved.merge(USDT, paper.margin(BTC_PERP), BigDecimal::add);
                    for (Map.Entry<Asset, Balance> entry : paper.balances().entrySet()) {
                        Balance balance = entry.getValue();
                        assertThat(balance.free()).isNotNegative();
                        assertThat(balance.locked()).isNotNegative()
                                .isEqualByComparingTo(reserved.getOrDefault(entry.getKey(), BigDecimal.ZERO));
                    }
                    if (paper.openOrders().isEmpty() && kind == AccountKind.SPOT) {
                        paper.balances().values().forEach(b -> assertThat(b.locked()).isZero());
                    }
                });
            }
        });
    }

    @Test
    void anOrderNeverFillsBeyondItsQuantityOrItsLimitPrice() {
        qt().withExamples(EXAMPLES).forAll(scenarios()).checkAssert(scenario -> {
            for (AccountKind kind : AccountKind.values()) {
                new Run(kind, scenario.venue()).play(scenario.steps(), (run, happened) -> {
                    PaperAccount paper = run.paper;
                    Map<OrderId, BigDecimal> filled = new HashMap<>();
                    Map<OrderId, BigDecimal> spent = new HashMap<>();
                    for (Fill fill : paper.fills()) {
                        Order order = paper.order(fill.orderId()).orElseThrow();
                        BigDecimal limit = order.limitPrice();
                        if (limit != null) {
                            if (order.side() == OrderSide.BUY) {
                                assertThat(fill.price()).isLessThanOrEqualTo(limit);
                            } else {
                                assertThat(fill.price()).isGreaterThanOrEqualTo(limit);
                            }
                        }
                        filled.merge(order.id(), fill.quantity(), BigDecimal::add);
                        spent.merge(order.id(), fill.notional(), BigDecimal::add);
                    }
                    filled.forEach((id, quantity) -> {
                        Order order = paper.order(id).orElseThrow();
                        assertThat(order.filledQuantity()).isEqualByComparingTo(quantity);
                        switch (order.size()) {
                            case OrderSize.OfQuantity(BigDecimal ordered) -> assertThat(quantity).isLessThanOrEqualTo(ordered);
                            case OrderSize.OfQuoteAmount(BigDecimal amount) -> assertThat(spent.get(id)).isLessThanOrEqualTo(amount);
                        }
                    });
                });
            }
        });
    }

    @Test
    void theLastExecutionOfEachOrderIsItsStateNow() {
        qt().withExamples(EXAMPLES).forAll(scenarios()).checkAssert(scenario -> {
            Run run = new Run(AccountKind.SPOT, scenario.venue());
            run.play(scenario.steps(), (r, happened) -> { });
            Map<OrderId, Order> last = new HashMap<>();
            run.executions.forEach(e -> last.put(e.order().id(), e.order()));
            last.forEach((id, order) -> assertThat(run.paper.order(id)).contains(order));
        });
    }

    @Test
    void futuresMarginPlusRealizedPnlMinusFeesIsConserved() {
        qt().withExamples(EXAMPLES).forAll(scenarios()).checkAssert(scenario ->
                new Run(AccountKind.FUTURES, scenario.venue()).play(scenario.steps(), (run, happened) -> {
                    PaperAccount paper = run.paper;
                    BigDecimal realized = paper.positions().values().stream().map(p -> p.realizedPnl().amount())
                            .reduce(BigDecimal.ZERO, BigDecimal::add);
                    BigDecimal absorbed = paper.absorbedLosses().getOrDefault(USDT, BigDecimal.ZERO);
                    BigDecimal expected = FUTURES_FUNDING.get(USDT).add(realized).subtract(feesIn(paper, USDT)).add(absorbed);
                    assertThat(total(paper, USDT)).isEqualByComparingTo(expected);
                    Position position = paper.position(BTC_PERP).orElse(null);
                    if (position == null || position.isFlat()) {
                        assertThat(paper.margin(BTC_PERP)).isZero();
                    } else {
                        assertThat(paper.margin(BTC_PERP)).isPositive();
                    }
                }));
    }

    @Test
    void liquidationNeverLeavesANegativeBalance() {
        qt().withExamples(EXAMPLES).forAll(scenarios()).checkAssert(scenario -> {
            Run run = new Run(AccountKind.FUTURES, scenario.venue());
            BigDecimal[] absorbedBefore = {BigDecimal.ZERO};
            run.play(scenario.steps(), (r, happened) -> {
                PaperAccount paper = r.paper;
                BigDecimal absorbed = paper.absorbedLosses().getOrDefault(USDT, BigDecimal.ZERO);
                boolean liquidated = happened.stream().anyMatch(Execution.Liquidated.class::isInstance);
                boolean filled = happened.stream().anyMatch(Execution.Filled.class::isInstance);
                if (liquidated) {
                    assertThat(paper.position(BTC_PERP).orElseThrow().isFlat()).isTrue();
                    assertThat(paper.margin(BTC_PERP)).isZero();
                    assertThat(paper.balance(USDT).free()).isNotNegative();
                    for (Execution e : happened) {
                        if (e instanceof Execution.Liquidated l) {
                            assertThat(l.fill().fee().amount()).isNotNegative();
                            assertThat(l.marginLost().amount()).isPositive();
                        }
                    }
                    if (!filled) {
                        // Only the liquidation moved money: it took the margin and nothing from anyone else.
                        assertThat(absorbed).isEqualByComparingTo(absorbedBefore[0]);
                    }
                }
                absorbedBefore[0] = absorbed;
            });
        });
    }

    @Test
    void aRestoredAccountCarriesOnExactlyAsTheOriginal() {
        qt().withExamples(EXAMPLES / 2).forAll(scenarios(), integers().between(0, 39)).checkAssert((scenario, cut) -> {
            for (AccountKind kind : AccountKind.values()) {
                List<Step> steps = scenario.steps().stream().filter(s -> s.kind() != 15).toList();
                int at = Math.min(cut, steps.size());
                Run original = new Run(kind, scenario.venue());
                original.play(steps.subList(0, at), (r, h) -> { });
                Run restarted = new Run(kind, scenario.venue());
                restarted.play(steps.subList(0, at), (r, h) -> { });
                restarted.paper = PaperAccount.restore(restarted.paper.snapshot());
                assertThat(restarted.paper.snapshot()).isEqualTo(original.paper.snapshot());
                for (Step step : steps.subList(at, steps.size())) {
                    assertThat(restarted.step(step)).isEqualTo(original.step(step));
                }
                assertThat(restarted.paper.snapshot()).isEqualTo(original.paper.snapshot());
            }
        });
    }
}
