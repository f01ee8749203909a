package dev.bulwark.domain.orders;

import dev.bulwark.domain.money.Decimals;
import java.math.BigDecimal;

/**
 * How much an order is for: a quantity of the base asset, or an amount of the quote asset to spend or receive
 * (Binance's {@code quoteOrderQty}), which only a market order can take since its price is not known beforehand.
 */
public sealed interface OrderSize {

    static OfQuantity quantity(BigDecimal quantity) {
        return new OfQuantity(quantity);
    }

    static OfQuoteAmount quoteAmount(BigDecimal amount) {
        return new OfQuoteAmount(amount);
    }

    /** So many units of the base asset. */
    record OfQuantity(BigDecimal quantity) implements OrderSize {
        public OfQuantity {
            quantity = Decimals.requirePositive(quantity, "quantity");
        }
    }

    /** So much of the quote asset; the venue works out the base quantity as it fills. */
    record OfQuoteAmount(BigDecimal amount) implements OrderSize {
        public OfQuoteAmount {
            amount = Decimals.requirePositive(amount, "amount");
        }
    }
}
