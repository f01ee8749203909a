package dev.bulwark.domain.paper;

import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderId;
import java.util.List;
import java.util.Objects;

/** What asking to cancel an order did. */
public sealed interface CancelResult {

    /** Cancelled: the order, and its OCO sibling when it had one. */
    record Cancelled(List<Execution.Cancelled> executions) implements CancelResult {
        public Cancelled {
            executions = List.copyOf(executions);
            if (executions.isEmpty()) {
                throw new IllegalArgumentException("a cancel cancels at least one order");
            }
        }
    }

    /** The order had already ended (filled, cancelled, expired, rejected): nothing to cancel. */
    record AlreadyClosed(Order order) implements CancelResult {
        public AlreadyClosed {
            Objects.requireNonNull(order, "order");
        }
    }

    /** No order with this id was ever placed here. */
    record Unknown(OrderId orderId) implements CancelResult {
        public Unknown {
            Objects.requireNonNull(orderId, "orderId");
        }
    }
}
