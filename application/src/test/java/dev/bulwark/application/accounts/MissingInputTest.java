package dev.bulwark.application.accounts;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.accounts.Role;
import dev.bulwark.ports.driving.accounts.AccountCommands.ChangeRole;
import dev.bulwark.ports.driving.accounts.AccountCommands.CreateTeam;
import dev.bulwark.ports.driving.accounts.Principal;
import dev.bulwark.ports.errors.Forbidden;
import dev.bulwark.ports.errors.Invalid;
import dev.bulwark.ports.errors.NotFound;
import dev.bulwark.ports.errors.Unauthorized;
import org.junit.jupiter.api.Test;

/** A host that skipped validation gets the failure family, never a NullPointerException. */
class MissingInputTest {
    private final World world = new World();
    private final Principal ann = world.person("ann@example.com");
    private final Principal owner = world.principal(world.signIn("ann@example.com"),
            world.teams.createTeam(ann, new CreateTeam("Desk")).workspace());

    @Test
    void aMissingCommandIsInvalid() {
        assertThatThrownBy(() -> world.accounts.register(null)).isInstanceOf(Invalid.class);
        assertThatThrownBy(() -> world.accounts.login(null)).isInstanceOf(Invalid.class);
        assertThatThrownBy(() -> world.accounts.changePassword(ann, null)).isInstanceOf(Invalid.class);
        assertThatThrownBy(() -> world.accounts.enrollTwoFactor(ann, null)).isInstanceOf(Invalid.class);
        assertThatThrownBy(() -> world.accounts.confirmTwoFactor(ann, null)).isInstanceOf(Invalid.class);
        assertThatThrownBy(() -> world.accounts.disableTwoFactor(ann, null)).isInstanceOf(Invalid.class);
        assertThatThrownBy(() -> world.accounts.regenerateBackupCodes(ann, null)).isInstanceOf(Invalid.class);
        assertThatThrownBy(() -> world.teams.createTeam(ann, null)).isInstanceOf(Invalid.class);
        assertThatThrownBy(() -> world.teams.invite(owner, null)).isInstanceOf(Invalid.class);
        assertThatThrownBy(() -> world.teams.acceptInvitation(ann, null)).isInstanceOf(Invalid.class);
        assertThatThrownBy(() -> world.teams.changeRole(owner, ann.user(), null)).isInstanceOf(Invalid.class);
        assertThatThrownBy(() -> world.keys.create(ann, null)).isInstanceOf(Invalid.class);
    }

    @Test
    void aMissingIdIsNotFound() {
        assertThatThrownBy(() -> world.accounts.revokeSession(ann, null)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> world.teams.revokeInvitation(owner, null)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> world.teams.changeRole(owner, null, new ChangeRole(Role.VIEWER))).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> world.teams.removeMember(owner, null)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> world.keys.revoke(ann, null)).isInstanceOf(NotFound.class);
    }

    @Test
    void aMissingTokenIsUnauthorizedAndAMissingPrincipalForbidden() {
        assertThatThrownBy(() -> world.accounts.authenticate(null, null)).isInstanceOf(Unauthorized.class);
        assertThatThrownBy(() -> world.accounts.me(null)).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> world.accounts.logout(null)).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> world.accounts.requireSecondFactor(null, "123456")).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> world.teams.members(null)).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> world.keys.list(null)).isInstanceOf(Forbidden.class);
    }
}
