package dev.bulwark.adapters.exchange.binance;

import dev.bulwark.ports.errors.RateLimited;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What Binance told us about our IP's standing, shared by every gateway of one provider (Binance counts weight and
 * bans per IP, not per key): the request weight used in the current minute (from {@code X-MBX-USED-WEIGHT-1M}), the
 * other used-weight and order-count headers as last seen, and a back-off after a 429 or a ban after a 418. While
 * backing off, calls fail fast with {@link RateLimited} without reaching Binance: calling on after a 429 is what
 * earns a ban, and calling during a ban lengthens it. Thread-safe.
 */
final class BinanceIpLimits {
    static final String REQUEST_WEIGHT = "request-weight";

    private final int weightPerMinute;
    private final Map<String, Long> lastHeaders = new ConcurrentHashMap<>();
    private volatile Instant blockedUntil = Instant.MIN;
    private volatile boolean banned;
    private volatile long usedWeight1m;
    private volatile Instant usedWeightMinute = Instant.MIN;

    BinanceIpLimits(int weightPerMinute) {
        this.weightPerMinute = weightPerMinute;
    }

    /** Throws {@link RateLimited} when Binance asked us to stay away, or the minute's weight is spent. */
    void checkBeforeCall(Instant now) {
        Instant until = blockedUntil;
        if (now.isBefore(until)) {
            throw new RateLimited(banned ? "Binance has banned this IP until " + until + "; no request is sent before"
                    : "Binance asked to wait until " + until + " before the next request", REQUEST_WEIGHT,
                    Duration.between(now, until));
        }
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        if (minute.equals(usedWeightMinute) && usedWeight1m >= weightPerMinute) {
            Instant next = minute.plus(Duration.ofMinutes(1));
            throw new RateLimited("this IP has used its " + weightPerMinute + " request weight for the minute",
                    REQUEST_WEIGHT, Duration.between(now, next));
        }
    }

    /** Reads the {@code X-MBX-USED-WEIGHT-*} and {@code X-MBX-ORDER-COUNT-*} headers of an answer. */
    void record(Map<String, java.util.List<String>> headers, Instant now) {
        headers.forEach((name, values) -> {
            String upper = name.toUpperCase(java.util.Locale.ROOT);
            if ((upper.startsWith("X-MBX-USED-WEIGHT-") || upper.startsWith("X-MBX-ORDER-COUNT-")) && !values.isEmpty()) {
                try {
                    long value = Long.parseLong(values.getFirst().trim());
                    lastHeaders.put(upper, value);
                    if (upper.equals("X-MBX-USED-WEIGHT-1M")) {
                        usedWeight1m = value;
                        usedWeightMinute = now.truncatedTo(ChronoUnit.MINUTES);
                    }
                } catch (NumberFormatException e) {
                    // a header we cannot read tells us nothing; the next answer will
                }
            }
        });
    }

    /** A 429: back off for {@code retryAfter}. */
    void throttled(Instant now, Duration retryAfter) {
        extend(now.plus(retryAfter), false);
    }

    /** A 418: the IP is banned for {@code retryAfter}. */
    void bannedFor(Instant now, Duration retryAfter) {
        extend(now.plus(retryAfter), true);
    }

    private synchronized void extend(Instant until, boolean ban) {
        if (until.isAfter(blockedUntil)) {
            blockedUntil = until;
            banned = ban;
        }
    }

    /** The request weight used in the minute of the last answer, as Binance counted it. */
    long usedWeight1m() {
        return usedWeight1m;
    }

    /** The last value of a used-weight or order-count header ({@code X-MBX-ORDER-COUNT-10S}), if seen. */
    Optional<Long> header(String name) {
        return Optional.ofNullable(lastHeaders.get(name.toUpperCase(java.util.Locale.ROOT)));
    }
}
