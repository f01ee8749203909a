package dev.bulwark.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.maps;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class KeyValueTextTest {

    @Test
    void encodesSortedUrlEncodedPairs() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("venue", "binance");
        details.put("amount", "1 BTC & more=yes");
        details.put("empty", "");

        assertThat(KeyValueText.encode(details)).isEqualTo("amount=1+BTC+%26+more%3Dyes&empty=&venue=binance");
        assertThat(KeyValueText.encode(Map.of())).isEmpty();
    }

    @Test
    void anEmptyMapAndAMapOfOneEmptyKeyDiffer() {
        assertThat(KeyValueText.encode(Map.of("", ""))).isEqualTo("=");
        assertThat(KeyValueText.decode("=")).containsExactly(Map.entry("", ""));
        assertThat(KeyValueText.decode("")).isEmpty();
    }

    @Test
    void refusesStoredTextThatIsNotPairs() {
        assertThatThrownBy(() -> KeyValueText.decode("novalue")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyMapOfTextRoundTripsAndTheSameMapAlwaysEncodesTheSame() {
        // built from whole code points, surrogates skipped: text, as opposed to lone UTF-16 halves (QuickTheories'
        // own string generators cut supplementary characters in half at their length limit)
        Gen<Integer> codePoint = integers().between(0, 0x10FFFF - 0x800).map(c -> c < 0xD800 ? c : c + 0x800);
        Gen<Integer> asciiHeavy = integers().between(0, 0x7F).mix(codePoint, 50);
        Gen<String> text = lists().of(asciiHeavy).ofSizeBetween(0, 10).map(points -> {
            StringBuilder s = new StringBuilder();
            points.forEach(s::appendCodePoint);
            return s.toString();
        });
        qt().forAll(maps().of(text, text).ofSizeBetween(0, 6)).checkAssert(details -> {
            String encoded = KeyValueText.encode(details);
            assertThat(KeyValueText.decode(encoded)).isEqualTo(details);
            assertThat(KeyValueText.encode(new TreeMap<>(details).descendingMap())).isEqualTo(encoded);
            assertThat(encoded).doesNotContain("\u0000");
        });
    }
}
