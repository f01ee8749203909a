package dev.bulwark.adapters.exchange.marketdata;

import dev.bulwark.domain.market.Candle;
import dev.bulwark.domain.market.CandleInterval;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds candles of a longer interval from consecutive candles of a shorter one, the way a venue cuts them:
 * each longer candle opens on its own boundary (UTC) and takes the first open, the highest high, the lowest low,
 * the last close and the summed volume of the shorter candles inside it. A longer candle is built from the
 * shorter ones that exist: an interval without trades has no candle at some venues, and a gap in a history is
 * not invented away.
 */
public final class CandleAggregation {

    private CandleAggregation() {
    }

    /** Whether candles of {@code target} can be built from candles of {@code source}: a whole multiple of it. */
    public static boolean canBuild(CandleInterval target, CandleInterval source) {
        long big = target.duration().toSeconds();
        long small = source.duration().toSeconds();
        return big >= small && big % small == 0;
    }

    /** The first opening time of {@code interval} at or after {@code time}. */
    public static Instant alignUp(Instant time, CandleInterval interval) {
        Instant open = interval.openOf(time);
        return open.equals(time) ? time : open.plus(interval.duration());
    }

    /**
     * The candles of {@code target} built from {@code candles}, oldest first.
     *
     * @param candles one instrument's candles of one source and interval, oldest first, no two opening together
     * @throws IllegalArgumentException when the candles mix instruments, sources or intervals, are out of order,
     *         or {@code target} is not a whole multiple of their interval
     */
    public static List<Candle> aggregate(List<Candle> candles, CandleInterval target) {
        Objects.requireNonNull(candles, "candles");
        Objects.requireNonNull(target, "target");
        if (candles.isEmpty()) {
            return List.of();
        }
        Candle first = candles.getFirst();
        if (!canBuild(target, first.interval())) {
            throw new IllegalArgumentException(target + " candles cannot be built from " + first.interval() + " candles");
        }
        if (target == first.interval()) {
            return List.copyOf(candles);
        }
        List<Candle> built = new ArrayList<>();
        Bucket bucket = null;
        Candle previous = null;
        for (Candle candle : candles) {
            if (!candle.instrument().equals(first.instrument()) || !candle.source().equals(first.source())
                    || candle.interval() != first.interval()) {
                throw new IllegalArgumentException("candles to aggregate share one instrument, source and interval");
            }
            if (previous != null && !candle.openTime().isAfter(previous.openTime())) {
                throw new IllegalArgumentException("candles to aggregate are oldest first with no duplicates, "
                        + candle.openTime() + " came after " + previous.openTime());
            }
            previous = candle;
            Instant open = target.openOf(candle.openTime());
            if (bucket == null || !bucket.open.equals(open)) {
                if (bucket != null) {
                    built.add(bucket.toCandle(first, target));
                }
                bucket = new Bucket(open, candle);
            } else {
                bucket.add(candle);
            }
        }
        built.add(bucket.toCandle(first, target));
        return List.copyOf(built);
    }

    /** The running open, high, low, close and volume of one longer candle. */
    private static final class Bucket {
        private final Instant open;
        private final BigDecimal openPrice;
        private BigDecimal high;
        private BigDecimal low;
        private BigDecimal close;
        private BigDecimal volume;

        Bucket(Instant open, Candle candle) {
            this.open = open;
            this.openPrice = candle.open();
            this.high = candle.high();
            this.low = candle.low();
            this.close = candle.close();
            this.volume = candle.volume();
        }

        void add(Candle candle) {
            high = high.max(candle.high());
            low = low.min(candle.low());
            close = candle.close();
            volume = volume.add(candle.volume());
        }

        Candle toCandle(Candle like, CandleInterval interval) {
            return new Candle(like.instrument(), like.source(), interval, open, openPrice, high, low, close, volume);
        }
    }
}
