package dev.bulwark.domain.analytics;

import dev.bulwark.domain.money.Decimals;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A fall of equity from a peak to a later trough, as a share of the peak: {@code (peak − trough) / peak} at
 * {@link Decimals#DIVISION_SCALE} with {@link Decimals#ROUNDING}, between 0 and 1. The constructor checks the
 * share against the two equities, so a drawdown never states a number its own values contradict.
 *
 * @param share the fall as a share of the peak: 0.25 is a quarter of the equity lost
 */
public record Drawdown(BigDecimal share, Instant peakAt, BigDecimal peak, Instant troughAt, BigDecimal trough) {
    public Drawdown {
        Objects.requireNonNull(peakAt, "peakAt");
        Objects.requireNonNull(troughAt, "troughAt");
        share = Decimals.requireNonNegative(share, "share");
        peak = Decimals.requirePositive(peak, "peak");
        trough = Decimals.requireNonNegative(trough, "trough");
        if (troughAt.isBefore(peakAt)) {
            throw new IllegalArgumentException("a trough comes after its peak, was " + peakAt + " then " + troughAt);
        }
        if (trough.compareTo(peak) > 0) {
            throw new IllegalArgumentException("a trough is not above its peak, was " + peak.toPlainString() + " then "
                    + trough.toPlainString());
        }
        BigDecimal expected = Decimals.divide(peak.subtract(trough), peak);
        if (share.compareTo(expected) != 0) {
            throw new IllegalArgumentException("a fall from " + peak.toPlainString() + " to " + trough.toPlainString()
                    + " is a share of " + expected.toPlainString() + ", was " + share.toPlainString());
        }
    }

    /** No fall at all: the equity at {@code at} is both peak and trough. */
    public static Drawdown none(Instant at, BigDecimal equity) {
        return new Drawdown(BigDecimal.ZERO, at, equity, at, equity);
    }
}
