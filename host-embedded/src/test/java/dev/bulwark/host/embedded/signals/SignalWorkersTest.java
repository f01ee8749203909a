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

        @Override
        public int runOnce(String worker, int max) {
            workers.add(worker);
            assertThat(max).isEqualTo(SignalWorkers.BATCH);
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
    }

    @Test
    void workersLoopThroughFailuresAndStopWhenClosed() throws InterruptedException {
        Counting process = new Counting();
        SignalWorkers workers = SignalWorkers.start(process, "test", 3, Duration.ofMillis(1), Duration.ofMillis(1));

        assertThat(process.enoughRuns.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.enoughWatches.await(30, TimeUnit.SECONDS)).isTrue();
        workers.close();

        assertThat(workers.stopped()).isTrue();
        assertThat(process.workers).containsExactlyInAnyOrder("test-1", "test-2", "test-3");
        int runs = process.runs.get();
        int watches = process.watches.get();
        Thread.sleep(20);
        assertThat(process.runs.get()).isEqualTo(runs);
        assertThat(process.watches.get()).isEqualTo(watches);
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
