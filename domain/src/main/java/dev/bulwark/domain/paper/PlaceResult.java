package dev.bulwark.domain.paper;

import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderStatus;
import java.util.List;
import java.util.Objects;

/** What placing one order did: accepted (and what happened to it at once), or rejected with the reason. */
public sealed interface PlaceResult {

    Order order();

    /**
     * The venue took the order. {@code order} is its state after {@code executions}, which hold what happened on
     * arrival: fills of a market or marketable limit order, and the expiry of an IOC or FOK remainder.
     */
    record Accepted(Order order, List<Execution> executions) implements PlaceResult {
        public Accepted {
            Objects.requireNonNull(order, "order");
            executions = List.copyOf(executions);
        }
    }

    /** The venue refused the order, which is REJECTED; {@code detail} says which numbers broke which rule. */
    record Rejected(Order order, RejectReason reason, String detail) implements PlaceResult {
        public Rejected {
            Objects.requireNonNull(order, "order");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
            if (order.status() != OrderStatus.REJECTED) {
                throw new IllegalArgumentException("a rejected order is REJECTED, was " + order.status());
            }
        }
    }
}
