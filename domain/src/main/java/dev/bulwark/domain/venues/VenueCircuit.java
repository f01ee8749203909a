package dev.bulwark.domain.venues;

import java.util.Objects;

/**
 * The state of a venue's circuit breaker, for metrics and the API: CLOSED (calls go through), OPEN (calls fail fast
 * with a venue-unavailable failure until it half-opens), HALF_OPEN (a few trial calls decide).
 *
 * @param failures failures the breaker counts now (since it last closed)
 */
public record VenueCircuit(VenueId venue, State state, long failures) {
    public enum State {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    public VenueCircuit {
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(state, "state");
        if (failures < 0) {
            throw new IllegalArgumentException("failures is 0 or more");
        }
    }
}
