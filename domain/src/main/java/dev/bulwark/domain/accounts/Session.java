package dev.bulwark.domain.accounts;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A signed-in session of a user, acting in one workspace. Only the hex SHA-256 of its opaque token is kept: a
 * copy of the table does not let anyone sign in, and a token is found by hashing what the client presents.
 * {@code expiresAt} is the absolute end; the idle end follows {@code lastSeenAt} and is the caller's policy.
 */
public record Session(SessionId id, UserId user, WorkspaceId workspace, String tokenHash, Instant createdAt,
                      Instant lastSeenAt, Instant expiresAt, @Nullable Instant revokedAt, @Nullable String ip,
                      @Nullable String userAgent) {
    public static final int MAX_IP_LENGTH = 64;
    public static final int MAX_USER_AGENT_LENGTH = 500;

    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(workspace, "workspace");
        tokenHash = Sha256Hex.require(tokenHash, "tokenHash");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (lastSeenAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("a session is seen at or after its creation");
        }
        if (!expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("a session expires after its creation");
        }
        if (revokedAt != null && revokedAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("a session is revoked at or after its creation");
        }
        if (ip != null && (ip.isBlank() || ip.length() > MAX_IP_LENGTH)) {
            throw new IllegalArgumentException("an ip is 1 to " + MAX_IP_LENGTH + " characters");
        }
        // a user agent is whatever the client sends: keep what identifies it rather than refuse the sign-in
        if (userAgent != null && userAgent.length() > MAX_USER_AGENT_LENGTH) {
            userAgent = userAgent.substring(0, MAX_USER_AGENT_LENGTH);
        }
    }

    /** Not revoked, before its absolute end, and seen within {@code idleTimeout} of {@code now}. */
    public boolean isActiveAt(Instant now, Duration idleTimeout) {
        return revokedAt == null && now.isBefore(expiresAt) && now.isBefore(lastSeenAt.plus(idleTimeout));
    }

    @Override
    public String toString() {
        // the token hash identifies the bearer's token: no log line needs it
        return "Session[id=" + id + ", user=" + user + ", workspace=" + workspace + ", createdAt=" + createdAt
                + ", lastSeenAt=" + lastSeenAt + ", expiresAt=" + expiresAt + ", revokedAt=" + revokedAt + "]";
    }
}
