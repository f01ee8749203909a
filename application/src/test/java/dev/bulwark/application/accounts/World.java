package dev.bulwark.application.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.domain.accounts.User;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.ports.driving.accounts.AccountCommands.ConfirmTwoFactor;
import dev.bulwark.ports.driving.accounts.AccountCommands.EnrollTwoFactor;
import dev.bulwark.ports.driving.accounts.AccountCommands.Login;
import dev.bulwark.ports.driving.accounts.AccountCommands.Register;
import dev.bulwark.ports.driving.accounts.AccountViews.BackupCodes;
import dev.bulwark.ports.driving.accounts.AccountViews.SignIn;
import dev.bulwark.ports.driving.accounts.AccountViews.TwoFactorEnrollment;
import dev.bulwark.ports.driving.accounts.ManageAccounts;
import dev.bulwark.ports.driving.accounts.ManageApiKeys;
import dev.bulwark.ports.driving.accounts.ManageWorkspaces;
import dev.bulwark.ports.driving.accounts.Principal;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** The accounts use cases over the fakes, with a clock tests move, and the few steps most tests start with. */
final class World {
    static final String PASSWORD = "tangerine-oxygen-violin";
    static final String IP = "203.0.113.7";

    final Fakes.Clock clock = new Fakes.Clock();
    final Fakes.Ids ids = new Fakes.Ids();
    final Fakes.Randomness random = new Fakes.Randomness();
    final Fakes.Tx tx = new Fakes.Tx();
    final Fakes.FakeWorkspaces workspaces = new Fakes.FakeWorkspaces(tx);
    final Fakes.FakeUsers users = new Fakes.FakeUsers(workspaces);
    final Fakes.FakeMemberships memberships = new Fakes.FakeMemberships(users);
    final Fakes.FakeSessions sessions = new Fakes.FakeSessions();
    final Fakes.FakeTwoFactorSecrets twoFactor = new Fakes.FakeTwoFactorSecrets();
    final Fakes.FakeLoginThrottle throttle = new Fakes.FakeLoginThrottle();
    final Fakes.FakeApiKeys apiKeys = new Fakes.FakeApiKeys();
    final Fakes.FakeInvitations invitations = new Fakes.FakeInvitations();
    final Fakes.FakeSetupTokens setupTokens = new Fakes.FakeSetupTokens();
    final Fakes.FakeHasher hasher = new Fakes.FakeHasher();
    final Fakes.FakeStrength strength = new Fakes.FakeStrength();
    final Fakes.FakeVault vault = new Fakes.FakeVault();
    final Fakes.FakeAuditLog audit = new Fakes.FakeAuditLog();

    final ManageAccounts accounts = AccountsFactory.manageAccounts(users, memberships, sessions, twoFactor, throttle,
            apiKeys, setupTokens, workspaces, tx, hasher, strength, random, vault, audit, clock, ids);
    final ManageWorkspaces teams = AccountsFactory.manageWorkspaces(users, memberships, invitations, workspaces, tx,
            random, audit, clock, ids);
    final ManageApiKeys keys = AccountsFactory.manageApiKeys(apiKeys, tx, random, audit, clock, ids);

    /** Registers (with a setup token when there is no user yet) and returns the stored user. */
    User register(String email) {
        String token = accounts.setupToken().orElse(null);
        accounts.register(new Register(email, PASSWORD, token));
        return users.findByEmail(email).orElseThrow();
    }

    SignIn.SignedIn signIn(String email) {
        return signIn(email, null);
    }

    SignIn.SignedIn signIn(String email, @Nullable String secondFactor) {
        SignIn result = accounts.login(new Login(email, PASSWORD, secondFactor, IP, "test-agent"));
        assertThat(result).isInstanceOf(SignIn.SignedIn.class);
        return (SignIn.SignedIn) result;
    }

    Principal principal(SignIn.SignedIn signedIn) {
        return accounts.authenticate(signedIn.token(), null);
    }

    Principal principal(SignIn.SignedIn signedIn, WorkspaceId workspace) {
        return accounts.authenticate(signedIn.token(), workspace);
    }

    /** Registers and signs in. */
    Principal person(String email) {
        register(email);
        return principal(signIn(email));
    }

    /** The code an authenticator shows now for a seed from an enrollment. */
    String codeNow(String secretBase32) {
        return codeAt(secretBase32, Duration.ZERO);
    }

    String codeAt(String secretBase32, Duration offset) {
        return Totp.code(Totp.fromBase32(secretBase32), Totp.step(clock.now().plus(offset)), 6);
    }

    /** A well-formed code that is none of the three an authenticator could show now. */
    String wrongCode(String secretBase32) {
        java.util.Set<String> valid = java.util.Set.of(codeAt(secretBase32, Duration.ofSeconds(-30)), codeNow(secretBase32),
                codeAt(secretBase32, Duration.ofSeconds(30)));
        for (int i = 0; ; i++) {
            String candidate = String.format(java.util.Locale.ROOT, "%06d", i);
            if (!valid.contains(candidate)) {
                return candidate;
            }
        }
    }

    record TwoFactorOn(String secret, BackupCodes codes) {
    }

    /** Enrolls and confirms two-factor, then moves the clock a step on so the next code is fresh. */
    TwoFactorOn enableTwoFactor(Principal principal) {
        TwoFactorEnrollment enrollment = accounts.enrollTwoFactor(principal, new EnrollTwoFactor(PASSWORD));
        BackupCodes codes = accounts.confirmTwoFactor(principal, new ConfirmTwoFactor(codeNow(enrollment.secretBase32())));
        clock.advance(Duration.ofSeconds(30));
        return new TwoFactorOn(enrollment.secretBase32(), codes);
    }
}
