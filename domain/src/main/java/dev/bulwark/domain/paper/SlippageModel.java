package dev.bulwark.domain.paper;

import dev.bulwark.domain.money.Decimals;
import java.math.BigDecimal;

/**
 * How far from the reference price a taker fill lands, always against the trader (a buy higher, a sell lower):
 * {@code basisPoints} of the reference price plus {@code rangeShare} of the candle's range (high − low), when the
 * fill happens within a candle. The result is rounded to the tick against the trader and never leaves the candle's
 * range, since no trade happened outside it. A limit order's fill is further capped at its limit.
 */
public record SlippageModel(BigDecimal basisPoints, BigDecimal rangeShare) {

    public SlippageModel {
        basisPoints = Decimals.requireNonNegative(basisPoints, "basisPoints");
        if (basisPoints.compareTo(BigDecimal.valueOf(10_000)) >= 0) {
            throw new IllegalArgumentException("basisPoints must be below 10000, was " + basisPoints.toPlainString());
        }
        rangeShare = Decimals.requireNonNegative(rangeShare, "rangeShare");
        if (rangeShare.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("rangeShare is at most 1, was " + rangeShare.toPlainString());
        }
    }

    public static SlippageModel none() {
        return new SlippageModel(BigDecimal.ZERO, BigDecimal.ZERO);
    }

    public static SlippageModel basisPoints(String bps) {
        return new SlippageModel(new BigDecimal(bps), BigDecimal.ZERO);
    }

    /** The slippage amount at {@code reference} within a range of {@code range} (zero when unknown), exact. */
    public BigDecimal amount(BigDecimal reference, BigDecimal range) {
        return Decimals.normalize(reference.multiply(basisPoints.movePointLeft(4)).add(range.multiply(rangeShare)));
    }

    /** The fraction of the price that {@link #basisPoints} adds: what a reservation allows for. */
    public BigDecimal rate() {
        return basisPoints.movePointLeft(4);
    }
}
