package dev.bulwark.adapters.exchange.paper;

import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.paper.PaperAccount;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * One paper account's books as this process last saved or loaded them, shared by every gateway connected to the
 * account here. Its lock makes those gateways take turns, so workers trading one account in one process never
 * race each other through the store's compare-and-set; only other processes can make a save conflict.
 * The books are read and replaced under the lock only.
 */
final class PaperBooks {
    /** The engine, what market time it has seen per instrument, and the stored version it came from. */
    record Books(PaperAccount engine, Map<Instrument, Instant> processedUntil, long version) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private @Nullable Books books;

    ReentrantLock lock() {
        return lock;
    }

    @Nullable Books books() {
        return books;
    }

    void books(@Nullable Books latest) {
        books = latest;
    }
}
