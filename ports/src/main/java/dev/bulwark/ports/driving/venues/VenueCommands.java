package dev.bulwark.ports.driving.venues;

import dev.bulwark.domain.venues.Environment;
import dev.bulwark.ports.driving.accounts.AccountCommands;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
}
