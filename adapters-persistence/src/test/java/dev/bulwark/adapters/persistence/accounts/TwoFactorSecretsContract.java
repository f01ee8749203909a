package dev.bulwark.adapters.persistence.accounts;

import static dev.bulwark.adapters.persistence.accounts.AccountFixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.adapters.persistence.testing.StoreContract;
import dev.bulwark.domain.accounts.BackupCode;
import dev.bulwark.domain.accounts.TwoFactor;
import dev.bulwark.domain.accounts.UserId;
import dev.bulwark.domain.secrets.SealedSecret;
import dev.bulwark.ports.errors.NotFound;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

abstract class TwoFactorSecretsContract extends StoreContract {
    static final SealedSecret SEED = new SealedSecret("v1:k1:bm9uY2U:Y2lwaGVydGV4dA");
    static final SealedSecret OTHER_SEED = new SealedSecret("v1:k1:b3RoZXI:c2Vjb25kIHNlZWQ");
    /** A TOTP time step of late 2026 (30-second steps since the epoch). */
    static final long STEP = 59_376_960L;

    private JooqTwoFactorSecrets secrets() {
        return new JooqTwoFactorSecrets(database.db());
    }

    private UserId newUser() {
        return AccountFixtures.newUser(database, newWorkspace(), T0).id();
    }

    private UserId enrolledUser() {
        UserId user = newUser();
        secrets().save(TwoFactor.enroll(user, SEED, T0));
        return user;
    }

