package dev.bulwark.ports.driving.accounts;

import dev.bulwark.domain.accounts.ApiKeyId;
import dev.bulwark.domain.accounts.Role;
import dev.bulwark.domain.accounts.Scope;
import dev.bulwark.domain.accounts.SessionId;
import dev.bulwark.domain.accounts.UserId;
import dev.bulwark.domain.accounts.WorkspaceId;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Who acts, in which workspace, with which role and scopes, and through what: a session ({@code session} set) or an
 * API key ({@code apiKey} set). Obtained from {@link ManageAccounts#authenticate}, never built from what a client
 * says; every use case scopes its reads and writes by {@link #workspace()}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record Principal(UserId user, WorkspaceId workspace, Role role, Set<Scope> scopes,
                        @Nullable SessionId session, @Nullable ApiKeyId apiKey) {
    public Principal {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(scopes, "scopes");
        scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
        if ((session == null) == (apiKey == null)) {
            throw new IllegalArgumentException("a principal acts through a session or an API key, exactly one");
        }
        if (apiKey != null && scopes.contains(Scope.MANAGE)) {
            throw new IllegalArgumentException("an API key never has the MANAGE scope");
        }
    }

    /** The audit actor: {@code user:<id>} or {@code api-key:<id>}. */
    public String actor() {
        return apiKey != null ? "api-key:" + apiKey : "user:" + user;
    }

    /** May read: every member with READ (a person always). */
    public boolean canRead() {
        return scopes.contains(Scope.READ);
    }

    /** May trade: the role trades and the scope allows it. */
    public boolean canTrade() {
        return role.canTrade() && scopes.contains(Scope.TRADE);
    }

    /** May change the workspace's settings: an owner, signed in as a person. */
    public boolean canManage() {
        return role.canManage() && scopes.contains(Scope.MANAGE);
    }
}
