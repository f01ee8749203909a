package dev.bulwark.domain.signals;

import java.util.Objects;
import java.util.UUID;

/** A received signal. A duplicate is answered with the first signal's id, so a sender can correlate retries. */
public record SignalId(UUID value) {
    public SignalId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
