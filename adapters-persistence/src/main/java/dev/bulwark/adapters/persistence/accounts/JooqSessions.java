package dev.bulwark.adapters.persistence.accounts;

import static dev.bulwark.adapters.persistence.jooq.Tables.SESSIONS;
import static dev.bulwark.adapters.persistence.jooq.Tables.USERS;

import dev.bulwark.adapters.persistence.Db;
import dev.bulwark.adapters.persistence.SqlErrors;
import dev.bulwark.adapters.persistence.jooq.tables.records.SessionsRecord;
import dev.bulwark.domain.accounts.Session;
import dev.bulwark.domain.accounts.SessionId;
import dev.bulwark.domain.accounts.UserId;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.ports.driven.accounts.Sessions;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.NotFound;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Sessions in SQL. Creating one locks its user's row first, so concurrent sign-ins of one user count and evict
 * one after the other and the limit of active sessions holds.
 */
public final class JooqSessions implements Sessions {
    private final Db db;

    public JooqSessions(Db db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public List<SessionId> create(Session session, int maxActive, Duration idleTimeout) {
        if (maxActive < 1) {
            throw new IllegalArgumentException("maxActive is at least 1");
        }
        if (session.revokedAt() != null) {
            throw new IllegalArgumentException("a new session is not revoked");
        }
        return db.inTransaction(() -> {
            DSLContext ctx = db.ctx();
            ctx.select(USERS.ID).from(USERS).where(USERS.ID.eq(session.user().value())).forUpdate().fetchOptional()
                    .orElseThrow(() -> new NotFound("user " + session.user() + " not found"));
            List<SessionId> active = ctx.select(SESSIONS.ID).from(SESSIONS)
                    .where(activeOf(session.user(), session.createdAt(), idleTimeout))
                    .orderBy(SESSIONS.CREATED_AT, SESSIONS.ID)
                    .fetch(r -> new SessionId(r.value1()));
            List<SessionId> evicted = List.copyOf(active.subList(0, Math.max(0, active.size() - (maxActive - 1))));
            if (!evicted.isEmpty()) {
                ctx.update(SESSIONS).set(SESSIONS.REVOKED_AT, revokedAt(session.createdAt()))
                        .where(SESSIONS.ID.in(evicted.stream().map(SessionId::value).toList()))
                        .execute();
            }
            insert(ctx, session);
            return evicted;
        });
    }

    private static void insert(DSLContext ctx, Session session) {
        try {
            ctx.insertInto(SESSIONS)
                    .set(SESSIONS.ID, session.id().value())
                    .set(SESSIONS.USER_ID, session.user().value())
                    .set(SESSIONS.WORKSPACE_ID, session.workspace().value())
                    .set(SESSIONS.TOKEN_HASH, session.tokenHash())
                    .set(SESSIONS.CREATED_AT, Sql.utc(session.createdAt()))
                    .set(SESSIONS.LAST_SEEN_AT, Sql.utc(session.lastSeenAt()))
                    .set(SESSIONS.EXPIRES_AT, Sql.utc(session.expiresAt()))
                    .set(SESSIONS.IP, session.ip())
                    .set(SESSIONS.USER_AGENT, session.userAgent())
                    .execute();
        } catch (DataAccessException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new Conflict("session " + session.id() + " (or its token) exists already");
            }
            if (Sql.isMissingParent(e)) {
                throw new NotFound("workspace " + session.workspace() + " not found");
            }
            throw SqlErrors.translate(e);
        }
    }

    @Override
    public Optional<Session> findByTokenHash(String tokenHash) {
        return db.ctx().selectFrom(SESSIONS)
                .where(SESSIONS.TOKEN_HASH.eq(tokenHash).and(SESSIONS.REVOKED_AT.isNull()))
                .fetchOptional().map(JooqSessions::toSession);
    }

    @Override
    public Optional<Session> find(UserId user, SessionId id) {
        return db.ctx().selectFrom(SESSIONS).where(owned(user, id)).fetchOptional().map(JooqSessions::toSession);
    }

