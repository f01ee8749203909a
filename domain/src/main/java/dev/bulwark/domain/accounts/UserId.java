package dev.bulwark.domain.accounts;

import java.util.Objects;
import java.util.UUID;

/** A user of Bulwark. */
public record UserId(UUID value) {
    public UserId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
