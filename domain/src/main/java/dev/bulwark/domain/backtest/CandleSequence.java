package dev.bulwark.domain.backtest;

import dev.bulwark.domain.market.Candle;
import dev.bulwark.domain.market.CandleInterval;
import dev.bulwark.domain.market.Instrument;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Checks that a strategy's candles form one series: one instrument, one interval, strictly later each time. */
final class CandleSequence {
    private @Nullable Instrument instrument;
    private @Nullable CandleInterval interval;
    private @Nullable Instant last;

    /** Accepts the next candle of the series, or refuses it with why it does not belong. */
    void accept(Candle candle) {
        Objects.requireNonNull(candle, "candle");
        if (instrument == null || interval == null || last == null) {
            instrument = candle.instrument();
            interval = candle.interval();
        } else {
            if (!candle.instrument().equals(instrument) || candle.interval() != interval) {
                throw new IllegalArgumentException("this run is " + instrument + " " + interval + ", was given a "
                        + candle.instrument() + " " + candle.interval() + " candle");
            }
            if (!candle.openTime().isAfter(last)) {
                throw new IllegalArgumentException("candles come in time order: " + candle.openTime()
                        + " is not after " + last);
            }
        }
        last = candle.openTime();
    }
}
