package dev.bulwark.domain.orders;

/** An order was asked to move to a state its state machine does not allow from where it is. */
public final class IllegalOrderTransition extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final OrderId orderId;
    private final OrderStatus from;
    private final OrderStatus to;

    public IllegalOrderTransition(OrderId orderId, OrderStatus from, OrderStatus to, String why) {
        super("order " + orderId + " cannot move from " + from + " to " + to + ": " + why);
        this.orderId = orderId;
        this.from = from;
        this.to = to;
    }

    public OrderId orderId() {
        return orderId;
    }

    public OrderStatus from() {
        return from;
    }

    public OrderStatus to() {
        return to;
    }
}
