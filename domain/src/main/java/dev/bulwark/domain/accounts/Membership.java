package dev.bulwark.domain.accounts;

import java.time.Instant;
import java.util.Objects;

/** A user's place in a workspace: with which role, since when. */
public record Membership(WorkspaceId workspace, UserId user, Role role, Instant since) {
    public Membership {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(since, "since");
    }
}
