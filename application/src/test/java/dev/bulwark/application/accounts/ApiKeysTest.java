package dev.bulwark.application.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.accounts.ApiKey;
import dev.bulwark.domain.accounts.ApiKeyId;
import dev.bulwark.domain.accounts.Role;
import dev.bulwark.domain.accounts.Scope;
import dev.bulwark.ports.driving.accounts.AccountCommands.AcceptInvitation;
import dev.bulwark.ports.driving.accounts.AccountCommands.CreateApiKey;
import dev.bulwark.ports.driving.accounts.AccountCommands.CreateTeam;
import dev.bulwark.ports.driving.accounts.AccountCommands.Invite;
import dev.bulwark.ports.driving.accounts.AccountViews.ApiKeyCreated;
import dev.bulwark.ports.driving.accounts.AccountViews.ApiKeyView;
import dev.bulwark.ports.driving.accounts.AccountViews.SignIn;
import dev.bulwark.ports.driving.accounts.AccountViews.WorkspaceMembership;
import dev.bulwark.ports.driving.accounts.Principal;
import dev.bulwark.ports.errors.Forbidden;
import dev.bulwark.ports.errors.Invalid;
import dev.bulwark.ports.errors.NotFound;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
    private final World world = new World();
    private final Principal ann = world.person("ann@example.com");

    private static java.util.List<String> fields(Invalid e) {
        return e.fieldErrors().stream().map(Invalid.FieldError::field).toList();
    }

    @Test
    void aKeyIsShownOnceAndKeptOnlyAsItsHash() {
        ApiKeyCreated created = world.keys.create(ann, new CreateApiKey("grid bot", Set.of(Scope.READ, Scope.TRADE), null));

        assertThat(created.key()).startsWith("bwk_");
        assertThat(Base64.getUrlDecoder().decode(created.key().substring(4))).hasSize(32);
        ApiKey stored = world.apiKeys.all.get(created.view().id());
        assertThat(stored.keyHash()).isEqualTo(Tokens.sha256Hex(created.key()));
        assertThat(stored.hint()).startsWith(created.key().substring(0, 8)).endsWith(created.key().substring(created.key().length() - 3));
        assertThat(stored.user()).isEqualTo(ann.user());
        assertThat(stored.workspace()).isEqualTo(ann.workspace());
        assertThat(created.view().scopes()).containsExactlyInAnyOrder(Scope.READ, Scope.TRADE);
        assertThat(created.toString()).doesNotContain(created.key());
        assertThat(world.audit.entries.getLast().action()).isEqualTo("api-key.create");
        assertThat(world.audit.entries.getLast().toString()).doesNotContain(created.key());
        assertThat(world.keys.list(ann)).extracting(ApiKeyView::id).containsExactly(created.view().id());
    }

    @Test
    void theManageScopeIsRefused() {
        assertThatThrownBy(() -> world.keys.create(ann, new CreateApiKey("admin", EnumSet.of(Scope.READ, Scope.MANAGE), null)))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(fields(e)).containsExactly("scopes"));
        assertThat(world.apiKeys.all).isEmpty();
    }

    @Test
    void badCommandsAreInvalidByField() {
        assertThatThrownBy(() -> world.keys.create(ann, new CreateApiKey(null, null, null)))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(fields(e)).containsExactlyInAnyOrder("name", "scopes"));
        assertThatThrownBy(() -> world.keys.create(ann, new CreateApiKey("bot", Set.of(), null)))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(fields(e)).containsExactly("scopes"));
        Set<Scope> withNull = new HashSet<>();
        withNull.add(null);
        assertThatThrownBy(() -> world.keys.create(ann, new CreateApiKey("bot", withNull, null)))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(fields(e)).containsExactly("scopes"));
        assertThatThrownBy(() -> world.keys.create(ann, new CreateApiKey("bot", Set.of(Scope.READ), world.clock.now())))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(fields(e)).containsExactly("expiresAt"));
        assertThatThrownBy(() -> world.keys.create(ann, new CreateApiKey("x".repeat(101), Set.of(Scope.READ), null)))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(fields(e)).containsExactly("name"));
        assertThatThrownBy(() -> world.keys.create(ann, null)).isInstanceOf(Invalid.class);
    }

    @Test
    void aKeyCannotMakeListOrRevokeKeys() {
        ApiKeyCreated created = world.keys.create(ann, new CreateApiKey("bot", Set.of(Scope.READ, Scope.TRADE), null));
        Principal viaKey = world.accounts.authenticate(created.key(), null);

        assertThatThrownBy(() -> world.keys.create(viaKey, new CreateApiKey("child", Set.of(Scope.READ), null)))
                .isInstanceOf(Forbidden.class).hasMessage(Checks.PERSON_ONLY);
        assertThatThrownBy(() -> world.keys.list(viaKey)).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> world.keys.revoke(viaKey, created.view().id())).isInstanceOf(Forbidden.class);
    }

    @Test
    void revokingEndsTheKeyOnceAndIsAudited() {
        ApiKeyCreated created = world.keys.create(ann, new CreateApiKey("bot", Set.of(Scope.READ), null));

        world.keys.revoke(ann, created.view().id());

        assertThat(world.keys.list(ann)).singleElement().satisfies(v -> assertThat(v.revokedAt()).isEqualTo(world.clock.now()));
        assertThatThrownBy(() -> world.keys.revoke(ann, created.view().id())).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> world.keys.revoke(ann, new ApiKeyId(UUID.randomUUID()))).isInstanceOf(NotFound.class);
        assertThat(world.audit.actions()).contains("api-key.revoke");
    }

    @Test
    void anotherWorkspacesKeyIsNotFound() {
        ApiKeyCreated created = world.keys.create(ann, new CreateApiKey("bot", Set.of(Scope.READ), null));
        Principal bob = world.person("bob@example.com");

        assertThatThrownBy(() -> world.keys.revoke(bob, created.view().id())).isInstanceOf(NotFound.class);
        assertThat(world.keys.list(bob)).isEmpty();
    }

    @Test
    void membersManageTheirOwnKeysAndOwnersEveryones() {
        WorkspaceMembership team = world.teams.createTeam(ann, new CreateTeam("Desk"));
        SignIn.SignedIn annSignedIn = world.signIn("ann@example.com");
        Principal owner = world.principal(annSignedIn, team.workspace());
        world.register("bob@example.com");
        String invitation = world.teams.invite(owner, new Invite("bob@example.com", Role.TRADER)).token();
        SignIn.SignedIn bobSignedIn = world.signIn("bob@example.com");
        world.teams.acceptInvitation(world.principal(bobSignedIn), new AcceptInvitation(invitation));
        Principal bob = world.principal(bobSignedIn, team.workspace());
        ApiKeyCreated annsKey = world.keys.create(owner, new CreateApiKey("ann's", Set.of(Scope.READ), null));
        ApiKeyCreated bobsKey = world.keys.create(bob, new CreateApiKey("bob's", Set.of(Scope.TRADE), null));

        assertThat(world.keys.list(bob)).extracting(ApiKeyView::id).containsExactly(bobsKey.view().id());
        assertThat(world.keys.list(owner)).extracting(ApiKeyView::id)
                .containsExactlyInAnyOrder(annsKey.view().id(), bobsKey.view().id());
        assertThatThrownBy(() -> world.keys.revoke(bob, annsKey.view().id())).isInstanceOf(Forbidden.class);

        world.keys.revoke(owner, bobsKey.view().id());
        world.keys.revoke(owner, annsKey.view().id());
    }

    @Test
    void aViewersKeyWithTradeStillCannotTrade() {
        WorkspaceMembership team = world.teams.createTeam(ann, new CreateTeam("Desk"));
        Principal owner = world.principal(world.signIn("ann@example.com"), team.workspace());
        world.register("bob@example.com");
        String invitation = world.teams.invite(owner, new Invite("bob@example.com", Role.VIEWER)).token();
        SignIn.SignedIn bobSignedIn = world.signIn("bob@example.com");
        world.teams.acceptInvitation(world.principal(bobSignedIn), new AcceptInvitation(invitation));
        ApiKeyCreated key = world.keys.create(world.principal(bobSignedIn, team.workspace()),
                new CreateApiKey("viewer's", Set.of(Scope.READ, Scope.TRADE), world.clock.now().plus(Duration.ofDays(1))));

        Principal viaKey = world.accounts.authenticate(key.key(), team.workspace());

        assertThat(viaKey.scopes()).contains(Scope.TRADE);
        assertThat(viaKey.canTrade()).isFalse();
        assertThat(viaKey.canManage()).isFalse();
    }
}
