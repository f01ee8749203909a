package dev.bulwark.domain.paper;

import dev.bulwark.domain.money.Money;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderStatus;
import dev.bulwark.domain.positions.Position;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One thing that happened to an order in a paper account, with the order as it is after it. A call returns them in
 * the order they happened along the price path, so replaying them rebuilds every order's history.
 */
public sealed interface Execution {

    /** The order after this execution. */
    Order order();

    /** When it happened (for fills, the fill's time). */
    Instant at();

    /** Part or all of the order filled. */
    record Filled(Order order, Fill fill, Liquidity liquidity) implements Execution {
        public Filled {
            Objects.requireNonNull(order, "order");
            Objects.requireNonNull(fill, "fill");
            Objects.requireNonNull(liquidity, "liquidity");
            if (!fill.orderId().equals(order.id())) {
                throw new IllegalArgumentException("fill " + fill.tradeId() + " is not of order " + order.id());
            }
        }

        @Override
        public Instant at() {
            return fill.time();
        }
    }

    /** A conditional order's trigger was reached at {@code price}; it now works as a market or limit order. */
    record Triggered(Order order, BigDecimal price, Instant at) implements Execution {
        public Triggered {
            Objects.requireNonNull(order, "order");
            Objects.requireNonNull(price, "price");
            Objects.requireNonNull(at, "at");
        }
    }

    /** The order was cancelled, with whatever had filled. */
    record Cancelled(Order order, CancelReason reason, Instant at) implements Execution {
        public Cancelled {
            Objects.requireNonNull(order, "order");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(at, "at");
            if (order.status() != OrderStatus.CANCELLED) {
                throw new IllegalArgumentException("a cancelled order is CANCELLED, was " + order.status());
            }
        }
    }

    /** The rest of the order expired (its time in force, or the balance when it came to fill). */
    record Expired(Order order, ExpiryReason reason, Instant at) implements Execution {
        public Expired {
            Objects.requireNonNull(order, "order");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(at, "at");
            if (order.status() != OrderStatus.EXPIRED) {
                throw new IllegalArgumentException("an expired order is EXPIRED, was " + order.status());
            }
        }
    }

    /**
     * A futures position was liquidated: the venue's own closing {@code order} filled at the liquidation price,
     * {@code position} is the position after it (flat) and {@code marginLost} the isolated margin that went with it.
     */
    record Liquidated(Order order, Fill fill, Position position, Money marginLost) implements Execution {
        public Liquidated {
            Objects.requireNonNull(order, "order");
            Objects.requireNonNull(fill, "fill");
            Objects.requireNonNull(position, "position");
            Objects.requireNonNull(marginLost, "marginLost");
        }

        @Override
        public Instant at() {
            return fill.time();
        }
    }
}
