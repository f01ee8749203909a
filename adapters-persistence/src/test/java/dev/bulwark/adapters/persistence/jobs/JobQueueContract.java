package dev.bulwark.adapters.persistence.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.adapters.persistence.testing.StoreContract;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.ports.driven.jobs.ClaimedJob;
import dev.bulwark.ports.driven.jobs.FailOutcome;
import dev.bulwark.ports.driven.jobs.JobId;
import dev.bulwark.ports.driven.jobs.NewJob;
import dev.bulwark.ports.driven.jobs.QueueStats;
import dev.bulwark.ports.driven.jobs.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The job queue's contract. Every test uses a job type of its own, so tests never claim each other's jobs, and a
 * clock it moves by hand, so leases and backoff are exact.
 */
abstract class JobQueueContract extends StoreContract {
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final AtomicReference<Instant> clock = new AtomicReference<>(T0);
    private JooqJobQueue queue;
    private String type;
    private WorkspaceId workspace;

    @BeforeEach
    void newQueue() {
        clock.set(T0);
        queue = new JooqJobQueue(database.db(), clock::get, UUID::randomUUID, RetryPolicy.DEFAULT);
        type = "test.job-" + UUID.randomUUID().toString().substring(0, 8);
        workspace = newWorkspace();
    }

    private JobId enqueue(String payload) {
        return queue.enqueue(NewJob.now(type, workspace, payload));
    }

    private List<ClaimedJob> claim(String worker, int max) {
        return queue.claim(worker, Set.of(type), max, LEASE);
    }

    private void advance(Duration by) {
        clock.set(clock.get().plus(by));
    }

    @Test
    void anEnqueuedJobIsClaimedWithItsPayloadAndALeaseThenCompleted() {
        JobId id = enqueue("signal-42");

        List<ClaimedJob> claimed = claim("w1", 10);

        assertThat(claimed).singleElement().satisfies(job -> {
            assertThat(job.id()).isEqualTo(id);
            assertThat(job.payload()).isEqualTo("signal-42");
            assertThat(job.workspace()).isEqualTo(workspace);
            assertThat(job.attempt()).isEqualTo(1);
            assertThat(job.leaseExpiresAt()).isEqualTo(micros(T0.plus(LEASE)));
        });
        assertThat(claim("w2", 10)).as("a held job is not claimed twice").isEmpty();
        assertThat(queue.complete(claimed.getFirst())).isTrue();
        advance(LEASE.multipliedBy(2));
        assertThat(claim("w2", 10)).as("a done job never comes back").isEmpty();
    }

    @Test
    void claimsTakeTheOldestDueFirstAndAtMostMax() {
        JobId first = enqueue("1");
        advance(Duration.ofMillis(1));
        JobId second = enqueue("2");
        advance(Duration.ofMillis(1));
        enqueue("3");

        assertThat(claim("w", 2)).extracting(ClaimedJob::id).containsExactly(first, second);
    }

    @Test
    void claimsOnlyTheAskedTypes() {
        enqueue("mine");
        queue.enqueue(NewJob.now(type + "-other", workspace, "theirs"));

        assertThat(claim("w", 10)).extracting(ClaimedJob::payload).containsExactly("mine");
        assertThat(queue.claim("w", Set.of(type + "-other"), 10, LEASE)).extracting(ClaimedJob::payload).containsExactly("theirs");
    }

    @Test
    void aScheduledJobWaitsForItsTime() {
        queue.enqueue(new NewJob(type, workspace, "later", T0.plusSeconds(60), null));

        assertThat(claim("w", 10)).isEmpty();
        advance(Duration.ofSeconds(60));
        assertThat(claim("w", 10)).extracting(ClaimedJob::payload).containsExactly("later");
    }

    @Test
    void theSameIdempotencyKeyGivesTheSameJobOnce() {
        JobId first = queue.enqueue(new NewJob(type, workspace, "a", null, "key-1"));
        JobId again = queue.enqueue(new NewJob(type, workspace, "b", null, "key-1"));
        JobId otherType = queue.enqueue(new NewJob(type + "-x", workspace, "c", null, "key-1"));

        assertThat(again).isEqualTo(first);
        assertThat(otherType).isNotEqualTo(first);
        assertThat(claim("w", 10)).extracting(ClaimedJob::payload).containsExactly("a");
    }

