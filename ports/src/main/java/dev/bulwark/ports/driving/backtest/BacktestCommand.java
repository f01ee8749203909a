package dev.bulwark.ports.driving.backtest;

import dev.bulwark.domain.market.CandleInterval;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.risk.RiskProfile;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import java.time.Instant;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A backtest to run: a bot's configuration over the candles of one instrument.
 *
 * <p>Plain values with Bean Validation; the constructor never throws, so a host reports every field error at once.
 * What one annotation cannot say ({@code to} after {@code from}, the market, the quote rate a non-USD quote needs,
 * a strategy's own cross-field rules, each line of a CSV) the use case checks and reports the same way, as
 * {@link dev.bulwark.ports.errors.Invalid} field errors.
 *
 * @param symbol {@code BASE/QUOTE}, any case ({@code btc/usdt})
 * @param market {@code SPOT} or {@code STOCK}: long-only cash markets. Futures are not backtested yet (shorts,
 *     margin and funding would need their own loop)
 * @param interval the candles' interval; the strategy sees one candle at a time, at its close
 * @param from the first candle opening at or after this time is the first of the run
 * @param to candles open before this time; a candle still forming when the run starts is left out, so a rerun
 *     agrees. The range holds at most 1,100,000 candles (two years of minutes)
 * @param initialQuote the run's funding, in the quote asset
 * @param sizing sizes a buy whose signal names no quantity (SMA cross, CSV lines without one); required then
 * @param stopLossPercent after each entry fills, a stop-market sell this far below the average fill price; also
 *     caps the size through the risk profile's risk per trade, as live
 * @param takeProfitPercent after each entry fills, a take-profit sell this far above it (with a stop loss, the
 *     two form an OCO pair)
 * @param riskProfile the limits the risk engine applies; null for {@link RiskProfile#defaults()}. Its values in
 *     USDT are compared with the run's through {@code quoteRate}
 * @param costs what-if fees, slippage and volume cap; null for the simulated venue's
 * @param quoteRate what one unit of the quote asset is worth in USDT, for the risk limits; null means 1, allowed
 *     only for a USD or USD-stablecoin quote (a live rate would make reruns differ)
 * @param strategy where the signals come from
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record BacktestCommand(
        @NotNull @Pattern(regexp = "\\s*[A-Za-z0-9]{1,20}/[A-Za-z0-9]{1,20}\\s*") @Nullable String symbol,
        @NotNull @Nullable Market market,
        @NotNull @Nullable CandleInterval interval,
        @NotNull @Nullable Instant from,
        @NotNull @Nullable Instant to,
        @NotNull @Positive @Nullable BigDecimal initialQuote,
        @Valid @Nullable SizingSpec sizing,
        @Positive @DecimalMax(value = "100", inclusive = false) @Nullable BigDecimal stopLossPercent,
        @Positive @Nullable BigDecimal takeProfitPercent,
        @Nullable RiskProfile riskProfile,
        @Valid @Nullable CostOverrides costs,
        @Positive @Nullable BigDecimal quoteRate,
        @NotNull @Valid @Nullable StrategySpec strategy) {
}
