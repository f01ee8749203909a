package dev.bulwark.host.embedded.signals;

import dev.bulwark.ports.driving.signals.ProcessSignals;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the signal pipeline's background work on virtual threads: {@code workers} loops each claiming up to
 * {@link #BATCH} jobs at a time ({@link ProcessSignals#runOnce}; one after an empty queue, twice as many after each
 * full claim: {@link #nextClaim}), pausing {@code idle} only when nothing was due, and
 * one loop calling {@link ProcessSignals#watchProtection} and then {@link ProcessSignals#syncOrders} every
 * {@code watchEvery}. A failure of either is logged and the loop
 * carries on after a pause (the queue's leases and retries keep the jobs safe). {@link #close()} stops the loops and
 * waits for the work in hand to finish, so no job is abandoned mid-way by a clean shutdown.
 *
 * <p>Worker names are {@code <prefix>-<n>}: give each process its own prefix (host name, pid) so the queue can tell
 * whose lease a job is under.
 */
public final class SignalWorkers implements AutoCloseable {
    /** Jobs a worker claims at once at most: enough to amortise a claim, few enough to hold no lease long. */
    public static final int BATCH = 16;
    private static final Logger LOG = LoggerFactory.getLogger(SignalWorkers.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final ProcessSignals process;
    private final Duration idle;
    private final Duration watchEvery;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>();

    private SignalWorkers(ProcessSignals process, Duration idle, Duration watchEvery) {
        this.process = process;
        this.idle = idle;
        this.watchEvery = watchEvery;
    }

    /**
     * Starts {@code workers} processing loops and the protection watch.
     *
     * @param prefix names this process's workers (1 to 100 characters)
     * @param idle how long a worker waits when nothing was due (e.g. 50 ms)
     * @param watchEvery how often protective orders are checked against prices (e.g. 2 s)
     */
    public static SignalWorkers start(ProcessSignals process, String prefix, int workers, Duration idle,
                                      Duration watchEvery) {
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isBlank() || prefix.length() > 100) {
            throw new IllegalArgumentException("a worker prefix is 1 to 100 characters");
        }
        if (workers < 1 || workers > 256) {
            throw new IllegalArgumentException("1 to 256 signal workers, was " + workers);
        }
        requirePositive(idle, "idle");
        requirePositive(watchEvery, "watchEvery");
        SignalWorkers started = new SignalWorkers(process, idle, watchEvery);
        for (int i = 1; i <= workers; i++) {
            String name = prefix + "-" + i;
            started.threads.add(Thread.ofVirtual().name("bulwark-signal-" + name).start(() -> started.work(name)));
        }
        started.threads.add(Thread.ofVirtual().name("bulwark-protection-watch").start(started::watch));
        return started;
    }

    private void work(String name) {
        int max = 1;
        while (running()) {
            int handled;
            try {
                handled = process.runOnce(name, max);
            } catch (RuntimeException e) {
                LOG.error("signal worker {} failed; carrying on", name, e);
                handled = 0;
            }
            max = nextClaim(max, handled);
            if (handled == 0) {
                pause(idle);
            }
        }
    }

    /**
     * How many jobs to claim next, after a claim of {@code max} that handled {@code handled}: one after an empty
     * queue, twice as many after a full claim (up to {@link #BATCH}), as many as there were after a partial one. A
     * worker claims its jobs at once and runs them one after another, so a large claim from a shallow queue would
     * line up, say, three bots' signals fired at one bar's close behind each other on one worker while the others
     * wait idle; starting small spreads them, and a deep backlog is back at full claims within four rounds.
     */
    static int nextClaim(int max, int handled) {
        if (handled <= 0) {
            return 1;
        }
        return handled >= max ? Math.min(BATCH, max * 2) : handled;
    }

    private void watch() {
        while (pause(watchEvery)) {
            logged("protective order watch", process::watchProtection, "sent {} protective orders");
            logged("order sync", process::syncOrders, "{} orders changed at their venues");
        }
    }

    /** Runs one round of {@code work}; logs what it did when it did something, and a failure without ending the loop. */
    private static void logged(String what, IntSupplier work, String didSomething) {
        try {
            int done = work.getAsInt();
            if (done > 0) {
                LOG.info(didSomething, done);
            }
        } catch (RuntimeException e) {
            LOG.error("{} failed; carrying on", what, e);
        }
    }

    private boolean running() {
        return stop.getCount() > 0;
    }

    /** Waits {@code duration} or until closed; whether still running. */
    private boolean pause(Duration duration) {
        try {
            return !stop.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops every loop and waits for the jobs in hand (at most 30 s; then the threads are interrupted). */
    @Override
    public void close() {
        stop.countDown();
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        for (Thread thread : threads) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !thread.join(Duration.ofNanos(left))) {
                    LOG.warn("{} did not stop in time; interrupting it", thread.getName());
                    thread.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Whether every loop has ended (after {@link #close()}). */
    public boolean stopped() {
        return threads.stream().noneMatch(Thread::isAlive);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
