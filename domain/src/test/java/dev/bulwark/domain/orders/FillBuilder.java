package dev.bulwark.domain.orders;

import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.money.Money;
import java.math.BigDecimal;
import java.time.Instant;

/** Test data: a fill of the builder's default order (a BTC/USDT buy), 0.1 at 40000, fee 0.01 USDT. */
public final class FillBuilder {
    private String tradeId = "t-1";
    private OrderId orderId = OrderBuilder.anOrder().build().id();
    private Instrument instrument = OrderBuilder.BTC_USDT;
    private OrderSide side = OrderSide.BUY;
    private BigDecimal price = new BigDecimal("40000");
    private BigDecimal quantity = new BigDecimal("0.1");
    private Money fee = Money.of("0.01", "USDT");
    private Instant time = OrderBuilder.T0.plusSeconds(1);

    private FillBuilder() {
    }

    public static FillBuilder aFill() {
        return new FillBuilder();
    }

    /** A fill of {@code order}: its id, instrument and side. */
    public static FillBuilder aFillOf(Order order) {
        return aFill().orderId(order.id()).instrument(order.instrument()).side(order.side());
    }

    /** A {@code side} fill of {@code quantity} at {@code price}. */
    public static Fill fill(Instrument instrument, OrderSide side, String quantity, String price) {
        return aFill().instrument(instrument).side(side).quantity(quantity).price(price).build();
    }

    public FillBuilder tradeId(String value) { this.tradeId = value; return this; }
    public FillBuilder orderId(OrderId value) { this.orderId = value; return this; }
    public FillBuilder instrument(Instrument value) { this.instrument = value; return this; }
    public FillBuilder side(OrderSide value) { this.side = value; return this; }
    public FillBuilder price(BigDecimal value) { this.price = value; return this; }
    public FillBuilder price(String value) { return price(new BigDecimal(value)); }
    public FillBuilder quantity(BigDecimal value) { this.quantity = value; return this; }
    public FillBuilder quantity(String value) { return quantity(new BigDecimal(value)); }
    public FillBuilder fee(Money value) { this.fee = value; return this; }
    public FillBuilder time(Instant value) { this.time = value; return this; }

    public Fill build() {
        return new Fill(tradeId, orderId, instrument, side, price, quantity, fee, time);
    }
}
