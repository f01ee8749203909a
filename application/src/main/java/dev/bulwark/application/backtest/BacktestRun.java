package dev.bulwark.application.backtest;

import dev.bulwark.domain.analytics.EquityPoint;
import dev.bulwark.domain.analytics.Performance;
import dev.bulwark.domain.backtest.SignalAction;
import dev.bulwark.domain.backtest.Strategy;
import dev.bulwark.domain.backtest.TradeSignal;
import dev.bulwark.domain.bots.PositionSizer;
import dev.bulwark.domain.bots.SizingResult;
import dev.bulwark.domain.market.Candle;
import dev.bulwark.domain.market.Fit;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.market.TradingRules;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.money.Decimals;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderId;
import dev.bulwark.domain.orders.OrderSize;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.paper.CancelResult;
import dev.bulwark.domain.paper.Execution;
import dev.bulwark.domain.paper.MarketSnapshot;
import dev.bulwark.domain.paper.OcoResult;
import dev.bulwark.domain.paper.PaperAccount;
import dev.bulwark.domain.paper.PaperProfile;
import dev.bulwark.domain.paper.PlaceResult;
import dev.bulwark.domain.portfolio.AccountKind;
import dev.bulwark.domain.positions.Position;
import dev.bulwark.domain.risk.Exposure;
import dev.bulwark.domain.risk.OrderIntent;
import dev.bulwark.domain.risk.RiskDecision;
import dev.bulwark.domain.risk.RiskEngine;
import dev.bulwark.domain.venues.Environment;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.ports.driving.backtest.BacktestReport;
import dev.bulwark.ports.driving.backtest.SignalDecision;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One backtest, candle by candle. For each candle in time order:
 * <ol>
 *   <li>the simulated wallet works the open orders (protective stops and take-profits) through the candle;</li>
 *   <li>the strategy decides at the candle's close (a CSV's alerts that fall in the candle are taken then);</li>
 *   <li>each signal is sized, judged by the risk engine against the wallet's exposure, and placed as a market
 *       order into the candle's close, range and volume: a buy, then its protection once it filled; a sell of
 *       what is held (the protection cancelled first);</li>
 *   <li>the equity is marked at the close.</li>
 * </ol>
 * Everything the run makes is derived from the candles and a counter: order ids are name-based UUIDs of the run's
 * order number, times are the candles' times. No clock, no random source, no hash order: two runs of the same
 * setup over the same candles are identical.
 *
 * <p>Exposure for the risk engine: equity, the day's starting equity (at the last close at or before 00:00 UTC; the
 * funding on the first day) and the day's P&amp;L are marked at the close and converted to USDT with the quote rate;
 * the open position is the wallet's, counted as one open position when not flat. A sell is judged too: as a
 * reducing order, only against the order size and value limits, as live.
 *
 * <p>Protection: after an entry filled, a stop-market sell {@code stopLossPercent} below the average fill price
 * (rounded up to the tick: never more loss than the sizing allowed for) and a take-profit sell
 * {@code takeProfitPercent} above it (rounded down), of the quantity received, as an OCO pair when both. A CSV
 * line's own prices take their place. A sell cancels every protective order first, since they lock the base it
 * sells; what a partial sell leaves is then unprotected.
 */
final class BacktestRun {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final VenueAccountId ACCOUNT =
            new VenueAccountId(UUID.nameUUIDFromBytes("bulwark-backtest-account".getBytes(StandardCharsets.US_ASCII)));

    private final BacktestSetup setup;
    private final List<Candle> candles;
    private final Instrument instrument;
    private final Asset base;
    private final Asset quote;
    private final TradingRules rules;
    private final boolean rulesDerived;
    private final PaperAccount paper;
    private final RiskEngine risk;
    private final @Nullable PositionSizer sizer;
    private final TradeLedger ledger;
    private final LinkedHashSet<OrderId> protection = new LinkedHashSet<>();
    private final List<SignalDecision> decisions = new ArrayList<>();
    private final List<EquityPoint> curve = new ArrayList<>();
    private long orderNumber;
    private BigDecimal dayStartEquity;

