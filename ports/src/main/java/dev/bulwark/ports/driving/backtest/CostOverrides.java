package dev.bulwark.ports.driving.backtest;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What-if costs for a backtest; each null keeps the simulated venue's own value.
 *
 * @param makerFeeBps the fee of a fill that rested, in basis points of its notional, below 10000
 * @param takerFeeBps the fee of a fill that took liquidity (every market order), below 10000
 * @param slippageBps how far from the price a taker fill lands against the trader, in basis points, below 10000
 * @param slippageRangeShare plus this share of the candle's range (high − low), 0 to 1
 * @param maxVolumeShare the most of a candle's volume one candle (or one order's arrival) may fill, above 0 and at
 *     most 1 (1 lets an order take the whole candle)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record CostOverrides(
        @PositiveOrZero @DecimalMax(value = "10000", inclusive = false) @Nullable BigDecimal makerFeeBps,
        @PositiveOrZero @DecimalMax(value = "10000", inclusive = false) @Nullable BigDecimal takerFeeBps,
        @PositiveOrZero @DecimalMax(value = "10000", inclusive = false) @Nullable BigDecimal slippageBps,
        @PositiveOrZero @DecimalMax("1") @Nullable BigDecimal slippageRangeShare,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") @Nullable BigDecimal maxVolumeShare) {

    /** No fees, no slippage, no volume cap: the strategy's raw edge. */
    public static CostOverrides frictionless() {
        return new CostOverrides(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ONE);
    }
}
