package dev.bulwark.domain.orders;

import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.money.Decimals;
import dev.bulwark.domain.money.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One execution of an order, as the venue reports it. {@code tradeId} is the venue's id of the execution, the key
 * that makes a fill reported twice recognisable. The fee may be charged in any asset (the quote, the base, or a
 * venue token such as BNB); it is reported here and never netted into prices or P&amp;L.
 */
public record Fill(
        String tradeId,
        OrderId orderId,
        Instrument instrument,
        OrderSide side,
        BigDecimal price,
        BigDecimal quantity,
        Money fee,
        Instant time) {

    public Fill {
        Objects.requireNonNull(tradeId, "tradeId");
        if (tradeId.isBlank()) {
            throw new IllegalArgumentException("a fill needs the venue's trade id");
        }
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(side, "side");
        price = Decimals.requirePositive(price, "price");
        quantity = Decimals.requirePositive(quantity, "quantity");
        Objects.requireNonNull(fee, "fee");
        if (fee.isNegative()) {
            throw new IllegalArgumentException("a fee must not be negative (a rebate is not a fill's fee), was " + fee);
        }
        Objects.requireNonNull(time, "time");
    }

    /** What changed hands in the quote asset: {@code price × quantity}, exact. */
    public BigDecimal notional() {
        return Decimals.normalize(price.multiply(quantity));
    }
}