    BacktestRun(BacktestSetup setup, List<Candle> candles) {
        this.setup = setup;
        this.candles = List.copyOf(candles);
        this.instrument = setup.instrument();
        this.base = instrument.base();
        this.quote = instrument.quote();
        TradingRules listed = setup.venueRules();
        this.rulesDerived = listed == null;
        this.rules = listed == null ? genericRules(this.candles) : listed;
        PaperProfile venue = setup.venue();
        PaperProfile wallet = new PaperProfile(AccountKind.SPOT, venue.fees(), venue.slippage(), venue.maxVolumeShare(),
                venue.limitFill(), BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ONE, Map.of(instrument, rules));
        this.paper = PaperAccount.open(ACCOUNT, wallet, Map.of(quote, setup.initialQuote()));
        this.risk = new RiskEngine(setup.risk());
        this.sizer = setup.sizing() == null ? null
                : new PositionSizer(setup.sizing(), setup.stopLossPercent(), setup.risk().maxRiskPerTrade());
        this.ledger = new TradeLedger(instrument);
        this.dayStartEquity = setup.initialQuote();
    }

    /**
     * Rules for an instrument the venue does not list: the candles' own price precision as the tick (their most
     * decimals, at least 2: a cent, as venues quote most pairs), so fills, slippage and stops land on prices the
     * market could print; a lot step of 10^-8; no minimums, so only the strategy and the risk engine decide.
     */
    static TradingRules genericRules(List<Candle> candles) {
        int scale = 2;
        for (Candle c : candles) {
            scale = Math.max(scale, Math.max(Math.max(c.open().scale(), c.close().scale()),
                    Math.max(c.high().scale(), c.low().scale())));
        }
        BigDecimal step = BigDecimal.ONE.movePointLeft(8);
        return TradingRules.unbounded(BigDecimal.ONE.movePointLeft(Math.min(scale, 18)), step, BigDecimal.ZERO,
                BigDecimal.ZERO);
    }

    BacktestReport run() {
        Strategy strategy = setup.newStrategy();
        List<SignalsCsv.Line> alerts = setup.csvLines();
        int nextAlert = 0;
        Candle first = candles.getFirst();
        curve.add(new EquityPoint(first.openTime(), setup.initialQuote()));
        Instant dayAnchor = first.openTime().truncatedTo(ChronoUnit.DAYS);
        while (nextAlert < alerts.size() && alerts.get(nextAlert).signal().at().isBefore(first.openTime())) {
            SignalsCsv.Line alert = alerts.get(nextAlert++);
            decisions.add(decision(alert.signal(), alert.number(), null,
                    new SignalDecision.Ignored("before the first candle, which opened at " + first.openTime())));
        }
        for (Candle candle : candles) {
            absorb(paper.onCandle(instrument, candle));
            Instant close = candle.closeTime();
            Instant midnight = close.truncatedTo(ChronoUnit.DAYS);
            if (!midnight.equals(dayAnchor)) {
                // the equity at 00:00: this close's own (before it trades) when it is midnight, else the last point's
                dayStartEquity = close.equals(midnight) ? equity(candle.close()) : curve.getLast().equity();
                dayAnchor = midnight;
            }
            if (strategy != null) {
                for (TradeSignal signal : strategy.onCandle(candle)) {
                    decisions.add(decision(signal, null, close, act(signal, candle)));
                }
            }
            while (nextAlert < alerts.size() && alerts.get(nextAlert).signal().at().isBefore(close)) {
                SignalsCsv.Line alert = alerts.get(nextAlert++);
                decisions.add(decision(alert.signal(), alert.number(), close, act(alert.signal(), candle)));
            }
            curve.add(new EquityPoint(close, equity(candle.close())));
        }
        Instant end = candles.getLast().closeTime();
        while (nextAlert < alerts.size()) {
            SignalsCsv.Line alert = alerts.get(nextAlert++);
            decisions.add(decision(alert.signal(), alert.number(), null,
                    new SignalDecision.Ignored("after the last candle, which closed at " + end)));
        }
        List<EquityPoint> equity = List.copyOf(curve);
        var trades = ledger.trades();
        return new BacktestReport(instrument, setup.interval(), setup.from(), setup.to(), setup.strategyDescription(),
                setup.settings(rules, rulesDerived), setup.initialQuote(), candles.size(), decisions, paper.fills(),
                trades, equity, Performance.of(equity, trades));
    }

