package dev.bulwark.domain.orders;

import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.venues.VenueAccountId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Test data: a NEW limit buy of 1 BTC/USDT at 40000 unless told otherwise; every component can be changed. */
public final class OrderBuilder {
    public static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
    public static final VenueAccountId ACCOUNT = new VenueAccountId(new UUID(1, 1));
    public static final Instrument BTC_USDT = Instrument.spot("BTC", "USDT");
    public static final Instrument BTC_USDT_PERP = new Instrument(Asset.BTC, Asset.USDT, Market.USDM_FUTURES);

    private OrderId id = new OrderId(new UUID(0, 1));
    private ClientOrderId clientOrderId = new ClientOrderId("sig-0001");
    private VenueAccountId account = ACCOUNT;
    private Instrument instrument = BTC_USDT;
    private OrderSide side = OrderSide.BUY;
    private OrderType type = OrderType.LIMIT;
    private OrderSize size = OrderSize.quantity(new BigDecimal("1"));
    private @Nullable BigDecimal limitPrice = new BigDecimal("40000");
    private @Nullable BigDecimal stopPrice;
    private @Nullable TrailingOffset trailing;
    private TimeInForce timeInForce = TimeInForce.GTC;
    private OrderStatus status = OrderStatus.NEW;
    private BigDecimal filledQuantity = BigDecimal.ZERO;
    private @Nullable BigDecimal averageFillPrice;
    private Instant createdAt = T0;
    private Instant updatedAt = T0;

    private OrderBuilder() {
    }

    public static OrderBuilder anOrder() {
        return new OrderBuilder();
    }

    /** A market order: no limit price, IOC. */
    public static OrderBuilder aMarketOrder() {
        return anOrder().type(OrderType.MARKET).limitPrice((BigDecimal) null).timeInForce(TimeInForce.IOC);
    }

    public OrderBuilder id(OrderId value) { this.id = value; return this; }
    public OrderBuilder clientOrderId(ClientOrderId value) { this.clientOrderId = value; return this; }
    public OrderBuilder account(VenueAccountId value) { this.account = value; return this; }
    public OrderBuilder instrument(Instrument value) { this.instrument = value; return this; }
    public OrderBuilder side(OrderSide value) { this.side = value; return this; }
    public OrderBuilder type(OrderType value) { this.type = value; return this; }
    public OrderBuilder size(OrderSize value) { this.size = value; return this; }
    public OrderBuilder quantity(String value) { this.size = OrderSize.quantity(new BigDecimal(value)); return this; }
    public OrderBuilder limitPrice(@Nullable BigDecimal value) { this.limitPrice = value; return this; }
    public OrderBuilder limitPrice(String value) { return limitPrice(new BigDecimal(value)); }
    public OrderBuilder stopPrice(@Nullable BigDecimal value) { this.stopPrice = value; return this; }
    public OrderBuilder stopPrice(String value) { return stopPrice(new BigDecimal(value)); }
    public OrderBuilder trailing(@Nullable TrailingOffset value) { this.trailing = value; return this; }
    public OrderBuilder timeInForce(TimeInForce value) { this.timeInForce = value; return this; }
    public OrderBuilder status(OrderStatus value) { this.status = value; return this; }
    public OrderBuilder filled(String quantity, @Nullable String averagePrice) {
        this.filledQuantity = new BigDecimal(quantity);
        this.averageFillPrice = averagePrice == null ? null : new BigDecimal(averagePrice);
        return this;
    }
    public OrderBuilder filledQuantity(BigDecimal value) { this.filledQuantity = value; return this; }
    public OrderBuilder averageFillPrice(@Nullable BigDecimal value) { this.averageFillPrice = value; return this; }
    public OrderBuilder createdAt(Instant value) { this.createdAt = value; return this; }
    public OrderBuilder updatedAt(Instant value) { this.updatedAt = value; return this; }

    /** Builds through the canonical constructor, so every invariant applies. */
    public Order build() {
        return new Order(id, clientOrderId, account, instrument, side, type, size, limitPrice, stopPrice, trailing,
                timeInForce, status, filledQuantity, averageFillPrice, createdAt, updatedAt);
    }
}
