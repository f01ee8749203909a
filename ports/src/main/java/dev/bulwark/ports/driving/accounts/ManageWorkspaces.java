package dev.bulwark.ports.driving.accounts;

import dev.bulwark.domain.accounts.UserId;
import dev.bulwark.ports.driving.accounts.AccountCommands.AcceptInvitation;
import dev.bulwark.ports.driving.accounts.AccountCommands.ChangeRole;
import dev.bulwark.ports.driving.accounts.AccountCommands.CreateTeam;
import dev.bulwark.ports.driving.accounts.AccountCommands.Invite;
import dev.bulwark.ports.driving.accounts.AccountViews.InvitationCreated;
import dev.bulwark.ports.driving.accounts.AccountViews.InvitationView;
import dev.bulwark.ports.driving.accounts.AccountViews.MemberView;
import dev.bulwark.ports.driving.accounts.AccountViews.WorkspaceMembership;
import java.util.List;
import java.util.UUID;
import org.apiguardian.api.API;

/**
 * Team workspaces: create one (its creator is its owner), invite by email with a role (the token is passed on by the
 * owner; invitations last 7 days), accept, change roles, remove members. Only owners manage; a workspace keeps at
 * least one owner; a personal workspace has no other members.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface ManageWorkspaces {
    WorkspaceMembership createTeam(Principal principal, CreateTeam command);

    /** The principal's workspace's members. */
    List<MemberView> members(Principal principal);

    InvitationCreated invite(Principal principal, Invite command);

    List<InvitationView> invitations(Principal principal);

    void revokeInvitation(Principal principal, UUID invitation);

    /**
     * Joins the workspace of the invitation as the signed-in user, whose email must be the invitation's.
     *
     * @throws dev.bulwark.ports.errors.NotFound for an unknown, used, revoked or expired token, or another email
     */
    WorkspaceMembership acceptInvitation(Principal principal, AcceptInvitation command);

    void changeRole(Principal principal, UserId member, ChangeRole command);

    /** Removes a member (or, naming oneself, leaves). Conflict when it would leave no owner. */
    void removeMember(Principal principal, UserId member);
}
