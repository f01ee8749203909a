package dev.bulwark.domain.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.secrets.SealedSecret;
import org.junit.jupiter.api.Test;

class TwoFactorTest {
    static final SealedSecret SEED = new SealedSecret("v1:k1:bm9uY2U:Y2lwaGVydGV4dA");

    @Test
    void anEnrollmentStartsUnconfirmedWithNoStepUsed() {
        TwoFactor enrolled = TwoFactor.enroll(UserTest.ID, SEED, UserTest.T0);
        assertThat(enrolled.confirmed()).isFalse();
        assertThat(enrolled.lastUsedStep()).isZero();
        assertThat(enrolled.toString()).doesNotContain("Y2lwaGVydGV4dA");
    }

    @Test
    void refusesANegativeStepAndNulls() {
        assertThatThrownBy(() -> new TwoFactor(UserTest.ID, SEED, true, -1, UserTest.T0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("step");
        assertThatThrownBy(() -> new TwoFactor(null, SEED, true, 0, UserTest.T0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new TwoFactor(UserTest.ID, null, true, 0, UserTest.T0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new TwoFactor(UserTest.ID, SEED, true, 0, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aBackupCodeIsAHexSha256Digest() {
        var code = new BackupCode(UserTest.ID, SessionTest.HASH, null);
        assertThat(code.isUsed()).isFalse();
        assertThat(new BackupCode(UserTest.ID, SessionTest.HASH, UserTest.T0).isUsed()).isTrue();
        assertThat(code.toString()).doesNotContain(SessionTest.HASH);
        assertThatThrownBy(() -> new BackupCode(UserTest.ID, "12345678", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("codeHash").hasMessageNotContaining("12345678");
        assertThatThrownBy(() -> new BackupCode(UserTest.ID, SessionTest.HASH.toUpperCase(java.util.Locale.ROOT), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BackupCode(null, SessionTest.HASH, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new BackupCode(UserTest.ID, null, null)).isInstanceOf(NullPointerException.class);
    }
}