    private static SignalDecision decision(TradeSignal signal, @Nullable Integer line, @Nullable Instant actedAt,
            SignalDecision.Outcome outcome) {
        return new SignalDecision(signal.at(), actedAt, line, signal.action(), signal.quantity(), outcome);
    }

    private SignalDecision.Outcome act(TradeSignal signal, Candle candle) {
        return signal.action() == SignalAction.BUY ? buy(signal, candle) : sell(signal, candle);
    }

    // ------------------------------------------------------------------------------------------------- buying

    private SignalDecision.Outcome buy(TradeSignal signal, Candle candle) {
        BigDecimal price = candle.close();
        BigDecimal equity = equity(price);
        BigDecimal stop = signal.stopLoss();
        if (stop != null && stop.compareTo(price) >= 0) {
            return new SignalDecision.SizedOut("the stop " + plain(stop) + " lies at or above the price " + plain(price)
                    + " and would limit no loss");
        }
        BigDecimal quantity;
        if (signal.quantity() != null) {
            Fit fit = rules.fit(OrderSide.BUY, signal.quantity(), price, null);
            if (fit instanceof Fit.Unfittable refusal) {
                return new SignalDecision.SizedOut("the signal's " + plain(signal.quantity()) + " at " + plain(price)
                        + " does not fit the venue's rules: " + describe(refusal));
            }
            quantity = ((Fit.Fitted) fit).quantity();
        } else if (sizer == null) {
            return new SignalDecision.SizedOut("the signal names no quantity and the backtest has no sizing");
        } else {
            SizingResult sized = sizer.size(OrderSide.BUY, equity, price, stop, rules);
            if (sized instanceof SizingResult.Unsizable(String reason)) {
                return new SignalDecision.SizedOut(reason);
            }
            quantity = ((SizingResult.Sized) sized).quantity();
        }
        BigDecimal riskStop = stop != null ? stop : belowBy(price, setup.stopLossPercent());
        RiskDecision verdict = risk.evaluate(intent(OrderSide.BUY, quantity, price, riskStop), exposure(equity));
        if (verdict instanceof RiskDecision.Rejected rejected) {
            return new SignalDecision.RiskRejected(rejected.violations());
        }
        Instant at = candle.closeTime();
        return switch (paper.place(market(OrderSide.BUY, quantity, at), snapshot(candle), at)) {
            case PlaceResult.Accepted a -> {
                absorb(a.executions());
                yield protect(a.order(), signal, candle);
            }
            case PlaceResult.Rejected r -> new SignalDecision.VenueRejected(r.reason(), r.detail());
        };
    }