    private static List<String> codes(String prefix, int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> sha256(prefix + "-" + i)).toList();
    }

    @Test
    void anEnrollmentReadsBackEqual() {
        UserId user = newUser();
        TwoFactor enrollment = new TwoFactor(user, SEED, true, STEP, T0);
        secrets().save(enrollment);

        assertThat(secrets().find(user)).contains(enrollment);
    }

    @Test
    void savingAgainReplacesTheEnrollmentWhole() {
        UserId user = newUser();
        secrets().save(new TwoFactor(user, SEED, true, STEP, T0));
        TwoFactor again = TwoFactor.enroll(user, OTHER_SEED, T0.plusSeconds(60));

        secrets().save(again);

        assertThat(secrets().find(user)).contains(again);
    }

    @Test
    void enrollingAnUnknownUserIsNotFound() {
        UserId unknown = new UserId(UUID.randomUUID());
        assertThatThrownBy(() -> secrets().save(TwoFactor.enroll(unknown, SEED, T0))).isInstanceOf(NotFound.class);
        assertThat(secrets().find(unknown)).isEmpty();
    }

    @Test
    void anEnrollmentIsConfirmedOnce() {
        UserId user = enrolledUser();

        assertThat(secrets().confirm(user)).isTrue();
        assertThat(secrets().confirm(user)).isFalse();
        assertThat(secrets().find(user).orElseThrow().confirmed()).isTrue();
        assertThat(secrets().confirm(newUser())).as("no enrollment").isFalse();
    }

    @Test
    void aStepIsAcceptedOnceAndOnlyForward() {
        UserId user = enrolledUser();

        assertThat(secrets().acceptStep(user, STEP)).isTrue();
        assertThat(secrets().acceptStep(user, STEP)).as("the same code again").isFalse();
        assertThat(secrets().acceptStep(user, STEP - 1)).as("an older code").isFalse();
        assertThat(secrets().acceptStep(user, STEP + 1)).isTrue();
        assertThat(secrets().find(user).orElseThrow().lastUsedStep()).isEqualTo(STEP + 1);
        assertThat(secrets().acceptStep(newUser(), STEP)).as("no enrollment").isFalse();
    }

    @Test
    void ofEightCallersPresentingOneStepExactlyOneIsAccepted() throws InterruptedException {
        UserId user = enrolledUser();
        for (int round = 0; round < 10; round++) {
            long step = STEP + round;

            List<Object> results = AccountFixtures.race(8, () -> secrets().acceptStep(user, step));

            assertThat(results).as("round " + round).filteredOn(Boolean.TRUE::equals).hasSize(1);
            assertThat(results).as("round " + round).filteredOn(Boolean.FALSE::equals).hasSize(7);
        }
        assertThat(secrets().find(user).orElseThrow().lastUsedStep()).isEqualTo(STEP + 9);
    }

    @Test
    void backupCodesAreReplacedWholeAndStartUnused() {
        UserId user = enrolledUser();
        secrets().replaceBackupCodes(user, codes("old", 10));
        List<String> fresh = codes("new", 10);

        secrets().replaceBackupCodes(user, fresh);

        assertThat(secrets().backupCodes(user)).containsExactlyInAnyOrderElementsOf(
                fresh.stream().map(h -> new BackupCode(user, h, null)).toList());
        assertThat(secrets().useBackupCode(user, codes("old", 1).get(0), T0)).as("an old code").isFalse();
    }

    @Test
    void replacingRefusesDuplicatesAndMalformedHashesAndKeepsTheOldCodes() {
        UserId user = enrolledUser();
        List<String> old = codes("kept", 3);
        secrets().replaceBackupCodes(user, old);

        assertThatThrownBy(() -> secrets().replaceBackupCodes(user, List.of(old.get(0), old.get(0))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> secrets().replaceBackupCodes(user, List.of(sha256("x"), "12345678")))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(secrets().backupCodes(user)).extracting(BackupCode::codeHash).containsExactlyInAnyOrderElementsOf(old);
    }

    @Test
    void backupCodesOfAnUnknownUserAreNotFound() {
        assertThatThrownBy(() -> secrets().replaceBackupCodes(new UserId(UUID.randomUUID()), codes("u", 2)))
                .isInstanceOf(NotFound.class);
    }

    @Test
    void replacingWithNoCodesRemovesThemAll() {
        UserId user = enrolledUser();
        secrets().replaceBackupCodes(user, codes("gone", 4));

        secrets().replaceBackupCodes(user, List.of());

        assertThat(secrets().backupCodes(user)).isEmpty();
    }

    @Test
    void aBackupCodeIsSpentOnce() {
        UserId user = enrolledUser();
        List<String> hashes = codes("once", 2);
        secrets().replaceBackupCodes(user, hashes);

        assertThat(secrets().useBackupCode(user, hashes.get(0), T0.plusSeconds(1))).isTrue();
        assertThat(secrets().useBackupCode(user, hashes.get(0), T0.plusSeconds(2))).isFalse();
        assertThat(secrets().useBackupCode(user, sha256("never issued"), T0.plusSeconds(2))).isFalse();

        assertThat(secrets().backupCodes(user)).containsExactlyInAnyOrder(
                new BackupCode(user, hashes.get(0), T0.plusSeconds(1)), new BackupCode(user, hashes.get(1), null));
    }

    @Test
    void ofEightCallersPresentingOneBackupCodeExactlyOneSpendsIt() throws InterruptedException {
        UserId user = enrolledUser();
        List<String> hashes = codes("race", 10);
        secrets().replaceBackupCodes(user, hashes);
        for (String hash : hashes) {
            List<Object> results = AccountFixtures.race(8, () -> secrets().useBackupCode(user, hash, T0.plusSeconds(1)));

            assertThat(results).filteredOn(Boolean.TRUE::equals).hasSize(1);
            assertThat(results).filteredOn(Boolean.FALSE::equals).hasSize(7);
        }
        assertThat(secrets().backupCodes(user)).allMatch(BackupCode::isUsed);
    }

    @Test
    void removingTurnsTwoFactorOffWithItsCodes() {
        UserId user = enrolledUser();
        secrets().replaceBackupCodes(user, codes("off", 3));

        assertThat(secrets().remove(user)).isTrue();

        assertThat(secrets().find(user)).isEmpty();
        assertThat(secrets().backupCodes(user)).isEmpty();
        assertThat(secrets().remove(user)).isFalse();
    }

    @Test
    void oneUsersEnrollmentAndCodesNeverServeAnother() {
        UserId a = enrolledUser();
        UserId b = newUser();
        secrets().save(new TwoFactor(b, OTHER_SEED, true, STEP, T0));
        List<String> codesOfA = codes("a", 3);
        secrets().replaceBackupCodes(a, codesOfA);
        secrets().replaceBackupCodes(b, codes("b", 3));

        assertThat(secrets().find(a).orElseThrow().secret()).isEqualTo(SEED);
        assertThat(secrets().find(b).orElseThrow().secret()).isEqualTo(OTHER_SEED);
        for (String codeOfA : codesOfA) {
            assertThat(secrets().useBackupCode(b, codeOfA, T0)).isFalse();
        }
        assertThat(secrets().acceptStep(b, STEP + 5)).isTrue();
        assertThat(secrets().find(a).orElseThrow().lastUsedStep()).isZero();
        assertThat(secrets().backupCodes(a)).noneMatch(BackupCode::isUsed).hasSize(3);
        secrets().replaceBackupCodes(b, List.of());
        assertThat(secrets().backupCodes(a)).hasSize(3);
        assertThat(secrets().remove(b)).isTrue();
        assertThat(secrets().find(a)).isPresent();
        assertThat(secrets().confirm(a)).isTrue();
    }
}
