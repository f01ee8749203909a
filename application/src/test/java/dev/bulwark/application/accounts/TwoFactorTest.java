package dev.bulwark.application.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.accounts.BackupCode;
import dev.bulwark.domain.accounts.Scope;
import dev.bulwark.domain.accounts.TwoFactor;
import dev.bulwark.domain.accounts.User;
import dev.bulwark.ports.driving.accounts.AccountCommands;
import dev.bulwark.ports.driving.accounts.AccountCommands.ChangePassword;
import dev.bulwark.ports.driving.accounts.AccountCommands.ConfirmTwoFactor;
import dev.bulwark.ports.driving.accounts.AccountCommands.CreateApiKey;
import dev.bulwark.ports.driving.accounts.AccountCommands.EnrollTwoFactor;
import dev.bulwark.ports.driving.accounts.AccountCommands.Login;
import dev.bulwark.ports.driving.accounts.AccountCommands.SecondFactor;
import dev.bulwark.ports.driving.accounts.AccountViews.BackupCodes;
import dev.bulwark.ports.driving.accounts.AccountViews.SignIn;
import dev.bulwark.ports.driving.accounts.AccountViews.TwoFactorEnrollment;
import dev.bulwark.ports.driving.accounts.Principal;
import dev.bulwark.ports.driven.vault.SecretBinding;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.Forbidden;
import dev.bulwark.ports.errors.Invalid;
import dev.bulwark.ports.errors.RateLimited;
import dev.bulwark.ports.errors.Unauthorized;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TwoFactorTest {
    private final World world = new World();
    private final User ann = world.register("ann@example.com");
    private final Principal principal = world.principal(world.signIn("ann@example.com"));

    private SignIn login(String secondFactor) {
        return world.accounts.login(new Login("ann@example.com", World.PASSWORD, secondFactor, World.IP, null));
    }

    // ------------------------------------------------------------ enrollment

    @Test
    void enrollingGivesATwentyByteSeedSealedToThePersonalWorkspaceAndAnOtpauthUri() {
        TwoFactorEnrollment enrollment = world.accounts.enrollTwoFactor(principal, new EnrollTwoFactor(World.PASSWORD));

        assertThat(Totp.fromBase32(enrollment.secretBase32())).hasSize(20);
        assertThat(enrollment.otpauthUri()).isEqualTo("otpauth://totp/Bulwark:ann@example.com?secret="
                + enrollment.secretBase32() + "&issuer=Bulwark&algorithm=SHA1&digits=6&period=30");
        TwoFactor stored = world.twoFactor.find(ann.id()).orElseThrow();
        assertThat(stored.confirmed()).isFalse();
        assertThat(stored.secret().envelope()).doesNotContain(enrollment.secretBase32());
        assertThat(world.vault.open(stored.secret(), new SecretBinding(ann.personalWorkspace(), "totp:" + ann.id()),
                new dev.bulwark.ports.driven.vault.SecretUse("test", "check", null))).isEqualTo(enrollment.secretBase32());
        assertThat(enrollment.toString()).doesNotContain(enrollment.secretBase32());
        assertThat(world.audit.actions()).contains("two-factor.enroll");
    }

    @Test
    void enrollingAsksForThePasswordAgain() {
        assertThatThrownBy(() -> world.accounts.enrollTwoFactor(principal, new EnrollTwoFactor("wrong-password-123")))
                .isInstanceOf(Unauthorized.class);
        assertThatThrownBy(() -> world.accounts.enrollTwoFactor(principal, new EnrollTwoFactor(null)))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.fieldErrors())
                        .extracting(Invalid.FieldError::field).containsExactly("password"));
        assertThat(world.twoFactor.find(ann.id())).isEmpty();
    }

    @Test
    void anEmailIsPercentEncodedInTheUriLabel() {
        world.register("a+b@example.com");
        Principal other = world.principal(world.signIn("a+b@example.com"));

        TwoFactorEnrollment enrollment = world.accounts.enrollTwoFactor(other, new EnrollTwoFactor(World.PASSWORD));

        assertThat(enrollment.otpauthUri()).startsWith("otpauth://totp/Bulwark:a%2Bb@example.com?");
    }

    @Test
    void reEnrollingReplacesAnUnconfirmedEnrollment() {
        TwoFactorEnrollment first = world.accounts.enrollTwoFactor(principal, new EnrollTwoFactor(World.PASSWORD));
        TwoFactorEnrollment second = world.accounts.enrollTwoFactor(principal, new EnrollTwoFactor(World.PASSWORD));

        assertThat(second.secretBase32()).isNotEqualTo(first.secretBase32());
        assertThatThrownBy(() -> world.accounts.confirmTwoFactor(principal, new ConfirmTwoFactor(world.codeNow(first.secretBase32()))))
                .isInstanceOf(Invalid.class);
        assertThat(world.accounts.confirmTwoFactor(principal, new ConfirmTwoFactor(world.codeNow(second.secretBase32()))).codes())
                .hasSize(10);
    }

    @Test
    void confirmingGivesTenDistinctBackupCodesKeptOnlyAsHashes() {
        TwoFactorEnrollment enrollment = world.accounts.enrollTwoFactor(principal, new EnrollTwoFactor(World.PASSWORD));

        BackupCodes codes = world.accounts.confirmTwoFactor(principal, new ConfirmTwoFactor(world.codeNow(enrollment.secretBase32())));

        assertThat(codes.codes()).hasSize(10).doesNotHaveDuplicates()
                .allSatisfy(c -> assertThat(c).matches("[a-z0-9]{5}-[a-z0-9]{5}").matches(AccountCommands.SECOND_FACTOR));
        assertThat(world.twoFactor.backupCodes(ann.id())).extracting(BackupCode::codeHash)
                .containsExactlyInAnyOrderElementsOf(codes.codes().stream().map(c -> Tokens.sha256Hex(c.replace("-", ""))).toList());
        assertThat(world.twoFactor.find(ann.id()).orElseThrow().confirmed()).isTrue();
        assertThat(world.accounts.me(principal).twoFactorEnabled()).isTrue();
        assertThat(world.audit.actions()).contains("two-factor.confirm");
        assertThat(codes.toString()).doesNotContain(codes.codes().getFirst());
    }

    @Test
    void aWrongFirstCodeDoesNotConfirm() {
        TwoFactorEnrollment enrollment = world.accounts.enrollTwoFactor(principal, new EnrollTwoFactor(World.PASSWORD));
        String wrong = world.wrongCode(enrollment.secretBase32());

        assertThatThrownBy(() -> world.accounts.confirmTwoFactor(principal, new ConfirmTwoFactor(wrong)))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.fieldErrors())
                        .extracting(Invalid.FieldError::field).containsExactly("code"));
        assertThatThrownBy(() -> world.accounts.confirmTwoFactor(principal, new ConfirmTwoFactor(null)))
                .isInstanceOf(Invalid.class);
        assertThat(world.twoFactor.find(ann.id()).orElseThrow().confirmed()).isFalse();
    }

    @Test
    void confirmingWithoutAnEnrollmentOrTwiceIsAConflict() {
        assertThatThrownBy(() -> world.accounts.confirmTwoFactor(principal, new ConfirmTwoFactor("123456")))
                .isInstanceOf(Conflict.class);
        World.TwoFactorOn on = world.enableTwoFactor(principal);

        assertThatThrownBy(() -> world.accounts.confirmTwoFactor(principal, new ConfirmTwoFactor(world.codeNow(on.secret()))))
                .isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> world.accounts.enrollTwoFactor(principal, new EnrollTwoFactor(World.PASSWORD)))
                .isInstanceOf(Conflict.class);
    }

    // ------------------------------------------------------------ signing in with two-factor

    @Test
    void withTwoFactorOnTheRightPasswordAloneAsksForTheSecondFactor() {
        world.enableTwoFactor(principal);
        int sessions = world.sessions.all.size();

        assertThat(login(null)).isInstanceOf(SignIn.SecondFactorRequired.class);
        assertThat(login("  ")).isInstanceOf(SignIn.SecondFactorRequired.class);
        assertThat(world.sessions.all).hasSize(sessions);
        assertThat(world.throttle.failures).isEmpty();
    }

    @Test
    void aWrongPasswordWithTwoFactorOnIsStillJustWrongAndCounted() {
        World.TwoFactorOn on = world.enableTwoFactor(principal);

        assertThatThrownBy(() -> world.accounts.login(new Login("ann@example.com", "wrong-password-123", null, World.IP, null)))
                .isInstanceOf(Unauthorized.class).hasMessage(AccountsService.WRONG_CREDENTIALS);
        assertThatThrownBy(() -> world.accounts.login(new Login("ann@example.com", "wrong-password-123",
                world.codeNow(on.secret()), World.IP, null))).isInstanceOf(Unauthorized.class);
        assertThat(world.throttle.failures).hasSize(4);
    }

    @Test
    void theRightCodeSignsInOnceAndItsReplayIsRefused() {
        World.TwoFactorOn on = world.enableTwoFactor(principal);
        String code = world.codeNow(on.secret());

        assertThat(login(code)).isInstanceOf(SignIn.SignedIn.class);
        assertThatThrownBy(() -> login(code)).isInstanceOf(Unauthorized.class).hasMessage(AccountsService.WRONG_SECOND_FACTOR);
    }

    @Test
    void aWrongCodeIsUnauthorizedCountedAndAudited() {
        World.TwoFactorOn on = world.enableTwoFactor(principal);
        String wrong = world.wrongCode(on.secret());

        assertThatThrownBy(() -> login(wrong)).isInstanceOf(Unauthorized.class);
        assertThatThrownBy(() -> login("not-a-code")).isInstanceOf(Unauthorized.class);

        assertThat(world.throttle.count(dev.bulwark.domain.accounts.LoginSubject.account("ann@example.com"))).isEqualTo(2);
        assertThat(world.audit.entries.getLast().details()).containsEntry("reason", "second-factor");
    }

    @Test
    void aCodeOneStepEitherSideIsAcceptedTwoStepsAwayIsNot() {
        World.TwoFactorOn on = world.enableTwoFactor(principal);
        // away from the step the confirmation used
        world.clock.advance(Duration.ofMinutes(1));

        assertThatThrownBy(() -> login(world.codeAt(on.secret(), Duration.ofSeconds(-60)))).isInstanceOf(Unauthorized.class);
        assertThatThrownBy(() -> login(world.codeAt(on.secret(), Duration.ofSeconds(60)))).isInstanceOf(Unauthorized.class);
        assertThat(login(world.codeAt(on.secret(), Duration.ofSeconds(-30)))).isInstanceOf(SignIn.SignedIn.class);
        assertThat(login(world.codeAt(on.secret(), Duration.ofSeconds(30)))).isInstanceOf(SignIn.SignedIn.class);
    }

    @Test
    void afterALaterStepWasUsedAnEarlierStepsCodeIsRefused() {
        World.TwoFactorOn on = world.enableTwoFactor(principal);
        String next = world.codeAt(on.secret(), Duration.ofSeconds(30));
        String current = world.codeNow(on.secret());
        org.junit.jupiter.api.Assumptions.assumeFalse(next.equals(current));

        assertThat(login(next)).isInstanceOf(SignIn.SignedIn.class);
        assertThatThrownBy(() -> login(current)).isInstanceOf(Unauthorized.class);
    }

    @Test
    void aBackupCodeWorksOnceHoweverItIsTyped() {
        World.TwoFactorOn on = world.enableTwoFactor(principal);
        String code = on.codes().codes().getFirst();

        assertThat(login(" " + code.toUpperCase(Locale.ROOT).replace("-", "") + " ")).isInstanceOf(SignIn.SignedIn.class);
        assertThatThrownBy(() -> login(code)).isInstanceOf(Unauthorized.class);
        assertThat(login(on.codes().codes().get(1))).isInstanceOf(SignIn.SignedIn.class);
    }

    @Test
    void wrongCodesLockTheAccountLikeWrongPasswords() {
        World.TwoFactorOn on = world.enableTwoFactor(principal);
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> login(world.wrongCode(on.secret()))).isInstanceOf(Unauthorized.class);
        }

        assertThatThrownBy(() -> login(world.codeNow(on.secret()))).isInstanceOf(RateLimited.class);
    }

    // ------------------------------------------------------------ the second factor for sensitive changes

    @Test
    void requireSecondFactorRefusesWhenTwoFactorIsOff() {
        assertThatThrownBy(() -> world.accounts.requireSecondFactor(principal, "123456"))
                .isInstanceOf(Forbidden.class).hasMessage("two-factor authentication must be enabled for this");
        world.accounts.enrollTwoFactor(principal, new EnrollTwoFactor(World.PASSWORD));
        assertThatThrownBy(() -> world.accounts.requireSecondFactor(principal, "123456")).isInstanceOf(Forbidden.class);
    }

    @Test
    void requireSecondFactorRefusesAnApiKeyEvenWithTwoFactorOn() {
        World.TwoFactorOn on = world.enableTwoFactor(principal);
        String key = world.keys.create(principal, new CreateApiKey("bot", Set.of(Scope.TRADE), null)).key();
        Principal viaKey = world.accounts.authenticate(key, null);

        assertThatThrownBy(() -> world.accounts.requireSecondFactor(viaKey, world.codeNow(on.secret())))
                .isInstanceOf(Forbidden.class).hasMessage("two-factor authentication must be enabled for this");
    }

    @Test
    void requireSecondFactorPassesARightCodeOnceAndRefusesMissingOrWrongOnes() {
        World.TwoFactorOn on = world.enableTwoFactor(principal);
        String code = world.codeNow(on.secret());

        world.accounts.requireSecondFactor(principal, code);

        assertThatThrownBy(() -> world.accounts.requireSecondFactor(principal, code)).isInstanceOf(Unauthorized.class);
        assertThatThrownBy(() -> world.accounts.requireSecondFactor(principal, null))
                .isInstanceOf(Unauthorized.class).hasMessage(AccountsService.SECOND_FACTOR_MISSING);
        assertThatThrownBy(() -> world.accounts.requireSecondFactor(principal, "")).isInstanceOf(Unauthorized.class);
        world.accounts.requireSecondFactor(principal, on.codes().codes().getLast());
    }

    @Test
    void disablingNeedsTheSecondFactorAndRemovesEverything() {
        World.TwoFactorOn on = world.enableTwoFactor(principal);

        assertThatThrownBy(() -> world.accounts.disableTwoFactor(principal, new SecondFactor(null))).isInstanceOf(Unauthorized.class);
        assertThatThrownBy(() -> world.accounts.disableTwoFactor(principal, new SecondFactor(world.wrongCode(on.secret()))))
                .isInstanceOf(Unauthorized.class);
        world.accounts.disableTwoFactor(principal, new SecondFactor(world.codeNow(on.secret())));

        assertThat(world.twoFactor.find(ann.id())).isEmpty();
        assertThat(world.twoFactor.backupCodes(ann.id())).isEmpty();
        assertThat(login(null)).isInstanceOf(SignIn.SignedIn.class);
        assertThat(world.audit.actions()).contains("two-factor.disable");
        assertThatThrownBy(() -> world.accounts.disableTwoFactor(principal, new SecondFactor("123456"))).isInstanceOf(Conflict.class);
    }

    @Test
    void anUnconfirmedEnrollmentIsDroppedWithoutACode() {
        world.accounts.enrollTwoFactor(principal, new EnrollTwoFactor(World.PASSWORD));

        world.accounts.disableTwoFactor(principal, new SecondFactor(null));

        assertThat(world.twoFactor.find(ann.id())).isEmpty();
    }

    @Test
    void regeneratingBackupCodesNeedsTheSecondFactorAndRetiresTheOldOnes() {
        World.TwoFactorOn on = world.enableTwoFactor(principal);

        assertThatThrownBy(() -> world.accounts.regenerateBackupCodes(principal, new SecondFactor(null))).isInstanceOf(Unauthorized.class);
        BackupCodes fresh = world.accounts.regenerateBackupCodes(principal, new SecondFactor(world.codeNow(on.secret())));

        assertThat(fresh.codes()).hasSize(10);
        Set<String> overlap = new HashSet<>(fresh.codes());
        overlap.retainAll(on.codes().codes());
        assertThat(overlap).isEmpty();
        assertThatThrownBy(() -> login(on.codes().codes().get(3))).isInstanceOf(Unauthorized.class);
        assertThat(login(fresh.codes().get(3))).isInstanceOf(SignIn.SignedIn.class);
        assertThat(world.audit.actions()).contains("two-factor.backup-codes-regenerate");
    }

    @Test
    void regeneratingWithTwoFactorOffIsForbidden() {
        assertThatThrownBy(() -> world.accounts.regenerateBackupCodes(principal, new SecondFactor("123456")))
                .isInstanceOf(Forbidden.class);
    }

    // ------------------------------------------------------------ changing the password

    @Test
    void changingThePasswordSignsOutEveryOtherSession() {
        SignIn.SignedIn other = world.signIn("ann@example.com");

        world.accounts.changePassword(principal, new ChangePassword(World.PASSWORD, "new-lantern-quartz-93", null));

        assertThatThrownBy(() -> world.principal(other)).isInstanceOf(Unauthorized.class);
        assertThat(world.accounts.me(principal).user()).isEqualTo(ann.id());
        assertThatThrownBy(() -> world.accounts.login(new Login("ann@example.com", World.PASSWORD, null, null, null)))
                .isInstanceOf(Unauthorized.class);
        assertThat(world.accounts.login(new Login("ann@example.com", "new-lantern-quartz-93", null, null, null)))
                .isInstanceOf(SignIn.SignedIn.class);
        assertThat(world.audit.actions()).contains("account.password-change");
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndAStrongNewOne() {
        assertThatThrownBy(() -> world.accounts.changePassword(principal, new ChangePassword("wrong-password-123", "new-lantern-quartz-93", null)))
                .isInstanceOf(Unauthorized.class);
        assertThatThrownBy(() -> world.accounts.changePassword(principal, new ChangePassword(World.PASSWORD, "short", null)))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.fieldErrors())
                        .extracting(Invalid.FieldError::field).containsExactly("newPassword"));
        assertThatThrownBy(() -> world.accounts.changePassword(principal, new ChangePassword(World.PASSWORD, "annannannann-example", null)))
                .isInstanceOf(Invalid.class);
        assertThatThrownBy(() -> world.accounts.changePassword(principal, new ChangePassword(null, null, null)))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.fieldErrors())
                        .extracting(Invalid.FieldError::field).containsExactlyInAnyOrder("currentPassword", "newPassword"));
        assertThat(world.users.find(ann.id()).orElseThrow().passwordHash()).isEqualTo(ann.passwordHash());
    }

    @Test
    void withTwoFactorOnChangingThePasswordNeedsTheSecondFactor() {
        World.TwoFactorOn on = world.enableTwoFactor(principal);

        assertThatThrownBy(() -> world.accounts.changePassword(principal, new ChangePassword(World.PASSWORD, "new-lantern-quartz-93", null)))
                .isInstanceOf(Unauthorized.class).hasMessage(AccountsService.SECOND_FACTOR_MISSING);
        world.accounts.changePassword(principal, new ChangePassword(World.PASSWORD, "new-lantern-quartz-93", world.codeNow(on.secret())));

        assertThat(world.hasher.verify("new-lantern-quartz-93", world.users.find(ann.id()).orElseThrow().passwordHash())).isTrue();
    }

    @Test
    void anApiKeyCannotTouchSecuritySettings() {
        String key = world.keys.create(principal, new CreateApiKey("bot", Set.of(Scope.TRADE), null)).key();
        Principal viaKey = world.accounts.authenticate(key, null);

        assertThatThrownBy(() -> world.accounts.enrollTwoFactor(viaKey, new EnrollTwoFactor(World.PASSWORD))).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> world.accounts.changePassword(viaKey, new ChangePassword(World.PASSWORD, "new-lantern-quartz-93", null)))
                .isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> world.accounts.disableTwoFactor(viaKey, new SecondFactor("123456"))).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> world.accounts.regenerateBackupCodes(viaKey, new SecondFactor("123456"))).isInstanceOf(Forbidden.class);
    }

    @Test
    void meSaysWhoAndWhereWithEveryWorkspace() {
        var me = world.accounts.me(principal);

        assertThat(me.email()).isEqualTo("ann@example.com");
        assertThat(me.twoFactorEnabled()).isFalse();
        assertThat(me.current()).isEqualTo(ann.personalWorkspace());
        assertThat(me.workspaces()).singleElement().satisfies(w -> {
            assertThat(w.workspace()).isEqualTo(ann.personalWorkspace());
            assertThat(w.role()).isEqualTo(dev.bulwark.domain.accounts.Role.OWNER);
        });
        assertThat(List.of(me.toString())).noneMatch(s -> s.contains(World.PASSWORD));
    }
}
