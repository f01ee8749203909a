package dev.bulwark.adapters.exchange.support;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bulwark.ports.driven.system.TimeSource;
import java.time.Duration;
import java.time.Instant;

/**
 * The caches of venue gateways (trading rules for about an hour, prices for seconds), expiring on the connection's
 * {@link TimeSource} rather than the system clock, so a test or a replay moves their time with everything else.
 */
public final class VenueCaches {
    private VenueCaches() {
    }

    /** A cache whose entries expire {@code ttl} after they are written, by {@code clock}, holding at most {@code max}. */
    public static <K, V> Cache<K, V> expiring(TimeSource clock, Duration ttl, long max) {
        return Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(max).ticker(() -> nanos(clock.now())).build();
    }

    private static long nanos(Instant now) {
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
