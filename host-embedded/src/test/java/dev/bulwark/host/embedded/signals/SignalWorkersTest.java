package dev.bulwark.host.embedded.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.ports.driving.signals.ProcessSignals;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SignalWorkersTest {

    /** Counts calls; the first runs fail, to prove a failure does not end a loop. */
    static final class Counting implements ProcessSignals {
        final Set<String> workers = ConcurrentHashMap.newKeySet();
        final AtomicInteger runs = new AtomicInteger();
        final AtomicInteger watches = new AtomicInteger();
        final CountDownLatch enoughRuns = new CountDownLatch(20);
        final CountDownLatch enoughWatches = new CountDownLatch(3);
        final AtomicInteger syncs = new AtomicInteger();
        final CountDownLatch enoughSyncs = new CountDownLatch(3);

        @Override
        public int runOnce(String worker, int max) {
            workers.add(worker);
            assertThat(max).isBetween(1, SignalWorkers.BATCH);
            enoughRuns.countDown();
            if (runs.incrementAndGet() <= 2) {
                throw new IllegalStateException("boom");
            }
            return 0;
        }

        @Override
        public int watchProtection() {
            enoughWatches.countDown();
            if (watches.incrementAndGet() == 1) {
                throw new IllegalStateException("boom");
            }
            return 1;
        }

        @Override
        public int syncOrders() {
            enoughSyncs.countDown();
            if (syncs.incrementAndGet() == 1) {
                throw new IllegalStateException("boom"); // the loop goes on, and the watch still runs every round
            }
            return 1;
        }
    }

    @Test
    void workersLoopThroughFailuresAndStopWhenClosed() throws InterruptedException {
        Counting process = new Counting();
        SignalWorkers workers = SignalWorkers.start(process, "test", 3, Duration.ofMillis(1), Duration.ofMillis(1));

        assertThat(process.enoughRuns.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.enoughWatches.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.enoughSyncs.await(30, TimeUnit.SECONDS)).isTrue();
        workers.close();

        assertThat(workers.stopped()).isTrue();
        assertThat(process.workers).containsExactlyInAnyOrder("test-1", "test-2", "test-3");
        int runs = process.runs.get();
        int watches = process.watches.get();
        int syncs = process.syncs.get();
        Thread.sleep(20);
        assertThat(process.runs.get()).isEqualTo(runs);
        assertThat(process.watches.get()).isEqualTo(watches);
        assertThat(process.syncs.get()).isEqualTo(syncs);
    }

    @Test
    void aWorkerStartsWithOneJobAndDoublesItsClaimWhileTheQueueFillsIt() throws InterruptedException {
        // the queue answers: full claims five times, then 3 jobs, then nothing, then full again
        int[] due = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, 3, 0,
                Integer.MAX_VALUE};
        java.util.List<Integer> claims = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(due.length);
        ProcessSignals process = new ProcessSignals() {
            @Override
            public int runOnce(String worker, int max) {
                int n = claims.size();
                if (n >= due.length) {
                    return 0;
                }
                claims.add(max);
                done.countDown();
                return Math.min(max, due[n]);
            }

            @Override
            public int watchProtection() {
                return 0;
            }

            @Override
            public int syncOrders() {
                return 0;
            }
        };
        SignalWorkers workers = SignalWorkers.start(process, "ramp", 1, Duration.ofMillis(1), Duration.ofSeconds(60));
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        workers.close();

        assertThat(claims).containsExactly(1, 2, 4, 8, 16, 16, 3, 1);
    }

    @Test
    void theNextClaimFollowsWhatTheLastOneFound() {
        assertThat(SignalWorkers.nextClaim(16, 0)).isEqualTo(1);
        assertThat(SignalWorkers.nextClaim(1, 1)).isEqualTo(2);
        assertThat(SignalWorkers.nextClaim(8, 8)).isEqualTo(16);
        assertThat(SignalWorkers.nextClaim(16, 16)).as("never above the batch").isEqualTo(SignalWorkers.BATCH);
        assertThat(SignalWorkers.nextClaim(16, 5)).isEqualTo(5);
        assertThat(SignalWorkers.nextClaim(4, -1)).as("a failed run counts as empty").isEqualTo(1);
    }

    @Test
    void refusesNonsense() {
        Counting process = new Counting();
        assertThatThrownBy(() -> SignalWorkers.start(process, "p", 0, Duration.ofMillis(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignalWorkers.start(process, " ", 1, Duration.ofMillis(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignalWorkers.start(process, "p", 1, Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
