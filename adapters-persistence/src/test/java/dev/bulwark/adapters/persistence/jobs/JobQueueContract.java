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
import java.util.Map;
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

    // ------------------------------------------------------------------------------------------ ordering keys

    /** Ordering keys span types: each test's keys carry its type, so tests never hold each other's keys. */
    private JobId enqueueKeyed(String key, String payload) {
        return queue.enqueue(new NewJob(type, workspace, payload, null, null, type + "/" + key));
    }

    @Test
    void jobsOfOneKeyAreClaimedOneAtATimeInTheirOrderBesideOtherKeysAndUnkeyedJobs() {
        enqueueKeyed("bot:a", "a1");
        enqueueKeyed("bot:a", "a2");
        enqueueKeyed("bot:b", "b1");
        enqueue("free-1");
        enqueueKeyed("bot:a", "a3");
        enqueue("free-2");

        List<ClaimedJob> first = claim("w1", 10);
        assertThat(first).extracting(ClaimedJob::payload).containsExactly("a1", "b1", "free-1", "free-2");
        assertThat(claim("w2", 10)).as("a2 waits for a1, a3 for both").isEmpty();

        queue.complete(first.getFirst());
        assertThat(claim("w2", 10)).extracting(ClaimedJob::payload).containsExactly("a2");
        assertThat(claim("w3", 10)).isEmpty();
    }

    @Test
    void completeAllFinishesTheHeldJobsAndPromotesEachKeysNextButNotALostLease() {
        enqueueKeyed("bot:a", "a1");
        enqueueKeyed("bot:a", "a2");
        enqueueKeyed("bot:b", "b1");
        enqueueKeyed("bot:b", "b2");
        enqueueKeyed("bot:c", "c1");
        enqueueKeyed("bot:c", "c2");
        enqueue("free-1");
        List<ClaimedJob> first = claim("w1", 10);
        assertThat(first).extracting(ClaimedJob::payload).containsExactly("a1", "b1", "c1", "free-1");
        // c1's lease ends and another worker takes it: w1's claim of it is lost
        advance(LEASE.plusSeconds(1));
        List<ClaimedJob> retaken = claim("w2", 10);
        assertThat(retaken).extracting(ClaimedJob::payload).containsExactly("a1", "b1", "c1", "free-1");
        ClaimedJob c1again = retaken.get(2);

        assertThat(queue.completeAll(List.of(retaken.get(0), retaken.get(1), first.get(2), retaken.get(3))))
                .as("three still held; w1's c1 is not").isEqualTo(3);
        assertThat(claim("w3", 10)).as("a's and b's next jobs are promoted, c's waits for c1")
                .extracting(ClaimedJob::payload).containsExactly("a2", "b2");
        assertThat(queue.completeAll(List.of(c1again))).isEqualTo(1);
        assertThat(claim("w3", 10)).extracting(ClaimedJob::payload).containsExactly("c2");
        assertThat(queue.completeAll(List.of())).isZero();
        advance(LEASE.multipliedBy(3));
        assertThat(claim("w4", 10)).as("done jobs never come back").extracting(ClaimedJob::payload)
                .containsExactly("a2", "b2", "c2");
    }

    @Test
    void completeAllInARolledBackTransactionLeavesTheJobsHeld() {
        enqueueKeyed("bot:a", "a1");
        enqueueKeyed("bot:a", "a2");
        List<ClaimedJob> held = claim("w1", 10);

        assertThatThrownBy(() -> database.db().inTransaction(() -> {
            queue.completeAll(held);
            throw new IllegalStateException("the batch's decision failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(claim("w2", 10)).as("a1 still held, a2 still waiting").isEmpty();
        assertThat(queue.complete(held.getFirst())).isTrue();
        assertThat(claim("w2", 10)).extracting(ClaimedJob::payload).containsExactly("a2");
    }

    @Test
    void aRetryHoldsItsKeysLaterJobsBackUntilItSucceeds() {
        JobId a1 = enqueueKeyed("bot:a", "a1");
        enqueueKeyed("bot:a", "a2");
        enqueueKeyed("bot:b", "b1");

        ClaimedJob attempt1 = claim("w", 10).getFirst();
        assertThat(attempt1.payload()).isEqualTo("a1");
        FailOutcome outcome = queue.fail(attempt1, "venue timeout", true);
        assertThat(outcome).isInstanceOf(FailOutcome.RetryScheduled.class);
        Duration delay = RetryPolicy.DEFAULT.delayAfter(1, a1.value());

        advance(delay.minusMillis(1));
        assertThat(claim("w", 10)).as("a2 waits while a1 waits for its retry").isEmpty();
        advance(Duration.ofMillis(1));
        ClaimedJob attempt2 = claim("w", 10).getFirst();
        assertThat(attempt2.payload()).isEqualTo("a1");
        assertThat(attempt2.attempt()).isEqualTo(2);
        assertThat(claim("w", 10)).isEmpty();

        queue.complete(attempt2);
        assertThat(claim("w", 10)).extracting(ClaimedJob::payload).containsExactly("a2");
    }

    @Test
    void aDeadJobReleasesItsKeyAndAReplayPutsItBackInItsPlace() {
        JobId a1 = enqueueKeyed("bot:a", "a1");
        enqueueKeyed("bot:a", "a2");
        enqueueKeyed("bot:a", "a3");

        queue.fail(claim("w", 10).getFirst(), "malformed", false);
        ClaimedJob a2 = claim("w", 10).getFirst();
        assertThat(a2.payload()).as("the dead job no longer holds its key").isEqualTo("a2");

        assertThat(queue.replay(workspace, a1)).isTrue();
        assertThat(claim("w", 10)).as("a1 is back before a3, but a2 is held").isEmpty();
        queue.complete(a2);
        ClaimedJob replayed = claim("w", 10).getFirst();
        assertThat(replayed.payload()).isEqualTo("a1");
        assertThat(claim("w", 10)).isEmpty();
        queue.complete(replayed);
        assertThat(claim("w", 10)).extracting(ClaimedJob::payload).containsExactly("a3");
    }

    @Test
    void aJobWhoseLeaseEndedIsClaimedAgainBeforeTheJobsAfterIt() {
        enqueueKeyed("bot:a", "a1");
        enqueueKeyed("bot:a", "a2");
        ClaimedJob abandoned = claim("dies", 10).getFirst();

        advance(LEASE);
        assertThat(claim("w", 10)).singleElement().satisfies(job -> {
            assertThat(job.payload()).isEqualTo("a1");
            assertThat(job.attempt()).isEqualTo(2);
        });
        assertThat(queue.complete(abandoned)).isFalse();
    }

    @Test
    void anEnqueueOfAKeyWaitsForAnotherUncommittedEnqueueOfItAndGoesAfterIt() throws Exception {
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Future<?> early = pool.submit(() -> database.transactions().inTransaction(() -> {
                enqueueKeyed("bot:a", "early");
                inserted.countDown();
                try {
                    assertThat(release.await(1, TimeUnit.MINUTES)).isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                return null;
            }));
            assertThat(inserted.await(1, TimeUnit.MINUTES)).isTrue();
            Future<JobId> late = pool.submit(() -> enqueueKeyed("bot:a", "late"));
            awaitASessionWaitingForALock(); // the late enqueue waits for the key
            assertThat(late.isDone()).as("the late enqueue waits for the key the early one holds").isFalse();
            release.countDown();
            early.get(1, TimeUnit.MINUTES);
            late.get(1, TimeUnit.MINUTES);
        }
        ClaimedJob first = claim("w", 10).getFirst();
        assertThat(first.payload()).isEqualTo("early");
        assertThat(claim("w", 10)).isEmpty();
        queue.complete(first);
        assertThat(claim("w", 10)).extracting(ClaimedJob::payload).containsExactly("late");
    }

    @Test
    void aKeysLaterJobsAreScheduledNotDueAndAClaimNeverSeesThem() {
        try (var own = dev.bulwark.adapters.persistence.testing.TestDatabases.open(engine())) {
            var ownQueue = new JooqJobQueue(own.db(), clock::get, UUID::randomUUID, RetryPolicy.DEFAULT);
            for (int i = 0; i < 5; i++) {
                ownQueue.enqueue(new NewJob(type, null, "k" + i, null, null, "bot:deep"));
            }
            assertThat(ownQueue.stats()).isEqualTo(new QueueStats(1, 4, 0, 0, Duration.ZERO));
            ClaimedJob head = ownQueue.claim("w", Set.of(type), 10, LEASE).getFirst();
            assertThat(ownQueue.stats()).isEqualTo(new QueueStats(0, 4, 1, 0, Duration.ZERO));
            ownQueue.complete(head);
            assertThat(ownQueue.stats()).isEqualTo(new QueueStats(1, 3, 0, 0, Duration.ZERO));
        }
    }

    @Test
    void aKeyedJobLeftOutAsADuplicateDoesNotLeaveItsKeyWithoutAJobToRun() {
        queue.enqueue(new NewJob(type, workspace, "first", null, "idem-1", type + "/bot:a"));
        queue.complete(claim("w", 10).getFirst());

        queue.enqueueAll(List.of(new NewJob(type, workspace, "again", null, "idem-1", type + "/bot:a"),
                new NewJob(type, workspace, "next", null, null, type + "/bot:a")));

        assertThat(claim("w", 10)).extracting(ClaimedJob::payload).containsExactly("next");
    }

    @Test
    void enqueueAllGivesTheJobsTheirKeysOrderAsListed() {
        queue.enqueueAll(List.of(new NewJob(type, workspace, "a1", null, null, type + "/bot:a"),
                new NewJob(type, workspace, "b1", null, null, type + "/bot:b"),
                new NewJob(type, workspace, "a2", null, null, type + "/bot:a")));

        List<ClaimedJob> first = claim("w", 10);
        assertThat(first).extracting(ClaimedJob::payload).containsExactly("a1", "b1");
        first.forEach(queue::complete);
        assertThat(claim("w", 10)).extracting(ClaimedJob::payload).containsExactly("a2");
    }

    private NewJob keyedDue(String key, String payload, Instant due) {
        return new NewJob(type, workspace, payload, due, null, type + "/" + key);
    }

    @Test
    void aKeysWaitingJobsRunInTheOrderTheyWereFirstDueThenEnqueued() {
        enqueueKeyed("bot:a", "a1");
        queue.enqueueAll(List.of(keyedDue("bot:a", "a3", T0.minusSeconds(1)), keyedDue("bot:a", "a2", T0.minusSeconds(2))));

        ClaimedJob a1 = claim("w", 10).getFirst();
        queue.complete(a1);
        assertThat(claim("w", 10)).as("a2 was due before a3, though enqueued after it").extracting(ClaimedJob::payload)
                .containsExactly("a2");
    }

    @Test
    void aJobDueEarlierThanItsKeysUnclaimedHeadTakesItsPlaceWhenTheCallerSaysItCameLate() {
        String key = type + "/bot:a";
        queue.enqueueAll(List.of(keyedDue("bot:a", "sell", T0.minusMillis(10))));
        queue.enqueueAll(List.of(keyedDue("bot:a", "buy", T0.minusMillis(30))), Set.of(key));

        ClaimedJob buy = claim("w", 10).getFirst();
        assertThat(buy.payload()).isEqualTo("buy");
        assertThat(claim("w", 10)).as("one job of the key at a time").isEmpty();
        queue.complete(buy);
        assertThat(claim("w", 10)).extracting(ClaimedJob::payload).containsExactly("sell");
    }

    @Test
    void aLateJobDoesNotOvertakeAHeadThatRanOrAJobDueBeforeIt() {
        String key = type + "/bot:a";
        queue.enqueueAll(List.of(keyedDue("bot:a", "running", T0.minusMillis(10))));
        ClaimedJob running = claim("w", 10).getFirst();
        queue.enqueueAll(List.of(keyedDue("bot:a", "late", T0.minusMillis(30))), Set.of(key));
        assertThat(claim("w", 10)).as("the head was claimed already: the late job waits").isEmpty();
        queue.complete(running);
        assertThat(claim("w", 10)).extracting(ClaimedJob::payload).containsExactly("late");

        queue.enqueueAll(List.of(keyedDue("bot:b", "b1", T0.minusMillis(30))));
        queue.enqueueAll(List.of(keyedDue("bot:b", "b2", T0.minusMillis(10))), Set.of(type + "/bot:b"));
        assertThat(claim("w", 10)).as("a key said to be late whose order is right stays as it is")
                .extracting(ClaimedJob::payload).containsExactly("b1");
    }

    @Test
    void anOrderingKeyIsOneTo200Characters() {
        assertThatThrownBy(() -> new NewJob(type, workspace, "x", null, null, " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ordering key");
        assertThatThrownBy(() -> new NewJob(type, workspace, "x", null, null, "k".repeat(201)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ordering key");
        assertThat(new NewJob(type, workspace, "x", null, null, "k".repeat(200)).orderingKey()).hasSize(200);
    }

    @Test
    void fourWorkersNeverHoldTwoJobsOfOneKeyAndRunEachKeyInOrder() throws Exception {
        int keys = 12;
        int perKey = 40;
        database.transactions().inTransaction(() -> {
            for (int i = 0; i < perKey; i++) {
                for (int k = 0; k < keys; k++) {
                    enqueueKeyed("bot:" + k, k + ":" + i);
                }
            }
        });
        Map<String, List<Integer>> order = new ConcurrentHashMap<>();
        Set<String> held = ConcurrentHashMap.newKeySet();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        try (ExecutorService workers = Executors.newFixedThreadPool(4)) {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                String worker = "worker-" + w;
                running.add(workers.submit(() -> {
                    while (done.get() < keys * perKey && System.nanoTime() < deadline) {
                        List<ClaimedJob> batch = queue.claim(worker, Set.of(type), 5, Duration.ofMinutes(5));
                        if (batch.isEmpty()) {
                            Thread.sleep(1); // every due key is held by another worker: look again shortly
                        }
                        for (ClaimedJob job : batch) {
                            String[] parts = job.payload().split(":");
                            if (!held.add(parts[0])) {
                                overlaps.incrementAndGet();
                            }
                            order.computeIfAbsent(parts[0], k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                                    .add(Integer.parseInt(parts[1]));
                            held.remove(parts[0]); // before completing: the next job of the key may be claimed after it
                            assertThat(queue.complete(job)).isTrue();
                            done.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(4, TimeUnit.MINUTES);
            }
        }
        assertThat(done.get()).isEqualTo(keys * perKey);
        assertThat(overlaps.get()).as("two jobs of one key held at once").isZero();
        assertThat(order).hasSize(keys);
        List<Integer> expected = java.util.stream.IntStream.range(0, perKey).boxed().toList();
        assertThat(order.values()).allSatisfy(each -> assertThat(each).isEqualTo(expected));
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
