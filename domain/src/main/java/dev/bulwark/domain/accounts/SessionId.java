package dev.bulwark.domain.accounts;

import java.util.Objects;
import java.util.UUID;

/** A signed-in session. Not its token: this id may be shown (a list of one's sessions), the token never. */
public record SessionId(UUID value) {
    public SessionId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
