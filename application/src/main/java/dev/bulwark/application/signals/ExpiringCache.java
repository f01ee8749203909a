package dev.bulwark.application.signals;

import dev.bulwark.ports.driven.system.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A small in-memory map whose entries live at most {@code ttl} (by the injected clock) and of which at most
 * {@code capacity} are kept, the least recently used leaving first. One lock guards it (a {@link ReentrantLock}, so
 * virtual threads never pin their carrier); the value is computed outside the lock, so a slow computation never
 * holds up other keys, and two threads missing the same key at once may both compute it (the last one is kept).
 */
final class ExpiringCache<K, V> {
    private record Slot<V>(V value, Instant expiresAt) {
    }

    private final int capacity;
    private final Duration ttl;
    private final TimeSource time;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<K, Slot<V>> entries;

    ExpiringCache(int capacity, Duration ttl, TimeSource time) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a cache holds at least one entry");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("entries live a positive time");
        }
        this.capacity = capacity;
        this.ttl = ttl;
        this.time = Objects.requireNonNull(time, "time");
        this.entries = new LinkedHashMap<>() { // insertion order; a hit moves its entry to the end
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Slot<V>> eldest) {
                return size() > ExpiringCache.this.capacity;
            }
        };
    }

    /** The live value of {@code key}, computed (and kept) when there is none. */
    V get(K key, Function<K, V> compute) {
        Instant now = time.now();
        V cached = live(key, now);
        if (cached != null) {
            return cached;
        }
        V value = compute.apply(key);
        put(key, value);
        return value;
    }

    /** The live value of {@code key}, if there is one. */
    java.util.Optional<V> peek(K key) {
        return java.util.Optional.ofNullable(live(key, time.now()));
    }

    /** Keeps {@code value} for {@code key} from now. */
    void put(K key, V value) {
        Objects.requireNonNull(value, "a cached value");
        Instant now = time.now();
        lock.lock();
        try {
            entries.put(key, new Slot<>(value, now.plus(ttl)));
        } finally {
            lock.unlock();
        }
    }

    private @Nullable V live(K key, Instant now) {
        lock.lock();
        try {
            Slot<V> entry = entries.get(key);
            if (entry == null) {
                return null;
            }
            if (!now.isBefore(entry.expiresAt())) {
                entries.remove(key);
                return null;
            }
            entries.remove(key); // the most recently used goes last, so the eldest is the least recently used
            entries.put(key, entry);
            return entry.value();
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }
}
