package dev.bulwark.ports.driving.accounts;

import dev.bulwark.domain.accounts.ApiKeyId;
import dev.bulwark.domain.accounts.Role;
import dev.bulwark.domain.accounts.Scope;
import dev.bulwark.domain.accounts.SessionId;
import dev.bulwark.domain.accounts.UserId;
import dev.bulwark.domain.accounts.Workspace;
import dev.bulwark.domain.accounts.WorkspaceId;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/** What the accounts use cases answer. Tokens and keys appear only in the answer that creates them, once. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface AccountViews {
    record Registered(UserId user, WorkspaceId personalWorkspace) {
    }

    /** How a sign-in ended: signed in with a new session, or the password was right and a second factor is due. */
    sealed interface SignIn {
        /** @param token the bearer token (and cookie value), shown once; {@code revoked} the sessions closed to keep 3 */
        record SignedIn(String token, SessionId session, UserId user, WorkspaceId workspace, Instant expiresAt,
                        List<SessionId> revoked) implements SignIn {
            @Override
            public String toString() {
                return "SignedIn[session=" + session + ", user=" + user + "]";
            }
        }

        record SecondFactorRequired() implements SignIn {
        }
    }

    record Me(UserId user, String email, boolean twoFactorEnabled, WorkspaceId current, Role role,
              List<WorkspaceMembership> workspaces) {
    }

    record WorkspaceMembership(WorkspaceId workspace, String name, Workspace.Kind kind, Role role) {
    }

    record SessionView(SessionId id, Instant createdAt, Instant lastSeenAt, Instant expiresAt, @Nullable String ip,
                       @Nullable String userAgent, boolean current) {
    }

    /** @param otpauthUri the {@code otpauth://totp/...} URI an authenticator app reads (from a QR code) */
    record TwoFactorEnrollment(String otpauthUri, String secretBase32) {
        @Override
        public String toString() {
            return "TwoFactorEnrollment[****]";
        }
    }

    /** The 10 single-use backup codes, shown once. */
    record BackupCodes(List<String> codes) {
        public BackupCodes {
            codes = List.copyOf(codes);
        }

        @Override
        public String toString() {
            return "BackupCodes[" + codes.size() + " codes]";
        }
    }

    record MemberView(UserId user, String email, Role role, Instant since) {
    }

    /** @param token shown once, for the owner to pass on (no mail is sent) */
    record InvitationCreated(UUID id, String email, Role role, Instant expiresAt, String token) {
        @Override
        public String toString() {
            return "InvitationCreated[id=" + id + ", role=" + role + "]";
        }
    }

    record InvitationView(UUID id, String email, Role role, Instant createdAt, Instant expiresAt, String status) {
    }

    record ApiKeyView(ApiKeyId id, String name, Set<Scope> scopes, String hint, Instant createdAt,
                      @Nullable Instant expiresAt, @Nullable Instant lastUsedAt, @Nullable Instant revokedAt) {
    }

    /** @param key the key, shown once */
    record ApiKeyCreated(ApiKeyView view, String key) {
        @Override
        public String toString() {
            return "ApiKeyCreated[" + view.id() + "]";
        }
    }
}
