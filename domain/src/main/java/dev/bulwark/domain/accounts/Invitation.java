package dev.bulwark.domain.accounts;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An invitation to join a team workspace with a role, for one email address. Its token is shown once to the owner
 * who invites (to pass on) and kept only as a hex SHA-256; accepting it as the signed-in user with that email makes
 * them a member. It ends when accepted, revoked or expired.
 */
public record Invitation(UUID id, WorkspaceId workspace, String email, Role role, String tokenHash, UserId invitedBy,
                         Instant createdAt, Instant expiresAt, @Nullable Instant acceptedAt, @Nullable Instant revokedAt) {
    public Invitation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspace, "workspace");
        email = User.normalizeEmail(email);
        Objects.requireNonNull(role, "role");
        tokenHash = Sha256Hex.require(tokenHash, "tokenHash");
        Objects.requireNonNull(invitedBy, "invitedBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("an invitation expires after its creation");
        }
    }

    /** Neither accepted nor revoked, and not expired at {@code now}. */
    public boolean isOpenAt(Instant now) {
        return acceptedAt == null && revokedAt == null && now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "Invitation[id=" + id + ", workspace=" + workspace + ", role=" + role + ", expiresAt=" + expiresAt + "]";
    }
}
