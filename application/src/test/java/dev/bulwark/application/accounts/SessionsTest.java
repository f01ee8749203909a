package dev.bulwark.application.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.accounts.Scope;
import dev.bulwark.domain.accounts.SessionId;
import dev.bulwark.ports.driving.accounts.AccountCommands.CreateApiKey;
import dev.bulwark.ports.driving.accounts.AccountViews.SessionView;
import dev.bulwark.ports.driving.accounts.AccountViews.SignIn;
import dev.bulwark.ports.driving.accounts.Principal;
import dev.bulwark.ports.errors.Forbidden;
import dev.bulwark.ports.errors.NotFound;
import dev.bulwark.ports.errors.Unauthorized;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SessionsTest {
    private final World world = new World();

    SessionsTest() {
        world.register("ann@example.com");
    }

    @Test
    void aFourthSignInRevokesTheOldestSoThreeRemain() {
        SignIn.SignedIn first = world.signIn("ann@example.com");
        world.clock.advance(Duration.ofSeconds(1));
        SignIn.SignedIn second = world.signIn("ann@example.com");
        world.clock.advance(Duration.ofSeconds(1));
        world.signIn("ann@example.com");
        world.clock.advance(Duration.ofSeconds(1));

        SignIn.SignedIn fourth = world.signIn("ann@example.com");

        assertThat(fourth.revoked()).containsExactly(first.session());
        assertThatThrownBy(() -> world.principal(first)).isInstanceOf(Unauthorized.class);
        assertThat(world.principal(second).session()).isEqualTo(second.session());
        assertThat(world.accounts.sessions(world.principal(fourth))).hasSize(3);
    }

    @Test
    void aSessionIdleForThirtyMinutesEnds() {
        SignIn.SignedIn signedIn = world.signIn("ann@example.com");

        world.clock.advance(Duration.ofMinutes(30));

        assertThatThrownBy(() -> world.principal(signedIn)).isInstanceOf(Unauthorized.class).hasMessage(AccountsService.BAD_TOKEN);
    }

    @Test
    void useRestartsTheIdleClock() {
        SignIn.SignedIn signedIn = world.signIn("ann@example.com");
        world.clock.advance(Duration.ofMinutes(29));
        world.principal(signedIn);

        world.clock.advance(Duration.ofMinutes(29));

        assertThat(world.principal(signedIn).user()).isEqualTo(signedIn.user());
    }

    @Test
    void aSessionEndsAfterTwentyFourHoursHoweverBusy() {
        SignIn.SignedIn signedIn = world.signIn("ann@example.com");
        for (int i = 0; i < 71; i++) {
            world.clock.advance(Duration.ofMinutes(20));
            world.principal(signedIn);
        }
        // 23 h 40 min: still valid; at 24 h it ends even though it was just used
        world.clock.advance(Duration.ofMinutes(20));

        assertThatThrownBy(() -> world.principal(signedIn)).isInstanceOf(Unauthorized.class);
    }

    @Test
    void logoutEndsTheOwnSession() {
        SignIn.SignedIn signedIn = world.signIn("ann@example.com");
        Principal principal = world.principal(signedIn);

        world.accounts.logout(principal);

        assertThatThrownBy(() -> world.principal(signedIn)).isInstanceOf(Unauthorized.class);
        assertThat(world.audit.actions()).contains("session.logout");
    }

    @Test
    void anApiKeyCannotLogOut() {
        Principal person = world.principal(world.signIn("ann@example.com"));
        String key = world.keys.create(person, new CreateApiKey("bot", Set.of(Scope.READ), null)).key();
        Principal viaKey = world.accounts.authenticate(key, null);

        assertThatThrownBy(() -> world.accounts.logout(viaKey)).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> world.accounts.sessions(viaKey)).isInstanceOf(Forbidden.class);
    }

    @Test
    void sessionsListsTheActiveOnesOldestFirstMarkingTheCurrent() {
        SignIn.SignedIn first = world.signIn("ann@example.com");
        world.clock.advance(Duration.ofSeconds(1));
        SignIn.SignedIn second = world.signIn("ann@example.com");

        List<SessionView> views = world.accounts.sessions(world.principal(second));

        assertThat(views).extracting(SessionView::id).containsExactly(first.session(), second.session());
        assertThat(views).extracting(SessionView::current).containsExactly(false, true);
        assertThat(views.getFirst().ip()).isEqualTo(World.IP);
        assertThat(views.getFirst().userAgent()).isEqualTo("test-agent");
    }

    @Test
    void revokingAnotherOfOnesSessionsEndsItAndIsAudited() {
        SignIn.SignedIn other = world.signIn("ann@example.com");
        Principal current = world.principal(world.signIn("ann@example.com"));

        world.accounts.revokeSession(current, other.session());

        assertThatThrownBy(() -> world.principal(other)).isInstanceOf(Unauthorized.class);
        assertThat(world.audit.actions()).contains("session.revoke");
        assertThatThrownBy(() -> world.accounts.revokeSession(current, other.session())).isInstanceOf(NotFound.class);
    }

    @Test
    void anotherUsersSessionCannotBeRevoked() {
        SignIn.SignedIn anns = world.signIn("ann@example.com");
        world.register("bob@example.com");
        Principal bob = world.principal(world.signIn("bob@example.com"));

        assertThatThrownBy(() -> world.accounts.revokeSession(bob, anns.session())).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> world.accounts.revokeSession(bob, new SessionId(UUID.randomUUID()))).isInstanceOf(NotFound.class);
        assertThat(world.principal(anns).user()).isEqualTo(anns.user());
    }
}
