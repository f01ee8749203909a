package dev.bulwark.host.embedded.system;

import dev.bulwark.ports.driven.system.IdGenerator;
import dev.bulwark.ports.driven.system.TimeSource;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then a 12-bit counter ({@code rand_a} used as RFC 9562's
 * "fixed bit-length dedicated counter", method 1), then 62 random bits. Ids from one generator are strictly
 * increasing, even within one millisecond and when the clock steps back: the generator never goes below the
 * last millisecond it used, and a counter overflow borrows the next millisecond.
 *
 * <p>Thread-safe. A lock rather than {@code synchronized}, so virtual threads never pin their carrier.
 */
public final class UuidV7Generator implements IdGenerator {
    private static final int COUNTER_BITS = 12;
    private static final int COUNTER_MAX = (1 << COUNTER_BITS) - 1;

    private final TimeSource time;
    private final SecureRandom random;
    private final ReentrantLock lock = new ReentrantLock();
    private long lastMillis = -1;
    private int counter;

    public UuidV7Generator(TimeSource time) {
        this(time, new SecureRandom());
    }

    UuidV7Generator(TimeSource time, SecureRandom random) {
        this.time = Objects.requireNonNull(time, "time");
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public UUID newId() {
        long millis;
        int sequence;
        lock.lock();
        try {
            long now = time.now().toEpochMilli();
            if (now > lastMillis) {
                lastMillis = now;
                // start low in the counter's range so many ids fit in one millisecond before borrowing the next
                counter = random.nextInt(1 << (COUNTER_BITS - 2));
            } else if (counter < COUNTER_MAX) {
                counter++;
            } else {
                lastMillis++;
                counter = 0;
            }
            millis = lastMillis;
            sequence = counter;
        } finally {
            lock.unlock();
        }
        long mostSignificant = (millis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | sequence;
        long leastSignificant = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(mostSignificant, leastSignificant);
    }
}
