package dev.bulwark.application.accounts;

import dev.bulwark.ports.driven.accounts.ApiKeys;
import dev.bulwark.ports.driven.accounts.Invitations;
import dev.bulwark.ports.driven.accounts.LoginThrottle;
import dev.bulwark.ports.driven.accounts.Memberships;
import dev.bulwark.ports.driven.accounts.PasswordHasher;
import dev.bulwark.ports.driven.accounts.PasswordStrength;
import dev.bulwark.ports.driven.accounts.Sessions;
import dev.bulwark.ports.driven.accounts.SetupTokens;
import dev.bulwark.ports.driven.accounts.TwoFactorSecrets;
import dev.bulwark.ports.driven.accounts.Users;
import dev.bulwark.ports.driven.audit.AuditLog;
import dev.bulwark.ports.driven.storage.Transactions;
import dev.bulwark.ports.driven.storage.Workspaces;
import dev.bulwark.ports.driven.system.IdGenerator;
import dev.bulwark.ports.driven.system.SecureTokens;
import dev.bulwark.ports.driven.system.TimeSource;
import dev.bulwark.ports.driven.vault.SecretVault;
import dev.bulwark.ports.driving.accounts.ManageAccounts;
import dev.bulwark.ports.driving.accounts.ManageApiKeys;
import dev.bulwark.ports.driving.accounts.ManageWorkspaces;

/**
 * Creates the accounts use cases; the services stay package-private. Each method takes exactly the driven ports
 * its use case needs (every one required), and each service is safe to share between threads.
 */
public final class AccountsFactory {
    private AccountsFactory() {
    }

    /** Registration, sign-in with lockout and two-factor, sessions, bearer authentication, the setup token. */
    public static ManageAccounts manageAccounts(Users users, Memberships memberships, Sessions sessions,
                                                TwoFactorSecrets twoFactor, LoginThrottle throttle, ApiKeys apiKeys,
                                                SetupTokens setupTokens, Workspaces workspaces, Transactions transactions,
                                                PasswordHasher hasher, PasswordStrength strength, SecureTokens random,
                                                SecretVault vault, AuditLog audit, TimeSource time, IdGenerator ids) {
        return new AccountsService(users, memberships, sessions, twoFactor, throttle, apiKeys, setupTokens, workspaces,
                transactions, hasher, strength, random, vault, audit, time, ids);
    }

    /** Team workspaces, members, invitations. */
    public static ManageWorkspaces manageWorkspaces(Users users, Memberships memberships, Invitations invitations,
                                                    Workspaces workspaces, Transactions transactions, SecureTokens random,
                                                    AuditLog audit, TimeSource time, IdGenerator ids) {
        return new WorkspacesService(users, memberships, invitations, workspaces, transactions, random, audit, time, ids);
    }

    /** API keys of a workspace. */
    public static ManageApiKeys manageApiKeys(ApiKeys apiKeys, Transactions transactions, SecureTokens random,
                                              AuditLog audit, TimeSource time, IdGenerator ids) {
        return new ApiKeysService(apiKeys, transactions, random, audit, time, ids);
    }
}
