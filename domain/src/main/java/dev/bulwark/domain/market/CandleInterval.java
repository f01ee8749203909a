package dev.bulwark.domain.market;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long one candle lasts. Candles open on multiples of their interval since the epoch in UTC, which is how
 * venues cut them: hours on the hour, four hours at 00, 04, 08… UTC, days at midnight UTC.
 */
public enum CandleInterval {
    M1(Duration.ofMinutes(1)),
    M5(Duration.ofMinutes(5)),
    M15(Duration.ofMinutes(15)),
    H1(Duration.ofHours(1)),
    H4(Duration.ofHours(4)),
    D1(Duration.ofDays(1));

    private final Duration duration;

    CandleInterval(Duration duration) {
        this.duration = duration;
    }

    public Duration duration() {
        return duration;
    }

    /** Whether a candle of this interval may open at {@code time}. */
    public boolean isAligned(Instant time) {
        Objects.requireNonNull(time, "time");
        return time.getNano() == 0 && Math.floorMod(time.getEpochSecond(), duration.toSeconds()) == 0;
    }

    /** The opening time of the candle of this interval that contains {@code time}. */
    public Instant openOf(Instant time) {
        Objects.requireNonNull(time, "time");
        long seconds = duration.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(time.getEpochSecond(), seconds) * seconds);
    }
}
