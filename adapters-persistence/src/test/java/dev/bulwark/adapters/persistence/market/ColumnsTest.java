package dev.bulwark.adapters.persistence.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ColumnsTest {
    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "0.000000000000000001", "99999999999999999999.999999999999999999", "-99999999999999999999",
        "1E+19", "1.5000000000000000000000"})
    void acceptsWhatNumeric38x18HoldsExactly(String value) {
        assertThat(Columns.exact(new BigDecimal(value), "v")).isEqualTo(new BigDecimal(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0000000000000000001", "100000000000000000000", "1E+20", "-100000000000000000000.5"})
    void refusesWhatItWouldRoundOrOverflow(String value) {
        assertThatThrownBy(() -> Columns.exact(new BigDecimal(value), "price")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("price ");
    }

    @Test
    void storesTimesInUtcToTheMicrosecond() {
        assertThat(Columns.utc(Instant.parse("2026-11-21T08:00:00.123456789Z")).toString()).isEqualTo("2026-11-21T08:00:00.123456Z");
        assertThat(Columns.exactOrNull(null, "x")).isNull();
    }
}
