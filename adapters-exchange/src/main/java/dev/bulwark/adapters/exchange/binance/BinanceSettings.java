package dev.bulwark.adapters.exchange.binance;

import dev.bulwark.adapters.exchange.support.VenueResilience;
import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of the Binance provider; {@link #DEFAULTS} suit the live API. Tests shorten the timeouts.
 *
 * @param requestTimeout how long one HTTP request may take, from sending to the last byte
 * @param recvWindow how long after its timestamp Binance may still accept a signed request (at most 60 s)
 * @param resilience timeout, read retries and circuit breaker around every call
 * @param rulesFor how long trading rules are cached (Binance changes filters rarely)
 * @param priceFor how long a last price is cached
 */
public record BinanceSettings(Duration requestTimeout, Duration recvWindow, VenueResilience.Settings resilience,
        Duration rulesFor, Duration priceFor) {
    public static final BinanceSettings DEFAULTS = new BinanceSettings(Duration.ofSeconds(8), Duration.ofSeconds(5),
            VenueResilience.Settings.DEFAULTS, Duration.ofHours(1), Duration.ofSeconds(3));

    public BinanceSettings {
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(recvWindow, "recvWindow");
        Objects.requireNonNull(resilience, "resilience");
        Objects.requireNonNull(rulesFor, "rulesFor");
        Objects.requireNonNull(priceFor, "priceFor");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("a request timeout is positive, was " + requestTimeout);
        }
        if (recvWindow.toMillis() < 1 || recvWindow.toMillis() > 60_000) {
            throw new IllegalArgumentException("Binance's recvWindow is 1 ms to 60 s, was " + recvWindow);
        }
    }
}
