package dev.bulwark.adapters.exchange.marketdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.market.Candle;
import dev.bulwark.domain.market.CandleInterval;
import dev.bulwark.domain.market.Instrument;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CandleAggregationTest {
    private static final Instrument BTC = Instrument.spot("BTC", "USD");
    private static final Instant DAY = Instant.parse("2026-01-05T00:00:00Z");

    private static Candle h4(int hour, String open, String high, String low, String close, String volume) {
        return new Candle(BTC, "test", CandleInterval.H4, DAY.plus(Duration.ofHours(hour)), new BigDecimal(open),
                new BigDecimal(high), new BigDecimal(low), new BigDecimal(close), new BigDecimal(volume));
    }

    @Test
    void aLongerCandleTakesFirstOpenHighestHighLowestLowLastCloseAndSummedVolume() {
        List<Candle> day = List.of(h4(0, "100", "105", "99", "104", "1.5"), h4(4, "104", "110", "103", "108", "2"),
                h4(8, "108", "109", "90", "95", "3.25"), h4(12, "95", "97", "94", "96", "0"),
                h4(16, "96", "99", "95", "98", "1"), h4(20, "98", "101", "97", "100.5", "0.25"),
                h4(24, "100.5", "102", "100", "101", "4"));

        List<Candle> built = CandleAggregation.aggregate(day, CandleInterval.D1);

        assertThat(built).containsExactly(
                new Candle(BTC, "test", CandleInterval.D1, DAY, new BigDecimal("100"), new BigDecimal("110"),
                        new BigDecimal("90"), new BigDecimal("100.5"), new BigDecimal("8")),
                new Candle(BTC, "test", CandleInterval.D1, DAY.plus(Duration.ofDays(1)), new BigDecimal("100.5"),
                        new BigDecimal("102"), new BigDecimal("100"), new BigDecimal("101"), new BigDecimal("4")));
    }

    @Test
    void aGapIsNotFilledAndTheSameIntervalIsReturnedAsIs() {
        List<Candle> withGap = List.of(h4(0, "1", "2", "1", "2", "1"), h4(48, "3", "3", "3", "3", "1"));

        assertThat(CandleAggregation.aggregate(withGap, CandleInterval.D1)).extracting(Candle::openTime)
                .containsExactly(DAY, DAY.plus(Duration.ofDays(2)));
        assertThat(CandleAggregation.aggregate(withGap, CandleInterval.H4)).isEqualTo(withGap);
        assertThat(CandleAggregation.aggregate(List.of(), CandleInterval.D1)).isEmpty();
    }

    @Test
    void refusesShorterIntervalsMixedSeriesAndDisorder() {
        List<Candle> two = List.of(h4(0, "1", "2", "1", "2", "1"), h4(4, "2", "2", "2", "2", "1"));

        assertThatThrownBy(() -> CandleAggregation.aggregate(two, CandleInterval.H1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CandleAggregation.aggregate(two.reversed(), CandleInterval.D1))
                .isInstanceOf(IllegalArgumentException.class);
        Candle other = new Candle(BTC, "other", CandleInterval.H4, DAY.plus(Duration.ofHours(8)), BigDecimal.ONE,
                BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE);
        assertThatThrownBy(() -> CandleAggregation.aggregate(List.of(two.get(0), other), CandleInterval.D1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void knowsWhichIntervalsBuildWhichAndAlignsUp() {
        assertThat(CandleAggregation.canBuild(CandleInterval.D1, CandleInterval.H4)).isTrue();
        assertThat(CandleAggregation.canBuild(CandleInterval.H4, CandleInterval.H1)).isTrue();
        assertThat(CandleAggregation.canBuild(CandleInterval.H1, CandleInterval.H4)).isFalse();
        assertThat(CandleAggregation.canBuild(CandleInterval.M15, CandleInterval.M5)).isTrue();
        assertThat(CandleAggregation.alignUp(DAY.plusSeconds(1), CandleInterval.D1)).isEqualTo(DAY.plus(Duration.ofDays(1)));
        assertThat(CandleAggregation.alignUp(DAY, CandleInterval.D1)).isEqualTo(DAY);
    }
}
