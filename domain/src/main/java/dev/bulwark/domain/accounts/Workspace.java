package dev.bulwark.domain.accounts;

import java.time.Instant;
import java.util.Objects;

/** A workspace: a user's personal one, or a team's shared one. */
public record Workspace(WorkspaceId id, String name, Kind kind, Instant createdAt) {
    public enum Kind {
        PERSONAL,
        TEAM
    }

    public Workspace {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(createdAt, "createdAt");
        name = name.strip();
        if (name.isEmpty() || name.length() > 200) {
            throw new IllegalArgumentException("a workspace name is 1 to 200 characters");
        }
    }
}
