package dev.bulwark.adapters.persistence.accounts;

import static dev.bulwark.adapters.persistence.jooq.Tables.INVITATIONS;

import dev.bulwark.adapters.persistence.Db;
import dev.bulwark.adapters.persistence.SqlErrors;
import dev.bulwark.adapters.persistence.jooq.tables.records.InvitationsRecord;
import dev.bulwark.domain.accounts.Invitation;
import dev.bulwark.domain.accounts.Role;
import dev.bulwark.domain.accounts.UserId;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.ports.driven.accounts.Invitations;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.NotFound;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.exception.DataAccessException;

/**
 * Invitations in SQL. Accepting and revoking are each one conditional UPDATE of an open invitation: the row lock
 * makes a concurrent second one wait, then find the invitation no longer open, so exactly one of them wins.
 */
public final class JooqInvitations implements Invitations {
    private final Db db;

    public JooqInvitations(Db db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public void create(Invitation invitation) {
        if (invitation.acceptedAt() != null || invitation.revokedAt() != null) {
            throw new IllegalArgumentException("a new invitation is neither accepted nor revoked");
        }
        try {
            db.ctx().insertInto(INVITATIONS)
                    .set(INVITATIONS.ID, invitation.id())
                    .set(INVITATIONS.WORKSPACE_ID, invitation.workspace().value())
                    .set(INVITATIONS.EMAIL, invitation.email())
                    .set(INVITATIONS.ROLE, invitation.role().name())
                    .set(INVITATIONS.TOKEN_HASH, invitation.tokenHash())
                    .set(INVITATIONS.INVITED_BY, invitation.invitedBy().value())
                    .set(INVITATIONS.CREATED_AT, Sql.utc(invitation.createdAt()))
                    .set(INVITATIONS.EXPIRES_AT, Sql.utc(invitation.expiresAt()))
                    .execute();
        } catch (DataAccessException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new Conflict("invitation " + invitation.id() + " (or its token) exists already");
            }
            if (Sql.isMissingParent(e)) {
                throw new NotFound("workspace " + invitation.workspace() + " or inviting user " + invitation.invitedBy() + " not found");
            }
            throw SqlErrors.translate(e);
        }
    }

    @Override
    public Optional<Invitation> findByTokenHash(String tokenHash) {
        return db.ctx().selectFrom(INVITATIONS).where(INVITATIONS.TOKEN_HASH.eq(tokenHash))
                .fetchOptional().map(JooqInvitations::toInvitation);
    }

    @Override
    public List<Invitation> list(WorkspaceId workspace) {
        return db.ctx().selectFrom(INVITATIONS).where(INVITATIONS.WORKSPACE_ID.eq(workspace.value()))
                .orderBy(INVITATIONS.CREATED_AT.desc(), INVITATIONS.ID.desc())
                .fetch(JooqInvitations::toInvitation);
    }

    @Override
    public boolean accept(UUID id, Instant at) {
        return db.ctx().update(INVITATIONS).set(INVITATIONS.ACCEPTED_AT, Sql.utc(at))
                .where(INVITATIONS.ID.eq(id).and(openAt(at)))
                .execute() == 1;
    }

    @Override
    public boolean revoke(WorkspaceId workspace, UUID id, Instant at) {
        return db.ctx().update(INVITATIONS).set(INVITATIONS.REVOKED_AT, Sql.utc(at))
                .where(INVITATIONS.ID.eq(id).and(INVITATIONS.WORKSPACE_ID.eq(workspace.value())).and(openAt(at)))
                .execute() == 1;
    }

    /** {@link Invitation#isOpenAt} as SQL. */
    private static Condition openAt(Instant at) {
        return INVITATIONS.ACCEPTED_AT.isNull()
                .and(INVITATIONS.REVOKED_AT.isNull())
                .and(INVITATIONS.EXPIRES_AT.gt(Sql.utc(at)));
    }

    private static Invitation toInvitation(InvitationsRecord r) {
        return new Invitation(r.getId(), new WorkspaceId(r.getWorkspaceId()), r.getEmail(), Role.valueOf(r.getRole()), r.getTokenHash(),
                new UserId(r.getInvitedBy()), r.getCreatedAt().toInstant(), r.getExpiresAt().toInstant(),
                Sql.instantOrNull(r.getAcceptedAt()), Sql.instantOrNull(r.getRevokedAt()));
    }
}
