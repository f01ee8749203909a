package dev.bulwark.adapters.persistence.orders;

import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.money.Money;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderId;
import dev.bulwark.domain.orders.OrderSize;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.orders.TimeInForce;
import dev.bulwark.domain.venues.VenueAccountId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** Test data for the order and position stores. */
final class OrderFixtures {
    static final Instrument BTC_USDT = Instrument.spot("BTC", "USDT");
    static final Instrument ETH_USDT = Instrument.spot("ETH", "USDT");
    static final Instrument BTC_USDT_PERP = new Instrument(Asset.BTC, Asset.USDT, Market.USDM_FUTURES);

    private OrderFixtures() {
    }

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    /** A NEW limit buy of {@code quantity} BTC/USDT at 40000, GTC. */
    static Order limitBuy(VenueAccountId account, String clientOrderId, String quantity, Instant at) {
        return Order.create(new OrderId(UUID.randomUUID()), new ClientOrderId(clientOrderId), account, BTC_USDT,
                OrderSide.BUY, OrderType.LIMIT, OrderSize.quantity(d(quantity)), d("40000"), null, null, TimeInForce.GTC, at);
    }

    /** A NEW limit sell of {@code quantity} BTC/USDT at 40000, GTC. */
    static Order limitSell(VenueAccountId account, String clientOrderId, String quantity, Instant at) {
        return Order.create(new OrderId(UUID.randomUUID()), new ClientOrderId(clientOrderId), account, BTC_USDT,
                OrderSide.SELL, OrderType.LIMIT, OrderSize.quantity(d(quantity)), d("40000"), null, null, TimeInForce.GTC, at);
    }

    /** A fill of {@code order} (a BTC/USDT buy) with a fee in BNB. */
    static Fill fill(Order order, String tradeId, String price, String quantity, Instant at) {
        return new Fill(tradeId, order.id(), order.instrument(), order.side(), d(price), d(quantity),
                Money.of("0.00075", "BNB"), at);
    }
}
