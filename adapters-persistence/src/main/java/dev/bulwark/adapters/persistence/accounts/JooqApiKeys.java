package dev.bulwark.adapters.persistence.accounts;

import static dev.bulwark.adapters.persistence.jooq.Tables.API_KEYS;

import dev.bulwark.adapters.persistence.Db;
import dev.bulwark.adapters.persistence.SqlErrors;
import dev.bulwark.adapters.persistence.jooq.tables.records.ApiKeysRecord;
import dev.bulwark.domain.accounts.ApiKey;
import dev.bulwark.domain.accounts.ApiKeyId;
import dev.bulwark.domain.accounts.Scope;
import dev.bulwark.domain.accounts.UserId;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.ports.driven.accounts.ApiKeys;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.NotFound;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.exception.DataAccessException;

/**
 * API keys in SQL. Scopes are kept as their names, sorted and comma-separated. Only {@link #findByKeyHash} and
 * {@link #touch} go by something other than the workspace: the hash is what a request carries, and touching only
 * moves a timestamp forward.
 */
public final class JooqApiKeys implements ApiKeys {
    private final Db db;

    public JooqApiKeys(Db db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public void create(ApiKey key) {
        if (key.revokedAt() != null) {
            throw new IllegalArgumentException("a new API key is not revoked");
        }
        try {
            db.ctx().insertInto(API_KEYS)
                    .set(API_KEYS.ID, key.id().value())
                    .set(API_KEYS.WORKSPACE_ID, key.workspace().value())
                    .set(API_KEYS.USER_ID, key.user().value())
                    .set(API_KEYS.NAME, key.name())
                    .set(API_KEYS.SCOPES, scopesText(key.scopes()))
                    .set(API_KEYS.KEY_HASH, key.keyHash())
                    .set(API_KEYS.HINT, key.hint())
                    .set(API_KEYS.CREATED_AT, Sql.utc(key.createdAt()))
                    .set(API_KEYS.EXPIRES_AT, Sql.utcOrNull(key.expiresAt()))
                    .set(API_KEYS.LAST_USED_AT, Sql.utcOrNull(key.lastUsedAt()))
                    .execute();
        } catch (DataAccessException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new Conflict("API key " + key.id() + " (or its hash) exists already");
            }
            if (Sql.isMissingParent(e)) {
                throw new NotFound("workspace " + key.workspace() + " or user " + key.user() + " not found");
            }
            throw SqlErrors.translate(e);
        }
    }

    @Override
    public Optional<ApiKey> findByKeyHash(String keyHash) {
        return db.ctx().selectFrom(API_KEYS)
                .where(API_KEYS.KEY_HASH.eq(keyHash).and(API_KEYS.REVOKED_AT.isNull()))
                .fetchOptional().map(JooqApiKeys::toKey);
    }

    @Override
    public List<ApiKey> list(WorkspaceId workspace) {
        return db.ctx().selectFrom(API_KEYS).where(API_KEYS.WORKSPACE_ID.eq(workspace.value()))
                .orderBy(API_KEYS.CREATED_AT.desc(), API_KEYS.ID.desc())
                .fetch(JooqApiKeys::toKey);
    }

    @Override
    public boolean revoke(WorkspaceId workspace, ApiKeyId id, Instant at) {
        return db.ctx().update(API_KEYS).set(API_KEYS.REVOKED_AT, Sql.utc(at))
                .where(API_KEYS.ID.eq(id.value())
                        .and(API_KEYS.WORKSPACE_ID.eq(workspace.value()))
                        .and(API_KEYS.REVOKED_AT.isNull()))
                .execute() == 1;
    }

    @Override
    public void touch(ApiKeyId id, Instant at) {
        // one conditional statement: concurrent requests finish out of order, and a late one must not move it back
        db.ctx().update(API_KEYS).set(API_KEYS.LAST_USED_AT, Sql.utc(at))
                .where(API_KEYS.ID.eq(id.value())
                        .and(API_KEYS.LAST_USED_AT.isNull().or(API_KEYS.LAST_USED_AT.lt(Sql.utc(at)))))
                .execute();
    }

    static String scopesText(Set<Scope> scopes) {
        return EnumSet.copyOf(scopes).stream().map(Scope::name).collect(Collectors.joining(","));
    }

    static Set<Scope> scopes(String text) {
        return Arrays.stream(text.split(",", -1)).map(Scope::valueOf).collect(Collectors.toCollection(() -> EnumSet.noneOf(Scope.class)));
    }

    private static ApiKey toKey(ApiKeysRecord r) {
        return new ApiKey(new ApiKeyId(r.getId()), new WorkspaceId(r.getWorkspaceId()), new UserId(r.getUserId()), r.getName(),
                scopes(r.getScopes()), r.getKeyHash(), r.getHint(), r.getCreatedAt().toInstant(), Sql.instantOrNull(r.getExpiresAt()),
                Sql.instantOrNull(r.getLastUsedAt()), Sql.instantOrNull(r.getRevokedAt()));
    }
}
