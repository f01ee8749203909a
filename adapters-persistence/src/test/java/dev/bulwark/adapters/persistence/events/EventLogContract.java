package dev.bulwark.adapters.persistence.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.adapters.persistence.Database;
import dev.bulwark.adapters.persistence.storage.JooqWorkspaces;
import dev.bulwark.adapters.persistence.testing.StoreContract;
import dev.bulwark.adapters.persistence.testing.TestDatabases;
import dev.bulwark.domain.accounts.Workspace;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.events.Event;
import dev.bulwark.domain.events.EventType;
import dev.bulwark.domain.events.LoggedEvent;
import dev.bulwark.ports.errors.NotFound;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.stream.LongStream;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * The log is one order across every workspace, and this class's tests share one database: each test reads from
 * the sequence it started at, and tests that need the whole log to themselves (empty, or forgetting) open a
 * database of their own.
 */
abstract class EventLogContract extends StoreContract {

    private JooqEventLog log() {
        return new JooqEventLog(database.db());
    }

    private static Event event(WorkspaceId ws, Instant at, Map<String, String> data) {
        return new Event(ws, EventType.ORDER_UPDATED, at, data);
    }

    private static Event event(WorkspaceId ws, Instant at) {
        return event(ws, at, Map.of("order", UUID.randomUUID().toString(), "status", "FILLED"));
    }

    /** Runs {@code test} on a database of its own, with one workspace in it. */
    private void withOwnDatabase(BiConsumer<JooqEventLog, WorkspaceId> test) {
        try (Database own = TestDatabases.open(engine())) {
            WorkspaceId ws = new WorkspaceId(UUID.randomUUID());
            new JooqWorkspaces(own.db()).create(new Workspace(ws, "own", Workspace.Kind.PERSONAL, T0));
            test.accept(new JooqEventLog(own.db()), ws);
        }
    }

    @Test
    void appendsTakeTheNextSequencesAndReadBackEqual() {
        WorkspaceId ws = newWorkspace();
        long start = log().lastSequence();
        Event first = event(ws, T0, Map.of(
                "amount", "0.00012345",
                "note", "a & b = c; 100% sure",
                "empty", "",
                "unicode", "Zürich → 東京 \uD83D\uDE80",
                "key with space", "line\nbreak\u0000nul"));
        Event second = new Event(ws, EventType.FILL, T0.plusSeconds(1), Map.of());

        assertThat(log().append(first)).isEqualTo(start + 1);
        assertThat(log().append(second)).isEqualTo(start + 2);

        assertThat(log().after(ws, start, 10)).containsExactly(new LoggedEvent(start + 1, first), new LoggedEvent(start + 2, second));
        assertThat(log().lastSequence()).isEqualTo(start + 2);
    }

    @Test
    void appendAllTakesConsecutiveSequencesInListOrderAcrossWorkspaces() {
        WorkspaceId ws = newWorkspace();
        WorkspaceId other = newWorkspace();
        long start = log().lastSequence();
        List<Event> batch = List.of(event(ws, T0), new Event(other, EventType.FILL, T0.plusSeconds(1), Map.of("n", "2")),
                new Event(ws, EventType.ORDER_UPDATED, T0.plusSeconds(2), Map.of("n", "3")));

        assertThat(log().appendAll(batch)).containsExactly(start + 1, start + 2, start + 3);
        assertThat(log().appendAll(List.of())).isEmpty();

        assertThat(log().after(null, start, 10)).extracting(LoggedEvent::event).containsExactlyElementsOf(batch);
        assertThat(log().after(ws, start, 10)).extracting(LoggedEvent::sequence).containsExactly(start + 1, start + 3);
    }

    @Test
    void aBatchWithAnUnknownWorkspaceIsNotFoundAndLogsNoneOfIt() {
        WorkspaceId ws = newWorkspace();
        long start = log().lastSequence();
        List<Event> batch = List.of(event(ws, T0), event(new WorkspaceId(UUID.randomUUID()), T0));

        assertThatThrownBy(() -> log().appendAll(batch)).isInstanceOf(NotFound.class);

        assertThat(log().lastSequence()).isEqualTo(start);
        assertThat(log().append(event(ws, T0))).as("no number taken").isEqualTo(start + 1);
    }

