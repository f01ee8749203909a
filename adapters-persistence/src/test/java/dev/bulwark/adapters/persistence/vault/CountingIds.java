package dev.bulwark.adapters.persistence.vault;

import dev.bulwark.ports.driven.system.IdGenerator;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Ids 1, 2, 3, ...: a test knows which id the next entry gets. */
final class CountingIds implements IdGenerator {
    private final AtomicLong next = new AtomicLong(1);

    @Override
    public UUID newId() {
        return id(next.getAndIncrement());
    }

    static UUID id(long n) {
        return new UUID(0, n);
    }
}
