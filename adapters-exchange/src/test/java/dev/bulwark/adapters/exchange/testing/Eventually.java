package dev.bulwark.adapters.exchange.testing;

import dev.bulwark.ports.errors.VenueUnavailable;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Waits for an open circuit breaker to let a call through again, polling with a bound instead of sleeping a fixed
 * time (Failsafe times the breaker's pause on its own clock, so tests cannot move it).
 */
public final class Eventually {
    private Eventually() {
    }

    /** Retries {@code call} while the venue is unavailable (the breaker still open), for at most {@code within}. */
    public static <T> T afterTheBreakerPause(Supplier<T> call, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                return call.get();
            } catch (VenueUnavailable stillOpen) {
                if (System.nanoTime() > deadline) {
                    throw stillOpen;
                }
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
        }
    }

    public static <T> T afterTheBreakerPause(Supplier<T> call) {
        return afterTheBreakerPause(call, Duration.ofSeconds(10));
    }
}