    @Test
    void everyTypeAndTheLargestEventReadBackEqual() {
        WorkspaceId ws = newWorkspace();
        long start = log().lastSequence();
        List<Event> appended = new ArrayList<>();
        for (EventType type : EventType.values()) {
            appended.add(new Event(ws, type, T0, Map.of("type", type.wireName())));
        }
        Map<String, String> largest = new HashMap<>();
        for (int i = 0; i < Event.MAX_ENTRIES; i++) {
            largest.put(String.format("%03d", i) + "k".repeat(97), "東&=%".repeat(500));
        }
        appended.add(new Event(ws, EventType.ALERT, T0, largest));
        appended.forEach(log()::append);

        assertThat(log().after(ws, start, 100)).extracting(LoggedEvent::event).containsExactlyElementsOf(appended);
    }

    @Test
    void aWorkspaceReadsOnlyItsOwnEventsAndNullReadsEveryWorkspace() {
        WorkspaceId a = newWorkspace();
        WorkspaceId b = newWorkspace();
        long start = log().lastSequence();
        Event a1 = event(a, T0);
        Event b1 = event(b, T0);
        Event a2 = event(a, T0.plusSeconds(1));
        long s1 = log().append(a1);
        long s2 = log().append(b1);
        long s3 = log().append(a2);

        assertThat(log().after(a, start, 10)).containsExactly(new LoggedEvent(s1, a1), new LoggedEvent(s3, a2));
        assertThat(log().after(b, start, 10)).containsExactly(new LoggedEvent(s2, b1));
        assertThat(log().after(null, start, 10)).containsExactly(new LoggedEvent(s1, a1), new LoggedEvent(s2, b1), new LoggedEvent(s3, a2));
        assertThat(log().after(newWorkspace(), 0, 1000)).as("a workspace with no events").isEmpty();
    }

    @Test
    void afterIsStrictOldestFirstAndLimited() {
        WorkspaceId ws = newWorkspace();
        long start = log().lastSequence();
        for (int i = 0; i < 5; i++) {
            log().append(event(ws, T0.plusSeconds(i)));
        }

        assertThat(log().after(ws, start, 2)).extracting(LoggedEvent::sequence).containsExactly(start + 1, start + 2);
        assertThat(log().after(null, start + 2, 2)).extracting(LoggedEvent::sequence).containsExactly(start + 3, start + 4);
        assertThat(log().after(ws, start + 4, 1000)).extracting(LoggedEvent::sequence).containsExactly(start + 5);
        assertThat(log().after(ws, start + 5, 1000)).isEmpty();
        assertThat(log().after(ws, Long.MAX_VALUE, 1)).isEmpty();
    }

