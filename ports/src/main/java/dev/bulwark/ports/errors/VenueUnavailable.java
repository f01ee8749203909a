package dev.bulwark.ports.errors;

import dev.bulwark.domain.venues.VenueId;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A venue could not be reached or answered with a failure it does not explain (timeout, 5xx, circuit open,
 * banned). The outcome of a request that was sent may be unknown: an order is then resolved by querying its
 * client order id, never by sending it again.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class VenueUnavailable extends BulwarkException {
    private static final long serialVersionUID = 1L;

    private final VenueId venue;

    public VenueUnavailable(VenueId venue, String message, @Nullable Throwable cause) {
        super(venue + ": " + message, cause);
        this.venue = Objects.requireNonNull(venue, "venue");
    }

    public VenueId venue() {
        return venue;
    }

    @Override
    public String code() {
        return "venue-unavailable";
    }
}
