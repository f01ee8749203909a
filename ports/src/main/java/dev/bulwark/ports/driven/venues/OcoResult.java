package dev.bulwark.ports.driven.venues;

import dev.bulwark.domain.orders.Order;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What became of {@link VenueGateway#placeOco}: the venue took both legs as one linked pair, or it refused the pair
 * and placed neither. As with {@link PlacementResult}, an unknown outcome is not a result but a
 * {@link dev.bulwark.ports.errors.VenueUnavailable}: look the legs up by their client order ids.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public sealed interface OcoResult {

    /** Both legs as the venue acknowledged them (usually ACCEPTED, resting until one triggers). */
    record Placed(Order takeProfit, Order stopLoss) implements OcoResult {
        public Placed {
            Objects.requireNonNull(takeProfit, "takeProfit");
            Objects.requireNonNull(stopLoss, "stopLoss");
        }
    }

    /** Nothing was placed; codes follow {@link PlacementResult.Rejected#code()}. */
    record Rejected(String code, String reason) implements OcoResult {
        public Rejected {
            // the same rules as a single order's rejection
            new PlacementResult.Rejected(code, reason);
        }
    }
}
