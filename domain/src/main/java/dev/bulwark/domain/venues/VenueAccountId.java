package dev.bulwark.domain.venues;

import java.util.Objects;
import java.util.UUID;

/** A user's connected account on a venue (an exchange account, a broker account, a wallet, a paper account). */
public record VenueAccountId(UUID value) {
    public VenueAccountId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
