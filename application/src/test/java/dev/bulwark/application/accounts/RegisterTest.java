package dev.bulwark.application.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.accounts.Membership;
import dev.bulwark.domain.accounts.Role;
import dev.bulwark.domain.accounts.User;
import dev.bulwark.domain.accounts.Workspace;
import dev.bulwark.ports.driving.accounts.AccountCommands.Register;
import dev.bulwark.ports.driving.accounts.AccountViews.Registered;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.Invalid;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegisterTest {
    private final World world = new World();

    private static List<String> fields(Invalid e) {
        return e.fieldErrors().stream().map(Invalid.FieldError::field).toList();
    }

    @Test
    void theFirstAccountCreatesItsPersonalWorkspaceUserAndOwnershipInOneTransaction() {
        String token = world.accounts.setupToken().orElseThrow();

        Registered registered = world.accounts.register(new Register("Ann@Example.com ", World.PASSWORD, token));

        User ann = world.users.find(registered.user()).orElseThrow();
        assertThat(ann.email()).isEqualTo("ann@example.com");
        assertThat(ann.personalWorkspace()).isEqualTo(registered.personalWorkspace());
        assertThat(world.workspaces.find(registered.personalWorkspace())).get()
                .extracting(Workspace::kind).isEqualTo(Workspace.Kind.PERSONAL);
        assertThat(world.memberships.all).containsExactly(
                new Membership(registered.personalWorkspace(), ann.id(), Role.OWNER, world.clock.now()));
        assertThat(world.tx.units).isEqualTo(1);
        assertThat(world.workspaces.createdInTx).containsExactly(true);
        assertThat(world.users.createdInTx).containsExactly(true);
        assertThat(world.memberships.addedInTx).containsExactly(true);
        assertThat(world.audit.actions()).containsExactly("account.register");
        assertThat(world.audit.entries.getFirst().workspace()).isEqualTo(registered.personalWorkspace());
    }

    @Test
    void thePasswordIsStoredOnlyAsTheHasherMadeIt() {
        User ann = world.register("ann@example.com");

        assertThat(world.hasher.hashes).isEqualTo(1);
        assertThat(world.hasher.verify(World.PASSWORD, ann.passwordHash())).isTrue();
        assertThat(ann.passwordHash().encoded()).doesNotContain(World.PASSWORD);
    }

    @Test
    void whileNoUserExistsRegisteringNeedsTheSetupToken() {
        assertThatThrownBy(() -> world.accounts.register(new Register("ann@example.com", World.PASSWORD, null)))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(fields(e)).containsExactly("setupToken"));
        assertThatThrownBy(() -> world.accounts.register(new Register("ann@example.com", World.PASSWORD, "  ")))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(fields(e)).containsExactly("setupToken"));
        assertThat(world.users.all).isEmpty();
    }

    @Test
    void aWrongSetupTokenIsRefusedAndCreatesNothing() {
        world.accounts.setupToken().orElseThrow();

        assertThatThrownBy(() -> world.accounts.register(new Register("ann@example.com", World.PASSWORD, "guess")))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(fields(e)).containsExactly("setupToken"));
        assertThat(world.users.all).isEmpty();
        assertThat(world.workspaces.all).isEmpty();
    }

    @Test
    void aSetupTokenExpiresAfterADay() {
        String token = world.accounts.setupToken().orElseThrow();
        world.clock.advance(Duration.ofHours(24));

        assertThatThrownBy(() -> world.accounts.register(new Register("ann@example.com", World.PASSWORD, token)))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(fields(e)).containsExactly("setupToken"));
    }

    @Test
    void aSetupTokenIsStoredOnlyAsItsHashAndIssuedOnlyWhileThereIsNoUser() {
        String token = world.accounts.setupToken().orElseThrow();

        assertThat(world.setupTokens.open).containsOnlyKeys(Tokens.sha256Hex(token));
        assertThat(token).hasSizeGreaterThanOrEqualTo(43);

        world.accounts.register(new Register("ann@example.com", World.PASSWORD, token));

        assertThat(world.accounts.setupToken()).isEmpty();
    }

    @Test
    void laterAccountsNeedNoSetupToken() {
        world.register("ann@example.com");

        Registered bob = world.accounts.register(new Register("bob@example.com", World.PASSWORD, null));

        assertThat(world.users.find(bob.user())).isPresent();
    }

    @Test
    void aTakenEmailInAnyCaseIsAConflict() {
        world.register("ann@example.com");

        assertThatThrownBy(() -> world.accounts.register(new Register("ANN@example.com", World.PASSWORD, null)))
                .isInstanceOf(Conflict.class);
        assertThat(world.users.all).hasSize(1);
    }

    @Test
    void aPasswordShorterThanTwelveIsRefusedOnThePasswordField() {
        world.register("ann@example.com");

        assertThatThrownBy(() -> world.accounts.register(new Register("bob@example.com", "x7#Kq!9zLm2", null)))
                .isInstanceOfSatisfying(Invalid.class, e -> {
                    assertThat(fields(e)).containsExactly("password");
                    assertThat(e.fieldErrors().getFirst().message()).contains("12");
                });
    }

    @Test
    void aPasswordTheEstimatorJudgesWeakIsRefusedWithItsReason() {
        world.register("ann@example.com");

        assertThatThrownBy(() -> world.accounts.register(new Register("bob@example.com", "password12345", null)))
                .isInstanceOfSatisfying(Invalid.class, e -> {
                    assertThat(fields(e)).containsExactly("password");
                    assertThat(e.fieldErrors().getFirst().message()).isEqualTo("this is a very common password")
                            .doesNotContain("password12345");
                });
    }

    @Test
    void theEstimatorHearsTheEmailAndItsParts() {
        world.register("ann@example.com");

        assertThatThrownBy(() -> world.accounts.register(new Register("robert.smith@example.com", "robert-is-here-2026", null)))
                .isInstanceOf(Invalid.class);
        assertThat(world.strength.inputsSeen.getLast()).contains("robert.smith@example.com", "robert", "smith", "example");
    }

    @Test
    void aTooLongPasswordIsRefusedBeforeAnyHashing() {
        world.register("ann@example.com");
        int hashes = world.hasher.hashes;

        assertThatThrownBy(() -> world.accounts.register(new Register("bob@example.com", "k".repeat(257), null)))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(fields(e)).containsExactly("password"));
        assertThat(world.hasher.hashes).isEqualTo(hashes);
    }

    @Test
    void missingFieldsAreAllReportedAtOnce() {
        assertThatThrownBy(() -> world.accounts.register(new Register(null, null, null)))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(fields(e))
                        .containsExactlyInAnyOrder("email", "password", "setupToken"));
    }

    @Test
    void aMalformedEmailIsRefusedOnTheEmailField() {
        world.register("ann@example.com");

        assertThatThrownBy(() -> world.accounts.register(new Register("not-an-address", World.PASSWORD, null)))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(fields(e)).containsExactly("email"));
    }

    @Test
    void noCommandIsInvalidNotANullPointer() {
        assertThatThrownBy(() -> world.accounts.register(null)).isInstanceOf(Invalid.class);
    }
}
