package dev.bulwark.ports.driven.venues;

import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderStatus;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What became of {@link VenueGateway#cancel}. Every outcome the venue can state is a result; only a failure whose
 * outcome is unknown is thrown ({@link dev.bulwark.ports.errors.VenueUnavailable}), after which the order's state is
 * read with {@link VenueGateway#findByClientOrderId}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public sealed interface CancelResult {

    /**
     * The order as the venue has it after this answer: the cancelled or the already ended order; empty when the venue
     * did not know the order or refused to cancel it.
     */
    default Optional<Order> orderAfter() {
        return switch (this) {
            case Cancelled c -> Optional.of(c.order());
            case AlreadyFinal f -> Optional.of(f.order());
            case UnknownOrder u -> Optional.empty();
            case Refused r -> Optional.empty();
        };
    }

    /**
     * The order is cancelled; {@code order} is as the venue reported it, CANCELLED, possibly after partial fills. A
     * gateway for a venue that cancels asynchronously reports this only once the venue confirms.
     */
    record Cancelled(Order order) implements CancelResult {
        public Cancelled {
            Objects.requireNonNull(order, "order");
            if (order.status() != OrderStatus.CANCELLED) {
                throw new IllegalArgumentException("a cancelled order is CANCELLED, was " + order.status());
            }
        }
    }

    /**
     * There was nothing to cancel: the order had already ended (filled, cancelled before, expired). {@code order}
     * is its final state, which the caller records.
     */
    record AlreadyFinal(Order order) implements CancelResult {
        public AlreadyFinal {
            Objects.requireNonNull(order, "order");
            if (!order.status().isTerminal()) {
                throw new IllegalArgumentException("an order that already ended is in a terminal state, was " + order.status());
            }
        }
    }

    /**
     * The venue knows no order with this client order id for the instrument (never placed, or older than the
     * venue keeps).
     */
    record UnknownOrder(ClientOrderId clientOrderId) implements CancelResult {
        public UnknownOrder {
            Objects.requireNonNull(clientOrderId, "clientOrderId");
        }
    }

    /**
     * The venue refused to cancel a working order (it is being matched, the market is closed); it may still fill.
     * Codes follow {@link PlacementResult.Rejected#code()}.
     */
    record Refused(String code, String reason) implements CancelResult {
        public Refused {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(reason, "reason");
            if (code.isEmpty() || code.length() > PlacementResult.Rejected.MAX_CODE
                    || !code.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
                throw new IllegalArgumentException("a refusal code is 1 to " + PlacementResult.Rejected.MAX_CODE
                        + " printable ASCII characters without spaces, was '" + code + "'");
            }
            if (reason.isBlank() || reason.length() > PlacementResult.Rejected.MAX_REASON) {
                throw new IllegalArgumentException("a refusal reason is 1 to " + PlacementResult.Rejected.MAX_REASON
                        + " characters, not blank");
            }
        }
    }
}
