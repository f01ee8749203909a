package dev.bulwark.adapters.exchange.marketdata.testing;

import dev.bulwark.ports.driven.system.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** A time source the test moves by hand. */
public final class MutableClock implements TimeSource {
    private final AtomicReference<Instant> now;

    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    public MutableClock(String start) {
        this(Instant.parse(start));
    }

    @Override
    public Instant now() {
        return now.get();
    }

    public void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }

    public void set(Instant to) {
        now.set(to);
    }
}
