package dev.bulwark.adapters.persistence.signals;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Group commit for writes that need no answer but "written": concurrent callers' items are written together by one
 * of them (the leader) while the others wait, and each caller returns once its item is written, or throws its own
 * failure. No gathering wait: while {@code maxConcurrent} groups are being written the next callers queue up, and
 * whoever finds a free slot takes everything queued (up to {@code maxBatch}), so a lone caller pays for nothing and a
 * busy one shares its commit. Locks only from {@code java.util.concurrent}, so callers may be virtual threads.
 */
final class GroupWriter<T> {
    /** Writes a group; returns, for each item in order, null when written or the failure that item alone gets. */
    interface Writer<T> {
        List<@Nullable RuntimeException> write(List<T> items);
    }

    private final Writer<T> writer;
    private final int maxBatch;
    private final int maxConcurrent;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Item<T>> pending = new ArrayDeque<>();
    private int writing;

    GroupWriter(Writer<T> writer, int maxBatch, int maxConcurrent) {
        this.writer = Objects.requireNonNull(writer, "writer");
        if (maxBatch < 1 || maxConcurrent < 1) {
            throw new IllegalArgumentException("a group holds at least one item and at least one group is written at once");
        }
        this.maxBatch = maxBatch;
        this.maxConcurrent = maxConcurrent;
    }

    /** Returns once {@code value} is written; throws what its write failed with. */
    void write(T value) {
        Item<T> mine = new Item<>(value);
        lock.lock();
        try {
            pending.addLast(mine);
            while (!mine.done) {
                if (!mine.taken && writing < maxConcurrent) {
                    lead();
                } else {
                    changed.awaitUninterruptibly(); // the outcome is definite: written or failed, never abandoned
                }
            }
        } finally {
            lock.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
    }

    /** Called and returns with the lock held; releases it while writing. */
    private void lead() {
        int size = Math.min(pending.size(), maxBatch);
        List<Item<T>> group = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Item<T> item = pending.pollFirst();
            item.taken = true;
            group.add(item);
        }
        writing++;
        lock.unlock();
        @Nullable List<@Nullable RuntimeException> failures = null;
        @Nullable RuntimeException all = null;
        try {
            failures = writer.write(group.stream().map(item -> item.value).toList());
        } catch (RuntimeException e) {
            all = e;
        } finally {
            lock.lock();
            writing--;
            for (int i = 0; i < group.size(); i++) {
                Item<T> item = group.get(i);
                if (failures != null && failures.size() == group.size()) {
                    item.failure = failures.get(i);
                } else {
                    item.failure = all != null ? all : new IllegalStateException("the group write did not finish");
                }
                item.done = true;
            }
            changed.signalAll();
        }
    }

    private static final class Item<T> {
        final T value;
        boolean taken;
        boolean done;
        @Nullable RuntimeException failure;

        Item(T value) {
            this.value = value;
        }
    }
}
