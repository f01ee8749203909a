package dev.bulwark.application.accounts;

import dev.bulwark.domain.accounts.Invitation;
import dev.bulwark.domain.accounts.Membership;
import dev.bulwark.domain.accounts.Role;
import dev.bulwark.domain.accounts.User;
import dev.bulwark.domain.accounts.UserId;
import dev.bulwark.domain.accounts.Workspace;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.ports.driven.accounts.Invitations;
import dev.bulwark.ports.driven.accounts.Memberships;
import dev.bulwark.ports.driven.accounts.Users;
import dev.bulwark.ports.driven.audit.AuditLog;
import dev.bulwark.ports.driven.storage.Transactions;
import dev.bulwark.ports.driven.storage.Workspaces;
import dev.bulwark.ports.driven.system.IdGenerator;
import dev.bulwark.ports.driven.system.SecureTokens;
import dev.bulwark.ports.driven.system.TimeSource;
import dev.bulwark.ports.driving.accounts.AccountCommands.AcceptInvitation;
import dev.bulwark.ports.driving.accounts.AccountCommands.ChangeRole;
import dev.bulwark.ports.driving.accounts.AccountCommands.CreateTeam;
import dev.bulwark.ports.driving.accounts.AccountCommands.Invite;
import dev.bulwark.ports.driving.accounts.AccountViews.InvitationCreated;
import dev.bulwark.ports.driving.accounts.AccountViews.InvitationView;
import dev.bulwark.ports.driving.accounts.AccountViews.MemberView;
import dev.bulwark.ports.driving.accounts.AccountViews.WorkspaceMembership;
import dev.bulwark.ports.driving.accounts.ManageWorkspaces;
import dev.bulwark.ports.driving.accounts.Principal;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.Forbidden;
import dev.bulwark.ports.errors.NotFound;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Team workspaces, their members and invitations. Only owners (signed in as a person) manage; any member reads
 * the member list. The last-owner rule is the store's ({@link Memberships}), so it holds under concurrency too.
 */
final class WorkspacesService implements ManageWorkspaces {
    static final String PERSONAL_HAS_NO_MEMBERS = "a personal workspace has no other members: create a team workspace";
    private static final String INVITATION_NOT_FOUND = "invitation not found";

    private final Users users;
    private final Memberships memberships;
    private final Invitations invitations;
    private final Workspaces workspaces;
    private final Transactions transactions;
    private final TimeSource time;
    private final IdGenerator ids;
    private final Tokens tokens;
    private final Audit audit;

    WorkspacesService(Users users, Memberships memberships, Invitations invitations, Workspaces workspaces,
                      Transactions transactions, SecureTokens random, AuditLog auditLog, TimeSource time, IdGenerator ids) {
        this.users = Objects.requireNonNull(users, "users");
        this.memberships = Objects.requireNonNull(memberships, "memberships");
        this.invitations = Objects.requireNonNull(invitations, "invitations");
        this.workspaces = Objects.requireNonNull(workspaces, "workspaces");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.time = Objects.requireNonNull(time, "time");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.tokens = new Tokens(random);
        this.audit = new Audit(auditLog, ids);
    }

    @Override
    public WorkspaceMembership createTeam(Principal principal, CreateTeam command) {
        Principal p = Checks.person(principal);
        CreateTeam c = Checks.command(command);
        Checks fields = Checks.fields();
        if (fields.required(c.name(), "name")) {
            String name = Objects.requireNonNull(c.name()).strip();
            fields.check(name.length() <= 200, "name", "is at most 200 characters");
            fields.check(name.chars().noneMatch(Character::isISOControl), "name", "has no control characters");
        }
        fields.orThrow();
        Instant now = time.now();
        Workspace team = new Workspace(new WorkspaceId(ids.newId()), Objects.requireNonNull(c.name()), Workspace.Kind.TEAM, now);
        transactions.inTransaction(() -> {
            workspaces.create(team);
            memberships.add(new Membership(team.id(), p.user(), Role.OWNER, now));
            audit.record(team.id(), p.actor(), "workspace.create", "workspace:" + team.id(), now, Map.of("kind", "team"));
        });
        return new WorkspaceMembership(team.id(), team.name(), team.kind(), Role.OWNER);
    }

    @Override
    public List<MemberView> members(Principal principal) {
        Principal p = Checks.reader(principal);
        return memberships.members(p.workspace()).stream()
                .flatMap(m -> users.find(m.user()).map(u -> new MemberView(u.id(), u.email(), m.role(), m.since())).stream())
                .toList();
    }

    @Override
    public InvitationCreated invite(Principal principal, Invite command) {
        Principal p = Checks.manager(principal);
        Invite c = Checks.command(command);
        Checks fields = Checks.fields();
        String email = null;
        if (fields.required(c.email(), "email")) {
            try {
                email = User.normalizeEmail(Objects.requireNonNull(c.email()));
            } catch (IllegalArgumentException e) {
                fields.check(false, "email", "is not an email address");
            }
        }
        fields.required(c.role(), "role");
        fields.orThrow();
        Workspace workspace = team(p.workspace());
        String invitee = Objects.requireNonNull(email);
        Optional<User> existing = users.findByEmail(invitee);
        if (existing.isPresent() && memberships.roleOf(workspace.id(), existing.get().id()).isPresent()) {
            throw new Conflict("this person is a member already");
        }
        Instant now = time.now();
        String token = tokens.newToken("");
        Invitation invitation = new Invitation(ids.newId(), workspace.id(), invitee, Objects.requireNonNull(c.role()),
                Tokens.sha256Hex(token), p.user(), now, now.plus(AccountPolicy.INVITATION_LIFETIME), null, null);
        transactions.inTransaction(() -> {
            invitations.create(invitation);
            audit.record(workspace.id(), p.actor(), "invitation.create", "invitation:" + invitation.id(), now,
                    Map.of("email", invitee, "role", invitation.role().name()));
        });
        return new InvitationCreated(invitation.id(), invitee, invitation.role(), invitation.expiresAt(), token);
    }

