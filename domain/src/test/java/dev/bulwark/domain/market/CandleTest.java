package dev.bulwark.domain.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CandleTest {
    static final Instrument BTC_USDT = Instrument.spot("BTC", "USDT");
    static final Instant HOUR = Instant.parse("2026-01-02T03:00:00Z");

    static Candle candle(String source, CandleInterval interval, Instant openTime, String open, String high, String low,
            String close, String volume) {
        return new Candle(BTC_USDT, source, interval, openTime, new BigDecimal(open), new BigDecimal(high),
                new BigDecimal(low), new BigDecimal(close), new BigDecimal(volume));
    }

    @Test
    void normalizesItsNumbersSoEqualityIsNumeric() {
        assertThat(candle("binance", CandleInterval.H1, HOUR, "100.0", "110.00", "90", "105.000", "12.50"))
                .isEqualTo(candle("binance", CandleInterval.H1, HOUR, "100", "110", "90", "105", "12.5"));
    }

    @Test
    void closesOneIntervalAfterItOpens() {
        assertThat(candle("binance", CandleInterval.H4, Instant.parse("2026-01-02T04:00:00Z"), "1", "1", "1", "1", "0").closeTime())
                .isEqualTo(Instant.parse("2026-01-02T08:00:00Z"));
    }

    @Test
    void aCandleWithoutTradesHasZeroVolume() {
        assertThat(candle("replay", CandleInterval.M1, HOUR, "100", "100", "100", "100", "0").volume()).isZero();
    }

    @ParameterizedTest
    @CsvSource({
        "100, 110, 101, 105, low above open",
        "100, 110, 90, 111, close above high",
        "120, 110, 90, 105, open above high",
        "100, 110, 90, 80, close below low"})
    void refusesPricesOutsideTheLowHighRange(String open, String high, String low, String close, String why) {
        assertThatThrownBy(() -> candle("binance", CandleInterval.H1, HOUR, open, high, low, close, "1"))
                .as(why).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("low <= open, close <= high");
    }

    @Test
    void refusesNonPositivePricesAndNegativeVolume() {
        assertThatThrownBy(() -> candle("binance", CandleInterval.H1, HOUR, "0", "1", "0", "1", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> candle("binance", CandleInterval.H1, HOUR, "1", "1", "1", "1", "-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("volume");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-01-02T03:00:01Z", "2026-01-02T03:30:00Z", "2026-01-02T03:00:00.000001Z"})
    void refusesAnOpeningTimeOffTheInterval(String openTime) {
        assertThatThrownBy(() -> candle("binance", CandleInterval.H1, Instant.parse(openTime), "1", "1", "1", "1", "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiple");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Binance", "1source", "has space", "a_b", "x123456789012345678901234567890123"})
    void refusesAMalformedSource(String source) {
        assertThatThrownBy(() -> candle(source, CandleInterval.H1, HOUR, "1", "1", "1", "1", "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("source");
    }

    @Test
    void refusesNulls() {
        assertThatThrownBy(() -> new Candle(null, "binance", CandleInterval.H1, HOUR, BigDecimal.ONE, BigDecimal.ONE,
                BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Candle(BTC_USDT, "binance", null, HOUR, BigDecimal.ONE, BigDecimal.ONE,
                BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Candle(BTC_USDT, "binance", CandleInterval.H1, HOUR, BigDecimal.ONE, BigDecimal.ONE,
                BigDecimal.ONE, BigDecimal.ONE, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void intervalsKnowTheirLengthAndAlignToTheEpochInUtc() {
        assertThat(CandleInterval.M15.duration()).isEqualTo(Duration.ofMinutes(15));
        assertThat(CandleInterval.D1.isAligned(Instant.parse("2026-01-02T00:00:00Z"))).isTrue();
        assertThat(CandleInterval.D1.isAligned(Instant.parse("2026-01-02T01:00:00Z"))).isFalse();
        assertThat(CandleInterval.H4.isAligned(Instant.parse("2026-01-02T20:00:00Z"))).isTrue();
        assertThat(CandleInterval.H4.isAligned(Instant.parse("2026-01-02T21:00:00Z"))).isFalse();
        assertThat(CandleInterval.M5.openOf(Instant.parse("2026-01-02T03:07:59.999Z"))).isEqualTo(Instant.parse("2026-01-02T03:05:00Z"));
        assertThat(CandleInterval.H1.openOf(Instant.parse("1969-12-31T23:30:00Z"))).isEqualTo(Instant.parse("1969-12-31T23:00:00Z"));
        for (CandleInterval interval : CandleInterval.values()) {
            Instant t = Instant.parse("2026-05-06T07:08:09.5Z");
            assertThat(interval.isAligned(interval.openOf(t))).as(interval.name()).isTrue();
        }
    }
}