    @Override
    public boolean touch(UserId user, SessionId id, Instant at) {
        // GREATEST: requests finish out of order, and a late one must not make the session look idle earlier
        return db.ctx().update(SESSIONS)
                .set(SESSIONS.LAST_SEEN_AT, DSL.greatest(SESSIONS.LAST_SEEN_AT, DSL.val(Sql.utc(at))))
                .where(owned(user, id).and(SESSIONS.REVOKED_AT.isNull()))
                .execute() == 1;
    }

    @Override
    public boolean revoke(UserId user, SessionId id, Instant at) {
        return db.ctx().update(SESSIONS).set(SESSIONS.REVOKED_AT, revokedAt(at))
                .where(owned(user, id).and(SESSIONS.REVOKED_AT.isNull()))
                .execute() == 1;
    }

    @Override
    public int revokeAll(UserId user, Instant at) {
        return db.ctx().update(SESSIONS).set(SESSIONS.REVOKED_AT, revokedAt(at))
                .where(SESSIONS.USER_ID.eq(user.value()).and(SESSIONS.REVOKED_AT.isNull()))
                .execute();
    }

    @Override
    public int revokeAllExcept(UserId user, SessionId keep, Instant at) {
        return db.ctx().update(SESSIONS).set(SESSIONS.REVOKED_AT, revokedAt(at))
                .where(SESSIONS.USER_ID.eq(user.value()).and(SESSIONS.REVOKED_AT.isNull()).and(SESSIONS.ID.ne(keep.value())))
                .execute();
    }

    @Override
    public List<Session> listActive(UserId user, Instant now, Duration idleTimeout) {
        return db.ctx().selectFrom(SESSIONS).where(activeOf(user, now, idleTimeout))
                .orderBy(SESSIONS.CREATED_AT, SESSIONS.ID)
                .fetch(JooqSessions::toSession);
    }

    @Override
    public int countActive(UserId user, Instant now, Duration idleTimeout) {
        return db.ctx().fetchCount(SESSIONS, activeOf(user, now, idleTimeout));
    }

    @Override
    public int purgeEndedBefore(Instant cutoff) {
        return db.ctx().deleteFrom(SESSIONS)
                .where(SESSIONS.EXPIRES_AT.lt(Sql.utc(cutoff)).or(SESSIONS.REVOKED_AT.lt(Sql.utc(cutoff))))
                .execute();
    }

    /**
     * {@code at}, or the session's creation when that is later: clocks of several servers differ by a little, and a
     * session revoked "before" it began would be a row no {@link Session} can hold.
     */
    private static Field<OffsetDateTime> revokedAt(Instant at) {
        return DSL.greatest(SESSIONS.CREATED_AT, DSL.val(Sql.utc(at)));
    }

    /** {@link Session#isActiveAt} as SQL. */
    private static Condition activeOf(UserId user, Instant now, Duration idleTimeout) {
        return SESSIONS.USER_ID.eq(user.value())
                .and(SESSIONS.REVOKED_AT.isNull())
                .and(SESSIONS.EXPIRES_AT.gt(Sql.utc(now)))
                .and(SESSIONS.LAST_SEEN_AT.gt(Sql.utc(now.minus(idleTimeout))));
    }

    private static Condition owned(UserId user, SessionId id) {
        return SESSIONS.ID.eq(id.value()).and(SESSIONS.USER_ID.eq(user.value()));
    }

    private static Session toSession(SessionsRecord r) {
        return new Session(new SessionId(r.getId()), new UserId(r.getUserId()), new WorkspaceId(r.getWorkspaceId()),
                r.getTokenHash(), r.getCreatedAt().toInstant(), r.getLastSeenAt().toInstant(), r.getExpiresAt().toInstant(),
                Sql.instantOrNull(r.getRevokedAt()), r.getIp(), r.getUserAgent());
    }
}
