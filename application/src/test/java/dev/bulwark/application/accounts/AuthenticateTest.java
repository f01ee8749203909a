package dev.bulwark.application.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.accounts.Role;
import dev.bulwark.domain.accounts.Scope;
import dev.bulwark.domain.accounts.User;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.ports.driving.accounts.AccountCommands.AcceptInvitation;
import dev.bulwark.ports.driving.accounts.AccountCommands.CreateApiKey;
import dev.bulwark.ports.driving.accounts.AccountCommands.CreateTeam;
import dev.bulwark.ports.driving.accounts.AccountCommands.Invite;
import dev.bulwark.ports.driving.accounts.AccountViews.ApiKeyCreated;
import dev.bulwark.ports.driving.accounts.AccountViews.SignIn;
import dev.bulwark.ports.driving.accounts.AccountViews.WorkspaceMembership;
import dev.bulwark.ports.driving.accounts.Principal;
import dev.bulwark.ports.errors.NotFound;
import dev.bulwark.ports.errors.Unauthorized;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthenticateTest {
    private final World world = new World();
    private final User ann = world.register("ann@example.com");
    private final SignIn.SignedIn signedIn = world.signIn("ann@example.com");

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "bws_", "bws_unknown", "bwk_unknown", "Bearer x", "unknown"})
    void anUnknownTokenIsUnauthorizedWithOneMessage(String token) {
        assertThatThrownBy(() -> world.accounts.authenticate(token, null))
                .isInstanceOf(Unauthorized.class).hasMessage(AccountsService.BAD_TOKEN);
    }

    @Test
    void aSessionActsAsAPersonInItsWorkspaceWithEveryScope() {
        Principal p = world.accounts.authenticate(signedIn.token(), null);

        assertThat(p.user()).isEqualTo(ann.id());
        assertThat(p.workspace()).isEqualTo(ann.personalWorkspace());
        assertThat(p.role()).isEqualTo(Role.OWNER);
        assertThat(p.scopes()).containsExactlyInAnyOrder(Scope.READ, Scope.TRADE, Scope.MANAGE);
        assertThat(p.session()).isEqualTo(signedIn.session());
        assertThat(p.apiKey()).isNull();
        assertThat(p.canManage()).isTrue();
    }

    @Test
    void authenticatingMovesLastSeenForward() {
        world.clock.advance(Duration.ofMinutes(5));

        world.accounts.authenticate(signedIn.token(), null);

        assertThat(world.sessions.all.get(signedIn.session()).lastSeenAt()).isEqualTo(world.clock.now());
    }

    @Test
    void withinAMinuteOfTheLastWriteAReadWritesNothingAndAfterItWritesAgain() {
        world.clock.advance(Duration.ofMinutes(5));
        world.accounts.authenticate(signedIn.token(), null);
        java.time.Instant written = world.clock.now();

        world.clock.advance(Duration.ofSeconds(59));
        world.accounts.authenticate(signedIn.token(), null);
        assertThat(world.sessions.all.get(signedIn.session()).lastSeenAt()).as("no write within a minute").isEqualTo(written);

        world.clock.advance(Duration.ofSeconds(1));
        world.accounts.authenticate(signedIn.token(), null);
        assertThat(world.sessions.all.get(signedIn.session()).lastSeenAt()).isEqualTo(world.clock.now());
    }

    @Test
    void aRevokedSessionIsUnauthorized() {
        world.accounts.logout(world.principal(signedIn));

        assertThatThrownBy(() -> world.accounts.authenticate(signedIn.token(), null)).isInstanceOf(Unauthorized.class);
    }

    @Test
    void aWorkspaceTheUserIsNotAMemberOfIsNotFound() {
        User bob = world.register("bob@example.com");

        assertThatThrownBy(() -> world.accounts.authenticate(signedIn.token(), bob.personalWorkspace()))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> world.accounts.authenticate(signedIn.token(), new WorkspaceId(UUID.randomUUID())))
                .isInstanceOf(NotFound.class);
    }

    @Test
    void aMemberActsInAnotherWorkspaceWithTheRoleThere() {
        WorkspaceMembership team = world.teams.createTeam(world.principal(signedIn), new CreateTeam("Desk"));
        Principal annInTeam = world.principal(signedIn, team.workspace());
        world.register("bob@example.com");
        String invitation = world.teams.invite(annInTeam, new Invite("bob@example.com", Role.VIEWER)).token();
        SignIn.SignedIn bob = world.signIn("bob@example.com");
        world.teams.acceptInvitation(world.principal(bob), new AcceptInvitation(invitation));

        Principal bobInTeam = world.principal(bob, team.workspace());

        assertThat(bobInTeam.workspace()).isEqualTo(team.workspace());
        assertThat(bobInTeam.role()).isEqualTo(Role.VIEWER);
        assertThat(bobInTeam.canTrade()).isFalse();
        assertThat(bobInTeam.canManage()).isFalse();
    }

    @Test
    void anApiKeyActsInItsWorkspaceWithItsScopesAndIsMarkedUsed() {
        ApiKeyCreated created = world.keys.create(world.principal(signedIn), new CreateApiKey("bot", Set.of(Scope.READ), null));
        world.clock.advance(Duration.ofMinutes(1));

        Principal p = world.accounts.authenticate(created.key(), null);

        assertThat(p.apiKey()).isEqualTo(created.view().id());
        assertThat(p.session()).isNull();
        assertThat(p.scopes()).containsExactly(Scope.READ);
        assertThat(p.role()).isEqualTo(Role.OWNER);
        assertThat(p.canRead()).isTrue();
        assertThat(p.canTrade()).isFalse();
        assertThat(p.canManage()).isFalse();
        assertThat(world.apiKeys.all.get(created.view().id()).lastUsedAt()).isEqualTo(world.clock.now());
        assertThat(world.accounts.authenticate(created.key(), ann.personalWorkspace()).apiKey()).isEqualTo(created.view().id());
    }

    @Test
    void anApiKeyAskedForAnotherWorkspaceIsNotFound() {
        ApiKeyCreated created = world.keys.create(world.principal(signedIn), new CreateApiKey("bot", Set.of(Scope.READ), null));
        User bob = world.register("bob@example.com");

        assertThatThrownBy(() -> world.accounts.authenticate(created.key(), bob.personalWorkspace())).isInstanceOf(NotFound.class);
    }

    @Test
    void anExpiredOrRevokedApiKeyIsUnauthorized() {
        Principal person = world.principal(signedIn);
        ApiKeyCreated expiring = world.keys.create(person,
                new CreateApiKey("short", Set.of(Scope.READ), world.clock.now().plus(Duration.ofMinutes(10))));
        ApiKeyCreated revoked = world.keys.create(person, new CreateApiKey("gone", Set.of(Scope.READ), null));
        world.keys.revoke(person, revoked.view().id());
        world.clock.advance(Duration.ofMinutes(10));

        assertThatThrownBy(() -> world.accounts.authenticate(expiring.key(), null)).isInstanceOf(Unauthorized.class);
        assertThatThrownBy(() -> world.accounts.authenticate(revoked.key(), null)).isInstanceOf(Unauthorized.class);
    }

    @Test
    void theKeyOfAMemberWhoLeftNoLongerWorks() {
        Principal annHome = world.principal(signedIn);
        WorkspaceMembership team = world.teams.createTeam(annHome, new CreateTeam("Desk"));
        Principal annInTeam = world.principal(signedIn, team.workspace());
        world.register("bob@example.com");
        String invitation = world.teams.invite(annInTeam, new Invite("bob@example.com", Role.TRADER)).token();
        SignIn.SignedIn bob = world.signIn("bob@example.com");
        world.teams.acceptInvitation(world.principal(bob), new AcceptInvitation(invitation));
        ApiKeyCreated key = world.keys.create(world.principal(bob, team.workspace()),
                new CreateApiKey("bob's bot", Set.of(Scope.TRADE), null));
        assertThat(world.accounts.authenticate(key.key(), null).canTrade()).isTrue();

        world.teams.removeMember(annInTeam, bob.user());

        assertThatThrownBy(() -> world.accounts.authenticate(key.key(), null)).isInstanceOf(Unauthorized.class);
    }
}
