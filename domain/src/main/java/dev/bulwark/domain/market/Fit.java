package dev.bulwark.domain.market;

import dev.bulwark.domain.money.Decimals;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * The verdict of {@link TradingRules#fit}: either the order as the venue will accept it, or why it cannot be placed,
 * with the limit it broke and the value that broke it. A refusal is data, not an exception.
 */
public sealed interface Fit {

    /** The order fitted to the rules: quantity on the lot step, price on the tick, within every bound. */
    record Fitted(BigDecimal quantity, BigDecimal price) implements Fit {
        public Fitted {
            quantity = Decimals.requirePositive(quantity, "quantity");
            price = Decimals.requirePositive(price, "price");
        }

        /** What the order is worth in the quote asset at its price: {@code quantity × price}, exact. */
        public BigDecimal notional() {
            return Decimals.normalize(quantity.multiply(price));
        }
    }

    /**
     * Why an order cannot be fitted. {@code limit} is the rule's value and {@code actual} the order's value it was
     * compared with (see each {@link Reason}); the constructor refuses a reason the two values do not bear out, so
     * a refusal never states something false.
     */
    record Unfittable(Reason reason, BigDecimal limit, BigDecimal actual) implements Fit {
        public Unfittable {
            Objects.requireNonNull(reason, "reason");
            limit = Decimals.requireNonNegative(limit, "limit");
            actual = Decimals.requireNonNegative(actual, "actual");
            boolean holds = reason == Reason.ABOVE_MAX_QUANTITY
                    ? actual.compareTo(limit) > 0
                    : actual.compareTo(limit) < 0;
            if (!holds) {
                throw new IllegalArgumentException(reason + " does not hold for limit " + limit.toPlainString()
                        + " and actual " + actual.toPlainString());
            }
        }
    }

    /** Why an order was refused; the javadoc of each says what {@code limit} and {@code actual} are. */
    enum Reason {
        /** A buy's price is under one tick, so it rounds down to zero. limit: the tick; actual: the price. */
        ZERO_PRICE_AFTER_ROUNDING,
        /** A sell holds less than one lot step. limit: the lot step; actual: the held quantity. */
        NOTHING_HELD,
        /** Less than one lot step is wanted. limit: the lot step; actual: the wanted quantity. */
        ZERO_QUANTITY_AFTER_ROUNDING,
        /** limit: the minimum quantity; actual: the quantity after rounding (and capping to the held quantity). */
        BELOW_MIN_QUANTITY,
        /** limit: the maximum quantity; actual: the quantity after rounding. */
        ABOVE_MAX_QUANTITY,
        /** limit: the minimum notional; actual: the fitted quantity times the fitted price. */
        BELOW_MIN_NOTIONAL
    }
}
