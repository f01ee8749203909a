package dev.bulwark.domain.orders;

import dev.bulwark.domain.money.Decimals;
import java.math.BigDecimal;

/** How far a trailing stop trails the best price: a fixed amount of the quote asset, or a percentage of the price. */
public sealed interface TrailingOffset {

    /** A fixed distance in the quote asset. */
    record ByAmount(BigDecimal amount) implements TrailingOffset {
        public ByAmount {
            amount = Decimals.requirePositive(amount, "amount");
        }
    }

    /** A distance in percent of the price, strictly between 0 and 100 (at 100 the stop would sit at zero). */
    record ByPercent(BigDecimal percent) implements TrailingOffset {
        private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

        public ByPercent {
            percent = Decimals.requirePositive(percent, "percent");
            if (percent.compareTo(HUNDRED) >= 0) {
                throw new IllegalArgumentException("percent must be below 100, was " + percent.toPlainString());
            }
        }
    }
}
