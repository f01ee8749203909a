package dev.bulwark.application.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.accounts.Role;
import dev.bulwark.domain.accounts.Scope;
import dev.bulwark.domain.accounts.User;
import dev.bulwark.domain.accounts.Workspace;
import dev.bulwark.ports.driving.accounts.AccountCommands.AcceptInvitation;
import dev.bulwark.ports.driving.accounts.AccountCommands.ChangeRole;
import dev.bulwark.ports.driving.accounts.AccountCommands.CreateApiKey;
import dev.bulwark.ports.driving.accounts.AccountCommands.CreateTeam;
import dev.bulwark.ports.driving.accounts.AccountCommands.Invite;
import dev.bulwark.ports.driving.accounts.AccountViews.InvitationCreated;
import dev.bulwark.ports.driving.accounts.AccountViews.InvitationView;
import dev.bulwark.ports.driving.accounts.AccountViews.MemberView;
import dev.bulwark.ports.driving.accounts.AccountViews.SignIn;
import dev.bulwark.ports.driving.accounts.AccountViews.WorkspaceMembership;
import dev.bulwark.ports.driving.accounts.Principal;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.Forbidden;
import dev.bulwark.ports.errors.Invalid;
import dev.bulwark.ports.errors.NotFound;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WorkspacesTest {
    private final World world = new World();
    private final User ann = world.register("ann@example.com");
    private final SignIn.SignedIn annSignedIn = world.signIn("ann@example.com");
    private final WorkspaceMembership team = world.teams.createTeam(world.principal(annSignedIn), new CreateTeam(" Desk "));
    private final Principal owner = world.principal(annSignedIn, team.workspace());
    private final User bob = world.register("bob@example.com");
    private final SignIn.SignedIn bobSignedIn = world.signIn("bob@example.com");

    /** Bob joins the team with {@code role} and acts in it. */
    private Principal bobJoins(Role role) {
        String token = world.teams.invite(owner, new Invite("bob@example.com", role)).token();
        world.teams.acceptInvitation(world.principal(bobSignedIn), new AcceptInvitation(token));
        return world.principal(bobSignedIn, team.workspace());
    }

    @Test
    void creatingATeamMakesItsCreatorTheOwner() {
        assertThat(team.name()).isEqualTo("Desk");
        assertThat(team.kind()).isEqualTo(Workspace.Kind.TEAM);
        assertThat(team.role()).isEqualTo(Role.OWNER);
        assertThat(world.memberships.roleOf(team.workspace(), ann.id())).contains(Role.OWNER);
        assertThat(owner.canManage()).isTrue();
        assertThat(world.audit.actions()).contains("workspace.create");
    }

    @Test
    void aTeamNeedsAName() {
        assertThatThrownBy(() -> world.teams.createTeam(owner, new CreateTeam("  ")))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.fieldErrors())
                        .extracting(Invalid.FieldError::field).containsExactly("name"));
        assertThatThrownBy(() -> world.teams.createTeam(owner, new CreateTeam("x".repeat(201)))).isInstanceOf(Invalid.class);
        assertThatThrownBy(() -> world.teams.createTeam(owner, null)).isInstanceOf(Invalid.class);
    }

    @Test
    void anInvitationIsAcceptedByThePersonWithThatEmailWithItsRole() {
        InvitationCreated created = world.teams.invite(owner, new Invite(" BOB@example.com", Role.TRADER));

        assertThat(created.email()).isEqualTo("bob@example.com");
        assertThat(created.expiresAt()).isEqualTo(world.clock.now().plus(Duration.ofDays(7)));
        assertThat(world.invitations.all.get(created.id()).tokenHash()).isEqualTo(Tokens.sha256Hex(created.token()));
        assertThat(created.toString()).doesNotContain(created.token());

        WorkspaceMembership joined = world.teams.acceptInvitation(world.principal(bobSignedIn), new AcceptInvitation(created.token()));

        assertThat(joined).isEqualTo(new WorkspaceMembership(team.workspace(), "Desk", Workspace.Kind.TEAM, Role.TRADER));
        assertThat(world.principal(bobSignedIn, team.workspace()).role()).isEqualTo(Role.TRADER);
        assertThat(world.audit.actions()).contains("invitation.create", "invitation.accept");
    }

    @Test
    void anotherPersonCannotUseTheInvitation() {
        InvitationCreated created = world.teams.invite(owner, new Invite("carol@example.com", Role.TRADER));

        assertThatThrownBy(() -> world.teams.acceptInvitation(world.principal(bobSignedIn), new AcceptInvitation(created.token())))
                .isInstanceOf(NotFound.class);
        assertThat(world.memberships.roleOf(team.workspace(), bob.id())).isEmpty();
    }

    @Test
    void anUnknownUsedRevokedOrExpiredInvitationIsNotFound() {
        Principal bobHome = world.principal(bobSignedIn);
        assertThatThrownBy(() -> world.teams.acceptInvitation(bobHome, new AcceptInvitation("nope"))).isInstanceOf(NotFound.class);

        InvitationCreated revoked = world.teams.invite(owner, new Invite("bob@example.com", Role.VIEWER));
        world.teams.revokeInvitation(owner, revoked.id());
        assertThatThrownBy(() -> world.teams.acceptInvitation(bobHome, new AcceptInvitation(revoked.token()))).isInstanceOf(NotFound.class);

        InvitationCreated expiring = world.teams.invite(owner, new Invite("bob@example.com", Role.VIEWER));
        world.clock.advance(Duration.ofDays(7));
        Principal bobLater = world.principal(world.signIn("bob@example.com"));
        assertThatThrownBy(() -> world.teams.acceptInvitation(bobLater, new AcceptInvitation(expiring.token()))).isInstanceOf(NotFound.class);
    }

    @Test
    void anInvitationIsUsedOnce() {
        InvitationCreated created = world.teams.invite(owner, new Invite("bob@example.com", Role.VIEWER));
        world.teams.acceptInvitation(world.principal(bobSignedIn), new AcceptInvitation(created.token()));

        assertThatThrownBy(() -> world.teams.acceptInvitation(world.principal(bobSignedIn), new AcceptInvitation(created.token())))
                .isInstanceOf(NotFound.class);
    }

    @Test
    void invitingAMemberIsAConflict() {
        bobJoins(Role.VIEWER);

        assertThatThrownBy(() -> world.teams.invite(owner, new Invite("bob@example.com", Role.TRADER))).isInstanceOf(Conflict.class);
    }

    @Test
    void onlyAnOwnerInvitesAndNeverIntoAPersonalWorkspace() {
        Principal viewer = bobJoins(Role.VIEWER);
        assertThatThrownBy(() -> world.teams.invite(viewer, new Invite("carol@example.com", Role.VIEWER)))
                .isInstanceOf(Forbidden.class).hasMessage(Checks.OWNER_ONLY);

        world.teams.changeRole(owner, bob.id(), new ChangeRole(Role.TRADER));
        Principal trader = world.principal(bobSignedIn, team.workspace());
        assertThatThrownBy(() -> world.teams.invite(trader, new Invite("carol@example.com", Role.VIEWER)))
                .isInstanceOf(Forbidden.class).hasMessage(Checks.OWNER_ONLY);

        assertThatThrownBy(() -> world.teams.invite(world.principal(annSignedIn), new Invite("carol@example.com", Role.VIEWER)))
                .isInstanceOf(Forbidden.class).hasMessage(WorkspacesService.PERSONAL_HAS_NO_MEMBERS);
        assertThat(world.invitations.all).hasSize(1);
    }

    @Test
    void anApiKeyCannotManageMembersEvenAnOwners() {
        String key = world.keys.create(owner, new CreateApiKey("bot", Set.of(Scope.READ, Scope.TRADE), null)).key();
        Principal viaKey = world.accounts.authenticate(key, null);

        assertThatThrownBy(() -> world.teams.invite(viaKey, new Invite("carol@example.com", Role.VIEWER)))
                .isInstanceOf(Forbidden.class).hasMessage(Checks.PERSON_ONLY);
        assertThatThrownBy(() -> world.teams.invitations(viaKey)).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> world.teams.changeRole(viaKey, ann.id(), new ChangeRole(Role.VIEWER))).isInstanceOf(Forbidden.class);
        assertThat(world.teams.members(viaKey)).hasSize(1);
    }

    @Test
    void badInvitationsAreInvalidByField() {
        assertThatThrownBy(() -> world.teams.invite(owner, new Invite("not-an-address", null)))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.fieldErrors())
                        .extracting(Invalid.FieldError::field).containsExactlyInAnyOrder("email", "role"));
        assertThatThrownBy(() -> world.teams.invite(owner, new Invite(null, Role.VIEWER))).isInstanceOf(Invalid.class);
        assertThatThrownBy(() -> world.teams.acceptInvitation(world.principal(bobSignedIn), new AcceptInvitation(null)))
                .isInstanceOf(Invalid.class);
    }

    @Test
    void invitationsAreListedWithTheirStatus() {
        InvitationCreated accepted = world.teams.invite(owner, new Invite("bob@example.com", Role.VIEWER));
        world.teams.acceptInvitation(world.principal(bobSignedIn), new AcceptInvitation(accepted.token()));
        InvitationCreated revoked = world.teams.invite(owner, new Invite("carol@example.com", Role.VIEWER));
        world.teams.revokeInvitation(owner, revoked.id());
        InvitationCreated open = world.teams.invite(owner, new Invite("dan@example.com", Role.TRADER));

        assertThat(world.teams.invitations(owner)).extracting(InvitationView::id, InvitationView::status)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(accepted.id(), "accepted"),
                        org.assertj.core.groups.Tuple.tuple(revoked.id(), "revoked"),
                        org.assertj.core.groups.Tuple.tuple(open.id(), "open"));
        world.clock.advance(Duration.ofDays(8));
        assertThat(world.teams.invitations(world.principal(world.signIn("ann@example.com"), team.workspace())))
                .filteredOn(i -> i.id().equals(open.id())).extracting(InvitationView::status).containsExactly("expired");
    }

    @Test
    void revokingAnUnknownOrEndedInvitationIsNotFound() {
        InvitationCreated created = world.teams.invite(owner, new Invite("bob@example.com", Role.VIEWER));
        world.teams.revokeInvitation(owner, created.id());

        assertThatThrownBy(() -> world.teams.revokeInvitation(owner, created.id())).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> world.teams.revokeInvitation(owner, UUID.randomUUID())).isInstanceOf(NotFound.class);
        assertThat(world.audit.actions()).contains("invitation.revoke");
    }

    @Test
    void membersAreListedWithEmailAndRole() {
        bobJoins(Role.VIEWER);

        assertThat(world.teams.members(owner)).extracting(MemberView::email, MemberView::role).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ann@example.com", Role.OWNER),
                org.assertj.core.groups.Tuple.tuple("bob@example.com", Role.VIEWER));
    }

    @Test
    void anOwnerChangesRolesButNeverLeavesTheTeamWithoutOne() {
        bobJoins(Role.VIEWER);

        world.teams.changeRole(owner, bob.id(), new ChangeRole(Role.OWNER));
        assertThat(world.memberships.roleOf(team.workspace(), bob.id())).contains(Role.OWNER);
        world.teams.changeRole(owner, bob.id(), new ChangeRole(Role.VIEWER));

        assertThatThrownBy(() -> world.teams.changeRole(owner, ann.id(), new ChangeRole(Role.TRADER))).isInstanceOf(Conflict.class);
        assertThat(world.audit.entries).filteredOn(e -> e.action().equals("member.role-change")).last()
                .satisfies(e -> assertThat(e.details()).containsEntry("from", "OWNER").containsEntry("to", "VIEWER"));
    }

    @Test
    void aViewerCannotChangeRolesOrRemoveOthers() {
        Principal viewer = bobJoins(Role.VIEWER);

        assertThatThrownBy(() -> world.teams.changeRole(viewer, bob.id(), new ChangeRole(Role.OWNER))).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> world.teams.removeMember(viewer, ann.id())).isInstanceOf(Forbidden.class);
    }

    @Test
    void changingTheRoleOfANonMemberIsNotFoundAndABadRoleInvalid() {
        assertThatThrownBy(() -> world.teams.changeRole(owner, bob.id(), new ChangeRole(Role.TRADER))).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> world.teams.changeRole(owner, bob.id(), new ChangeRole(null))).isInstanceOf(Invalid.class);
    }

    @Test
    void aPersonalWorkspaceKeepsItsOwner() {
        Principal home = world.principal(annSignedIn);

        assertThatThrownBy(() -> world.teams.changeRole(home, ann.id(), new ChangeRole(Role.VIEWER))).isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> world.teams.removeMember(home, ann.id())).isInstanceOf(Conflict.class);
    }

    @Test
    void anOwnerRemovesAMemberAndAMemberMayLeave() {
        bobJoins(Role.TRADER);
        world.teams.removeMember(owner, bob.id());
        assertThat(world.memberships.roleOf(team.workspace(), bob.id())).isEmpty();
        assertThatThrownBy(() -> world.principal(bobSignedIn, team.workspace())).isInstanceOf(NotFound.class);

        Principal again = bobJoins(Role.VIEWER);
        world.teams.removeMember(again, bob.id());
        assertThat(world.memberships.roleOf(team.workspace(), bob.id())).isEmpty();
        assertThat(world.audit.actions()).contains("member.remove", "member.leave");
    }

    @Test
    void theLastOwnerCannotLeave() {
        assertThatThrownBy(() -> world.teams.removeMember(owner, ann.id())).isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> world.teams.removeMember(owner, bob.id())).isInstanceOf(NotFound.class);
    }
}
