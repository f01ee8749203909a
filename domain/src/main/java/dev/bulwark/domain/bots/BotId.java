package dev.bulwark.domain.bots;

import java.util.Objects;
import java.util.UUID;

/** A bot. Its id is part of its webhook URL, so it must not be guessable: issue a UUIDv7 from the IdGenerator. */
public record BotId(UUID value) {
    public BotId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
