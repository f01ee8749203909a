package dev.bulwark.adapters.persistence.jobs;

import dev.bulwark.adapters.persistence.Database;
import dev.bulwark.adapters.persistence.DatabaseSettings;
import dev.bulwark.ports.driven.jobs.ClaimedJob;
import dev.bulwark.ports.driven.jobs.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/**
 * A worker process for {@link WorkerCrashPostgresIT}: claims one job of the given type with a short lease, says
 * so on standard out, then hangs until it is killed. Arguments: JDBC URL, schema, job type, lease in ms.
 */
final class ClaimAndHang {
    private ClaimAndHang() {
    }

    public static void main(String[] args) throws InterruptedException {
        Database database = Database.open(new DatabaseSettings(args[0], null, null, args[1], 2));
        var queue = new JooqJobQueue(database.db(), Instant::now, UUID::randomUUID, RetryPolicy.DEFAULT);
        List<ClaimedJob> claimed = queue.claim("doomed-worker", Set.of(args[2]), 1, Duration.ofMillis(Long.parseLong(args[3])));
        System.out.println(claimed.isEmpty() ? "NOTHING" : "CLAIMED " + claimed.getFirst().id());
        System.out.flush();
        new CountDownLatch(1).await(); // mid-job: never completes, until kill -9
    }
}
