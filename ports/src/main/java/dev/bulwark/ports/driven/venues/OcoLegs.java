package dev.bulwark.ports.driven.venues;

import dev.bulwark.domain.orders.Order;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Both legs of a pair {@link VenueGateway#placeOco} placed, as the venue reports them now
 * ({@link VenueGateway#findOco}, {@link VenueGateway#cancelOco}); a leg the venue does not have, or no longer keeps,
 * is empty. Each leg carries its own client order id from the {@link OcoRequest}, whatever id the venue keeps the
 * pair under.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record OcoLegs(Optional<Order> takeProfit, Optional<Order> stopLoss) {
    public OcoLegs {
        Objects.requireNonNull(takeProfit, "takeProfit");
        Objects.requireNonNull(stopLoss, "stopLoss");
    }

    /** Whether the venue has neither leg. */
    public boolean isEmpty() {
        return takeProfit.isEmpty() && stopLoss.isEmpty();
    }
}
