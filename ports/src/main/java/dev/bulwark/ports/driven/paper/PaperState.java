package dev.bulwark.ports.driven.paper;

import dev.bulwark.domain.venues.VenueAccountId;
import java.time.Instant;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The paper venue's state for one account as last saved: an opaque document written and read by the paper venue
 * alone (balances, reservations, resting orders, trailing marks), and its version for optimistic concurrency.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record PaperState(VenueAccountId account, String document, long version, Instant updatedAt) {
    public PaperState {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (version < 1) {
            throw new IllegalArgumentException("a saved state has a version of at least 1");
        }
    }
}
