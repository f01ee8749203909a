package dev.bulwark.domain.orders;

import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.money.Decimals;
import dev.bulwark.domain.venues.VenueAccountId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An order on one venue account: what was asked for, where it is in its life and how much of it has filled.
 * Immutable; {@link #transitionTo} and {@link #apply} return the next version.
 *
 * <p>The constructor holds every rule of a well-formed order:
 * <ul>
 *   <li>a limit price exactly on LIMIT, STOP_LIMIT and TAKE_PROFIT_LIMIT; a stop (trigger) price exactly on the
 *       STOP_* and TAKE_PROFIT* types, and optionally on TRAILING_STOP as its activation price; a trailing offset
 *       exactly on TRAILING_STOP. A price the type would ignore is refused, because it means another type was
 *       meant. Prices are positive.</li>
 *   <li>a quote-amount size only on a MARKET order, the one type whose price is unknown when it is sized.</li>
 *   <li>FOK and IOC only where they decide something: on limit-priced types (which take any time in force). A
 *       MARKET order is IOC by nature and a conditional market order (STOP_MARKET, TAKE_PROFIT, TRAILING_STOP)
 *       rests until triggered, so is GTC; see {@link OrderType#defaultTimeInForce()}.</li>
 *   <li>{@code 0 <= filledQuantity <= quantity} (when sized by quantity), all of it filled only when FILLED; an
 *       average fill price exactly when something filled; nothing filled while NEW, ACCEPTED or REJECTED.</li>
 *   <li>{@code updatedAt} not before {@code createdAt}.</li>
 * </ul>
 */
public record Order(
        OrderId id,
        ClientOrderId clientOrderId,
        VenueAccountId account,
        Instrument instrument,
        OrderSide side,
        OrderType type,
        OrderSize size,
        @Nullable BigDecimal limitPrice,
        @Nullable BigDecimal stopPrice,
        @Nullable TrailingOffset trailing,
        TimeInForce timeInForce,
        OrderStatus status,
        BigDecimal filledQuantity,
        @Nullable BigDecimal averageFillPrice,
        Instant createdAt,
        Instant updatedAt) {

    public Order {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(timeInForce, "timeInForce");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");

        if (type.needsLimitPrice()) {
            if (limitPrice == null) {
                throw new IllegalArgumentException("a " + type + " order needs a limit price");
            }
            limitPrice = Decimals.requirePositive(limitPrice, "limitPrice");
        } else if (limitPrice != null) {
            throw new IllegalArgumentException("a " + type + " order has no limit price, was given " + limitPrice.toPlainString());
        }
        if (stopPrice != null) {
            if (!type.allowsStopPrice()) {
                throw new IllegalArgumentException("a " + type + " order has no stop price, was given " + stopPrice.toPlainString());
            }
            stopPrice = Decimals.requirePositive(stopPrice, "stopPrice");
        } else if (type.needsStopPrice()) {
            throw new IllegalArgumentException("a " + type + " order needs a stop (trigger) price");
        }
        if (type.needsTrailingOffset() && trailing == null) {
            throw new IllegalArgumentException("a " + type + " order needs a trailing offset");
        }
        if (!type.needsTrailingOffset() && trailing != null) {
            throw new IllegalArgumentException("a " + type + " order has no trailing offset, was given " + trailing);
        }
        if (size instanceof OrderSize.OfQuoteAmount && type != OrderType.MARKET) {
            throw new IllegalArgumentException("only a MARKET order can be sized by a quote amount, was a " + type);
        }
        if (!type.allows(timeInForce)) {
            throw new IllegalArgumentException("a " + type + " order is " + type.defaultTimeInForce() + ", was " + timeInForce);
        }

        filledQuantity = Decimals.requireNonNegative(filledQuantity, "filledQuantity");
        if (size instanceof OrderSize.OfQuantity(BigDecimal quantity)) {
            int vsOrdered = filledQuantity.compareTo(quantity);
            if (vsOrdered > 0) {
                throw new IllegalArgumentException("filled " + filledQuantity.toPlainString()
                        + " exceeds the ordered " + quantity.toPlainString());
            }
            if (vsOrdered == 0 && status != OrderStatus.FILLED) {
                throw new IllegalArgumentException("an order filled in full is FILLED, was " + status);
            }
        }
        boolean anythingFilled = filledQuantity.signum() > 0;
        if (anythingFilled && (status == OrderStatus.NEW || status == OrderStatus.ACCEPTED || status == OrderStatus.REJECTED)) {
            throw new IllegalArgumentException("a " + status + " order has nothing filled, was " + filledQuantity.toPlainString());
        }
        if (anythingFilled != (averageFillPrice != null)) {
            throw new IllegalArgumentException("an average fill price goes with a filled quantity, was "
                    + filledQuantity.toPlainString() + " at " + averageFillPrice);
        }
        if (averageFillPrice != null) {
            averageFillPrice = Decimals.requirePositive(averageFillPrice, "averageFillPrice");
        }
        if (updatedAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("updatedAt " + updatedAt + " is before createdAt " + createdAt);
        }
    }

    /** A new order as it is created here: NEW, nothing filled. */
    public static Order create(
            OrderId id,
            ClientOrderId clientOrderId,
            VenueAccountId account,
            Instrument instrument,
            OrderSide side,
            OrderType type,
            OrderSize size,
            @Nullable BigDecimal limitPrice,
            @Nullable BigDecimal stopPrice,
            @Nullable TrailingOffset trailing,
            TimeInForce timeInForce,
            Instant createdAt) {
        return new Order(id, clientOrderId, account, instrument, side, type, size, limitPrice, stopPrice, trailing,
                timeInForce, OrderStatus.NEW, BigDecimal.ZERO, null, createdAt, createdAt);
    }

    /** The quantity still to fill, when the order is sized by quantity; empty for a quote-amount order. */
    public Optional<BigDecimal> remainingQuantity() {
        return size instanceof OrderSize.OfQuantity(BigDecimal quantity)
                ? Optional.of(Decimals.normalize(quantity.subtract(filledQuantity)))
                : Optional.empty();
    }

    /**
     * This order in {@code target}, as the venue (or we) reported at {@code at}. Staying in the same non-terminal
     * state returns this order unchanged. {@code updatedAt} never goes back: reports may arrive out of order.
     *
     * <p>Apply the fills before reporting a terminal state: the fill that completes an order moves it to FILLED
     * itself, and a terminal order takes no more fills.
     *
     * @throws IllegalOrderTransition when {@link OrderStatus#canMoveTo} does not allow it
     */
    public Order transitionTo(OrderStatus target, Instant at) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(at, "at");
        if (!status.canMoveTo(target)) {
            throw new IllegalOrderTransition(id, status, target, whyNot(target));
        }
        if (target == status) {
            return this;
        }
        return with(target, filledQuantity, averageFillPrice, at);
    }

    /**
     * This order after {@code fill}: the filled quantity grows, the average fill price is re-weighted (at
     * {@link Decimals#DIVISION_SCALE}) and the order is FILLED when all of its quantity has filled, else
     * PARTIALLY_FILLED. A quote-amount order stays PARTIALLY_FILLED until the venue reports it FILLED, because
     * lot rounding means it rarely spends exactly the amount asked for.
     *
     * <p>The order does not remember trade ids: recognising a fill reported twice is the application's job.
     *
     * @throws IllegalArgumentException when the fill belongs to another order, instrument or side, or would fill
     *     more than the order's quantity
     * @throws IllegalOrderTransition when the order is already terminal
     */
    public Order apply(Fill fill) {
        Objects.requireNonNull(fill, "fill");
        if (!fill.orderId().equals(id)) {
            throw new IllegalArgumentException("fill " + fill.tradeId() + " is for order " + fill.orderId() + ", not " + id);
        }
        if (!fill.instrument().equals(instrument) || fill.side() != side) {
            throw new IllegalArgumentException("fill " + fill.tradeId() + " is a " + fill.side() + " of " + fill.instrument()
                    + ", order " + id + " a " + side + " of " + instrument);
        }
        BigDecimal newFilled = filledQuantity.add(fill.quantity());
        boolean complete = size instanceof OrderSize.OfQuantity(BigDecimal quantity) && newFilled.compareTo(quantity) >= 0;
        OrderStatus target = complete ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
        if (status.isTerminal()) {
            throw new IllegalOrderTransition(id, status, target, "a " + status + " order takes no more fills (fill " + fill.tradeId() + ")");
        }
        if (size instanceof OrderSize.OfQuantity(BigDecimal quantity) && newFilled.compareTo(quantity) > 0) {
            throw new IllegalArgumentException("fill " + fill.tradeId() + " of " + fill.quantity().toPlainString()
                    + " would overfill order " + id + ": " + filledQuantity.toPlainString() + " of "
                    + quantity.toPlainString() + " already filled");
        }
        BigDecimal newAverage = averageFillPrice == null
                ? fill.price()
                : Decimals.divide(averageFillPrice.multiply(filledQuantity).add(fill.notional()), newFilled);
        return with(target, newFilled, newAverage, fill.time());
    }

    private Order with(OrderStatus newStatus, BigDecimal newFilled, @Nullable BigDecimal newAverage, Instant at) {
        Instant newUpdatedAt = at.isAfter(updatedAt) ? at : updatedAt;
        return new Order(id, clientOrderId, account, instrument, side, type, size, limitPrice, stopPrice, trailing,
                timeInForce, newStatus, newFilled, newAverage, createdAt, newUpdatedAt);
    }

    private String whyNot(OrderStatus target) {
        if (status.isTerminal()) {
            return "nothing leaves a terminal state";
        }
        if (target == OrderStatus.REJECTED) {
            return "a venue rejects an order only before it works it";
        }
        return "an order never goes back to an earlier state";
    }
}
