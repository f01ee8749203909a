package dev.bulwark.domain.risk;

import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.money.Decimals;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.venues.Environment;
import java.math.BigDecimal;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An order as the risk engine sees it before it exists: what, which side, how much, at what price.
 *
 * @param quantity base units, positive
 * @param price the limit price, or the reference price of a market order, in the quote asset; positive
 * @param stopPrice the protective stop, in the quote asset: below {@code price} for a buy, above it for a sell
 *     (a stop on the wrong side would not limit the loss); {@code null} when the order has none
 * @param leverage 1 for none
 * @param quoteRate what one unit of the quote asset is worth in USDT (1 for a USDT pair), so every limit can
 *     be stated in one currency
 */
public record OrderIntent(Instrument instrument, OrderSide side, BigDecimal quantity, BigDecimal price,
        @Nullable BigDecimal stopPrice, BigDecimal leverage, Environment environment, BigDecimal quoteRate) {

    public OrderIntent {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(environment, "environment");
        quantity = Decimals.requirePositive(quantity, "quantity");
        price = Decimals.requirePositive(price, "price");
        quoteRate = Decimals.requirePositive(quoteRate, "quoteRate");
        leverage = Decimals.requirePositive(leverage, "leverage");
        if (leverage.compareTo(BigDecimal.ONE) < 0) {
            throw new IllegalArgumentException("leverage is at least 1 (none), was " + leverage.toPlainString());
        }
        if (stopPrice != null) {
            stopPrice = Decimals.requirePositive(stopPrice, "stopPrice");
            boolean protective = side == OrderSide.BUY ? stopPrice.compareTo(price) < 0 : stopPrice.compareTo(price) > 0;
            if (!protective) {
                throw new IllegalArgumentException("the stop of a " + side + " lies "
                        + (side == OrderSide.BUY ? "below" : "above") + " its price " + price.toPlainString()
                        + ", was " + stopPrice.toPlainString());
            }
        }
    }

    /** Quantity × price × quote rate, in USDT, exact. */
    public BigDecimal value() {
        return Decimals.normalize(quantity.multiply(price).multiply(quoteRate));
    }

    /** The quantity with the sign a fill of this order gives a position: positive for a buy. */
    public BigDecimal signedQuantity() {
        return side == OrderSide.BUY ? quantity : quantity.negate();
    }
}