    @Override
    public List<InvitationView> invitations(Principal principal) {
        Principal p = Checks.manager(principal);
        Instant now = time.now();
        return invitations.list(p.workspace()).stream()
                .map(i -> new InvitationView(i.id(), i.email(), i.role(), i.createdAt(), i.expiresAt(), status(i, now)))
                .toList();
    }

    static String status(Invitation invitation, Instant now) {
        if (invitation.acceptedAt() != null) {
            return "accepted";
        }
        if (invitation.revokedAt() != null) {
            return "revoked";
        }
        return invitation.isOpenAt(now) ? "open" : "expired";
    }

    @Override
    public void revokeInvitation(Principal principal, UUID invitation) {
        Principal p = Checks.manager(principal);
        if (invitation == null) {
            throw new NotFound(INVITATION_NOT_FOUND);
        }
        Instant now = time.now();
        transactions.inTransaction(() -> {
            if (!invitations.revoke(p.workspace(), invitation, now)) {
                throw new NotFound(INVITATION_NOT_FOUND);
            }
            audit.record(p.workspace(), p.actor(), "invitation.revoke", "invitation:" + invitation, now, Map.of());
        });
    }

    @Override
    public WorkspaceMembership acceptInvitation(Principal principal, AcceptInvitation command) {
        Principal p = Checks.person(principal);
        AcceptInvitation c = Checks.command(command);
        Checks fields = Checks.fields();
        fields.required(c.token(), "token");
        fields.orThrow();
        Instant now = time.now();
        User user = users.find(p.user()).orElseThrow(() -> new NotFound(INVITATION_NOT_FOUND));
        // another person's invitation reads as absent: a token forwarded by mistake does not say whose it is
        Invitation invitation = invitations.findByTokenHash(Tokens.sha256Hex(Objects.requireNonNull(c.token()).strip()))
                .filter(i -> i.isOpenAt(now) && i.email().equals(user.email()))
                .orElseThrow(() -> new NotFound(INVITATION_NOT_FOUND));
        Workspace workspace = workspaces.find(invitation.workspace()).orElseThrow(() -> new NotFound(INVITATION_NOT_FOUND));
        transactions.inTransaction(() -> {
            if (memberships.roleOf(workspace.id(), user.id()).isPresent()) {
                throw new Conflict("you are a member of this workspace already");
            }
            if (!invitations.accept(invitation.id(), now)) {
                throw new NotFound(INVITATION_NOT_FOUND);
            }
            memberships.add(new Membership(workspace.id(), user.id(), invitation.role(), now));
            audit.record(workspace.id(), p.actor(), "invitation.accept", "invitation:" + invitation.id(), now,
                    Map.of("role", invitation.role().name()));
        });
        return new WorkspaceMembership(workspace.id(), workspace.name(), workspace.kind(), invitation.role());
    }

    @Override
    public void changeRole(Principal principal, UserId member, ChangeRole command) {
        Principal p = Checks.manager(principal);
        ChangeRole c = Checks.command(command);
        Checks fields = Checks.fields();
        fields.required(c.role(), "role");
        fields.orThrow();
        if (member == null) {
            throw new NotFound("member not found");
        }
        Role role = Objects.requireNonNull(c.role());
        Workspace workspace = workspaces.find(p.workspace()).orElseThrow(() -> new NotFound("workspace not found"));
        // someone who is not a member is not found, before anything about the workspace is told
        memberships.roleOf(workspace.id(), member).orElseThrow(() -> new NotFound("member " + member + " not found"));
        if (workspace.kind() == Workspace.Kind.PERSONAL && role != Role.OWNER) {
            throw new Conflict("a personal workspace keeps its owner");
        }
        Instant now = time.now();
        transactions.inTransaction(() -> {
            Role before = memberships.roleOf(workspace.id(), member).orElseThrow(() -> new NotFound("member " + member + " not found"));
            memberships.changeRole(workspace.id(), member, role);
            audit.record(workspace.id(), p.actor(), "member.role-change", "user:" + member, now,
                    Map.of("from", before.name(), "to", role.name()));
        });
    }

    @Override
    public void removeMember(Principal principal, UserId member) {
        Principal pr = Checks.principal(principal);
        if (member == null) {
            throw new NotFound("member not found");
        }
        // leaving is every member's own choice; removing someone else is an owner's
        Principal p = member.equals(pr.user()) ? Checks.person(pr) : Checks.manager(pr);
        Workspace workspace = workspaces.find(p.workspace()).orElseThrow(() -> new NotFound("workspace not found"));
        memberships.roleOf(workspace.id(), member).orElseThrow(() -> new NotFound("member " + member + " not found"));
        if (workspace.kind() == Workspace.Kind.PERSONAL) {
            throw new Conflict("a personal workspace keeps its owner");
        }
        Instant now = time.now();
        transactions.inTransaction(() -> {
            memberships.remove(workspace.id(), member);
            audit.record(workspace.id(), p.actor(), member.equals(p.user()) ? "member.leave" : "member.remove",
                    "user:" + member, now, Map.of());
        });
    }

    private Workspace team(WorkspaceId id) {
        Workspace workspace = workspaces.find(id).orElseThrow(() -> new NotFound("workspace not found"));
        if (workspace.kind() != Workspace.Kind.TEAM) {
            throw new Forbidden(PERSONAL_HAS_NO_MEMBERS);
        }
        return workspace;
    }
}
