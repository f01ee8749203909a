package dev.bulwark.adapters.exchange.alpaca;

import dev.bulwark.adapters.exchange.support.VenueResilience;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How an {@link AlpacaVenueProvider} connects, beyond what a {@link dev.bulwark.ports.driven.venues.VenueConnection}
 * says. The connection's base URL chooses the trading API; market data lives on a separate host, which this
 * overrides (tests point both at local fakes).
 *
 * @param dataBaseUrl the market data API ({@code https://data.alpaca.markets}); null for Alpaca's own
 * @param extendedHours whether this connection trades Alpaca's extended session (pre-market and after hours).
 *     Alpaca accepts an extended-hours order only as a LIMIT order with time in force DAY. Bulwark has no DAY time in
 *     force, so when this is set a GTC limit order is sent as DAY with {@code extended_hours}: it works until the end
 *     of the day's extended session, then Alpaca expires it. Every other order (market, stop, trailing, an IOC or FOK
 *     limit) is refused as {@code unsupported} on such a connection rather than silently sent without the flag.
 * @param resilience timeouts, retries for reads, the circuit breaker
 * @param cancelConfirmation how long {@code cancel} waits for Alpaca, which cancels asynchronously, to confirm
 */
public record AlpacaSettings(@Nullable URI dataBaseUrl, boolean extendedHours, VenueResilience.Settings resilience,
        Duration cancelConfirmation) {

    /** Alpaca's own data host, regular session only, the shared resilience defaults, two seconds to confirm a cancel. */
    public static final AlpacaSettings DEFAULTS =
            new AlpacaSettings(null, false, VenueResilience.Settings.DEFAULTS, Duration.ofSeconds(2));

    public AlpacaSettings {
        Objects.requireNonNull(resilience, "resilience");
        Objects.requireNonNull(cancelConfirmation, "cancelConfirmation");
        if (cancelConfirmation.isNegative()) {
            throw new IllegalArgumentException("cancelConfirmation is zero or more, was " + cancelConfirmation);
        }
        if (dataBaseUrl != null && (dataBaseUrl.getScheme() == null || dataBaseUrl.getHost() == null)) {
            throw new IllegalArgumentException("a data base URL names a scheme and a host, was " + dataBaseUrl);
        }
    }

    public AlpacaSettings withDataBaseUrl(@Nullable URI url) {
        return new AlpacaSettings(url, extendedHours, resilience, cancelConfirmation);
    }

    public AlpacaSettings withExtendedHours(boolean extended) {
        return new AlpacaSettings(dataBaseUrl, extended, resilience, cancelConfirmation);
    }

    public AlpacaSettings withResilience(VenueResilience.Settings settings) {
        return new AlpacaSettings(dataBaseUrl, extendedHours, settings, cancelConfirmation);
    }
}
