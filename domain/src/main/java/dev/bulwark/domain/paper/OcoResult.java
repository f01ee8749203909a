package dev.bulwark.domain.paper;

import dev.bulwark.domain.orders.Order;
import java.util.Objects;

/** What placing an OCO pair did: both legs accepted, or both rejected with the reason. */
public sealed interface OcoResult {

    /** Both legs rest; whichever triggers or fills first cancels the other. */
    record Accepted(Order stopLeg, Order otherLeg) implements OcoResult {
        public Accepted {
            Objects.requireNonNull(stopLeg, "stopLeg");
            Objects.requireNonNull(otherLeg, "otherLeg");
        }
    }

    /** Neither leg was placed; both are REJECTED. */
    record Rejected(Order stopLeg, Order otherLeg, RejectReason reason, String detail) implements OcoResult {
        public Rejected {
            Objects.requireNonNull(stopLeg, "stopLeg");
            Objects.requireNonNull(otherLeg, "otherLeg");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
