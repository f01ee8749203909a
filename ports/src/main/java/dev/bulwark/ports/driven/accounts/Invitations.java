package dev.bulwark.ports.driven.accounts;

import dev.bulwark.domain.accounts.Invitation;
import dev.bulwark.domain.accounts.WorkspaceId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apiguardian.api.API;

/**
 * Invitations to team workspaces. Scoped by workspace except the token lookup (the invitee is not a member yet).
 * Accepting is atomic: of concurrent accepts of one invitation exactly one returns true. Thread-safe; joins the
 * caller's transaction.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface Invitations {
    /** Stores a new invitation. Conflict when the id or token hash exists, NotFound when the workspace does not. */
    void create(Invitation invitation);

    /** The invitation with this token hash, in any state. */
    Optional<Invitation> findByTokenHash(String tokenHash);

    /** The workspace's invitations, newest first. */
    List<Invitation> list(WorkspaceId workspace);

    /** Marks it accepted if still open at {@code at}; false otherwise. */
    boolean accept(UUID id, Instant at);

    /** Revokes an open invitation of the workspace; false when none. */
    boolean revoke(WorkspaceId workspace, UUID id, Instant at);
}
