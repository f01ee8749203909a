package dev.bulwark.domain.paper;

import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.money.Decimals;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderId;
import dev.bulwark.domain.orders.OrderType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An open order as the paper venue works it: the order, plus what the venue keeps about it.
 *
 * <ul>
 *   <li>{@code sequence}: the placement order, which breaks ties between orders reached at the same price.</li>
 *   <li>{@code acceptedAt}: a candle works only orders accepted by its open time (its earlier prices cannot fill an
 *       order that did not yet exist).</li>
 *   <li>{@code targetQuantity}: what fills it completely (the ordered quantity, or what a quote amount buys).</li>
 *   <li>{@code reserved} of {@code reservedAsset}: the funds locked for it; {@code reservePrice} the price the
 *       reservation was computed at. An OCO pair's reservation is held by one leg, the other's is zero.</li>
 *   <li>{@code triggered}: its trigger has been reached (always true for types without one).</li>
 *   <li>{@code rested}: it has rested on the book, so later fills are maker fills.</li>
 *   <li>{@code bestPrice}: a trailing stop's best price since placement or activation; null before activation.</li>
 *   <li>{@code ocoSibling}: the other leg of its OCO pair, while that is open.</li>
 *   <li>{@code fillCount}: how many fills it has had; trade ids are {@code <orderId>-<n>}.</li>
 * </ul>
 */
public record WorkingOrder(
        Order order,
        long sequence,
        Instant acceptedAt,
        BigDecimal targetQuantity,
        Asset reservedAsset,
        BigDecimal reserved,
        BigDecimal reservePrice,
        boolean triggered,
        boolean rested,
        @Nullable BigDecimal bestPrice,
        @Nullable OrderId ocoSibling,
        int fillCount) {

    public WorkingOrder {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
        Objects.requireNonNull(reservedAsset, "reservedAsset");
        if (order.status().isTerminal()) {
            throw new IllegalArgumentException("a working order is open, was " + order.status());
        }
        targetQuantity = Decimals.requirePositive(targetQuantity, "targetQuantity");
        if (order.filledQuantity().compareTo(targetQuantity) >= 0) {
            throw new IllegalArgumentException("a working order has something left to fill, filled "
                    + order.filledQuantity().toPlainString() + " of " + targetQuantity.toPlainString());
        }
        reserved = Decimals.requireNonNegative(reserved, "reserved");
        reservePrice = Decimals.requirePositive(reservePrice, "reservePrice");
        if (bestPrice != null) {
            if (order.type() != OrderType.TRAILING_STOP) {
                throw new IllegalArgumentException("only a trailing stop tracks a best price, was a " + order.type());
            }
            bestPrice = Decimals.requirePositive(bestPrice, "bestPrice");
        }
        if (!order.type().isConditional() && !triggered) {
            throw new IllegalArgumentException("a " + order.type() + " order has no trigger to wait for");
        }
        if (fillCount < 0) {
            throw new IllegalArgumentException("fillCount must not be negative, was " + fillCount);
        }
    }

    /** What is left to fill. */
    public BigDecimal remaining() {
        return Decimals.normalize(targetQuantity.subtract(order.filledQuantity()));
    }

    WorkingOrder withReserved(BigDecimal newReserved) {
        return new WorkingOrder(order, sequence, acceptedAt, targetQuantity, reservedAsset, newReserved, reservePrice,
                triggered, rested, bestPrice, ocoSibling, fillCount);
    }

    WorkingOrder triggeredNow() {
        return new WorkingOrder(order, sequence, acceptedAt, targetQuantity, reservedAsset, reserved, reservePrice,
                true, rested, bestPrice, ocoSibling, fillCount);
    }

    WorkingOrder restedNow() {
        return new WorkingOrder(order, sequence, acceptedAt, targetQuantity, reservedAsset, reserved, reservePrice,
                triggered, true, bestPrice, ocoSibling, fillCount);
    }

    WorkingOrder withBest(@Nullable BigDecimal newBest) {
        return new WorkingOrder(order, sequence, acceptedAt, targetQuantity, reservedAsset, reserved, reservePrice,
                triggered, rested, newBest, ocoSibling, fillCount);
    }

    WorkingOrder withoutSibling() {
        return new WorkingOrder(order, sequence, acceptedAt, targetQuantity, reservedAsset, reserved, reservePrice,
                triggered, rested, bestPrice, null, fillCount);
    }

    WorkingOrder withSibling(OrderId sibling) {
        return new WorkingOrder(order, sequence, acceptedAt, targetQuantity, reservedAsset, reserved, reservePrice,
                triggered, rested, bestPrice, sibling, fillCount);
    }

    WorkingOrder afterFill(Order newOrder) {
        return new WorkingOrder(newOrder, sequence, acceptedAt, targetQuantity, reservedAsset, reserved, reservePrice,
                triggered, rested, bestPrice, ocoSibling, fillCount + 1);
    }
}
