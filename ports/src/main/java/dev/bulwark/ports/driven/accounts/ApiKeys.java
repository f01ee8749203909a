package dev.bulwark.ports.driven.accounts;

import dev.bulwark.domain.accounts.ApiKey;
import dev.bulwark.domain.accounts.ApiKeyId;
import dev.bulwark.domain.accounts.WorkspaceId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * API keys, found by the hash of the key. Scoped by workspace: every call but the hash lookup names the workspace,
 * and another workspace's key is absent. Thread-safe; each call joins the caller's transaction when one is open.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface ApiKeys {
    /** Stores a new key. {@link dev.bulwark.ports.errors.Conflict} when the id or hash exists, NotFound when the user or workspace does not. */
    void create(ApiKey key);

    /** The key with this hash unless revoked (expiry is the caller's to check). */
    Optional<ApiKey> findByKeyHash(String keyHash);

    /** The workspace's keys, revoked ones included, newest first. */
    List<ApiKey> list(WorkspaceId workspace);

    /** Revokes a key; false when it is not the workspace's or was revoked already. */
    boolean revoke(WorkspaceId workspace, ApiKeyId id, Instant at);

    /** Records use: moves {@code lastUsedAt} forward (never back). */
    void touch(ApiKeyId id, Instant at);
}
