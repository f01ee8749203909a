package dev.bulwark.ports.driven.venues;

import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.money.Decimals;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderSize;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.orders.TimeInForce;
import dev.bulwark.domain.orders.TrailingOffset;
import dev.bulwark.domain.venues.VenueAccountId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * An order to place, as {@link VenueGateway#place} takes it: already sized, risk-checked and fitted to the venue's
 * {@linkplain dev.bulwark.domain.market.TradingRules trading rules}. The constructor holds the same rules of a
 * well-formed order as {@link Order} (prices the type needs and only those, a quote amount only on a market order,
 * a time in force the type allows) and the rules of the market:
 * <ul>
 *   <li>{@code reduceOnly} only where a position can be reduced without selling holdings: a market that allows
 *       shorts (futures);</li>
 *   <li>{@code leverage}, when set, is at least 1 and only on a market that allows leverage; null keeps the
 *       account's current leverage for the instrument.</li>
 * </ul>
 *
 * <p>{@code clientOrderId} is the order's identity on the venue: one per intent, reused for nothing else, so an
 * order whose outcome is unknown can be found with {@link VenueGateway#findByClientOrderId}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record OrderRequest(
        Instrument instrument,
        OrderSide side,
        OrderType type,
        OrderSize size,
        @Nullable BigDecimal limitPrice,
        @Nullable BigDecimal stopPrice,
        @Nullable TrailingOffset trailing,
        TimeInForce timeInForce,
        ClientOrderId clientOrderId,
        boolean reduceOnly,
        @Nullable BigDecimal leverage) {

    public OrderRequest {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(timeInForce, "timeInForce");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        if (type.needsLimitPrice()) {
            if (limitPrice == null) {
                throw new IllegalArgumentException("a " + type + " order needs a limit price");
            }
            limitPrice = Decimals.requirePositive(limitPrice, "limitPrice");
        } else if (limitPrice != null) {
            throw new IllegalArgumentException("a " + type + " order has no limit price, was given " + limitPrice.toPlainString());
        }
        if (stopPrice != null) {
            if (!type.allowsStopPrice()) {
                throw new IllegalArgumentException("a " + type + " order has no stop price, was given " + stopPrice.toPlainString());
            }
            stopPrice = Decimals.requirePositive(stopPrice, "stopPrice");
        } else if (type.needsStopPrice()) {
            throw new IllegalArgumentException("a " + type + " order needs a stop (trigger) price");
        }
        if (type.needsTrailingOffset() != (trailing != null)) {
            throw new IllegalArgumentException(type.needsTrailingOffset()
                    ? "a " + type + " order needs a trailing offset"
                    : "a " + type + " order has no trailing offset, was given " + trailing);
        }
        if (size instanceof OrderSize.OfQuoteAmount && type != OrderType.MARKET) {
            throw new IllegalArgumentException("only a MARKET order can be sized by a quote amount, was a " + type);
        }
        if (!type.allows(timeInForce)) {
            throw new IllegalArgumentException("a " + type + " order is " + type.defaultTimeInForce() + ", was " + timeInForce);
        }
        if (reduceOnly && !instrument.market().allowsShort()) {
            throw new IllegalArgumentException("reduce-only orders exist only on markets with positions that can be"
                    + " reduced (futures), not on " + instrument.market());
        }
        if (leverage != null) {
            leverage = Decimals.normalize(leverage);
            if (leverage.compareTo(BigDecimal.ONE) < 0) {
                throw new IllegalArgumentException("leverage is at least 1, was " + leverage.toPlainString());
            }
            if (!instrument.market().allowsLeverage()) {
                throw new IllegalArgumentException("no leverage on " + instrument.market() + ", was " + leverage.toPlainString());
            }
        }
    }

    /** A market order: IOC, no prices, the account's leverage. */
    public static OrderRequest market(Instrument instrument, OrderSide side, OrderSize size, ClientOrderId clientOrderId) {
        return new OrderRequest(instrument, side, OrderType.MARKET, size, null, null, null, TimeInForce.IOC,
                clientOrderId, false, null);
    }

    /** A limit order for {@code quantity} at {@code price}. */
    public static OrderRequest limit(Instrument instrument, OrderSide side, BigDecimal quantity, BigDecimal price,
            TimeInForce timeInForce, ClientOrderId clientOrderId) {
        return new OrderRequest(instrument, side, OrderType.LIMIT, OrderSize.quantity(quantity), price, null, null,
                timeInForce, clientOrderId, false, null);
    }

    /**
     * This request as a NEW order of {@code account} created at {@code at}, under the id every gateway reports it by
     * ({@link VenueGateway#orderIdOf}). A gateway moves it on with {@link Order#transitionTo} and
     * {@link Order#apply} as the venue reports; reduce-only and leverage are the venue's business and are not part
     * of an {@link Order}.
     */
    public Order toNewOrder(VenueAccountId account, Instant at) {
        return Order.create(VenueGateway.orderIdOf(account, clientOrderId), clientOrderId, account, instrument, side,
                type, size, limitPrice, stopPrice, trailing, timeInForce, at);
    }
}
