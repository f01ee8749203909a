package dev.bulwark.domain.paper;

import dev.bulwark.domain.money.Decimals;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A venue profile's trading fees, in basis points of a fill's notional: {@code makerBps} for a fill of an order that
 * rested on the book, {@code takerBps} for one that took liquidity. Both are below 10000 bps (100%), so a fee never
 * exceeds what it is charged on. {@code spotBuyFeeAsset} is the profile's one convention for spot buys.
 */
public record FeeSchedule(BigDecimal makerBps, BigDecimal takerBps, FeeAsset spotBuyFeeAsset) {
    private static final BigDecimal FULL = BigDecimal.valueOf(10_000);

    public FeeSchedule {
        makerBps = belowFull(makerBps, "makerBps");
        takerBps = belowFull(takerBps, "takerBps");
        Objects.requireNonNull(spotBuyFeeAsset, "spotBuyFeeAsset");
    }

    /** Fees charged in the quote asset. */
    public static FeeSchedule of(String makerBps, String takerBps) {
        return new FeeSchedule(new BigDecimal(makerBps), new BigDecimal(takerBps), FeeAsset.QUOTE);
    }

    /** No fees at all, for tests and what-if runs. */
    public static FeeSchedule free() {
        return of("0", "0");
    }

    /** The fee rate (a fraction, exact) for a fill of the given liquidity. */
    public BigDecimal rate(Liquidity liquidity) {
        return (liquidity == Liquidity.MAKER ? makerBps : takerBps).movePointLeft(4);
    }

    /** The larger of the two rates: what a reservation must cover when it cannot know how the order will fill. */
    public BigDecimal maxRate() {
        return makerBps.max(takerBps).movePointLeft(4);
    }

    private static BigDecimal belowFull(BigDecimal bps, String name) {
        BigDecimal value = Decimals.requireNonNegative(bps, name);
        if (value.compareTo(FULL) >= 0) {
            throw new IllegalArgumentException(name + " must be below 10000 bps, was " + value.toPlainString());
        }
        return value;
    }
}
