package dev.bulwark.ports.driven.venues;

import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.money.Decimals;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.OrderSize;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.orders.TimeInForce;
import java.math.BigDecimal;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A protective pair the venue links one-cancels-other ({@link VenueCapability#OCO}): a take-profit and a stop-loss
 * on the same side and quantity, closing a position. Each leg has its own client order id, so either can be looked up
 * with {@link VenueGateway#findByClientOrderId} when the outcome of {@link VenueGateway#placeOco} is unknown.
 *
 * <p>For a SELL pair (protecting a long) the take-profit lies above the stop; for a BUY pair (protecting a short)
 * below it. Prices are fitted to the tick and the quantity to the lot step by the caller.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record OcoRequest(Instrument instrument, OrderSide side, BigDecimal quantity, BigDecimal takeProfitPrice,
                         BigDecimal stopPrice, ClientOrderId takeProfitClientOrderId,
                         ClientOrderId stopLossClientOrderId, boolean reduceOnly) {

    public OcoRequest {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(side, "side");
        quantity = Decimals.requirePositive(quantity, "quantity");
        takeProfitPrice = Decimals.requirePositive(takeProfitPrice, "takeProfitPrice");
        stopPrice = Decimals.requirePositive(stopPrice, "stopPrice");
        Objects.requireNonNull(takeProfitClientOrderId, "takeProfitClientOrderId");
        Objects.requireNonNull(stopLossClientOrderId, "stopLossClientOrderId");
        if (takeProfitClientOrderId.equals(stopLossClientOrderId)) {
            throw new IllegalArgumentException("the two legs of an OCO need their own client order ids");
        }
        int order = takeProfitPrice.compareTo(stopPrice);
        if (side == OrderSide.SELL ? order <= 0 : order >= 0) {
            throw new IllegalArgumentException("the take-profit of a " + side + " pair lies "
                    + (side == OrderSide.SELL ? "above" : "below") + " its stop " + stopPrice.toPlainString()
                    + ", was " + takeProfitPrice.toPlainString());
        }
        if (reduceOnly && !instrument.market().allowsShort()) {
            throw new IllegalArgumentException("reduce-only orders exist only on futures, not on " + instrument.market());
        }
    }

    /** The take-profit leg as a single request: a market order once its price is reached. */
    public OrderRequest takeProfitLeg() {
        return new OrderRequest(instrument, side, OrderType.TAKE_PROFIT, OrderSize.quantity(quantity), null,
                takeProfitPrice, null, TimeInForce.GTC, takeProfitClientOrderId, reduceOnly, null);
    }

    /** The stop-loss leg as a single request: a market order once its stop is reached. */
    public OrderRequest stopLossLeg() {
        return new OrderRequest(instrument, side, OrderType.STOP_MARKET, OrderSize.quantity(quantity), null,
                stopPrice, null, TimeInForce.GTC, stopLossClientOrderId, reduceOnly, null);
    }
}
