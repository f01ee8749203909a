package dev.bulwark.domain.paper;

import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.Order;
import java.util.List;

/**
 * What {@link PaperAccount#takeSettled()} hands over: the orders that became final (filled, cancelled, expired or
 * rejected, and the venue's own liquidation orders) in placement order, and the fills in the order they happened.
 * None of it can change any more, so its keeper can append it to a history and forget it.
 */
public record Settled(List<Order> orders, List<Fill> fills) {
    /** Nothing settled. */
    public static final Settled NONE = new Settled(List.of(), List.of());

    public Settled {
        orders = List.copyOf(orders);
        fills = List.copyOf(fills);
        for (Order order : orders) {
            if (!order.status().isTerminal()) {
                throw new IllegalArgumentException("a settled order is final, " + order.id() + " is " + order.status());
            }
        }
    }

    public boolean isEmpty() {
        return orders.isEmpty() && fills.isEmpty();
    }
}
