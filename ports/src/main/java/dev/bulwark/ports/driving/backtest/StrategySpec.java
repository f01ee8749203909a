package dev.bulwark.ports.driving.backtest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Duration;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Where a backtest's signals come from: a built-in strategy, or a list of alerts with their times. Checks that
 * span two fields (fast below slow, lower below upper, a positive duration) are the use case's, reported as field
 * errors like the rest.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public sealed interface StrategySpec {

    /** The moving-average crossover: buy on a golden cross, sell what is held on a death cross; 1 ≤ fast &lt; slow. */
    record SmaCrossSpec(@Min(1) @Max(10_000) int fast, @Min(2) @Max(10_000) int slow) implements StrategySpec {
    }

    /** Dollar-cost averaging: buy {@code quoteAmount} worth every {@code every} (positive), at the candle's close. */
    record DcaSpec(@NotNull @Nullable Duration every, @NotNull @Positive @Nullable BigDecimal quoteAmount)
            implements StrategySpec {
    }

    /**
     * A grid of {@code levels} evenly spaced prices from {@code lower} to {@code upper} (both included): buys
     * {@code quantityPerLevel} when the close crosses down through a level, sells it one level higher.
     */
    record GridSpec(
            @NotNull @Positive @Nullable BigDecimal lower,
            @NotNull @Positive @Nullable BigDecimal upper,
            @Min(2) @Max(1_000) int levels,
            @NotNull @Positive @Nullable BigDecimal quantityPerLevel) implements StrategySpec {
    }

    /**
     * A CSV of alerts, as exported from an alert log. The first line is a header naming the columns, in any order
     * and any case: {@code time} and {@code action} are required; {@code symbol}, {@code quantity},
     * {@code stopLoss} and {@code takeProfit} are optional, as columns and as cells. Then one alert per line:
     * <ul>
     *   <li>{@code time}: an ISO-8601 instant ({@code 2024-03-01T12:00:00Z}) or date-time with an offset;</li>
     *   <li>{@code action}: {@code buy}, {@code sell} or {@code close}, any case;</li>
     *   <li>{@code symbol}: when given, the backtest's own {@code BASE/QUOTE} (any case);</li>
     *   <li>{@code quantity}: base units, positive; empty to size a buy with the command's sizing, or to sell all
     *       that is held;</li>
     *   <li>{@code stopLoss}, {@code takeProfit}: absolute prices protecting a buy, overriding the command's
     *       percentages.</li>
     * </ul>
     * Blank lines are skipped. Every bad line is reported at once. An alert is acted on at the close of the candle
     * it falls in (the first candle after it when the data has a gap); lines are acted on in time order, ties in
     * file order.
     */
    record SignalsCsvSpec(@NotNull @Size(max = 10_000_000) @Nullable String csv) implements StrategySpec {
    }
}
