package dev.bulwark.host.embedded.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecureRandomTokensTest {
    private final SecureRandomTokens tokens = new SecureRandomTokens();

    @Test
    void givesTheLengthAskedFor() {
        assertThat(tokens.bytes(0)).isEmpty();
        assertThat(tokens.bytes(16)).hasSize(16);
        assertThat(tokens.bytes(32)).hasSize(32);
    }

    @Test
    void neverRepeatsA32ByteValue() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            assertThat(seen.add(HexFormat.of().formatHex(tokens.bytes(32)))).isTrue();
        }
    }

    @Test
    void usesEveryByteValueOverManyDraws() {
        // a stuck or narrow source (all zeros, ASCII only) fails this; in 16,384 fair draws some value is
        // missing with probability about 256 * (255/256)^16384, below 1e-25
        boolean[] seen = new boolean[256];
        for (int i = 0; i < 16; i++) {
            for (byte b : tokens.bytes(1024)) {
                seen[b & 0xff] = true;
            }
        }
        int distinct = 0;
        for (boolean s : seen) {
            distinct += s ? 1 : 0;
        }
        assertThat(distinct).isEqualTo(256);
    }

    @Test
    void refusesANegativeOrAbsurdLength() {
        assertThatThrownBy(() -> tokens.bytes(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens.bytes(1025)).isInstanceOf(IllegalArgumentException.class);
    }
}
