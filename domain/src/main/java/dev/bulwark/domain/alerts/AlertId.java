package dev.bulwark.domain.alerts;

import java.util.Objects;
import java.util.UUID;

/** An alert. */
public record AlertId(UUID value) {
    public AlertId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
