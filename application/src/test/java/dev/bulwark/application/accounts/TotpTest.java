package dev.bulwark.application.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TotpTest {
    /** RFC 6238 appendix B's SHA-1 seed: the ASCII string "12345678901234567890". */
    private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "RFC 6238 B: T={0}s -> {1}")
    @CsvSource({
            "59, 94287082",
            "1111111109, 07081804",
            "1111111111, 14050471",
            "1234567890, 89005924",
            "2000000000, 69279037",
            "20000000000, 65353130"})
    void theSha1VectorsOfRfc6238AppendixB(long unixSeconds, String expected) {
        long step = Totp.step(Instant.ofEpochSecond(unixSeconds));

        assertThat(Totp.code(RFC_SEED, step, 8)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "RFC 4226 D: counter {0} -> {1}")
    @CsvSource({"0, 755224", "1, 287082", "2, 359152", "3, 969429", "4, 338314", "5, 254676", "6, 287922",
            "7, 162583", "8, 399871", "9, 520489"})
    void theHotpVectorsOfRfc4226AppendixD(long counter, String expected) {
        assertThat(Totp.code(RFC_SEED, counter, 6)).isEqualTo(expected);
    }

    @Test
    void sixDigitCodesAreTheLastSixOfTheEightKeepingLeadingZeros() {
        long step = Totp.step(Instant.ofEpochSecond(1111111109L));

        assertThat(Totp.code(RFC_SEED, step, 6)).isEqualTo("081804");
    }

    @Test
    void aStepIsThirtySecondsFromTheEpoch() {
        assertThat(Totp.step(Instant.ofEpochSecond(0))).isZero();
        assertThat(Totp.step(Instant.ofEpochSecond(29))).isZero();
        assertThat(Totp.step(Instant.ofEpochSecond(30))).isEqualTo(1);
        assertThat(Totp.step(Instant.ofEpochSecond(59, 999_999_999))).isEqualTo(1);
    }

    @Test
    void digitsOutsideOneToEightAreRefused() {
        assertThatThrownBy(() -> Totp.code(RFC_SEED, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Totp.code(RFC_SEED, 1, 9)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "RFC 4648 base32: \"{0}\" -> {1}")
    @CsvSource({"'', ''", "f, MY", "fo, MZXQ", "foo, MZXW6", "foob, MZXW6YQ", "fooba, MZXW6YTB", "foobar, MZXW6YTBOI"})
    void base32FollowsRfc4648WithoutPadding(String text, String encoded) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);

        assertThat(Totp.base32(bytes)).isEqualTo(encoded);
        assertThat(Totp.fromBase32(encoded)).isEqualTo(bytes);
        assertThat(Totp.fromBase32(encoded.toLowerCase() + "===")).isEqualTo(bytes);
    }

    @Test
    void aTwentyByteSeedIsThirtyTwoBase32CharactersAndRoundTrips() {
        String encoded = Totp.base32(RFC_SEED);

        assertThat(encoded).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ").hasSize(32);
        assertThat(Totp.fromBase32(encoded)).isEqualTo(RFC_SEED);
    }

    @Test
    void base32RefusesOtherCharacters() {
        assertThatThrownBy(() -> Totp.fromBase32("MZXW1")).isInstanceOf(IllegalArgumentException.class);
    }
}
