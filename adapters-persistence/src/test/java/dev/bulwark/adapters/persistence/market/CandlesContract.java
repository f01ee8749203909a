package dev.bulwark.adapters.persistence.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.adapters.persistence.testing.StoreContract;
import dev.bulwark.domain.market.Candle;
import dev.bulwark.domain.market.CandleInterval;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.money.Asset;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

abstract class CandlesContract extends StoreContract {
    static final Instant HOUR = Instant.parse("2026-11-21T08:00:00Z");
    static final Instrument BTC_PERP = new Instrument(Asset.BTC, Asset.USDT, Market.USDM_FUTURES);

    JooqCandles candles;
    /** Each test its own instrument: candles belong to no workspace, so this is what keeps tests apart. */
    Instrument instrument;

    @BeforeEach
    void setUp() {
        candles = new JooqCandles(database.db());
        instrument = new Instrument(Asset.of("T" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase()),
                Asset.USDT, Market.SPOT);
    }

    Candle candle(String source, CandleInterval interval, Instant openTime, String close) {
        return candle(instrument, source, interval, openTime, close);
    }

    static Candle candle(Instrument instrument, String source, CandleInterval interval, Instant openTime, String close) {
        BigDecimal c = new BigDecimal(close);
        return new Candle(instrument, source, interval, openTime, new BigDecimal("100"), c.max(new BigDecimal("110")),
                c.min(new BigDecimal("90")), c, new BigDecimal("12.5"));
    }

