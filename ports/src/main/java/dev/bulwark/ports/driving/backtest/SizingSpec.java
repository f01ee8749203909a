package dev.bulwark.ports.driving.backtest;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * How a signal without a quantity is sized: the command's mirror of the bot's position sizing, with Bean Validation
 * instead of throwing constructors, so a user gets every field error at once.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public sealed interface SizingSpec {

    /** Spend this much of the quote asset per entry. */
    record FixedQuote(@NotNull @Positive @Nullable BigDecimal amount) implements SizingSpec {
    }

    /** Commit this percentage of the equity (marked at the signal's close) per entry, above 0 and at most 100. */
    record PercentOfEquity(@NotNull @Positive @DecimalMax("100") @Nullable BigDecimal percent) implements SizingSpec {
    }

    /** Trade this many units of the base asset per entry. */
    record FixedUnits(@NotNull @Positive @Nullable BigDecimal quantity) implements SizingSpec {
    }
}
