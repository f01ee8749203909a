package dev.bulwark.domain.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.market.Candle;
import dev.bulwark.domain.market.CandleInterval;
import dev.bulwark.domain.market.Instrument;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticCandlesTest {
    private static final Instrument BTC = Instrument.spot("BTC", "USDT");
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void theSameSeedGivesTheSameCandlesAndAnotherSeedOthers() {
        List<Candle> a = SyntheticCandles.generate(BTC, CandleInterval.M1, START, 1_000, 42, new BigDecimal("30000"), 2, 15);
        List<Candle> b = SyntheticCandles.generate(BTC, CandleInterval.M1, START, 1_000, 42, new BigDecimal("30000"), 2, 15);
        List<Candle> c = SyntheticCandles.generate(BTC, CandleInterval.M1, START, 1_000, 43, new BigDecimal("30000"), 2, 15);

        assertThat(a).isEqualTo(b).isNotEqualTo(c);
        assertThat(a.toString()).isEqualTo(b.toString());
    }

    @Test
    void candlesAreConsecutiveValidAndChained() {
        List<Candle> candles = SyntheticCandles.generate(BTC, CandleInterval.M1, START, 10_000, 7, new BigDecimal("30000"), 2, 15);

        for (int i = 1; i < candles.size(); i++) {
            assertThat(candles.get(i).openTime()).isEqualTo(candles.get(i - 1).openTime().plusSeconds(60));
            assertThat(candles.get(i).open()).isEqualByComparingTo(candles.get(i - 1).close());
        }
        assertThat(candles).allSatisfy(k -> {
            assertThat(k.low()).isLessThanOrEqualTo(k.open().min(k.close()));
            assertThat(k.high()).isGreaterThanOrEqualTo(k.open().max(k.close()));
            assertThat(k.low().signum()).isPositive();
        });
    }

    @Test
    void oneYearOfMinutesIs525600Candles() {
        List<Candle> year = SyntheticCandles.oneYearOfMinutes(BTC, START, 1);
        assertThat(year).hasSize(525_600);
        assertThat(year.getLast().openTime()).isEqualTo(Instant.parse("2025-12-31T23:59:00Z"));
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> SyntheticCandles.generate(BTC, CandleInterval.H1, START.plusSeconds(60), 1, 1, BigDecimal.ONE, 2, 15))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SyntheticCandles.generate(BTC, CandleInterval.M1, START, 1, 1, BigDecimal.ZERO, 2, 15))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
