package dev.bulwark.domain.backtest;

import dev.bulwark.domain.market.Candle;
import dev.bulwark.domain.market.CandleInterval;
import dev.bulwark.domain.market.Instrument;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Candles generated from a seed, for benchmarks and tests where no real data at that resolution is at hand (the
 * shipped real series are 4-hour and daily). A random walk in integer ticks: each candle's close moves from its
 * open by up to {@code maxMoveBps} basis points, with wicks beyond both, so triggers, gaps and trailing stops all
 * happen. The same seed gives the same candles, byte for byte, on every machine.
 */
public final class SyntheticCandles {
    private static final String SOURCE = "synthetic";

    private SyntheticCandles() {
    }

    /**
     * {@code count} consecutive candles of {@code interval} starting at {@code start} (aligned), prices with
     * {@code scale} decimals starting near {@code startPrice}.
     */
    public static List<Candle> generate(Instrument instrument, CandleInterval interval, Instant start, int count,
                                        long seed, BigDecimal startPrice, int scale, int maxMoveBps) {
        Objects.requireNonNull(instrument, "instrument");
        if (!interval.isAligned(start)) {
            throw new IllegalArgumentException("start must be aligned to " + interval);
        }
        if (count < 0 || scale < 0 || scale > 12 || maxMoveBps < 1 || maxMoveBps > 5_000 || startPrice.signum() <= 0) {
            throw new IllegalArgumentException("count >= 0, 0 <= scale <= 12, 1 <= maxMoveBps <= 5000, startPrice > 0");
        }
        SplittableRandom random = new SplittableRandom(seed);
        long price = Math.max(1, startPrice.setScale(scale, RoundingMode.HALF_EVEN).unscaledValue().longValueExact());
        long floor = Math.max(1, price / 100); // never below 1% of the start: a benchmark wants a market, not a wipe-out
        List<Candle> candles = new ArrayList<>(count);
        Instant open = start;
        for (int i = 0; i < count; i++) {
            long openTicks = price;
            long move = openTicks * random.nextInt(-maxMoveBps, maxMoveBps + 1) / 10_000;
            long closeTicks = Math.max(floor, openTicks + move);
            long wick = Math.max(1, openTicks * random.nextInt(0, maxMoveBps / 2 + 1) / 10_000);
            long high = Math.max(openTicks, closeTicks) + random.nextLong(0, wick + 1);
            long low = Math.max(1, Math.min(openTicks, closeTicks) - random.nextLong(0, wick + 1));
            long volumeMilli = random.nextLong(1, 100_000); // 0.001 to 100 units
            candles.add(new Candle(instrument, SOURCE, interval, open,
                    BigDecimal.valueOf(openTicks, scale), BigDecimal.valueOf(high, scale), BigDecimal.valueOf(low, scale),
                    BigDecimal.valueOf(closeTicks, scale), BigDecimal.valueOf(volumeMilli, 3)));
            price = closeTicks;
            open = open.plus(interval.duration());
        }
        return candles;
    }

    /** One year of 1-minute candles (525,600) for one instrument, as the backtest benchmark uses. */
    public static List<Candle> oneYearOfMinutes(Instrument instrument, Instant start, long seed) {
        return generate(instrument, CandleInterval.M1, start, 525_600, seed, new BigDecimal("30000"), 2, 15);
    }

}
