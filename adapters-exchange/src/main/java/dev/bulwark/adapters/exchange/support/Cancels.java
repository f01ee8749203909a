package dev.bulwark.adapters.exchange.support;

import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderStatus;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.venues.CancelResult;
import dev.bulwark.ports.driven.venues.PlacementResult;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a cancel came to, for venues that answer a cancel with an acknowledgement only: the order is read back by its
 * client order id, and only what the venue then reports is believed.
 */
public final class Cancels {
    private Cancels() {
    }

    /**
     * After the venue acknowledged the cancel: the order as the venue now reports it, {@code Cancelled} when it says
     * cancelled and {@code AlreadyFinal} when it ended otherwise (filled first). An order not (yet) reported cancelled
     * is an unknown outcome: some venues cancel asynchronously, and claiming success would be a guess.
     */
    public static CancelResult acknowledged(VenueId venue, Optional<Order> readBack) {
        if (readBack.isPresent() && readBack.get().status() == OrderStatus.CANCELLED) {
            return new CancelResult.Cancelled(readBack.get());
        }
        if (readBack.isPresent() && readBack.get().status().isTerminal()) {
            return new CancelResult.AlreadyFinal(readBack.get());
        }
        throw new VenueUnavailable(venue, "acknowledged the cancel but does not report the order cancelled yet", null);
    }

    /**
     * After the venue said there was nothing to cancel: {@code UnknownOrder} when it has no such order,
     * {@code AlreadyFinal} when the order had ended; empty when the order is still working (the refusal then stands).
     */
    public static Optional<CancelResult> nothingToCancel(ClientOrderId clientOrderId, Supplier<Optional<Order>> readBack) {
        Optional<Order> order = readBack.get();
        if (order.isEmpty()) {
            return Optional.of(new CancelResult.UnknownOrder(clientOrderId));
        }
        if (order.get().status().isTerminal()) {
            return Optional.of(new CancelResult.AlreadyFinal(order.get()));
        }
        return Optional.empty();
    }

    /**
     * What a cancel came to, from the venue's answer to it: acknowledged, the order is read back
     * ({@link #acknowledged}); "nothing to cancel", it is read back to tell an unknown order from an ended one
     * ({@link #nothingToCancel}); any other refusal, or "nothing to cancel" for an order still working, is
     * {@code Refused} with the venue's reason.
     *
     * @param acknowledged whether the venue accepted the cancel
     * @param nothingToCancel whether its refusal is one of its codes for "no such (open) order"
     * @param refusal the venue's refusal as a rejection (read only when the cancel was refused)
     * @param readBack the order as the venue reports it now, by its client order id
     */
    public static CancelResult settle(VenueId venue, ClientOrderId clientOrderId, boolean acknowledged,
            boolean nothingToCancel, Supplier<PlacementResult.Rejected> refusal, Supplier<Optional<Order>> readBack) {
        if (acknowledged) {
            return acknowledged(venue, readBack.get());
        }
        if (nothingToCancel) {
            Optional<CancelResult> settled = nothingToCancel(clientOrderId, readBack);
            if (settled.isPresent()) {
                return settled.get();
            }
        }
        PlacementResult.Rejected why = refusal.get();
        return new CancelResult.Refused(why.code(), why.reason());
    }
}
