package dev.bulwark.ports.driving.venues;

import dev.bulwark.domain.venues.Environment;
import dev.bulwark.ports.driving.accounts.AccountCommands;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
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

/** Commands of {@link ConnectVenues}. Secrets in them are never printed ({@code toString} hides them). */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface VenueCommands {
    /**
     * @param venue a venue id from {@link ConnectVenues#venues()} ({@code binance}, {@code paper}, ...)
     * @param environment PAPER (the venue's testnet/paper environment, or the paper venue) or LIVE
     * @param baseUrl an https endpoint to use instead of the venue's (a regional or testnet one)
     * @param apiKey required by every venue but {@code paper}
     * @param apiSecret the secret, or the PEM private key (Coinbase)
     * @param passphrase where the venue has one (Bitget, OKX)
     * @param secondFactor required for credentials and for LIVE
     */
    record CreateVenueAccount(@NotBlank @Pattern(regexp = "[a-z0-9-]{1,40}") @Nullable String venue,
                              @NotBlank @Size(max = 100) @Nullable String label,
                              @NotNull @Nullable Environment environment,
                              @Size(max = 200) @Nullable String baseUrl,
                              @Size(min = 1, max = 500) @Nullable String apiKey,
                              @Size(min = 1, max = 2000) @Nullable String apiSecret,
                              @Size(min = 1, max = 200) @Nullable String passphrase,
                              @Pattern(regexp = AccountCommands.SECOND_FACTOR) @Nullable String secondFactor) {
        @Override
        public String toString() {
            return "CreateVenueAccount[venue=" + venue + ", label=" + label + ", environment=" + environment + "]";
        }
    }

    /**
     * Changes what is given (null leaves it): label, active, environment (to LIVE needs the second factor).
     */
    record UpdateVenueAccount(@Size(min = 1, max = 100) @Nullable String label,
                              @Nullable Boolean active,
                              @Nullable Environment environment,
                              @Pattern(regexp = AccountCommands.SECOND_FACTOR) @Nullable String secondFactor) {
    }

    /** New credentials for an account, validated like new ones; always needs the second factor. */
    record ReplaceCredentials(@NotBlank @Size(max = 500) @Nullable String apiKey,
                              @NotBlank @Size(max = 2000) @Nullable String apiSecret,
                              @Size(min = 1, max = 200) @Nullable String passphrase,
                              @Pattern(regexp = AccountCommands.SECOND_FACTOR) @Nullable String secondFactor) {
        @Override
        public String toString() {
            return "ReplaceCredentials[****]";
        }
    }

    /**
     * An account's whole risk profile: a limit left out (null) takes the product's default
     * ({@code RiskProfile.defaults()}), so {@code {}} sets the defaults again. Sizes are base units, values USDT,
     * shares fractions of equity.
     *
     * @param symbolWhitelist {@code BASE/QUOTE} symbols the account may trade; empty or left out: every symbol on
     *                        paper and, unless a bot names its own, none live
     * @param maxPositionShare largest position as a share of equity, above 0 and at most 1
     * @param maxLeverage at least 1
     * @param maxRiskPerTrade share of equity at risk per order, above 0 and at most 1
     * @param maxDailyLoss share of the day's starting equity, above 0 and at most 1
     * @param version when given, the version the change is based on: a profile changed meanwhile is a Conflict
     *                (0 for an account still on the defaults)
     */
    record SetRiskProfile(@Size(max = 500) @Nullable Set<@NotNull @Pattern(regexp = "\\s*[A-Za-z0-9]{1,20}/[A-Za-z0-9]{1,20}\\s*") String> symbolWhitelist,
                          @Positive @Nullable BigDecimal minOrderSize,
                          @Positive @Nullable BigDecimal maxOrderSize,
                          @Positive @Nullable BigDecimal maxOrderValue,
                          @Positive @Nullable BigDecimal maxPositionValue,
                          @Positive @DecimalMax("1") @Nullable BigDecimal maxPositionShare,
                          @DecimalMin("1") @Nullable BigDecimal maxLeverage,
                          @Positive @DecimalMax("1") @Nullable BigDecimal maxRiskPerTrade,
                          @Positive @DecimalMax("1") @Nullable BigDecimal maxDailyLoss,
                          @Min(1) @Max(1000) @Nullable Integer maxOpenPositions,
                          @Min(0) @Nullable Integer version) {
    }
}
