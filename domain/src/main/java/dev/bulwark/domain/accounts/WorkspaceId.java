package dev.bulwark.domain.accounts;

import java.util.Objects;
import java.util.UUID;

/** A workspace: the unit of ownership. Every row a user owns carries one; every read is scoped by it. */
public record WorkspaceId(UUID value) {
    public WorkspaceId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
