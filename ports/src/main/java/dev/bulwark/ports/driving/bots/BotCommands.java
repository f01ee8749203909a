package dev.bulwark.ports.driving.bots;

import dev.bulwark.domain.bots.AssetType;
import dev.bulwark.domain.bots.BotStatus;
import dev.bulwark.domain.venues.Environment;
import dev.bulwark.ports.driving.accounts.AccountCommands;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.Set;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/** Commands of {@link ManageBots}: plain values with Bean Validation; constructors never throw. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface BotCommands {
    /** How an order is sized when the signal names no quantity. */
    enum SizingKind {
        /** {@code amount} of the quote asset per order. */
        FIXED_QUOTE,
        /** {@code amount} percent of the account's equity per order (at most 100). */
        PERCENT_OF_EQUITY,
        /** {@code amount} units of the base asset per order. */
        FIXED_UNITS
    }

    record Sizing(@NotNull @Nullable SizingKind kind, @NotNull @Positive @Nullable BigDecimal amount) {
    }

    /**
     * The bot's own limits, on top of the workspace's risk profile; null: not set.
     *
     * @param maxDailyLoss share of equity, above 0 and at most 1
     * @param allowedSymbols {@code BASE/QUOTE}; empty: any
     */
    record Risk(@Positive @DecimalMax(value = "100", inclusive = false) @Nullable BigDecimal stopLossPercent,
                @Positive @Nullable BigDecimal takeProfitPercent,
                @Positive @DecimalMax("1") @Nullable BigDecimal maxDailyLoss,
                @Min(1) @Max(1000) @Nullable Integer maxOpenPositions,
                @Size(max = 100) @Nullable Set<@Pattern(regexp = "\\s*[A-Za-z0-9]{1,20}/[A-Za-z0-9]{1,20}\\s*") String> allowedSymbols) {
    }

    /**
     * @param account the venue account the bot trades on (one of the workspace's)
     * @param mode PAPER or LIVE (LIVE needs a second factor, a plan that allows it, and a live account)
     */
    record CreateBot(@NotBlank @Size(max = 100) @Nullable String name,
                     @Size(max = 1000) @Nullable String description,
                     @NotNull @Nullable AssetType assetType,
                     @NotBlank @Pattern(regexp = "[0-9a-fA-F-]{36}") @Nullable String account,
                     @NotNull @Nullable Environment mode,
                     @NotNull @Valid @Nullable Sizing sizing,
                     @Valid @Nullable Risk risk,
                     @Pattern(regexp = AccountCommands.SECOND_FACTOR) @Nullable String secondFactor) {
    }

    /**
     * Changes what is given (null leaves it). {@code configVersion} is the version the change was made on: a stale one
     * is refused (someone else changed the bot first).
     */
    record UpdateBot(@NotNull @Min(1) @Nullable Integer configVersion,
                     @Size(min = 1, max = 100) @Nullable String name,
                     @Size(max = 1000) @Nullable String description,
                     @Nullable AssetType assetType,
                     @Pattern(regexp = "[0-9a-fA-F-]{36}") @Nullable String account,
                     @Nullable Environment mode,
                     @Valid @Nullable Sizing sizing,
                     @Valid @Nullable Risk risk,
                     @Pattern(regexp = AccountCommands.SECOND_FACTOR) @Nullable String secondFactor) {
    }

    record CloneBot(@NotBlank @Size(max = 100) @Nullable String name) {
    }

    record SetStatus(@NotNull @Nullable BotStatus status) {
    }
}