    @Test
    void aDuplicateKeyInsideATransactionDoesNotAbortIt() {
        queue.enqueue(new NewJob(type, workspace, "a", null, "key-tx"));

        JobId inside = database.transactions().inTransaction(() -> {
            JobId duplicate = queue.enqueue(new NewJob(type, workspace, "b", null, "key-tx"));
            queue.enqueue(NewJob.now(type, workspace, "after the duplicate"));
            return duplicate;
        });

        assertThat(claim("w", 10)).extracting(ClaimedJob::payload).containsExactlyInAnyOrder("a", "after the duplicate");
        assertThat(inside).isNotNull();
    }

    @Test
    void anEnqueueInARolledBackTransactionLeavesNoJob() {
        assertThatThrownBy(() -> database.transactions().inTransaction(() -> {
            enqueue("never");
            throw new IllegalStateException("the signal could not be stored");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(claim("w", 10)).isEmpty();
    }

    @Test
    void aWorkerThatDiesLeavesTheJobToExactlyOneOtherWorkerOnceTheLeaseEnds() throws Exception {
        enqueue("work");
        ClaimedJob abandoned = claim("dies", 1).getFirst();

        advance(LEASE.minusSeconds(1));
        assertThat(claim("early", 1)).as("still leased").isEmpty();
        advance(Duration.ofSeconds(1));

        // several workers race for the expired job: exactly one redelivery
        List<ClaimedJob> redelivered = raceToClaim(6);
        assertThat(redelivered).singleElement().satisfies(job -> {
            assertThat(job.attempt()).isEqualTo(2);
            assertThat(job.leaseToken()).isNotEqualTo(abandoned.leaseToken());
        });
        assertThat(queue.complete(abandoned)).as("the dead worker's late completion is ignored").isFalse();
        assertThat(queue.fail(abandoned, "late", true)).isInstanceOf(FailOutcome.LeaseLost.class);
        assertThat(queue.complete(redelivered.getFirst())).isTrue();
        advance(LEASE.multipliedBy(3));
        assertThat(claim("later", 10)).isEmpty();
    }

    @Test
    void aLeaseThatEndedButWasNotTakenStillCompletes() {
        enqueue("slow");
        ClaimedJob slow = claim("w", 1).getFirst();
        advance(LEASE.plusSeconds(5));

        assertThat(queue.complete(slow)).isTrue();
        assertThat(claim("w2", 1)).isEmpty();
    }

    @Test
    void retriesFollowTheBackoffThenDeadLetterAfterTheLastAttempt() {
        JobId id = enqueue("flaky");
        RetryPolicy policy = RetryPolicy.DEFAULT;

        for (int attempt = 1; attempt < policy.maxAttempts(); attempt++) {
            ClaimedJob job = claim("w", 1).getFirst();
            assertThat(job.attempt()).isEqualTo(attempt);
            FailOutcome outcome = queue.fail(job, "venue timeout " + attempt, true);

            Duration delay = policy.delayAfter(attempt, id.value());
            assertThat(outcome).isEqualTo(new FailOutcome.RetryScheduled(clock.get().plus(delay), attempt + 1));
            assertThat(delay).isBetween(policy.base().multipliedBy(1L << (attempt - 1)).dividedBy(2),
                    policy.base().multipliedBy(1L << (attempt - 1)));
            advance(delay.minusMillis(1));
            assertThat(claim("w", 1)).as("not before its backoff").isEmpty();
            advance(Duration.ofMillis(1));
        }
        ClaimedJob last = claim("w", 1).getFirst();
        assertThat(last.attempt()).isEqualTo(4);
        assertThat(queue.fail(last, "venue timeout 4", true)).isEqualTo(new FailOutcome.DeadLettered(4));

        assertThat(queue.dead(workspace, 10)).singleElement().satisfies(dead -> {
            assertThat(dead.id()).isEqualTo(id);
            assertThat(dead.attempts()).isEqualTo(4);
            assertThat(dead.lastError()).isEqualTo("venue timeout 4");
        });
        advance(Duration.ofHours(1));
        assertThat(claim("w", 1)).as("a dead job stays dead").isEmpty();
    }

    @Test
    void aFailureNotWorthRetryingDeadLettersAtOnce() {
        enqueue("bad");
        assertThat(queue.fail(claim("w", 1).getFirst(), "malformed payload", false)).isEqualTo(new FailOutcome.DeadLettered(1));
    }

    @Test
    void replayBringsADeadJobBackWithFreshAttemptsOnlyInItsWorkspace() {
        JobId id = enqueue("poison");
        queue.fail(claim("w", 1).getFirst(), "boom", false);
        WorkspaceId stranger = newWorkspace();

        assertThat(queue.dead(stranger, 10)).isEmpty();
        assertThat(queue.replay(stranger, id)).as("another workspace cannot replay it").isFalse();
        assertThat(queue.replay(workspace, new JobId(UUID.randomUUID()))).isFalse();

        assertThat(queue.replay(workspace, id)).isTrue();
        assertThat(queue.replay(workspace, id)).as("no longer dead").isFalse();
        assertThat(queue.dead(workspace, 10)).isEmpty();
        assertThat(claim("w", 1)).singleElement().satisfies(job -> assertThat(job.attempt()).isEqualTo(1));
    }

    @Test
    void statsCountDueScheduledRunningAndDeadAndMeasureTheLag() {
        // stats cover the whole queue: a database of its own makes the counts exact
        try (var own = dev.bulwark.adapters.persistence.testing.TestDatabases.open(engine())) {
            var ownQueue = new JooqJobQueue(own.db(), clock::get, UUID::randomUUID, RetryPolicy.DEFAULT);
            assertThat(ownQueue.stats()).isEqualTo(new QueueStats(0, 0, 0, 0, Duration.ZERO));
            ownQueue.enqueue(NewJob.now(type, null, "due-1"));
            ownQueue.enqueue(NewJob.now(type, null, "due-2"));
            ownQueue.enqueue(new NewJob(type, null, "later", T0.plusSeconds(300), null));
            ownQueue.enqueue(NewJob.now(type + "-dies", null, "to-die"));
            ownQueue.fail(ownQueue.claim("w", Set.of(type + "-dies"), 1, LEASE).getFirst(), "x", false);
            ClaimedJob running = ownQueue.claim("w", Set.of(type), 1, LEASE).getFirst();
            advance(Duration.ofSeconds(7));

            assertThat(ownQueue.stats()).isEqualTo(new QueueStats(1, 1, 1, 1, Duration.ofSeconds(7)));
            assertThat(ownQueue.complete(running)).isTrue();
            assertThat(ownQueue.stats()).isEqualTo(new QueueStats(1, 1, 0, 1, Duration.ofSeconds(7)));
        }
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> queue.claim(" ", Set.of(), 1, LEASE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> queue.claim("w", Set.of(), 0, LEASE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> queue.claim("w", Set.of(), 1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> queue.dead(null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NewJob.now("Bad Type", workspace, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NewJob.now(type, workspace, "x".repeat(NewJob.MAX_PAYLOAD + 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fourWorkersOnSeparateConnectionsProcessTenThousandJobsExactlyOnce() throws Exception {
        int jobs = 10_000;
        database.transactions().inTransaction(() -> {
            for (int i = 0; i < jobs; i++) {
                enqueue(Integer.toString(i));
            }
        });
        ConcurrentHashMap<String, AtomicInteger> processed = new ConcurrentHashMap<>();
        AtomicInteger lostLeases = new AtomicInteger();
        try (ExecutorService workers = Executors.newFixedThreadPool(4)) {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                String worker = "worker-" + w;
                running.add(workers.submit(() -> {
                    while (true) {
                        List<ClaimedJob> batch = queue.claim(worker, Set.of(type), 25, Duration.ofMinutes(5));
                        if (batch.isEmpty()) {
                            return null;
                        }
                        for (ClaimedJob job : batch) {
                            processed.computeIfAbsent(job.payload(), k -> new AtomicInteger()).incrementAndGet();
                            if (!queue.complete(job)) {
                                lostLeases.incrementAndGet();
                            }
                        }
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get(5, TimeUnit.MINUTES);
            }
        }
        assertThat(processed).hasSize(jobs);
        assertThat(processed.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(lostLeases.get()).isZero();
    }

    private List<ClaimedJob> raceToClaim(int workers) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<ClaimedJob> won = java.util.Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                String worker = "racer-" + i;
                all.add(pool.submit(() -> {
                    start.await();
                    won.addAll(claim(worker, 1));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : all) {
                f.get(1, TimeUnit.MINUTES);
            }
        }
        return won;
    }
}
