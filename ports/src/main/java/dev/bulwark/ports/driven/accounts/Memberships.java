package dev.bulwark.ports.driven.accounts;

import dev.bulwark.domain.accounts.Membership;
import dev.bulwark.domain.accounts.Role;
import dev.bulwark.domain.accounts.UserId;
import dev.bulwark.domain.accounts.WorkspaceId;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Who belongs to a workspace, with which role. Scoped by workspace: a call about one workspace never reads or
 * changes another's members. A workspace always keeps at least one owner: the change that would leave it
 * without one is refused with {@link dev.bulwark.ports.errors.Conflict}, also when two owners step down at once.
 * Thread-safe; each call joins the caller's transaction when one is open.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface Memberships {
    /**
     * Adds a member. {@link dev.bulwark.ports.errors.Conflict} when the user is a member already,
     * {@link dev.bulwark.ports.errors.NotFound} when the workspace or the user does not exist.
     */
    void add(Membership membership);

    /** The user's role in the workspace; empty when not a member. */
    Optional<Role> roleOf(WorkspaceId workspace, UserId user);

    /** The workspace's members, longest-standing first. */
    List<Membership> members(WorkspaceId workspace);

    /** The user's own memberships (each names its workspace and role), oldest first. */
    List<Membership> workspacesOf(UserId user);

    /**
     * Changes a member's role. {@link dev.bulwark.ports.errors.NotFound} when not a member of that workspace,
     * {@link dev.bulwark.ports.errors.Conflict} when it would demote the last owner.
     */
    void changeRole(WorkspaceId workspace, UserId user, Role role);

    /**
     * Removes a member. {@link dev.bulwark.ports.errors.NotFound} when not a member of that workspace,
     * {@link dev.bulwark.ports.errors.Conflict} when it is the last owner.
     */
    void remove(WorkspaceId workspace, UserId user);
}
