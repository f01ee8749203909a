package dev.bulwark.domain.paper;

import dev.bulwark.domain.market.Candle;
import dev.bulwark.domain.market.Fit;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.market.TradingRules;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.money.Decimals;
import dev.bulwark.domain.money.Money;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderId;
import dev.bulwark.domain.orders.OrderSize;
import dev.bulwark.domain.orders.OrderStatus;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.orders.TimeInForce;
import dev.bulwark.domain.orders.TrailingOffset;
import dev.bulwark.domain.portfolio.AccountKind;
import dev.bulwark.domain.positions.Position;
import dev.bulwark.domain.positions.PositionChange;
import dev.bulwark.domain.positions.PositionSide;
import dev.bulwark.domain.venues.VenueAccountId;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One simulated venue wallet: the matching engine shared by the paper venue and the backtester. Mutable inside,
 * deterministic outside: the same calls with the same arguments from the same {@link #snapshot()} return the same
 * executions and leave the same state. Ids and times come in with the calls; trade ids are {@code <orderId>-<n>}.
 * Not thread-safe: its owner serializes calls.
 *
 * <h2>Prices move only through {@link #onCandle}, {@link #onPrice} and {@link #onMark}</h2>
 * {@link #place} takes the market the order arrives in and fills what is marketable at once, but moves no other
 * order. A candle works only orders accepted by its open time: its earlier prices cannot fill an order that did not
 * yet exist, and which of its prices came later is unknown.
 *
 * <h2>The path within a candle</h2>
 * A candle's prices are assumed to go <b>open → the extreme nearer the open (the low on a tie) → the other extreme →
 * close</b>, in straight lines. Everything uses that path, in that order: triggers, fills, trailing stops' best
 * prices, and the volume each fill uses up. The open is a gap from wherever the price was: an order whose price
 * lies between the previous price and the open fills <i>at the open</i> (a buy limit above the open fills at the
 * open, better than its limit; a stop-market triggered by the gap fills at the open with slippage). Along the path
 * an order fills where the path reaches it: a resting limit at its limit, a stop-market at its stop with slippage, a
 * trailing stop at its trailing level with slippage. Orders reached at the same price act in placement order. Fill
 * times are spread over the candle in proportion to the distance travelled along the path. {@link #onPrice} is one
 * straight move from the last price to the new one, everything at the tick's time.
 *
 * <p>One deliberate exception: when both legs of an OCO pair are within one candle's range, the stop leg is taken
 * to have come first and the other leg is cancelled, whatever the path says. The candle cannot tell which came
 * first, and a bracket is exactly where a backtest must not assume the happy ending.
 *
 * <h2>Orders</h2>
 * <ul>
 *   <li>MARKET fills at once at the current price with slippage (taker); what the volume cap leaves is EXPIRED
 *       (a market order is IOC). A quote-amount size buys (or sells) what the amount pays for at that price, rounded
 *       down to the lot step.</li>
 *   <li>LIMIT marketable on arrival (a buy at or above the price, a sell at or below) takes liquidity: taker fee,
 *       the price with slippage capped at the limit. Otherwise it rests and fills as a maker when the path reaches it
 *       ({@link LimitFillRule}), at its limit or at the open on a gap. GTC rests what is left; IOC expires it; FOK
 *       fills in full at once or expires without a fill.</li>
 *   <li>STOP_MARKET and TAKE_PROFIT trigger when the price reaches the stop price (a stop in the adverse direction:
 *       a buy stop at or above, a sell stop at or below; a take-profit in the favourable one) and then fill like a
 *       market order at the trigger price with slippage (at the open on a gap). What the volume cap leaves keeps
 *       working (they are GTC) and fills at the next prices. STOP_LIMIT and TAKE_PROFIT_LIMIT become a limit order
 *       at their trigger, taker if marketable there, under their own time in force. A conditional order whose
 *       trigger already holds when it is placed is rejected, as venues do.</li>
 *   <li>TRAILING_STOP tracks the best price since placement (the highest for a sell, the lowest for a buy), or since
 *       its optional activation price (its stop price) was reached, and triggers when the price retraces by its
 *       offset from that best: by an amount, or by a percentage of the best. It then fills like a stop-market.</li>
 *   <li>OCO ({@link #placeOco}): a stop leg (STOP_MARKET or STOP_LIMIT) and a LIMIT, TAKE_PROFIT or
 *       TAKE_PROFIT_LIMIT leg, same side and quantity. When one leg triggers or first fills, the other is
 *       cancelled. The pair reserves once, the larger of what its legs need.</li>
 * </ul>
 *
 * <h2>Liquidity</h2>
 * With {@link PaperProfile#maxVolumeShare()} set, everything one candle (or one arrival) fills for an instrument
 * adds up to at most that share of its volume, rounded down to the lot step, shared in path order. An unknown volume
 * (a bare price, a tick) does not cap. A candle of zero volume fills nothing, though it still triggers.
 *
 * <h2>Balances and reservations</h2>
 * Placing an order locks what it may need: a spot buy its quantity × price (the limit, the stop or the current
 * price plus the slippage rate, the trailing level) plus the larger fee rate when fees are in the quote asset; a
 * spot sell its base quantity; a futures order the initial margin of the part that would open or add (notional /
 * leverage) plus the larger fee. Fills move balances and shrink the lock; cancels and expiries free it. An order the
 * free balance cannot cover is REJECTED. A market-priced order that costs more when it fills than was locked (a gap)
 * draws the difference from the free balance, and what that cannot pay for EXPIRES.
 *
 * <h2>Fees</h2>
 * Maker or taker basis points of the notional ({@link FeeSchedule}). A spot buy pays in the quote or in the base
 * received, as the profile's {@link FeeAsset} says; a spot sell pays in the quote it receives; futures pay in the
 * margin (quote) asset. Fills report their fee; positions are gross of fees.
 *
 * <h2>USD-M futures (isolated margin, one-way)</h2>
 * Each instrument has one signed position (by cost basis) with its own margin. A fill that opens or adds takes
 * {@code quantity × price / leverage} from the free quote balance into the position's margin; one that reduces
 * releases the margin in proportion and settles the realized P&amp;L into the free balance. The liquidation price,
 * with {@code mmr} the profile's maintenance margin rate, {@code Q} the open quantity, {@code B} its cost basis and
 * {@code M} its margin, is where equity {@code M + P&L} falls to the maintenance margin {@code mmr × Q × price}:
 * <pre>
 *   long:  (B − M) / (Q × (1 − mmr))      (none when B ≤ M, i.e. leverage 1 without maintenance)
 *   short: (B + M) / (Q × (1 + mmr))
 * </pre>
 * The mark price is a candle's close, a tick's price, or one given to {@link #onMark}. When the mark reaches the
 * liquidation price, the venue cancels the instrument's open orders and closes the position with its own market
 * order at the liquidation price; what equity is left is charged as the liquidation fee, so exactly the margin is
 * lost. A loss larger than the whole free balance (a fill far beyond the liquidation price before the mark got
 * there) leaves the balance at zero and is recorded in {@link #absorbedLosses()}, as a venue's insurance fund
 * would take it. Funding payments are not simulated.
 */
public final class PaperAccount {
    /** Instruments in a stable order, so iteration (and so every result) never depends on hashing. */
    static final Comparator<Instrument> INSTRUMENTS =
            Comparator.comparing(Instrument::market).thenComparing(Instrument::base).thenComparing(Instrument::quote);
    /** The order id trial fills are made under; never stored. */
    private static final OrderId TRIAL = new OrderId(new UUID(0, 0));

    private final VenueAccountId account;
    private final PaperProfile profile;
    private final TreeMap<Asset, BigDecimal> free = new TreeMap<>();
    private final TreeMap<Asset, BigDecimal> absorbed = new TreeMap<>();
    /** Open orders in placement order (a LinkedHashMap keeps a key's place when its value is replaced). */
    private final LinkedHashMap<OrderId, WorkingOrder> working = new LinkedHashMap<>();
    private final LinkedHashMap<OrderId, Order> orders = new LinkedHashMap<>();
    private final List<Fill> fills = new ArrayList<>();
    private final TreeMap<Instrument, Position> positions = new TreeMap<>(INSTRUMENTS);
    private final TreeMap<Instrument, BigDecimal> margins = new TreeMap<>(INSTRUMENTS);
    private final TreeMap<Instrument, BigDecimal> leverages = new TreeMap<>(INSTRUMENTS);
    private final TreeMap<Instrument, BigDecimal> lastPrices = new TreeMap<>(INSTRUMENTS);
    private final TreeMap<Instrument, BigDecimal> marks = new TreeMap<>(INSTRUMENTS);
    private long sequence;

    private PaperAccount(VenueAccountId account, PaperProfile profile) {
        this.account = Objects.requireNonNull(account, "account");
        this.profile = Objects.requireNonNull(profile, "profile");
    }

    /** A new wallet with {@code funding} free (deposits of zero are ignored). */
    public static PaperAccount open(VenueAccountId account, PaperProfile profile, Map<Asset, BigDecimal> funding) {
        PaperAccount paper = new PaperAccount(account, profile);
        paper.deposit(funding);
        return paper;
    }

    /** The account exactly as {@code snapshot} recorded it. */
    public static PaperAccount restore(PaperSnapshot snapshot) {
        PaperAccount paper = new PaperAccount(snapshot.account(), snapshot.profile());
        paper.free.putAll(snapshot.free());
        paper.absorbed.putAll(snapshot.absorbedLosses());
        for (Order order : snapshot.orders()) {
            paper.orders.put(order.id(), order);
        }
        for (WorkingOrder w : snapshot.workingOrders()) {
            paper.working.put(w.order().id(), w);
        }
        paper.fills.addAll(snapshot.fills());
        paper.positions.putAll(snapshot.positions());
        paper.margins.putAll(snapshot.margins());
        paper.leverages.putAll(snapshot.leverages());
        paper.lastPrices.putAll(snapshot.lastPrices());
        paper.marks.putAll(snapshot.marks());
        paper.sequence = snapshot.sequence();
        return paper;
    }

    /** The whole state, for persistence; see {@link PaperSnapshot}. */
    public PaperSnapshot snapshot() {
        return new PaperSnapshot(account, profile, free, absorbed, List.copyOf(working.values()),
                List.copyOf(orders.values()), fills, positions, margins, leverages, lastPrices, marks, sequence);
    }

    public VenueAccountId account() {
        return account;
    }

    public PaperProfile profile() {
        return profile;
    }

    // ------------------------------------------------------------------------------------------------ funding

    /** Deposits {@code amount} (positive) of {@code asset} into the free balance. */
    public void fund(Asset asset, BigDecimal amount) {
        Objects.requireNonNull(asset, "asset");
        credit(asset, Decimals.requirePositive(amount, "amount"));
    }

    /**
     * Starts over: every open order, position, fill and price is dropped and the balances become {@code funding}.
     * Sequence numbers carry on, so ids the venue derives (liquidation orders) never repeat.
     */
    public void reset(Map<Asset, BigDecimal> funding) {
        free.clear();
        absorbed.clear();
        working.clear();
        orders.clear();
        fills.clear();
        positions.clear();
        margins.clear();
        leverages.clear();
        lastPrices.clear();
        marks.clear();
        deposit(funding);
    }

    /**
     * Hands over and forgets what can no longer change: every order that is final (not working), in placement order,
     * and every fill so far, in the order they happened. A partly filled order stays until it is final (its fills
     * go now); an OCO leg goes when it is final, whichever way. From then on the account's state is what is live, so
     * a keeper that appends the settled part to a history persists a snapshot that does not grow with every order.
     *
     * <p>The account no longer knows what it handed over: {@link #order}, {@link #fills()} and {@link #cancel} do not
     * find it, and {@link #place} no longer refuses its order id as a duplicate. Answering for settled orders (and
     * refusing their ids) is the keeper's, from its history. The backtester, which never takes, is unaffected.
     */
    public Settled takeSettled() {
        if (fills.isEmpty() && orders.size() == working.size()) {
            return Settled.NONE; // every order known is working: the usual case, at no cost
        }
        List<Order> done = new ArrayList<>();
        var it = orders.values().iterator();
        while (it.hasNext()) {
            Order order = it.next();
            if (!working.containsKey(order.id())) {
                done.add(order);
                it.remove();
            }
        }
        Settled settled = new Settled(done, fills);
        fills.clear();
        return settled;
    }

    private void deposit(Map<Asset, BigDecimal> funding) {
        new TreeMap<>(funding).forEach((asset, amount) -> {
            if (Decimals.requireNonNegative(amount, "funding of " + asset).signum() > 0) {
                credit(asset, amount);
            }
        });
    }

    /**
     * Sets a futures instrument's leverage (1 to the profile's maximum). Refused (false) while the instrument has a
     * position or open orders: their margin was computed at the old leverage.
     */
    public boolean setLeverage(Instrument instrument, BigDecimal leverage) {
        Objects.requireNonNull(instrument, "instrument");
        BigDecimal value = Decimals.requirePositive(leverage, "leverage");
        if (profile.kind() != AccountKind.FUTURES || !profile.rules().containsKey(instrument)) {
            throw new IllegalArgumentException(instrument + " is not a futures instrument of this wallet");
        }
        if (value.compareTo(BigDecimal.ONE) < 0 || value.compareTo(profile.maxLeverage()) > 0) {
            throw new IllegalArgumentException("leverage is between 1 and " + profile.maxLeverage().toPlainString()
                    + ", was " + value.toPlainString());
        }
        Position position = positions.get(instrument);
        boolean busy = (position != null && !position.isFlat())
                || working.values().stream().anyMatch(w -> w.order().instrument().equals(instrument));
        if (busy) {
            return false;
        }
        leverages.put(instrument, value);
        if (position != null) {
            positions.put(instrument, position.withLeverage(value));
        }
        return true;
    }

    public BigDecimal leverage(Instrument instrument) {
        return leverages.getOrDefault(instrument, profile.defaultLeverage());
    }

    // ---------------------------------------------------------------------------------------------- placing

    /**
     * Places {@code order} (NEW, of this account) in {@code market} at {@code at}: rejected with the reason when the
     * venue's rules or the balance refuse it, else accepted, with what happened to it at once.
     *
     * @throws IllegalArgumentException when the order is of another account or not NEW (a caller bug)
     */
    public PlaceResult place(Order order, MarketSnapshot market, Instant at) {
        requirePlaceable(order);
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(at, "at");
        Checked checked = check(order, market);
        if (checked instanceof Refusal(RejectReason reason, String detail)) {
            return reject(order, reason, detail, at);
        }
        Plan plan = (Plan) checked;
        BigDecimal available = freeOf(plan.asset());
        if (available.compareTo(plan.reserved()) < 0) {
            return reject(order, RejectReason.INSUFFICIENT_BALANCE, "needs " + plan.reserved().toPlainString() + " "
                    + plan.asset() + ", " + available.toPlainString() + " free", at);
        }
        lastPrices.put(order.instrument(), market.price());
        WorkingOrder w = accept(order, plan, plan.reserved(), market.price(), at);
        List<Execution> out = new ArrayList<>();
        if (w.triggered()) {
            Walk walk = new Walk(order.instrument(), plan.rules(), market.low(), market.high(), market.range(),
                    budgetOf(market.volume()), at, out);
            walk.arrive(w.order().id(), market.price());
        }
        return new PlaceResult.Accepted(orders.get(order.id()), out);
    }

    /**
     * Places an OCO pair: {@code stopLeg} a STOP_MARKET or STOP_LIMIT, {@code otherLeg} a LIMIT, TAKE_PROFIT or
     * TAKE_PROFIT_LIMIT of the same instrument, side and quantity, both GTC, neither triggering or marketable now.
     * Both are accepted or both rejected.
     */
    public OcoResult placeOco(Order stopLeg, Order otherLeg, MarketSnapshot market, Instant at) {
        requirePlaceable(stopLeg);
        requirePlaceable(otherLeg);
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(at, "at");
        String invalid = ocoShapeProblem(stopLeg, otherLeg, market.price());
        if (invalid != null) {
            return rejectOco(stopLeg, otherLeg, RejectReason.INVALID_ORDER, invalid, at);
        }
        Checked first = check(stopLeg, market);
        if (first instanceof Refusal(RejectReason reason, String detail)) {
            return rejectOco(stopLeg, otherLeg, reason, "stop leg: " + detail, at);
        }
        Checked second = check(otherLeg, market);
        if (second instanceof Refusal(RejectReason reason, String detail)) {
            return rejectOco(stopLeg, otherLeg, reason, "other leg: " + detail, at);
        }
        Plan stopPlan = (Plan) first;
        Plan otherPlan = (Plan) second;
        BigDecimal reserved = stopPlan.reserved().max(otherPlan.reserved());
        BigDecimal available = freeOf(stopPlan.asset());
        if (available.compareTo(reserved) < 0) {
            return rejectOco(stopLeg, otherLeg, RejectReason.INSUFFICIENT_BALANCE, "needs " + reserved.toPlainString()
                    + " " + stopPlan.asset() + ", " + available.toPlainString() + " free", at);
        }
        lastPrices.put(stopLeg.instrument(), market.price());
        WorkingOrder stop = accept(stopLeg, stopPlan, reserved, market.price(), at);
        WorkingOrder other = accept(otherLeg, otherPlan, BigDecimal.ZERO, market.price(), at);
        working.put(stop.order().id(), stop.withSibling(other.order().id()));
        working.put(other.order().id(), other.withSibling(stop.order().id()));
        return new OcoResult.Accepted(stop.order(), other.order());
    }

    private @Nullable String ocoShapeProblem(Order stop, Order other, BigDecimal price) {
        if (stop.id().equals(other.id()) || stop.clientOrderId().equals(other.clientOrderId())) {
            return "the legs of an OCO pair need their own ids";
        }
        if (stop.type() != OrderType.STOP_MARKET && stop.type() != OrderType.STOP_LIMIT) {
            return "the stop leg is a STOP_MARKET or STOP_LIMIT, was " + stop.type();
        }
        if (other.type() != OrderType.LIMIT && other.type() != OrderType.TAKE_PROFIT
                && other.type() != OrderType.TAKE_PROFIT_LIMIT) {
            return "the other leg is a LIMIT, TAKE_PROFIT or TAKE_PROFIT_LIMIT, was " + other.type();
        }
        if (!stop.instrument().equals(other.instrument()) || stop.side() != other.side() || !stop.size().equals(other.size())
                || !(stop.size() instanceof OrderSize.OfQuantity)) {
            return "the legs of an OCO pair have the same instrument, side and quantity";
        }
        if (stop.timeInForce() != TimeInForce.GTC || other.timeInForce() != TimeInForce.GTC) {
            return "the legs of an OCO pair are GTC";
        }
        if (other.type() == OrderType.LIMIT && marketable(other.side(), Objects.requireNonNull(other.limitPrice()), price)) {
            return "the limit leg at " + other.limitPrice().toPlainString() + " would fill at once at "
                    + price.toPlainString() + "; an OCO's limit leg rests";
        }
        return null;
    }

    private void requirePlaceable(Order order) {
        Objects.requireNonNull(order, "order");
        if (!order.account().equals(account)) {
            throw new IllegalArgumentException("order " + order.id() + " is of account " + order.account() + ", not " + account);
        }
        if (order.status() != OrderStatus.NEW) {
            throw new IllegalArgumentException("only a NEW order can be placed, " + order.id() + " is " + order.status());
        }
    }

    private PlaceResult.Rejected reject(Order order, RejectReason reason, String detail, Instant at) {
        Order rejected = order.transitionTo(OrderStatus.REJECTED, at);
        orders.putIfAbsent(order.id(), rejected);
        return new PlaceResult.Rejected(rejected, reason, detail);
    }

    private OcoResult.Rejected rejectOco(Order stop, Order other, RejectReason reason, String detail, Instant at) {
        Order a = stop.transitionTo(OrderStatus.REJECTED, at);
        Order b = other.transitionTo(OrderStatus.REJECTED, at);
        orders.putIfAbsent(a.id(), a);
        orders.putIfAbsent(b.id(), b);
        return new OcoResult.Rejected(a, b, reason, detail);
    }

    private WorkingOrder accept(Order order, Plan plan, BigDecimal reserved, BigDecimal price, Instant at) {
        Order accepted = order.transitionTo(OrderStatus.ACCEPTED, at);
        BigDecimal best = null;
        if (order.type() == OrderType.TRAILING_STOP) {
            BigDecimal activation = order.stopPrice();
            best = activation == null || activationReached(order.side(), activation, price) ? price : null;
        }
        WorkingOrder w = new WorkingOrder(accepted, ++sequence, at, plan.target(), plan.asset(), reserved,
                plan.reservePrice(), !order.type().isConditional(), false, best, null, 0);
        debit(plan.asset(), reserved);
        working.put(accepted.id(), w);
        orders.put(accepted.id(), accepted);
        return w;
    }

    /** What {@link #check} concluded. */
    private sealed interface Checked permits Plan, Refusal {
    }

    /** The order can be placed: fills {@code target}, reserves {@code reserved} of {@code asset} at {@code reservePrice}. */
    private record Plan(TradingRules rules, BigDecimal target, BigDecimal reservePrice, Asset asset, BigDecimal reserved)
            implements Checked {
    }

    private record Refusal(RejectReason reason, String detail) implements Checked {
    }

    /** Every venue rule but the balance, which an OCO pair checks for both legs at once. */
    private Checked check(Order order, MarketSnapshot market) {
        Instrument instrument = order.instrument();
        if (orders.containsKey(order.id())) {
            return new Refusal(RejectReason.DUPLICATE_ORDER, "order " + order.id() + " was placed before");
        }
        if (working.values().stream().anyMatch(w -> w.order().clientOrderId().equals(order.clientOrderId()))) {
            return new Refusal(RejectReason.DUPLICATE_ORDER, "an open order has client order id " + order.clientOrderId());
        }
        if (!PaperProfile.trades(profile.kind(), instrument.market())) {
            return new Refusal(RejectReason.UNSUPPORTED_MARKET, "a " + profile.kind() + " wallet does not trade " + instrument);
        }
        TradingRules rules = profile.rules().get(instrument);
        if (rules == null) {
            return new Refusal(RejectReason.UNKNOWN_INSTRUMENT, instrument + " is not listed");
        }
        for (BigDecimal price : new BigDecimal[] {order.limitPrice(), order.stopPrice()}) {
            if (price != null && !rules.isOnTick(price)) {
                return new Refusal(RejectReason.PRICE_OFF_TICK, "price " + price.toPlainString() + " is not on tick "
                        + rules.tickSize().toPlainString());
            }
        }
        BigDecimal price = market.price();
        BigDecimal arrival = slipped(rules, order.side(), price, market.range(), market.low(), market.high());
        BigDecimal target;
        if (order.size() instanceof OrderSize.OfQuantity(BigDecimal quantity)) {
            if (!rules.isOnStep(quantity)) {
                return new Refusal(RejectReason.QUANTITY_OFF_STEP, "quantity " + quantity.toPlainString()
                        + " is not on lot step " + rules.lotStep().toPlainString());
            }
            target = quantity;
        } else {
            BigDecimal amount = ((OrderSize.OfQuoteAmount) order.size()).amount();
            target = rules.roundQuantityDown(amount.divide(arrival, Decimals.DIVISION_SCALE, RoundingMode.FLOOR));
            if (target.signum() == 0) {
                return new Refusal(RejectReason.ZERO_QUANTITY, amount.toPlainString() + " " + instrument.quote()
                        + " is less than one lot step " + rules.lotStep().toPlainString() + " at " + arrival.toPlainString());
            }
        }
        BigDecimal reference = order.limitPrice() != null ? order.limitPrice()
                : order.stopPrice() != null && order.type() != OrderType.TRAILING_STOP ? order.stopPrice() : price;
        if (rules.fit(order.side(), target, reference, null) instanceof Fit.Unfittable(Fit.Reason why, BigDecimal limit, BigDecimal actual)) {
            RejectReason reason = switch (why) {
                case ZERO_PRICE_AFTER_ROUNDING -> RejectReason.PRICE_OFF_TICK;
                case NOTHING_HELD, ZERO_QUANTITY_AFTER_ROUNDING -> RejectReason.ZERO_QUANTITY;
                case BELOW_MIN_QUANTITY -> RejectReason.BELOW_MIN_QUANTITY;
                case ABOVE_MAX_QUANTITY -> RejectReason.ABOVE_MAX_QUANTITY;
                case BELOW_MIN_NOTIONAL -> RejectReason.BELOW_MIN_NOTIONAL;
            };
            return new Refusal(reason, why + ": limit " + limit.toPlainString() + ", actual " + actual.toPlainString());
        }
        if (order.type().needsStopPrice() && triggerHolds(order, price)) {
            return new Refusal(RejectReason.WOULD_TRIGGER_IMMEDIATELY, order.type() + " " + order.side() + " at "
                    + Objects.requireNonNull(order.stopPrice()).toPlainString() + " would trigger at once at " + price.toPlainString());
        }
        BigDecimal reservePrice = reservePrice(order, price, arrival);
        BigDecimal reserved = required(instrument, order.side(), target, reservePrice);
        return new Plan(rules, target, reservePrice, reservedAsset(instrument, order.side()), reserved);
    }

    /** The price a reservation is computed at: the worst the order is expected to fill at. */
    private BigDecimal reservePrice(Order order, BigDecimal price, BigDecimal arrival) {
        if (order.limitPrice() != null) {
            return order.limitPrice();
        }
        if (order.type() == OrderType.MARKET) {
            return arrival;
        }
        BigDecimal base = order.type() == OrderType.TRAILING_STOP
                ? (order.stopPrice() != null ? order.stopPrice() : price)
                : Objects.requireNonNull(order.stopPrice());
        if (order.side() == OrderSide.SELL) {
            return base;
        }
        BigDecimal level = order.type() == OrderType.TRAILING_STOP ? trailingLevel(order, base) : base;
        return Decimals.normalize(level.multiply(BigDecimal.ONE.add(profile.slippage().rate())));
    }

    private Asset reservedAsset(Instrument instrument, OrderSide side) {
        return isFutures() || side == OrderSide.BUY ? instrument.quote() : instrument.base();
    }

    /** What an order of {@code quantity} at {@code reservePrice} must have locked, given the position now. */
    private BigDecimal required(Instrument instrument, OrderSide side, BigDecimal quantity, BigDecimal reservePrice) {
        if (quantity.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal notional = quantity.multiply(reservePrice);
        if (isFutures()) {
            BigDecimal opening = quantity.subtract(closable(instrument, side)).max(BigDecimal.ZERO);
            BigDecimal margin = opening.signum() == 0 ? BigDecimal.ZERO
                    : Decimals.divide(opening.multiply(reservePrice), leverage(instrument));
            return Decimals.normalize(margin.add(notional.multiply(profile.fees().maxRate())));
        }
        if (side == OrderSide.SELL) {
            return quantity;
        }
        return profile.fees().spotBuyFeeAsset() == FeeAsset.QUOTE
                ? Decimals.normalize(notional.multiply(BigDecimal.ONE.add(profile.fees().maxRate())))
                : Decimals.normalize(notional);
    }

    /** How much of a futures order of {@code side} would reduce the current position rather than open. */
    private BigDecimal closable(Instrument instrument, OrderSide side) {
        Position position = positions.get(instrument);
        if (position == null || position.quantity().signum() != -side.sign()) {
            return BigDecimal.ZERO;
        }
        return position.quantity().abs();
    }

    // --------------------------------------------------------------------------------------------- cancelling

    /** Cancels an open order (and its OCO sibling) at {@code at}, freeing what they locked. */
    public CancelResult cancel(OrderId orderId, Instant at) {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(at, "at");
        WorkingOrder w = working.get(orderId);
        if (w == null) {
            Order known = orders.get(orderId);
            return known == null ? new CancelResult.Unknown(orderId) : new CancelResult.AlreadyClosed(known);
        }
        List<Execution.Cancelled> cancelled = new ArrayList<>();
        cancelled.add(cancelWorking(orderId, CancelReason.REQUESTED, at));
        if (w.ocoSibling() != null && working.containsKey(w.ocoSibling())) {
            cancelled.add(cancelWorking(w.ocoSibling(), CancelReason.REQUESTED, at));
        }
        return new CancelResult.Cancelled(cancelled);
    }

    private Execution.Cancelled cancelWorking(OrderId id, CancelReason reason, Instant at) {
        WorkingOrder w = Objects.requireNonNull(working.remove(id), "working order");
        credit(w.reservedAsset(), w.reserved());
        Order cancelled = w.order().transitionTo(OrderStatus.CANCELLED, at);
        orders.put(id, cancelled);
        if (w.ocoSibling() != null) {
            WorkingOrder sibling = working.get(w.ocoSibling());
            if (sibling != null) {
                working.put(sibling.order().id(), sibling.withoutSibling());
            }
        }
        return new Execution.Cancelled(cancelled, reason, at);
    }

    private Execution.Expired expireWorking(OrderId id, ExpiryReason reason, Instant at) {
        WorkingOrder w = Objects.requireNonNull(working.remove(id), "working order");
        credit(w.reservedAsset(), w.reserved());
        Order expired = w.order().transitionTo(OrderStatus.EXPIRED, at);
        orders.put(id, expired);
        return new Execution.Expired(expired, reason, at);
    }

    // ----------------------------------------------------------------------------------------- market moves

    /**
     * Works {@code instrument}'s open orders (accepted by the candle's open time) through {@code candle}'s prices
     * along the path described above, then takes its close as the last and mark price (and liquidates a futures
     * position the mark has crossed). The candle may be of another market on the same pair (spot candles driving a
     * perpetual).
     */
    public List<Execution> onCandle(Instrument instrument, Candle candle) {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(candle, "candle");
        if (!candle.instrument().base().equals(instrument.base()) || !candle.instrument().quote().equals(instrument.quote())) {
            throw new IllegalArgumentException("a " + candle.instrument() + " candle cannot price " + instrument);
        }
        List<Execution> out = new ArrayList<>();
        TradingRules rules = profile.rules().get(instrument);
        BigDecimal open = candle.open();
        BigDecimal close = candle.close();
        Duration span = candle.interval().duration().minusNanos(1);
        Instant end = candle.openTime().plus(span);
        if (rules != null) {
            boolean lowFirst = open.subtract(candle.low()).compareTo(candle.high().subtract(open)) <= 0;
            BigDecimal first = lowFirst ? candle.low() : candle.high();
            BigDecimal second = lowFirst ? candle.high() : candle.low();
            BigDecimal[] path = {open, first, second, close};
            Walk walk = new Walk(instrument, rules, candle.low(), candle.high(), candle.high().subtract(candle.low()),
                    budgetOf(candle.volume()), candle.openTime(), out);
            walk.timeline(path, candle.openTime(), span);
            walk.suppressBothOcoLegs(candle.low(), candle.high());
            walk.point(open);
            for (int i = 0; i < path.length - 1; i++) {
                walk.segment(i);
                walk.move(path[i], path[i + 1]);
            }
        }
        lastPrices.put(instrument, close);
        marks.put(instrument, close);
        liquidateIfCrossed(instrument, close, end, out);
        return out;
    }

    /**
     * A tick: the price moved in a straight line from the last price to {@code price} at {@code at}. Works the open
     * orders accepted by then (without a volume cap), then takes {@code price} as the last and mark price.
     */
    public List<Execution> onPrice(Instrument instrument, BigDecimal price, Instant at) {
        Objects.requireNonNull(instrument, "instrument");
        BigDecimal p = Decimals.requirePositive(price, "price");
        Objects.requireNonNull(at, "at");
        List<Execution> out = new ArrayList<>();
        TradingRules rules = profile.rules().get(instrument);
        if (rules != null) {
            Walk walk = new Walk(instrument, rules, null, null, BigDecimal.ZERO, null, at, out);
            BigDecimal last = lastPrices.get(instrument);
            if (last != null && last.compareTo(p) != 0) {
                walk.move(last, p);
            }
            walk.point(p);
        }
        lastPrices.put(instrument, p);
        marks.put(instrument, p);
        liquidateIfCrossed(instrument, p, at, out);
        return out;
    }

    /** A mark price from elsewhere (the venue's own mark): liquidates a futures position it has crossed. */
    public List<Execution> onMark(Instrument instrument, BigDecimal mark, Instant at) {
        Objects.requireNonNull(instrument, "instrument");
        BigDecimal m = Decimals.requirePositive(mark, "mark");
        Objects.requireNonNull(at, "at");
        List<Execution> out = new ArrayList<>();
        marks.put(instrument, m);
        liquidateIfCrossed(instrument, m, at, out);
        return out;
    }

    private @Nullable BigDecimal budgetOf(@Nullable BigDecimal volume) {
        BigDecimal share = profile.maxVolumeShare();
        return share == null || volume == null ? null : Decimals.normalize(volume.multiply(share));
    }

    /**
     * One pass of prices over one instrument's open orders: the arrival of an order, a candle, or a tick. Holds the
     * range (for slippage), the volume left to fill against, and the time of the point being worked.
     */
    private final class Walk {
        private final Instrument instrument;
        private final TradingRules rules;
        private final @Nullable BigDecimal low;
        private final @Nullable BigDecimal high;
        private final BigDecimal range;
        private @Nullable BigDecimal budget;
        private final Instant eligibleBy;
        private final List<Execution> out;
        private final Set<OrderId> suppressed = new HashSet<>();
        private Instant now;
        // The candle's timeline: fills are timed by the distance travelled along the path.
        private BigDecimal @Nullable [] path;
        private Instant openTime;
        private Duration span = Duration.ZERO;
        private BigDecimal total = BigDecimal.ZERO;
        private BigDecimal travelled = BigDecimal.ZERO;
        private BigDecimal segmentStart = BigDecimal.ZERO;

        Walk(Instrument instrument, TradingRules rules, @Nullable BigDecimal low, @Nullable BigDecimal high,
                BigDecimal range, @Nullable BigDecimal budget, Instant at, List<Execution> out) {
            this.instrument = instrument;
            this.rules = rules;
            this.low = low;
            this.high = high;
            this.range = range;
            this.budget = budget;
            this.eligibleBy = at;
            this.out = out;
            this.now = at;
            this.openTime = at;
        }

        void timeline(BigDecimal[] points, Instant start, Duration length) {
            this.path = points;
            this.openTime = start;
            this.span = length;
            BigDecimal sum = BigDecimal.ZERO;
            for (int i = 0; i < points.length - 1; i++) {
                sum = sum.add(points[i + 1].subtract(points[i]).abs());
            }
            this.total = sum;
        }

        void segment(int index) {
            BigDecimal[] points = Objects.requireNonNull(path);
            BigDecimal before = BigDecimal.ZERO;
            for (int i = 0; i < index; i++) {
                before = before.add(points[i + 1].subtract(points[i]).abs());
            }
            travelled = before;
            segmentStart = points[index];
        }

        private Instant timeAt(BigDecimal price) {
            if (path == null || total.signum() == 0) {
                return now;
            }
            BigDecimal distance = travelled.add(price.subtract(segmentStart).abs());
            long nanos = BigDecimal.valueOf(span.toNanos()).multiply(distance)
                    .divide(total, 0, RoundingMode.FLOOR).longValueExact();
            Instant t = openTime.plusNanos(nanos);
            return t.isBefore(now) ? now : t;
        }

        private List<OrderId> eligible() {
            List<OrderId> ids = new ArrayList<>();
            for (WorkingOrder w : working.values()) {
                if (w.order().instrument().equals(instrument) && !w.acceptedAt().isAfter(eligibleBy)) {
                    ids.add(w.order().id());
                }
            }
            return ids;
        }

        /** Both legs of an OCO pair within the candle's range: the stop leg is taken to come first. */
        void suppressBothOcoLegs(BigDecimal candleLow, BigDecimal candleHigh) {
            List<OrderId> ids = eligible();
            for (OrderId id : ids) {
                WorkingOrder w = working.get(id);
                if (w == null || w.ocoSibling() == null || !isStopLeg(w.order().type()) || !ids.contains(w.ocoSibling())) {
                    continue;
                }
                WorkingOrder other = Objects.requireNonNull(working.get(w.ocoSibling()));
                if (reachable(w, candleLow, candleHigh) && reachable(other, candleLow, candleHigh)) {
                    suppressed.add(other.order().id());
                }
            }
        }

        private boolean reachable(WorkingOrder w, BigDecimal candleLow, BigDecimal candleHigh) {
            Order o = w.order();
            if (!w.triggered()) {
                int d = triggerDirection(o);
                return holds(d > 0 ? candleHigh : candleLow, Objects.requireNonNull(o.stopPrice()), d, false);
            }
            int d = fillDirection(o.side());
            return holds(d > 0 ? candleHigh : candleLow, Objects.requireNonNull(o.limitPrice()), d, strictLimits());
        }

        private boolean hasBudget() {
            return budget == null || budget.compareTo(rules.lotStep()) >= 0;
        }

        private BigDecimal available(WorkingOrder w) {
            BigDecimal remaining = w.remaining();
            return budget == null ? remaining : remaining.min(rules.roundQuantityDown(budget));
        }

        /**
         * The price is at {@code p}, having jumped there (a candle's open, a tick's end, an order's arrival): every
         * order whose condition holds there acts there, in placement order.
         */
        void point(BigDecimal p) {
            for (OrderId id : eligible()) {
                WorkingOrder w = working.get(id);
                if (w == null) {
                    continue;
                }
                w = advanceTrailing(w, p);
                if (suppressed.contains(id)) {
                    continue;
                }
                if (!w.triggered()) {
                    if (triggerHoldsNow(w, p)) {
                        trigger(id, p);
                    }
                } else if (isMarketLike(w.order().type())) {
                    if (hasBudget()) {
                        take(id, p);
                    }
                } else if (hasBudget() && holds(p, limit(w), fillDirection(w.order().side()), strictLimits())) {
                    execute(id, available(w), capAtLimit(w, p), Liquidity.MAKER);
                }
            }
        }

        /** The price moves in a straight line from {@code from} to {@code to}; orders act where it reaches them. */
        void move(BigDecimal from, BigDecimal to) {
            if (from.compareTo(to) == 0) {
                return;
            }
            advanceAll(from);
            BigDecimal current = from;
            while (true) {
                OrderId next = null;
                BigDecimal at = null;
                boolean isTrigger = false;
                for (OrderId id : eligible()) {
                    WorkingOrder w = working.get(id);
                    if (w == null || suppressed.contains(id)) {
                        continue;
                    }
                    BigDecimal level;
                    boolean trigger = !w.triggered();
                    if (trigger) {
                        level = triggerLevel(w);
                        if (level == null) {
                            continue;
                        }
                        level = reached(level, triggerDirection(w.order()), false, current, to);
                    } else if (isMarketLike(w.order().type()) || !hasBudget()) {
                        continue;
                    } else {
                        level = reached(limit(w), fillDirection(w.order().side()), strictLimits(), current, to);
                    }
                    if (level != null && (at == null
                            || level.subtract(current).abs().compareTo(at.subtract(current).abs()) < 0)) {
                        next = id;
                        at = level;
                        isTrigger = trigger;
                    }
                }
                if (next == null || at == null) {
                    advanceAll(to);
                    return;
                }
                advanceAll(at);
                now = timeAt(at);
                if (isTrigger) {
                    trigger(next, at);
                } else {
                    WorkingOrder w = Objects.requireNonNull(working.get(next));
                    execute(next, available(w), capAtLimit(w, at), Liquidity.MAKER);
                }
                current = at;
            }
        }

        private void advanceAll(BigDecimal p) {
            for (OrderId id : eligible()) {
                WorkingOrder w = working.get(id);
                if (w != null) {
                    advanceTrailing(w, p);
                }
            }
        }

        private WorkingOrder advanceTrailing(WorkingOrder w, BigDecimal p) {
            if (w.order().type() != OrderType.TRAILING_STOP || w.triggered()) {
                return w;
            }
            BigDecimal best = w.bestPrice();
            OrderSide side = w.order().side();
            BigDecimal activation = w.order().stopPrice();
            BigDecimal next;
            if (best == null) {
                if (activation == null || !activationReached(side, activation, p)) {
                    return w;
                }
                next = p;
            } else {
                next = side == OrderSide.SELL ? best.max(p) : best.min(p);
            }
            if (best != null && next.compareTo(best) == 0) {
                return w;
            }
            WorkingOrder updated = w.withBest(next);
            working.put(w.order().id(), updated);
            return updated;
        }

        private boolean triggerHoldsNow(WorkingOrder w, BigDecimal p) {
            BigDecimal level = triggerLevel(w);
            return level != null && holds(p, level, triggerDirection(w.order()), false);
        }

        /** The trigger price of an untriggered order; null for a trailing stop not yet activated. */
        private @Nullable BigDecimal triggerLevel(WorkingOrder w) {
            if (w.order().type() == OrderType.TRAILING_STOP) {
                BigDecimal best = w.bestPrice();
                return best == null ? null : trailingLevel(w.order(), best);
            }
            return w.order().stopPrice();
        }

        private void trigger(OrderId id, BigDecimal p) {
            WorkingOrder w = Objects.requireNonNull(working.get(id)).triggeredNow();
            working.put(id, w);
            out.add(new Execution.Triggered(w.order(), p, now));
            if (w.ocoSibling() != null) {
                out.add(cancelSibling(id));
            }
            arrive(id, p);
        }

        /** The order starts working at {@code p}: on placement, or when its trigger is reached. */
        void arrive(OrderId id, BigDecimal p) {
            WorkingOrder w = Objects.requireNonNull(working.get(id));
            Order o = w.order();
            if (isMarketLike(o.type())) {
                if (hasBudget()) {
                    take(id, p);
                }
                if (o.type() == OrderType.MARKET && working.containsKey(id)) {
                    out.add(expireWorking(id, ExpiryReason.IMMEDIATE_OR_CANCEL, now));
                }
                return;
            }
            BigDecimal limit = limit(w);
            if (marketable(o.side(), limit, p)) {
                BigDecimal price = capAtLimit(w, slipped(rules, o.side(), p, range, low, high));
                BigDecimal quantity = hasBudget() ? available(w) : BigDecimal.ZERO;
                if (o.timeInForce() == TimeInForce.FOK
                        && (quantity.compareTo(w.remaining()) < 0 || affordable(w, w.remaining(), price, Liquidity.TAKER)
                        .compareTo(w.remaining()) < 0)) {
                    out.add(expireWorking(id, ExpiryReason.FILL_OR_KILL, now));
                    return;
                }
                if (quantity.signum() > 0) {
                    execute(id, quantity, price, Liquidity.TAKER);
                }
            }
            if (working.containsKey(id)) {
                switch (o.timeInForce()) {
                    case GTC -> working.put(id, Objects.requireNonNull(working.get(id)).restedNow());
                    case IOC -> out.add(expireWorking(id, ExpiryReason.IMMEDIATE_OR_CANCEL, now));
                    case FOK -> out.add(expireWorking(id, ExpiryReason.FILL_OR_KILL, now));
                }
            }
        }

        /** A market-like fill at {@code reference} with slippage. */
        private void take(OrderId id, BigDecimal reference) {
            WorkingOrder w = Objects.requireNonNull(working.get(id));
            execute(id, available(w), slipped(rules, w.order().side(), reference, range, low, high), Liquidity.TAKER);
        }

        private BigDecimal capAtLimit(WorkingOrder w, BigDecimal price) {
            BigDecimal limit = w.order().limitPrice();
            if (limit == null) {
                return price;
            }
            return w.order().side() == OrderSide.BUY ? price.min(limit) : price.max(limit);
        }

        /**
         * Fills up to {@code quantity} of the order at {@code price}: at most what the balance pays for, and what it
         * cannot pay for expires.
         */
        private void execute(OrderId id, BigDecimal quantity, BigDecimal price, Liquidity liquidity) {
            if (quantity.signum() <= 0) {
                return;
            }
            Execution.Cancelled siblingCancelled = null;
            if (Objects.requireNonNull(working.get(id)).ocoSibling() != null) {
                siblingCancelled = cancelSibling(id);
            }
            WorkingOrder w = Objects.requireNonNull(working.get(id));
            BigDecimal affordable = affordable(w, quantity, price, liquidity);
            boolean cut = affordable.compareTo(quantity) < 0;
            if (affordable.signum() > 0) {
                fill(w, affordable, price, liquidity, cut);
            }
            if (siblingCancelled != null) {
                out.add(siblingCancelled);
            }
            if (cut && working.containsKey(id)) {
                out.add(expireWorking(id, ExpiryReason.INSUFFICIENT_BALANCE, now));
            }
        }

        /** One fill; {@code releaseAll} when the rest is about to expire, so the whole lock may pay for this part. */
        private void fill(WorkingOrder w, BigDecimal quantity, BigDecimal price, Liquidity liquidity, boolean releaseAll) {
            Order o = w.order();
            OrderId id = o.id();
            BigDecimal notional = Decimals.normalize(quantity.multiply(price));
            BigDecimal rate = profile.fees().rate(liquidity);
            Money fee;
            if (!isFutures() && o.side() == OrderSide.BUY && profile.fees().spotBuyFeeAsset() == FeeAsset.RECEIVED) {
                fee = new Money(quantity.multiply(rate), instrument.base());
            } else {
                fee = new Money(notional.multiply(rate), instrument.quote());
            }
            Fill fill = new Fill(id + "-" + (w.fillCount() + 1), id, instrument, o.side(), price, quantity, fee, now);

            BigDecimal left = Decimals.normalize(w.remaining().subtract(quantity));
            BigDecimal keep = releaseAll ? BigDecimal.ZERO
                    : w.reserved().min(required(instrument, o.side(), left, w.reservePrice()));
            credit(w.reservedAsset(), w.reserved().subtract(keep));
            settle(fill);

            Order next = o.apply(fill);
            if (left.signum() == 0) {
                if (next.status() != OrderStatus.FILLED) {
                    next = next.transitionTo(OrderStatus.FILLED, now);
                }
                working.remove(id);
                credit(w.reservedAsset(), keep);
            } else {
                working.put(id, w.afterFill(next).withReserved(keep));
            }
            orders.put(id, next);
            fills.add(fill);
            if (budget != null) {
                budget = Decimals.normalize(budget.subtract(quantity));
            }
            out.add(new Execution.Filled(next, fill, liquidity));
        }

        /** The other leg goes; its reservation (the pair's) passes to this leg, which keeps what it needs. */
        private Execution.Cancelled cancelSibling(OrderId id) {
            WorkingOrder w = Objects.requireNonNull(working.get(id));
            OrderId siblingId = Objects.requireNonNull(w.ocoSibling());
            WorkingOrder sibling = Objects.requireNonNull(working.remove(siblingId));
            BigDecimal pooled = w.reserved().add(sibling.reserved());
            BigDecimal keep = pooled.min(required(instrument, w.order().side(), w.remaining(), w.reservePrice()));
            credit(w.reservedAsset(), pooled.subtract(keep));
            working.put(id, w.withoutSibling().withReserved(keep));
            Order cancelled = sibling.order().transitionTo(OrderStatus.CANCELLED, now);
            orders.put(siblingId, cancelled);
            return new Execution.Cancelled(cancelled, CancelReason.OCO_SIBLING_EXECUTED, now);
        }
    }

    /**
     * The most of {@code quantity} (in lot steps) the balance pays for at {@code price}, counting what the order has
     * locked: all of it while the order's rest keeps its own lock, else (the rest will expire) the most the whole lock
     * and the free balance pay for. Reducing a futures position is always allowed; a spot sell has its base locked
     * in full.
     */
    private BigDecimal affordable(WorkingOrder w, BigDecimal quantity, BigDecimal price, Liquidity liquidity) {
        Order o = w.order();
        if (!isFutures() && o.side() == OrderSide.SELL) {
            return quantity;
        }
        if (pays(w, quantity, price, liquidity, true)) {
            return quantity;
        }
        TradingRules rules = Objects.requireNonNull(profile.rules().get(o.instrument()));
        BigDecimal step = rules.lotStep();
        long lo = 0;
        long hi = quantity.divideToIntegralValue(step).longValueExact();
        while (lo < hi) {
            long mid = lo + (hi - lo + 1) / 2;
            if (pays(w, step.multiply(BigDecimal.valueOf(mid)), price, liquidity, false)) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return Decimals.normalize(step.multiply(BigDecimal.valueOf(lo)));
    }

    private boolean pays(WorkingOrder w, BigDecimal quantity, BigDecimal price, Liquidity liquidity, boolean keepRest) {
        Order o = w.order();
        Instrument instrument = o.instrument();
        BigDecimal rate = profile.fees().rate(liquidity);
        BigDecimal notional = quantity.multiply(price);
        BigDecimal keep = !keepRest ? BigDecimal.ZERO
                : w.reserved().min(required(instrument, o.side(), w.remaining().subtract(quantity), w.reservePrice()));
        BigDecimal available = freeOf(w.reservedAsset()).add(w.reserved()).subtract(keep);
        BigDecimal spend;
        if (isFutures()) {
            if (quantity.compareTo(closable(instrument, o.side())) <= 0) {
                return true;
            }
            FuturesEffect effect = futuresEffect(trialFill(instrument, o.side(), price, quantity));
            spend = effect.newMargin().add(notional.multiply(rate)).subtract(effect.released())
                    .subtract(effect.change().realizedPnl().amount());
        } else {
            spend = profile.fees().spotBuyFeeAsset() == FeeAsset.QUOTE ? notional.add(notional.multiply(rate)) : notional;
        }
        return spend.compareTo(available) <= 0;
    }

    private static Fill trialFill(Instrument instrument, OrderSide side, BigDecimal price, BigDecimal quantity) {
        return new Fill("trial", TRIAL, instrument, side, price, quantity, Money.zero(instrument.quote()), Instant.EPOCH);
    }

    // ------------------------------------------------------------------------------------------- settlement

    /** What a futures fill does to its instrument's position and margin. */
    private record FuturesEffect(PositionChange change, BigDecimal released, BigDecimal newMargin) {
    }

    private FuturesEffect futuresEffect(Fill fill) {
        Instrument instrument = fill.instrument();
        Position position = positionOrFlat(instrument);
        BigDecimal margin = margins.getOrDefault(instrument, BigDecimal.ZERO);
        BigDecimal open = position.quantity().abs();
        BigDecimal closing = position.quantity().signum() == -fill.side().sign() ? fill.quantity().min(open) : BigDecimal.ZERO;
        BigDecimal opening = fill.quantity().subtract(closing);
        BigDecimal released = closing.signum() == 0 ? BigDecimal.ZERO
                : closing.compareTo(open) == 0 ? margin : Decimals.divide(margin.multiply(closing), open).min(margin);
        BigDecimal newMargin = opening.signum() == 0 ? BigDecimal.ZERO
                : Decimals.divide(opening.multiply(fill.price()), leverage(instrument));
        return new FuturesEffect(position.apply(fill), released, newMargin);
    }

    private Position positionOrFlat(Instrument instrument) {
        Position position = positions.get(instrument);
        return position != null ? position : Position.flat(account, instrument, isFutures() ? leverage(instrument) : BigDecimal.ONE);
    }

    /** Moves the balances and the position for one fill (the order's lock has already been released). */
    private void settle(Fill fill) {
        Instrument instrument = fill.instrument();
        Asset base = instrument.base();
        Asset quote = instrument.quote();
        BigDecimal notional = fill.notional();
        BigDecimal fee = fill.fee().amount();
        if (isFutures()) {
            FuturesEffect effect = futuresEffect(fill);
            positions.put(instrument, effect.change().position());
            margins.put(instrument, Decimals.normalize(margins.getOrDefault(instrument, BigDecimal.ZERO)
                    .subtract(effect.released()).add(effect.newMargin())));
            settleQuote(quote, effect.released().add(effect.change().realizedPnl().amount())
                    .subtract(effect.newMargin()).subtract(fee));
            return;
        }
        if (fill.side() == OrderSide.BUY) {
            boolean feeInBase = fill.fee().asset().equals(base);
            debit(quote, feeInBase ? notional : notional.add(fee));
            credit(base, feeInBase ? fill.quantity().subtract(fee) : fill.quantity());
            positions.put(instrument, positionOrFlat(instrument).apply(fill).position());
        } else {
            debit(base, fill.quantity());
            credit(quote, notional.subtract(fee));
            Position position = positionOrFlat(instrument);
            // A sell of funded inventory has no cost basis here: the position sells only what fills bought.
            BigDecimal held = position.quantity();
            if (held.signum() > 0) {
                Fill part = fill.quantity().compareTo(held) <= 0 ? fill : new Fill(fill.tradeId(), fill.orderId(),
                        instrument, fill.side(), fill.price(), held, fill.fee(), fill.time());
                positions.put(instrument, position.apply(part).position());
            }
        }
    }

    /** Adds {@code delta} to the free quote balance; a loss beyond it is the insurance fund's, recorded. */
    private void settleQuote(Asset quote, BigDecimal delta) {
        BigDecimal after = freeOf(quote).add(delta);
        if (after.signum() < 0) {
            absorbed.merge(quote, Decimals.normalize(after.negate()), (a, b) -> Decimals.normalize(a.add(b)));
            after = BigDecimal.ZERO;
        }
        free.put(quote, Decimals.normalize(after));
    }

    private void liquidateIfCrossed(Instrument instrument, BigDecimal mark, Instant at, List<Execution> out) {
        if (!isFutures()) {
            return;
        }
        Optional<BigDecimal> liquidation = liquidationPrice(instrument);
        if (liquidation.isEmpty()) {
            return;
        }
        Position position = Objects.requireNonNull(positions.get(instrument));
        BigDecimal price = liquidation.get();
        boolean crossed = position.side() == PositionSide.LONG ? mark.compareTo(price) <= 0 : mark.compareTo(price) >= 0;
        if (!crossed) {
            return;
        }
        for (WorkingOrder w : List.copyOf(working.values())) {
            if (w.order().instrument().equals(instrument) && working.containsKey(w.order().id())) {
                out.add(cancelWorking(w.order().id(), CancelReason.LIQUIDATION, at));
            }
        }
        long number = ++sequence;
        OrderId id = new OrderId(UUID.nameUUIDFromBytes(ascii("bulwark-paper-liquidation:" + account + ":" + number)));
        OrderSide side = position.side() == PositionSide.LONG ? OrderSide.SELL : OrderSide.BUY;
        BigDecimal quantity = position.quantity().abs();
        Order order = Order.create(id, new ClientOrderId("autoclose-" + number), account, instrument, side, OrderType.MARKET,
                OrderSize.quantity(quantity), null, null, null, TimeInForce.IOC, at).transitionTo(OrderStatus.ACCEPTED, at);
        BigDecimal margin = margins.getOrDefault(instrument, BigDecimal.ZERO);
        PositionChange trial = position.apply(trialFill(instrument, side, price, quantity));
        BigDecimal equity = margin.add(trial.realizedPnl().amount());
        Fill fill = new Fill(id + "-1", id, instrument, side, price, quantity,
                new Money(equity.max(BigDecimal.ZERO), instrument.quote()), at);
        PositionChange change = position.apply(fill);
        positions.put(instrument, change.position());
        margins.put(instrument, BigDecimal.ZERO);
        // margin + P&L − fee: zero, or the shortfall when rounding left the equity a hair below zero.
        settleQuote(instrument.quote(), equity.subtract(fill.fee().amount()));
        Order filled = order.apply(fill);
        orders.put(id, filled);
        fills.add(fill);
        out.add(new Execution.Liquidated(filled, fill, change.position(), new Money(margin, instrument.quote())));
    }

    private static byte[] ascii(String text) {
        byte[] bytes = new byte[text.length()];
        for (int i = 0; i < text.length(); i++) {
            bytes[i] = (byte) text.charAt(i);
        }
        return bytes;
    }

    // ------------------------------------------------------------------------------------------------ views

    /** Every asset's balance, free and locked, in asset order. */
    public Map<Asset, Balance> balances() {
        TreeMap<Asset, Balance> all = new TreeMap<>();
        Set<Asset> assets = new HashSet<>(free.keySet());
        working.values().forEach(w -> assets.add(w.reservedAsset()));
        margins.keySet().forEach(i -> assets.add(i.quote()));
        for (Asset asset : assets) {
            all.put(asset, balance(asset));
        }
        return Collections.unmodifiableMap(all);
    }

    public Balance balance(Asset asset) {
        Objects.requireNonNull(asset, "asset");
        BigDecimal locked = BigDecimal.ZERO;
        for (WorkingOrder w : working.values()) {
            if (w.reservedAsset().equals(asset)) {
                locked = locked.add(w.reserved());
            }
        }
        for (Map.Entry<Instrument, BigDecimal> margin : margins.entrySet()) {
            if (margin.getKey().quote().equals(asset)) {
                locked = locked.add(margin.getValue());
            }
        }
        return new Balance(freeOf(asset), locked);
    }

    /** The open orders, in placement order. */
    public List<Order> openOrders() {
        return working.values().stream().map(WorkingOrder::order).toList();
    }

    /** The open orders with what the venue keeps about them, in placement order. */
    public List<WorkingOrder> workingOrders() {
        return List.copyOf(working.values());
    }

    /**
     * Every order placed (and every liquidation order) and not yet handed over by {@link #takeSettled()}, as it is
     * now, in placement order.
     */
    public List<Order> orders() {
        return List.copyOf(orders.values());
    }

    public Optional<Order> order(OrderId id) {
        return Optional.ofNullable(orders.get(id));
    }

    /** The latest order placed with {@code clientOrderId}, as a venue answers a query by client id. */
    public Optional<Order> order(ClientOrderId clientOrderId) {
        Order found = null;
        for (Order order : orders.values()) {
            if (order.clientOrderId().equals(clientOrderId)) {
                found = order;
            }
        }
        return Optional.ofNullable(found);
    }

    /** Every fill not yet handed over by {@link #takeSettled()} (all of them, if nothing was), in the order they happened. */
    public List<Fill> fills() {
        return List.copyOf(fills);
    }

    /** Every instrument's position (flat ones included once traded), by instrument. */
    public Map<Instrument, Position> positions() {
        return Collections.unmodifiableMap(new TreeMap<>(positions));
    }

    public Optional<Position> position(Instrument instrument) {
        return Optional.ofNullable(positions.get(instrument));
    }

    /** The isolated margin of a futures position; zero when flat. */
    public BigDecimal margin(Instrument instrument) {
        return margins.getOrDefault(instrument, BigDecimal.ZERO);
    }

    public Optional<BigDecimal> lastPrice(Instrument instrument) {
        return Optional.ofNullable(lastPrices.get(instrument));
    }

    /** The mark price: the last candle's close, tick or explicit mark. */
    public Optional<BigDecimal> markPrice(Instrument instrument) {
        return Optional.ofNullable(marks.get(instrument));
    }

    /** The open position's P&amp;L at the mark; zero when flat or never priced. */
    public Money unrealizedPnl(Instrument instrument) {
        Position position = positions.get(instrument);
        BigDecimal mark = marks.get(instrument);
        if (position == null || mark == null) {
            return Money.zero(instrument.quote());
        }
        return position.unrealizedPnl(mark);
    }

    /** Where a futures position is liquidated (see the class documentation); empty when flat or never. */
    public Optional<BigDecimal> liquidationPrice(Instrument instrument) {
        Position position = positions.get(instrument);
        if (!isFutures() || position == null || position.isFlat()) {
            return Optional.empty();
        }
        BigDecimal quantity = position.quantity().abs();
        BigDecimal basis = position.costBasis().amount();
        BigDecimal margin = margins.getOrDefault(instrument, BigDecimal.ZERO);
        BigDecimal mmr = profile.maintenanceMarginRate();
        if (position.side() == PositionSide.LONG) {
            BigDecimal numerator = basis.subtract(margin);
            if (numerator.signum() <= 0) {
                return Optional.empty();
            }
            return Optional.of(Decimals.divide(numerator, quantity.multiply(BigDecimal.ONE.subtract(mmr))));
        }
        return Optional.of(Decimals.divide(basis.add(margin), quantity.multiply(BigDecimal.ONE.add(mmr))));
    }

    /** What the venue's insurance fund covered, per asset, when losses exceeded the wallet. */
    public Map<Asset, BigDecimal> absorbedLosses() {
        return Collections.unmodifiableMap(new TreeMap<>(absorbed));
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private boolean isFutures() {
        return profile.kind() == AccountKind.FUTURES;
    }

    private boolean strictLimits() {
        return profile.limitFill() == LimitFillRule.TRADE_THROUGH;
    }

    private BigDecimal freeOf(Asset asset) {
        return free.getOrDefault(asset, BigDecimal.ZERO);
    }

    private void credit(Asset asset, BigDecimal amount) {
        if (amount.signum() != 0) {
            free.put(asset, Decimals.normalize(freeOf(asset).add(amount)));
        }
    }

    private void debit(Asset asset, BigDecimal amount) {
        BigDecimal after = freeOf(asset).subtract(amount);
        if (after.signum() < 0) {
            throw new IllegalStateException("the free " + asset + " balance would go negative: " + after.toPlainString());
        }
        if (amount.signum() != 0) {
            free.put(asset, Decimals.normalize(after));
        }
    }

    private static BigDecimal limit(WorkingOrder w) {
        return Objects.requireNonNull(w.order().limitPrice(), "limit price");
    }

    /** Executes like a market order once live (on arrival or trigger). */
    private static boolean isMarketLike(OrderType type) {
        return !type.needsLimitPrice();
    }

    private static boolean isStopLeg(OrderType type) {
        return type == OrderType.STOP_MARKET || type == OrderType.STOP_LIMIT;
    }

    /** A buy limit at or above the price, a sell at or below, takes liquidity. */
    private static boolean marketable(OrderSide side, BigDecimal limit, BigDecimal price) {
        return side == OrderSide.BUY ? limit.compareTo(price) >= 0 : limit.compareTo(price) <= 0;
    }

    /** A resting buy fills as the price falls (−1), a sell as it rises (+1). */
    private static int fillDirection(OrderSide side) {
        return side == OrderSide.BUY ? -1 : 1;
    }

    /**
     * +1 when the trigger is reached by a rising price, −1 by a falling one: a buy stop (or trailing buy) above, a
     * sell stop below, a take-profit the other way round.
     */
    private static int triggerDirection(Order order) {
        int sign = order.side() == OrderSide.BUY ? 1 : -1;
        return switch (order.type()) {
            case TAKE_PROFIT, TAKE_PROFIT_LIMIT -> -sign;
            default -> sign;
        };
    }

    private static boolean triggerHolds(Order order, BigDecimal price) {
        return holds(price, Objects.requireNonNull(order.stopPrice()), triggerDirection(order), false);
    }

    private static boolean activationReached(OrderSide side, BigDecimal activation, BigDecimal price) {
        return side == OrderSide.SELL ? price.compareTo(activation) >= 0 : price.compareTo(activation) <= 0;
    }

    /** Whether {@code price} is at or beyond {@code level} in direction {@code d} (strictly beyond when strict). */
    private static boolean holds(BigDecimal price, BigDecimal level, int d, boolean strict) {
        int c = price.compareTo(level) * d;
        return strict ? c > 0 : c >= 0;
    }

    /**
     * Where a straight move from {@code from} to {@code to} first satisfies a condition at {@code level} in direction
     * {@code d}: at once if it holds at {@code from}, at the level if it holds by {@code to}, else never (null).
     */
    private static @Nullable BigDecimal reached(BigDecimal level, int d, boolean strict, BigDecimal from, BigDecimal to) {
        if (holds(from, level, d, strict)) {
            return from;
        }
        return holds(to, level, d, strict) ? level : null;
    }

    /** A trailing stop's trigger price for a best price: the best less (sell) or plus (buy) the offset. */
    private static BigDecimal trailingLevel(Order order, BigDecimal best) {
        TrailingOffset offset = Objects.requireNonNull(order.trailing());
        int sign = order.side() == OrderSide.SELL ? -1 : 1;
        BigDecimal distance = switch (offset) {
            case TrailingOffset.ByAmount(BigDecimal amount) -> amount;
            case TrailingOffset.ByPercent(BigDecimal percent) -> best.multiply(percent).movePointLeft(2);
        };
        return Decimals.normalize(best.add(sign > 0 ? distance : distance.negate()));
    }

    /**
     * {@code reference} moved against the trader by the slippage model, rounded to the tick against the trader, kept
     * within the range when one is known, and never below one tick.
     */
    private BigDecimal slipped(TradingRules rules, OrderSide side, BigDecimal reference, BigDecimal range,
            @Nullable BigDecimal low, @Nullable BigDecimal high) {
        BigDecimal amount = profile.slippage().amount(reference, range);
        boolean buy = side == OrderSide.BUY;
        BigDecimal raw = buy ? reference.add(amount) : reference.subtract(amount);
        BigDecimal tick = rules.tickSize();
        BigDecimal price = Decimals.normalize(raw.divide(tick, 0, buy ? RoundingMode.CEILING : RoundingMode.FLOOR).multiply(tick));
        if (buy && high != null) {
            price = price.min(high);
        }
        if (!buy && low != null) {
            price = price.max(low);
        }
        return price.signum() > 0 ? price : tick;
    }
}
