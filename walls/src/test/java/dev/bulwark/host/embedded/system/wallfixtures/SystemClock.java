package dev.bulwark.host.embedded.system.wallfixtures;

import java.time.Instant;
import java.util.UUID;

/** Where the clock and random ids may be read: the adapters behind TimeSource and IdGenerator. */
final class SystemClock {
    Instant now() {
        return Instant.now();
    }

    UUID id() {
        return UUID.randomUUID();
    }
}
