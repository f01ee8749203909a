package dev.bulwark.adapters.persistence.accounts;

import static dev.bulwark.adapters.persistence.jooq.Tables.USERS;

import dev.bulwark.adapters.persistence.Db;
import dev.bulwark.adapters.persistence.SqlErrors;
import dev.bulwark.adapters.persistence.jooq.tables.records.UsersRecord;
import dev.bulwark.domain.accounts.PasswordHash;
import dev.bulwark.domain.accounts.User;
import dev.bulwark.domain.accounts.UserId;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.ports.driven.accounts.Users;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.NotFound;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/** Users in SQL. Emails arrive normalized (lower case) from {@link User}, so the unique constraint ignores case. */
public final class JooqUsers implements Users {
    private final Db db;

    public JooqUsers(Db db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public void create(User user) {
        try {
            db.ctx().insertInto(USERS)
                    .set(USERS.ID, user.id().value())
                    .set(USERS.EMAIL, user.email())
                    .set(USERS.PASSWORD_HASH, user.passwordHash().encoded())
                    .set(USERS.PERSONAL_WORKSPACE_ID, user.personalWorkspace().value())
                    .set(USERS.CREATED_AT, Sql.utc(user.createdAt()))
                    .set(USERS.UPDATED_AT, Sql.utc(user.updatedAt()))
                    .execute();
        } catch (DataAccessException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new Conflict("a user with this email (or id) exists already");
            }
            if (Sql.isMissingParent(e)) {
                throw new NotFound("workspace " + user.personalWorkspace() + " not found");
            }
            throw SqlErrors.translate(e);
        }
    }

    @Override
    public Optional<User> find(UserId id) {
        return db.ctx().selectFrom(USERS).where(USERS.ID.eq(id.value())).fetchOptional().map(JooqUsers::toUser);
    }

    @Override
    public Optional<User> findByEmail(String email) {
        // the same normalization as User's, without its validation: a malformed address simply matches nothing
        String normalized = email.strip().toLowerCase(Locale.ROOT);
        return db.ctx().selectFrom(USERS).where(USERS.EMAIL.eq(normalized)).fetchOptional().map(JooqUsers::toUser);
    }

    @Override
    public boolean any() {
        return db.ctx().fetchExists(USERS);
    }

    @Override
    public void updatePasswordHash(UserId id, PasswordHash hash, Instant at) {
        int updated = db.ctx().update(USERS)
                .set(USERS.PASSWORD_HASH, hash.encoded())
                // never before its creation (clocks differ a little between servers): User refuses such a row
                .set(USERS.UPDATED_AT, DSL.greatest(USERS.CREATED_AT, DSL.val(Sql.utc(at))))
                .where(USERS.ID.eq(id.value()))
                .execute();
        if (updated == 0) {
            throw new NotFound("user " + id + " not found");
        }
    }

    private static User toUser(UsersRecord r) {
        return new User(new UserId(r.getId()), r.getEmail(), new PasswordHash(r.getPasswordHash()),
                new WorkspaceId(r.getPersonalWorkspaceId()), r.getCreatedAt().toInstant(), r.getUpdatedAt().toInstant());
    }
}
