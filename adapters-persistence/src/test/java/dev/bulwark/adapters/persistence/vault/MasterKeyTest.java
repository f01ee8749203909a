package dev.bulwark.adapters.persistence.vault;

import static dev.bulwark.adapters.persistence.vault.VaultFixtures.assertHoldsNone;
import static dev.bulwark.adapters.persistence.vault.VaultFixtures.keyBytes;
import static dev.bulwark.adapters.persistence.vault.VaultFixtures.spellingsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class MasterKeyTest {

    @Test
    void theIdIsAFixedFingerprintOfTheKey() {
        // pinned: every envelope names its key by this id, so changing the derivation would orphan them all
        assertThat(MasterKey.of(keyBytes(1)).id()).isEqualTo("d5998cbfd22c8df0");
        assertThat(MasterKey.of(keyBytes(1)).id()).matches("[0-9a-f]{16}").isEqualTo(MasterKey.of(keyBytes(1)).id());
        assertThat(MasterKey.of(keyBytes(2)).id()).isNotEqualTo(MasterKey.of(keyBytes(1)).id());
    }

    @Test
    void neitherTheIdNorToStringRevealsTheKey() {
        byte[] key = keyBytes(1);
        MasterKey master = MasterKey.of(key);

        assertThat(master.toString()).isEqualTo("MasterKey[id=" + master.id() + ", key=****]");
        assertHoldsNone(master.toString(), spellingsOf(key));
        for (String spelling : spellingsOf(key)) {
            assertThat(spelling).doesNotContain(master.id());
        }
    }

    @Test
    void theKeyIsCopiedInSoTheCallerMayWipeItsArray() {
        byte[] key = keyBytes(1);
        MasterKey master = MasterKey.of(key);
        MasterKey explicit = new MasterKey("k1", key);

        java.util.Arrays.fill(key, (byte) 0);

        assertThat(master).isEqualTo(MasterKey.of(keyBytes(1)));
        assertThat(explicit).isEqualTo(new MasterKey("k1", keyBytes(1)));
        assertThat(master.secretKey().getEncoded()).isEqualTo(keyBytes(1));
    }

    @Test
    void theCipherKeyIsACopyToo() {
        MasterKey master = MasterKey.of(keyBytes(1));

        java.util.Arrays.fill(master.secretKey().getEncoded(), (byte) 0);

        assertThat(master.secretKey().getEncoded()).isEqualTo(keyBytes(1));
    }

    @Test
    void aKeyIsExactly32Bytes() {
        assertThatThrownBy(() -> MasterKey.of(new byte[16])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a master key is exactly 32 bytes, not 16");
        assertThatThrownBy(() -> new MasterKey("k", new byte[33])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MasterKey("k", new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anIdIsShortAndFitsInAnEnvelope() {
        assertThatThrownBy(() -> new MasterKey("", keyBytes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MasterKey("has.dot", keyBytes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MasterKey("x".repeat(33), keyBytes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(new MasterKey("2026-rotation_B", keyBytes(1)).id()).isEqualTo("2026-rotation_B");
    }

    @Test
    void keysAreEqualByIdAndBytes() {
        assertThat(MasterKey.of(keyBytes(1))).isEqualTo(MasterKey.of(keyBytes(1))).hasSameHashCodeAs(MasterKey.of(keyBytes(1)));
        assertThat(new MasterKey("k", keyBytes(1))).isNotEqualTo(new MasterKey("k", keyBytes(2)));
        assertThat(new MasterKey("k", keyBytes(1))).isNotEqualTo(new MasterKey("j", keyBytes(1)));
    }

    @Test
    void generatedKeysAreFreshAndNamedByTheirFingerprint() {
        var random = new SecureRandom();
        MasterKey first = MasterKey.generate(random);
        MasterKey second = MasterKey.generate(random);

        assertThat(first).isNotEqualTo(second);
        assertThat(first.id()).isEqualTo(MasterKey.fingerprint(first.secretKey().getEncoded()));
    }
}