    @Test
    void aLimitOutsideOneToAThousandOrANegativeSequenceIsRefused() {
        WorkspaceId ws = newWorkspace();
        for (int limit : new int[] {0, -1, 1001, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            assertThatThrownBy(() -> log().after(ws, 0, limit)).as("limit %d", limit).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> log().after(null, 0, limit)).as("limit %d", limit).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> log().after(ws, -1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThat(log().after(ws, 0, 1)).isEmpty();
        assertThat(log().after(ws, 0, 1000)).isEmpty();
    }

    @Test
    void anEventOfAnUnknownWorkspaceIsNotFoundAndTakesNoNumber() {
        WorkspaceId ws = newWorkspace();
        long start = log().lastSequence();

        assertThatThrownBy(() -> log().append(event(new WorkspaceId(UUID.randomUUID()), T0))).isInstanceOf(NotFound.class);

        assertThat(log().lastSequence()).isEqualTo(start);
        assertThat(log().append(event(ws, T0))).isEqualTo(start + 1);
    }

    @Test
    void anUnknownWorkspaceLeavesTheCallersTransactionUsable() {
        // on PostgreSQL a failed statement would abort the whole transaction
        WorkspaceId ws = newWorkspace();
        long start = log().lastSequence();

        long sequence = database.transactions().inTransaction(() -> {
            assertThatThrownBy(() -> log().append(event(new WorkspaceId(UUID.randomUUID()), T0))).isInstanceOf(NotFound.class);
            return log().append(event(ws, T0));
        });

        assertThat(sequence).isEqualTo(start + 1);
        assertThat(log().after(ws, start, 10)).extracting(LoggedEvent::sequence).containsExactly(start + 1);
    }

    @Test
    void anAppendIsVisibleExactlyWhenTheCallersTransactionCommits() throws Exception {
        WorkspaceId ws = newWorkspace();
        long start = log().lastSequence();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            long sequence = database.transactions().inTransaction(() -> {
                long taken = log().append(event(ws, T0));
                try {
                    // another connection sees neither the event nor its number before the commit
                    assertThat(other.submit(() -> log().after(null, start, 10)).get(30, TimeUnit.SECONDS)).isEmpty();
                    assertThat(other.submit(() -> log().lastSequence()).get(30, TimeUnit.SECONDS)).isEqualTo(start);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                assertThat(log().after(ws, start, 10)).as("the transaction sees its own").hasSize(1);
                return taken;
            });

            assertThat(other.submit(() -> log().after(null, start, 10)).get(30, TimeUnit.SECONDS))
                    .extracting(LoggedEvent::sequence).containsExactly(sequence);
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void aRolledBackAppendGivesItsNumberBack() {
        WorkspaceId ws = newWorkspace();
        long start = log().lastSequence();

        assertThatThrownBy(() -> database.transactions().inTransaction((Runnable) () -> {
            assertThat(log().append(event(ws, T0))).isEqualTo(start + 1);
            assertThat(log().append(event(ws, T0))).isEqualTo(start + 2);
            throw new IllegalStateException("the change the events report failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(log().lastSequence()).isEqualTo(start);
        assertThat(log().after(null, start, 10)).isEmpty();
        assertThat(log().append(event(ws, T0))).as("no gap").isEqualTo(start + 1);
    }

    @Test
    void deletingAWorkspaceDeletesItsEvents() {
        WorkspaceId gone = newWorkspace();
        WorkspaceId kept = newWorkspace();
        long start = log().lastSequence();
        log().append(event(gone, T0));
        long keptSequence = log().append(event(kept, T0));

        database.dsl().deleteFrom(DSL.table("workspaces")).where(DSL.field("id", UUID.class).eq(gone.value())).execute();

        assertThat(log().after(null, start, 10)).extracting(LoggedEvent::sequence).containsExactly(keptSequence);
        assertThat(log().lastSequence()).isEqualTo(keptSequence);
    }

    @Test
    void anEmptyLogStartsAtZero() {
        withOwnDatabase((log, ws) -> {
            assertThat(log.lastSequence()).isZero();
            assertThat(log.firstSequence()).isZero();
            assertThat(log.after(null, 0, 10)).isEmpty();
            assertThat(log.forgetBefore(T0)).isZero();

            assertThat(log.append(event(ws, T0))).as("the first sequence").isEqualTo(1);
            assertThat(log.firstSequence()).isEqualTo(1);
            assertThat(log.lastSequence()).isEqualTo(1);
        });
    }

    @Test
    void forgettingDropsTheOldestEventsAndKeepsCountingFromTheHighest() {
        withOwnDatabase((log, ws) -> {
            for (int i = 0; i < 4; i++) {
                log.append(event(ws, T0.plusSeconds(i)));
            }

            assertThat(log.forgetBefore(T0.plusSeconds(2))).isEqualTo(2);

            assertThat(log.firstSequence()).isEqualTo(3);
            assertThat(log.lastSequence()).isEqualTo(4);
            assertThat(log.after(null, 0, 10)).extracting(LoggedEvent::sequence).containsExactly(3L, 4L);
            assertThat(log.forgetBefore(T0.plusSeconds(2))).as("nothing left before it").isZero();

            assertThat(log.forgetBefore(T0.plusSeconds(60))).isEqualTo(2);
            assertThat(log.firstSequence()).as("empty again").isZero();
            assertThat(log.lastSequence()).as("the highest logged so far, still").isEqualTo(4);
            assertThat(log.append(event(ws, T0))).isEqualTo(5);
        });
    }

    @Test
    void forgettingLeavesOneUnbrokenRunEvenWhenStampsAreOutOfOrder() {
        withOwnDatabase((log, ws) -> {
            log.append(event(ws, T0));                    // 1
            log.append(event(ws, T0.plusSeconds(10)));    // 2: recent
            log.append(event(ws, T0.plusSeconds(5)));     // 3: stamped earlier by a slower producer
            log.append(event(ws, T0.plusSeconds(20)));    // 4

            assertThat(log.forgetBefore(T0.plusSeconds(8))).isEqualTo(1);

            assertThat(log.firstSequence()).isEqualTo(2);
            assertThat(log.after(null, 0, 10)).extracting(LoggedEvent::sequence).containsExactly(2L, 3L, 4L);
        });
    }

    /**
     * The promise a live view rests on. Writers on several threads append one to three events per transaction and
     * keep the transaction open a little after taking their numbers (some roll back), while a reader follows the
     * log with "after the last sequence I saw". If numbers were handed out in call order but committed in any order
     * (as a database sequence would), the reader would see a later number commit first, move past it, and never
     * see the earlier one: the reader's list would then differ from what the writers committed.
     */
    @Test
    void concurrentAppendsCommitInSequenceOrderAndAFollowingReaderMissesNone() throws Exception {
        List<WorkspaceId> workspaces = List.of(newWorkspace(), newWorkspace(), newWorkspace());
        long start = log().lastSequence();
        int writers = 6;
        int transactionsEach = 25;
        ConcurrentLinkedQueue<List<Long>> committedTransactions = new ConcurrentLinkedQueue<>();
        Map<Long, WorkspaceId> workspaceOf = new ConcurrentHashMap<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try {
            Future<List<Long>> reader = pool.submit(() -> {
                go.await();
                List<Long> seen = new ArrayList<>();
                long last = start;
                while (true) {
                    boolean writersDone = !writing.get(); // before the read: then an empty read means nothing is left
                    List<LoggedEvent> batch = log().after(null, last, 7);
                    for (LoggedEvent logged : batch) {
                        seen.add(logged.sequence());
                        last = logged.sequence();
                    }
                    if (batch.isEmpty()) {
                        if (writersDone) {
                            return seen;
                        }
                        Thread.yield();
                    }
                }
            });
            List<Future<?>> writes = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                Random random = new Random(w);
                writes.add(pool.submit(() -> {
                    go.await();
                    for (int t = 0; t < transactionsEach; t++) {
                        WorkspaceId ws = workspaces.get(random.nextInt(workspaces.size()));
                        int count = 1 + random.nextInt(3);
                        boolean rollBack = random.nextInt(6) == 0;
                        List<Long> taken = new ArrayList<>();
                        try {
                            database.transactions().inTransaction((Runnable) () -> {
                                for (int i = 0; i < count; i++) {
                                    taken.add(log().append(event(ws, T0)));
                                    log().after(ws, start, 1); // more work while holding the numbers
                                }
                                LockSupport.parkNanos(random.nextInt(300_000));
                                if (rollBack) {
                                    throw new RolledBack();
                                }
                            });
                            committedTransactions.add(List.copyOf(taken));
                            taken.forEach(sequence -> workspaceOf.put(sequence, ws));
                        } catch (RolledBack expected) {
                            // its numbers are given back
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> write : writes) {
                write.get(120, TimeUnit.SECONDS);
            }
            writing.set(false);
            List<Long> seen = reader.get(120, TimeUnit.SECONDS);

            List<Long> committed = committedTransactions.stream().flatMap(List::stream).sorted().toList();
            assertThat(committed).as("some transactions committed").hasSizeGreaterThan(writers * transactionsEach / 2);
            assertThat(seen).as("the follower saw every committed event, oldest first").isEqualTo(committed);
            assertThat(committed).as("gap-free from where the test started")
                    .isEqualTo(LongStream.rangeClosed(start + 1, start + committed.size()).boxed().toList());
            assertThat(committedTransactions).as("one transaction's events are numbered together")
                    .allSatisfy(numbers -> assertThat(numbers).isEqualTo(
                            LongStream.range(numbers.getFirst(), numbers.getFirst() + numbers.size()).boxed().toList()));
            assertThat(log().lastSequence()).isEqualTo(start + committed.size());
            for (WorkspaceId ws : workspaces) {
                assertThat(log().after(ws, start, 1000)).extracting(LoggedEvent::sequence).as("%s", ws)
                        .containsExactlyElementsOf(committed.stream().filter(s -> workspaceOf.get(s).equals(ws)).toList());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static final class RolledBack extends RuntimeException {
        RolledBack() {
            super("rolled back on purpose", null, false, false);
        }
    }
}
