package dev.bulwark.domain.accounts;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A key for programmatic use of one workspace, created by a member and acting as that member, limited to its
 * scopes (READ, TRADE; never MANAGE). Only the hex SHA-256 of the key is kept, like a session token; {@code hint}
 * is its public prefix and last characters ({@code bwk_Ab3…9xQ}) so a user can tell keys apart.
 */
public record ApiKey(ApiKeyId id, WorkspaceId workspace, UserId user, String name, Set<Scope> scopes, String keyHash,
                     String hint, Instant createdAt, @Nullable Instant expiresAt, @Nullable Instant lastUsedAt,
                     @Nullable Instant revokedAt) {
    public static final int MAX_NAME_LENGTH = 100;

    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(name, "name");
        name = name.strip();
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("an API key's name is 1 to " + MAX_NAME_LENGTH + " characters without control characters");
        }
        Objects.requireNonNull(scopes, "scopes");
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("an API key has at least one scope");
        }
        scopes = Set.copyOf(EnumSet.copyOf(scopes));
        if (scopes.contains(Scope.MANAGE)) {
            throw new IllegalArgumentException("an API key never has the MANAGE scope");
        }
        keyHash = Sha256Hex.require(keyHash, "keyHash");
        Objects.requireNonNull(hint, "hint");
        if (hint.isEmpty() || hint.length() > 32) {
            throw new IllegalArgumentException("an API key hint is 1 to 32 characters");
        }
        Objects.requireNonNull(createdAt, "createdAt");
        if (expiresAt != null && !expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("an API key expires after its creation");
        }
    }

    /** Not revoked and not expired at {@code now}. */
    public boolean isActiveAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    @Override
    public String toString() {
        return "ApiKey[id=" + id + ", workspace=" + workspace + ", name=" + name + ", scopes=" + scopes + "]";
    }
}
