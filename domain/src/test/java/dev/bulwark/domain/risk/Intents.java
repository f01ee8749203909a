package dev.bulwark.domain.risk;

import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.venues.Environment;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * Test data: an order intent that passes the default profile against {@link #EQUITY} — buy 0.01 BTC/USDT at
 * 50000 on paper, no stop, no leverage: 500 USDT, 0.5 % of equity.
 */
final class Intents {
    static final BigDecimal EQUITY = new BigDecimal("100000");

    private Instrument instrument = Instrument.spot("BTC", "USDT");
    private OrderSide side = OrderSide.BUY;
    private BigDecimal quantity = new BigDecimal("0.01");
    private BigDecimal price = new BigDecimal("50000");
    private @Nullable BigDecimal stopPrice;
    private BigDecimal leverage = BigDecimal.ONE;
    private Environment environment = Environment.PAPER;
    private BigDecimal quoteRate = BigDecimal.ONE;

    static Intents buy() {
        return new Intents();
    }

    static Intents sell() {
        return new Intents().side(OrderSide.SELL);
    }

    Intents instrument(String symbol) {
        instrument = Instrument.spot(symbol.substring(0, symbol.indexOf('/')), symbol.substring(symbol.indexOf('/') + 1));
        return this;
    }

    Intents side(OrderSide value) {
        side = value;
        return this;
    }

    Intents quantity(String value) {
        quantity = new BigDecimal(value);
        return this;
    }

    Intents price(String value) {
        price = new BigDecimal(value);
        return this;
    }

    Intents stop(String value) {
        stopPrice = new BigDecimal(value);
        return this;
    }

    Intents leverage(String value) {
        leverage = new BigDecimal(value);
        return this;
    }

    Intents live() {
        environment = Environment.LIVE;
        return this;
    }

    Intents quoteRate(String value) {
        quoteRate = new BigDecimal(value);
        return this;
    }

    OrderIntent build() {
        return new OrderIntent(instrument, side, quantity, price, stopPrice, leverage, environment, quoteRate);
    }

    static Exposure flat() {
        return Exposure.flat(EQUITY);
    }

    static Exposure exposure(String equity, String dayStartEquity, String dailyPnl, int openPositions,
            String positionQuantity) {
        return new Exposure(new BigDecimal(equity), new BigDecimal(dayStartEquity), new BigDecimal(dailyPnl),
                openPositions, new BigDecimal(positionQuantity));
    }
}
