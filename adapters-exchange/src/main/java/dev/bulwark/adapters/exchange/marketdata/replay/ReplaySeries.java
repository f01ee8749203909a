package dev.bulwark.adapters.exchange.marketdata.replay;

import dev.bulwark.domain.market.Candle;
import dev.bulwark.domain.market.CandleInterval;
import dev.bulwark.domain.market.Instrument;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One replayable history: the candles of one instrument from one source at one interval, oldest first, no two
 * opening together. Gaps are allowed (days without data stay without data).
 */
public record ReplaySeries(Instrument instrument, String source, CandleInterval interval, List<Candle> candles) {

    public ReplaySeries {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(interval, "interval");
        candles = List.copyOf(Objects.requireNonNull(candles, "candles"));
        Instant previous = null;
        for (Candle candle : candles) {
            if (!candle.instrument().equals(instrument) || !candle.source().equals(source)
                    || candle.interval() != interval) {
                throw new IllegalArgumentException("a series holds candles of " + instrument + " from " + source + " at "
                        + interval + " only, found one of " + candle.instrument() + " from " + candle.source() + " at "
                        + candle.interval());
            }
            if (previous != null && !candle.openTime().isAfter(previous)) {
                throw new IllegalArgumentException("a series is oldest first with no two candles opening together, "
                        + candle.openTime() + " came after " + previous);
            }
            previous = candle.openTime();
        }
    }

    /** The index of the first candle opening at or after {@code time} ({@code size()} when none does). */
    int firstOpeningAtOrAfter(Instant time) {
        int low = 0;
        int high = candles.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (candles.get(middle).openTime().isBefore(time)) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** The candles opening in {@code [from, to)} and closed by {@code now}, oldest first. */
    List<Candle> between(Instant from, Instant to, Instant now) {
        int start = firstOpeningAtOrAfter(from);
        int end = firstOpeningAtOrAfter(to);
        List<Candle> range = candles.subList(start, Math.max(start, end));
        int closed = range.size();
        while (closed > 0 && range.get(closed - 1).closeTime().isAfter(now)) {
            closed--;
        }
        return range.subList(0, closed);
    }

    @Override
    public String toString() {
        return "ReplaySeries[" + instrument + " " + source + " " + interval + ", " + candles.size() + " candles]";
    }
}