    /** Hourly candles from {@link #HOUR}, closing at 100, 101, 102, ... */
    List<Candle> hourly(String source, int count) {
        List<Candle> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(candle(source, CandleInterval.H1, HOUR.plus(Duration.ofHours(i)), String.valueOf(100 + i)));
        }
        return list;
    }

    @Test
    void aCandleReadsBackEqualWithExactNumbers() {
        Candle exact = new Candle(instrument, "binance", CandleInterval.M1, HOUR, new BigDecimal("0.000000000000000002"),
                new BigDecimal("12345678901234567890.123456789012345678"), new BigDecimal("0.000000000000000001"),
                new BigDecimal("1.10"), new BigDecimal("0"));
        candles.upsert(List.of(exact));
        assertThat(candles.latest("binance", instrument, CandleInterval.M1)).contains(exact);
    }

    @Test
    void rangeIsHalfOpenAndOrderedByOpenTime() {
        List<Candle> day = hourly("binance", 24);
        List<Candle> shuffled = new ArrayList<>(day);
        java.util.Collections.reverse(shuffled);
        candles.upsert(shuffled);

        assertThat(candles.range("binance", instrument, CandleInterval.H1, HOUR.plus(Duration.ofHours(2)), HOUR.plus(Duration.ofHours(5))))
                .containsExactlyElementsOf(day.subList(2, 5));
        assertThat(candles.range("binance", instrument, CandleInterval.H1, HOUR.minus(Duration.ofDays(1)), HOUR.plus(Duration.ofDays(2))))
                .containsExactlyElementsOf(day);
        // a range starting inside a candle does not include it: candles are keyed by when they open
        assertThat(candles.range("binance", instrument, CandleInterval.H1, HOUR.plusSeconds(1), HOUR.plus(Duration.ofHours(1)).plusSeconds(1)))
                .containsExactly(day.get(1));
        assertThat(candles.range("binance", instrument, CandleInterval.H1, HOUR, HOUR)).isEmpty();
        assertThatThrownBy(() -> candles.range("binance", instrument, CandleInterval.H1, HOUR, HOUR.minusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUpsertReplacesTheCandleOfTheSameKey() {
        candles.upsert(hourly("binance", 3));
        Candle forming = candle("binance", CandleInterval.H1, HOUR.plus(Duration.ofHours(2)), "150");
        Candle next = candle("binance", CandleInterval.H1, HOUR.plus(Duration.ofHours(3)), "151");

        candles.upsert(List.of(forming, next));

        List<Candle> stored = candles.range("binance", instrument, CandleInterval.H1, HOUR, HOUR.plus(Duration.ofDays(1)));
        assertThat(stored).hasSize(4);
        assertThat(stored.get(2)).isEqualTo(forming);
        assertThat(stored.get(3)).isEqualTo(next);
    }

    @Test
    void withinOneBatchTheLastCandleOfAKeyWins() {
        Candle first = candle("binance", CandleInterval.H1, HOUR, "101");
        Candle last = candle("binance", CandleInterval.H1, HOUR, "105");
        candles.upsert(List.of(first, last));
        assertThat(candles.range("binance", instrument, CandleInterval.H1, HOUR, HOUR.plusSeconds(1))).containsExactly(last);
    }

    @Test
    void sourcesIntervalsAndMarketsAreSeparateSeries() {
        Candle binance = candle("binance", CandleInterval.H1, HOUR, "101");
        Candle coinbase = candle("coinbase", CandleInterval.H1, HOUR, "102");
        Candle daily = candle("binance", CandleInterval.D1, Instant.parse("2026-11-21T00:00:00Z"), "103");
        Instrument perp = new Instrument(instrument.base(), instrument.quote(), Market.USDM_FUTURES);
        Candle onPerp = candle(perp, "binance", CandleInterval.H1, HOUR, "104");
        candles.upsert(List.of(binance, coinbase, daily, onPerp));

        Instant dayEnd = HOUR.plus(Duration.ofDays(1));
        assertThat(candles.range("binance", instrument, CandleInterval.H1, HOUR.minus(Duration.ofDays(1)), dayEnd)).containsExactly(binance);
        assertThat(candles.range("coinbase", instrument, CandleInterval.H1, HOUR.minus(Duration.ofDays(1)), dayEnd)).containsExactly(coinbase);
        assertThat(candles.range("binance", instrument, CandleInterval.D1, HOUR.minus(Duration.ofDays(1)), dayEnd)).containsExactly(daily);
        assertThat(candles.range("binance", perp, CandleInterval.H1, HOUR.minus(Duration.ofDays(1)), dayEnd)).containsExactly(onPerp);
    }

    @Test
    void latestIsTheLastToOpen() {
        List<Candle> three = hourly("replay", 3);
        candles.upsert(List.of(three.get(2), three.get(0), three.get(1)));
        assertThat(candles.latest("replay", instrument, CandleInterval.H1)).contains(three.get(2));
        assertThat(candles.latest("replay", instrument, CandleInterval.M5)).isEmpty();
        assertThat(candles.latest("binance", instrument, CandleInterval.H1)).isEmpty();
    }

    @Test
    void aLargeBatchIsWrittenWhole() {
        List<Candle> many = new ArrayList<>();
        Instant start = Instant.parse("2026-11-20T00:00:00Z");
        for (int i = 0; i < JooqCandles.ROWS_PER_BATCH * 2 + 37; i++) {
            many.add(candle("binance", CandleInterval.M1, start.plus(Duration.ofMinutes(i)), String.valueOf(100 + i % 7)));
        }
        candles.upsert(many);
        assertThat(candles.range("binance", instrument, CandleInterval.M1, start, start.plus(Duration.ofDays(2))))
                .containsExactlyElementsOf(many);
    }

    @Test
    void anEmptyBatchWritesNothing() {
        candles.upsert(List.of());
        assertThat(candles.latest("binance", instrument, CandleInterval.H1)).isEmpty();
    }

    @Test
    void aBatchWithANumberThatWouldBeRoundedIsRefusedWhole() {
        Candle fine = candle("binance", CandleInterval.H1, HOUR, "101");
        Candle tooFine = new Candle(instrument, "binance", CandleInterval.H1, HOUR.plus(Duration.ofHours(1)), BigDecimal.ONE,
                BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, new BigDecimal("0.0000000000000000001"));
        assertThatThrownBy(() -> candles.upsert(List.of(fine, tooFine))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("volume");
        assertThat(candles.latest("binance", instrument, CandleInterval.H1)).isEmpty();
    }

    @Test
    void aFailedBatchLeavesNothingBehind() {
        List<Candle> batch = hourly("binance", 3);
        assertThatThrownBy(() -> database.transactions().inTransaction(() -> {
            candles.upsert(batch);
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(candles.latest("binance", instrument, CandleInterval.H1)).isEmpty();
    }
}
