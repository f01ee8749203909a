package dev.bulwark.ports.driving.portfolio;

import dev.bulwark.domain.venues.SyncState;
import dev.bulwark.domain.venues.VenueAccountId;
import java.util.Objects;
import org.apiguardian.api.API;

/** How one account's sync ended: its new state (connected, or failed with the error) and how many holdings it has. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record AccountSync(VenueAccountId account, SyncState state, int holdings) {
    public AccountSync {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(state, "state");
    }
}