    /** Places the entry's stop loss and take profit, as an OCO pair when both, once the entry has filled. */
    private SignalDecision.Placed protect(Order entry, TradeSignal signal, Candle candle) {
        BigDecimal average = entry.averageFillPrice();
        BigDecimal stopRaw = signal.stopLoss() != null ? signal.stopLoss()
                : average == null ? null : belowBy(average, setup.stopLossPercent());
        BigDecimal targetRaw = signal.takeProfit() != null ? signal.takeProfit()
                : average == null ? null : aboveBy(average, setup.takeProfitPercent());
        if (stopRaw == null && targetRaw == null) {
            return new SignalDecision.Placed(entry, List.of(), null);
        }
        if (average == null) {
            return new SignalDecision.Placed(entry, List.of(), "nothing filled, so nothing to protect");
        }
        BigDecimal quantity = rules.roundQuantityDown(entry.filledQuantity().min(paper.balance(base).free()));
        if (quantity.signum() == 0) {
            return new SignalDecision.Placed(entry, List.of(), "less than one lot step received, nothing to protect");
        }
        BigDecimal stop = stopRaw == null ? null : toTick(stopRaw, RoundingMode.CEILING);
        BigDecimal target = targetRaw == null ? null : toTick(targetRaw, RoundingMode.FLOOR);
        if ((stopRaw != null && stop == null) || (targetRaw != null && target == null)) {
            return new SignalDecision.Placed(entry, List.of(), "a protective price rounds to zero on the tick "
                    + plain(rules.tickSize()));
        }
        Instant at = candle.closeTime();
        MarketSnapshot market = snapshot(candle);
        if (stop != null && target != null) {
            Order stopLeg = conditional(OrderType.STOP_MARKET, quantity, stop, at);
            Order targetLeg = conditional(OrderType.TAKE_PROFIT, quantity, target, at);
            return switch (paper.placeOco(stopLeg, targetLeg, market, at)) {
                case OcoResult.Accepted(Order s, Order t) -> {
                    protection.add(s.id());
                    protection.add(t.id());
                    yield new SignalDecision.Placed(entry, List.of(s, t), null);
                }
                case OcoResult.Rejected r -> new SignalDecision.Placed(entry, List.of(),
                        "protection refused by the venue: " + r.reason() + ": " + r.detail());
            };
        }
        Order order = stop != null ? conditional(OrderType.STOP_MARKET, quantity, stop, at)
                : conditional(OrderType.TAKE_PROFIT, quantity, nonNull(target), at);
        return switch (paper.place(order, market, at)) {
            case PlaceResult.Accepted a -> {
                absorb(a.executions());
                protection.add(a.order().id());
                yield new SignalDecision.Placed(entry, List.of(a.order()), null);
            }
            case PlaceResult.Rejected r -> new SignalDecision.Placed(entry, List.of(),
                    "protection refused by the venue: " + r.reason() + ": " + r.detail());
        };
    }

    // ------------------------------------------------------------------------------------------------ selling

