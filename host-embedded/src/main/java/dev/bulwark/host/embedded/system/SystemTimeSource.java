package dev.bulwark.host.embedded.system;

import dev.bulwark.ports.driven.system.TimeSource;
import java.time.Clock;
import java.time.Instant;

/** The machine's UTC clock. */
public final class SystemTimeSource implements TimeSource {
    private final Clock clock = Clock.systemUTC();

    @Override
    public Instant now() {
        return clock.instant();
    }
}
