package dev.bulwark.adapters.exchange.marketdata;

import dev.bulwark.domain.money.Decimals;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How {@link LiveMarketData} caches.
 *
 * @param priceTtl how long an answer (a price, or "no source lists this") is served from the cache without
 *        asking again
 * @param staleAfter how old a cached price may be, when every source fails, before it is served marked stale
 * @param keepFor how long a price is kept to be served, stale, when every source fails; after that the failure
 *        is the answer
 * @param candleTtl how long candles are served from the cache
 * @param assumedEurUsd US dollars per euro to assume, flagged, when no market prices EUR at all; null leaves EUR
 *        unpriced then (live markets normally answer)
 */
public record LiveMarketDataSettings(Duration priceTtl, Duration staleAfter, Duration keepFor, Duration candleTtl,
        @Nullable BigDecimal assumedEurUsd) {

    /** Prices for 5 s, stale after a minute, kept a day; candles for a minute; no assumed EUR rate. */
    public static final LiveMarketDataSettings DEFAULTS = new LiveMarketDataSettings(Duration.ofSeconds(5),
            Duration.ofMinutes(1), Duration.ofDays(1), Duration.ofMinutes(1), null);

    public LiveMarketDataSettings {
        requirePositive(priceTtl, "priceTtl");
        requirePositive(staleAfter, "staleAfter");
        requirePositive(keepFor, "keepFor");
        requirePositive(candleTtl, "candleTtl");
        if (staleAfter.compareTo(priceTtl) < 0) {
            throw new IllegalArgumentException("staleAfter is at least priceTtl: a price fresh enough to serve from"
                    + " the cache is not stale, was " + staleAfter + " < " + priceTtl);
        }
        if (keepFor.compareTo(staleAfter) < 0) {
            throw new IllegalArgumentException("keepFor is at least staleAfter, was " + keepFor + " < " + staleAfter);
        }
        assumedEurUsd = assumedEurUsd == null ? null : Decimals.requirePositive(assumedEurUsd, "assumedEurUsd");
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }
}