    private SignalDecision.Outcome sell(TradeSignal signal, Candle candle) {
        BigDecimal price = candle.close();
        // what protective orders lock is held too: they are cancelled before the sell
        BigDecimal held = paper.balance(base).total();
        if (held.signum() == 0) {
            return new SignalDecision.Ignored("nothing held to sell: no shorting on spot");
        }
        BigDecimal wanted = signal.quantity() == null ? held : signal.quantity();
        Fit fit = rules.fit(OrderSide.SELL, wanted, price, held);
        if (fit instanceof Fit.Unfittable refusal) {
            return new SignalDecision.SizedOut("selling " + plain(wanted) + " of " + plain(held) + " held at "
                    + plain(price) + " does not fit the venue's rules: " + describe(refusal));
        }
        BigDecimal quantity = ((Fit.Fitted) fit).quantity();
        RiskDecision verdict = risk.evaluate(intent(OrderSide.SELL, quantity, price, null), exposure(equity(price)));
        if (verdict instanceof RiskDecision.Rejected rejected) {
            return new SignalDecision.RiskRejected(rejected.violations());
        }
        Instant at = candle.closeTime();
        for (OrderId id : List.copyOf(protection)) {
            if (paper.cancel(id, at) instanceof CancelResult.Cancelled cancelled) {
                absorb(List.copyOf(cancelled.executions()));
            }
        }
        protection.clear();
        return switch (paper.place(market(OrderSide.SELL, quantity, at), snapshot(candle), at)) {
            case PlaceResult.Accepted a -> {
                absorb(a.executions());
                yield new SignalDecision.Placed(a.order(), List.of(), null);
            }
            case PlaceResult.Rejected r -> new SignalDecision.VenueRejected(r.reason(), r.detail());
        };
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Feeds fills to the ledger and forgets protective orders that are done. */
    private void absorb(List<? extends Execution> executions) {
        for (Execution execution : executions) {
            if (execution instanceof Execution.Filled filled) {
                ledger.record(filled.fill());
            }
            if (execution.order().status().isTerminal()) {
                protection.remove(execution.order().id());
            }
        }
    }

    /** Quote balance plus the base held valued at {@code price}, in the quote asset. */
    private BigDecimal equity(BigDecimal price) {
        return Decimals.normalize(paper.balance(quote).total().add(paper.balance(base).total().multiply(price)));
    }

    private Exposure exposure(BigDecimal equity) {
        BigDecimal rate = setup.quoteRate();
        BigDecimal position = paper.position(instrument).map(Position::quantity).orElse(BigDecimal.ZERO);
        return new Exposure(equity.multiply(rate), dayStartEquity.multiply(rate),
                equity.subtract(dayStartEquity).multiply(rate), position.signum() == 0 ? 0 : 1, position);
    }

    private OrderIntent intent(OrderSide side, BigDecimal quantity, BigDecimal price, @Nullable BigDecimal stop) {
        return new OrderIntent(instrument, side, quantity, price, stop, BigDecimal.ONE, Environment.PAPER,
                setup.quoteRate());
    }

    private Order market(OrderSide side, BigDecimal quantity, Instant at) {
        long number = ++orderNumber;
        return Order.create(orderId(number), clientOrderId(number), ACCOUNT, instrument, side, OrderType.MARKET,
                OrderSize.quantity(quantity), null, null, null, OrderType.MARKET.defaultTimeInForce(), at);
    }

    private Order conditional(OrderType type, BigDecimal quantity, BigDecimal trigger, Instant at) {
        long number = ++orderNumber;
        return Order.create(orderId(number), clientOrderId(number), ACCOUNT, instrument, OrderSide.SELL, type,
                OrderSize.quantity(quantity), null, trigger, null, type.defaultTimeInForce(), at);
    }

    private static OrderId orderId(long number) {
        return new OrderId(UUID.nameUUIDFromBytes(("bulwark-backtest-order:" + number).getBytes(StandardCharsets.US_ASCII)));
    }

    private static ClientOrderId clientOrderId(long number) {
        return new ClientOrderId("bt-" + number);
    }

    private static MarketSnapshot snapshot(Candle candle) {
        return new MarketSnapshot(candle.close(), candle.low(), candle.high(), candle.volume());
    }

    private @Nullable BigDecimal toTick(BigDecimal price, RoundingMode mode) {
        BigDecimal rounded = Decimals.normalize(price.divide(rules.tickSize(), 0, mode).multiply(rules.tickSize()));
        return rounded.signum() > 0 ? rounded : null;
    }

    private static @Nullable BigDecimal belowBy(BigDecimal price, @Nullable BigDecimal percent) {
        return percent == null ? null
                : Decimals.normalize(price.multiply(HUNDRED.subtract(percent)).movePointLeft(2));
    }

    private static @Nullable BigDecimal aboveBy(BigDecimal price, @Nullable BigDecimal percent) {
        return percent == null ? null
                : Decimals.normalize(price.multiply(HUNDRED.add(percent)).movePointLeft(2));
    }

    private static String describe(Fit.Unfittable refusal) {
        String limit = plain(refusal.limit());
        String actual = plain(refusal.actual());
        return switch (refusal.reason()) {
            case ZERO_PRICE_AFTER_ROUNDING -> "the price " + actual + " is below the tick " + limit;
            case NOTHING_HELD -> "only " + actual + " is held, less than the lot step " + limit;
            case ZERO_QUANTITY_AFTER_ROUNDING -> actual + " is less than the lot step " + limit;
            case BELOW_MIN_QUANTITY -> "the quantity " + actual + " is below the minimum " + limit;
            case ABOVE_MAX_QUANTITY -> "the quantity " + actual + " is above the maximum " + limit;
            case BELOW_MIN_NOTIONAL -> "the order's value " + actual + " is below the minimum notional " + limit;
        };
    }

    private static String plain(@Nullable BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    private static <T> T nonNull(@Nullable T value) {
        if (value == null) {
            throw new IllegalStateException("a value checked above was missing");
        }
        return value;
    }
}
