package dev.bulwark.adapters.persistence.accounts;

import static dev.bulwark.adapters.persistence.jooq.Tables.MEMBERSHIPS;
import static dev.bulwark.adapters.persistence.jooq.Tables.WORKSPACES;

import dev.bulwark.adapters.persistence.Db;
import dev.bulwark.adapters.persistence.SqlErrors;
import dev.bulwark.adapters.persistence.jooq.tables.records.MembershipsRecord;
import dev.bulwark.domain.accounts.Membership;
import dev.bulwark.domain.accounts.Role;
import dev.bulwark.domain.accounts.UserId;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.ports.driven.accounts.Memberships;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.NotFound;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * Memberships in SQL. The last-owner rule is a count, and two owners stepping down at once would each count the
 * other: a change that can lose an owner first locks the workspace's row, so such changes run one at a time.
 */
public final class JooqMemberships implements Memberships {
    private final Db db;

    public JooqMemberships(Db db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public void add(Membership membership) {
        try {
            db.ctx().insertInto(MEMBERSHIPS)
                    .set(MEMBERSHIPS.WORKSPACE_ID, membership.workspace().value())
                    .set(MEMBERSHIPS.USER_ID, membership.user().value())
                    .set(MEMBERSHIPS.ROLE, membership.role().name())
                    .set(MEMBERSHIPS.SINCE, Sql.utc(membership.since()))
                    .execute();
        } catch (DataAccessException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new Conflict("user " + membership.user() + " is a member of workspace " + membership.workspace() + " already");
            }
            if (Sql.isMissingParent(e)) {
                throw new NotFound("workspace " + membership.workspace() + " or user " + membership.user() + " not found");
            }
            throw SqlErrors.translate(e);
        }
    }

    @Override
    public Optional<Role> roleOf(WorkspaceId workspace, UserId user) {
        return db.ctx().select(MEMBERSHIPS.ROLE).from(MEMBERSHIPS).where(member(workspace, user))
                .fetchOptional(MEMBERSHIPS.ROLE).map(Role::valueOf);
    }

    @Override
    public List<Membership> members(WorkspaceId workspace) {
        return db.ctx().selectFrom(MEMBERSHIPS).where(MEMBERSHIPS.WORKSPACE_ID.eq(workspace.value()))
                .orderBy(MEMBERSHIPS.SINCE, MEMBERSHIPS.USER_ID).fetch(JooqMemberships::toMembership);
    }

    @Override
    public List<Membership> workspacesOf(UserId user) {
        return db.ctx().selectFrom(MEMBERSHIPS).where(MEMBERSHIPS.USER_ID.eq(user.value()))
                .orderBy(MEMBERSHIPS.SINCE, MEMBERSHIPS.WORKSPACE_ID).fetch(JooqMemberships::toMembership);
    }

    @Override
    public void changeRole(WorkspaceId workspace, UserId user, Role role) {
        db.inTransaction(() -> {
            Role current = lockAndRead(workspace, user);
            if (current == Role.OWNER && role != Role.OWNER) {
                requireAnotherOwner(workspace, "demoted");
            }
            db.ctx().update(MEMBERSHIPS).set(MEMBERSHIPS.ROLE, role.name()).where(member(workspace, user)).execute();
        });
    }

    @Override
    public void remove(WorkspaceId workspace, UserId user) {
        db.inTransaction(() -> {
            if (lockAndRead(workspace, user) == Role.OWNER) {
                requireAnotherOwner(workspace, "removed");
            }
            db.ctx().deleteFrom(MEMBERSHIPS).where(member(workspace, user)).execute();
        });
    }

    /** Locks the workspace (serializing owner changes in it) and returns the member's role. */
    private Role lockAndRead(WorkspaceId workspace, UserId user) {
        DSLContext ctx = db.ctx();
        ctx.select(WORKSPACES.ID).from(WORKSPACES).where(WORKSPACES.ID.eq(workspace.value())).forUpdate().fetchOptional()
                .orElseThrow(() -> new NotFound("workspace " + workspace + " not found"));
        return ctx.select(MEMBERSHIPS.ROLE).from(MEMBERSHIPS).where(member(workspace, user)).fetchOptional(MEMBERSHIPS.ROLE)
                .map(Role::valueOf)
                .orElseThrow(() -> new NotFound("user " + user + " is not a member of workspace " + workspace));
    }

    private void requireAnotherOwner(WorkspaceId workspace, String change) {
        int owners = db.ctx().fetchCount(MEMBERSHIPS,
                MEMBERSHIPS.WORKSPACE_ID.eq(workspace.value()).and(MEMBERSHIPS.ROLE.eq(Role.OWNER.name())));
        if (owners <= 1) {
            throw new Conflict("the last owner of workspace " + workspace + " cannot be " + change + "; make another member an owner first");
        }
    }

    private static Condition member(WorkspaceId workspace, UserId user) {
        return MEMBERSHIPS.WORKSPACE_ID.eq(workspace.value()).and(MEMBERSHIPS.USER_ID.eq(user.value()));
    }

    private static Membership toMembership(MembershipsRecord r) {
        return new Membership(new WorkspaceId(r.getWorkspaceId()), new UserId(r.getUserId()), Role.valueOf(r.getRole()),
                r.getSince().toInstant());
    }
}
