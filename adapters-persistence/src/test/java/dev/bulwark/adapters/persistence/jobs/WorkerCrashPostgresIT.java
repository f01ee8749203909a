package dev.bulwark.adapters.persistence.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.adapters.persistence.Database;
import dev.bulwark.adapters.persistence.testing.TestDatabases;
import dev.bulwark.ports.driven.jobs.ClaimedJob;
import dev.bulwark.ports.driven.jobs.JobId;
import dev.bulwark.ports.driven.jobs.NewJob;
import dev.bulwark.ports.driven.jobs.RetryPolicy;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A real crash: a worker in another JVM claims a job and is killed with SIGKILL mid-job. Once its lease ends the
 * job is redelivered exactly once to the workers of this process, and runs to completion. This is also several
 * processes sharing one PostgreSQL queue.
 */
class WorkerCrashPostgresIT {
    private static final Duration LEASE = Duration.ofSeconds(2);

    @Test
    void aWorkerKilledMidJobLeadsToExactlyOneRedelivery() throws Exception {
        try (Database database = TestDatabases.postgres()) {
            var queue = new JooqJobQueue(database.db(), Instant::now, UUID::randomUUID, RetryPolicy.DEFAULT);
            String type = "crash.test";
            JobId id = queue.enqueue(NewJob.now(type, null, "payload"));

            Process worker = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), ClaimAndHang.class.getName(),
                    database.settings().url(), database.settings().schema(), type, Long.toString(LEASE.toMillis()))
                    .redirectErrorStream(true).start();
            try (var out = new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                do {
                    line = out.readLine();
                } while (line != null && !line.startsWith("CLAIMED") && !line.equals("NOTHING"));
                assertThat(line).isEqualTo("CLAIMED " + id);
            }
            worker.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback of the committed claim
            assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();

            assertThat(queue.claim("survivor-0", Set.of(type), 10, LEASE)).as("still leased to the dead worker").isEmpty();

            // two surviving workers poll until the lease ends; bounded, so a broken lease fails instead of hanging
            List<ClaimedJob> redelivered = new ArrayList<>();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (redelivered.isEmpty() && Instant.now().isBefore(deadline)) {
                redelivered.addAll(queue.claim("survivor-1", Set.of(type), 10, Duration.ofMinutes(1)));
                redelivered.addAll(queue.claim("survivor-2", Set.of(type), 10, Duration.ofMinutes(1)));
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }

            assertThat(redelivered).singleElement().satisfies(job -> {
                assertThat(job.id()).isEqualTo(id);
                assertThat(job.attempt()).isEqualTo(2);
            });
            assertThat(queue.complete(redelivered.getFirst())).isTrue();
            assertThat(queue.claim("survivor-1", Set.of(type), 10, LEASE)).isEmpty();
            assertThat(queue.stats().running()).isZero();
        }
    }
}
