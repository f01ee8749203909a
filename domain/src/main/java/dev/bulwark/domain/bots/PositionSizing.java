package dev.bulwark.domain.bots;

import dev.bulwark.domain.money.Decimals;
import java.math.BigDecimal;

/**
 * How big an order a bot's signal becomes when the signal names no quantity. Amounts are normalized, so two
 * sizings compare equal when they are numerically equal.
 */
public sealed interface PositionSizing {

    /** Spend this much of the quote asset per order ({@code 100} USDT). */
    record FixedQuote(BigDecimal amount) implements PositionSizing {
        public FixedQuote {
            amount = Decimals.requirePositive(amount, "amount");
        }
    }

    /** Commit this percentage of the account's equity per order, above 0 and at most 100. */
    record PercentOfEquity(BigDecimal percent) implements PositionSizing {
        private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

        public PercentOfEquity {
            percent = Decimals.requirePositive(percent, "percent");
            if (percent.compareTo(HUNDRED) > 0) {
                throw new IllegalArgumentException("a percent of equity is above 0 and at most 100, was " + percent.toPlainString());
            }
        }
    }

    /** Trade this many units of the base asset per order ({@code 0.01} BTC, {@code 5} shares). */
    record FixedUnits(BigDecimal quantity) implements PositionSizing {
        public FixedUnits {
            quantity = Decimals.requirePositive(quantity, "quantity");
        }
    }

    /** The one number of the sizing, whatever its kind (for storage and display). */
    default BigDecimal value() {
        return switch (this) {
            case FixedQuote q -> q.amount();
            case PercentOfEquity p -> p.percent();
            case FixedUnits u -> u.quantity();
        };
    }
}
