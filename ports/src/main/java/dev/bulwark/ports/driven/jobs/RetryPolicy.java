package dev.bulwark.ports.driven.jobs;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import org.apiguardian.api.API;

/**
 * How often a job runs and how long it waits between attempts: exponential backoff ({@code base × 2^(n−1)},
 * capped at {@code max}) with "equal jitter" (half the delay fixed, half spread), so retries of many jobs that
 * failed together do not return together. The jitter is derived from the job's id and attempt, not from a random
 * source: the same job waits the same time on a replay of the same history, and tests can predict it.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record RetryPolicy(int maxAttempts, Duration base, Duration max) {

    /** The first attempt plus 3 retries, 1 s, 2 s, 4 s apart (± jitter), never more than 5 minutes. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofMinutes(5));

    public RetryPolicy {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(max, "max");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts is at least 1 (the first attempt)");
        }
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("0 < base <= max");
        }
    }

    /** Whether a job that failed its {@code attempt}-th run may run again. */
    public boolean retriesAfter(int attempt) {
        return attempt < maxAttempts;
    }

    /** How long to wait after the {@code attempt}-th run failed: within [delay/2, delay] of the capped backoff. */
    public Duration delayAfter(int attempt, UUID jobId) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt counts from 1");
        }
        long baseMillis = base.toMillis();
        long capMillis = max.toMillis();
        int doublings = Math.min(attempt - 1, 40);
        long delay = baseMillis > (capMillis >> doublings) ? capMillis : Math.min(capMillis, baseMillis << doublings);
        long half = delay / 2;
        long spread = delay - half;
        long mixed = mix(jobId.getMostSignificantBits() ^ jobId.getLeastSignificantBits() ^ attempt);
        return Duration.ofMillis(half + Math.floorMod(mixed, spread + 1));
    }

    private static long mix(long z) { // SplitMix64's finalizer: spreads nearby inputs far apart
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
