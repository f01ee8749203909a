package dev.bulwark.adapters.exchange.kraken;

import dev.bulwark.ports.driven.system.TimeSource;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Kraken's nonces for one API key: strictly increasing, never repeated. Kraken refuses a nonce not above the last
 * one it accepted for the key ({@code EAPI:Invalid nonce}), so each is the clock in microseconds, or one more than
 * the last handed out when the clock has not moved or stepped back. Thread-safe (one atomic update per nonce).
 *
 * <p>Requests signed concurrently may still reach Kraken out of order; the client retries a request refused for
 * its nonce with a fresh one, which is safe because Kraken refuses it before acting on it.
 */
final class KrakenNonces {
    private final TimeSource clock;
    private final AtomicLong last = new AtomicLong();

    KrakenNonces(TimeSource clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    long next() {
        Instant now = clock.now();
        long micros = Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1_000L);
        return last.updateAndGet(previous -> Math.max(previous + 1, micros));
    }
}
