package dev.bulwark.host.embedded.venues;

import dev.bulwark.adapters.persistence.storage.JooqWorkspaces;
import dev.bulwark.domain.accounts.Workspace;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.host.embedded.BulwarkRuntime;
import dev.bulwark.host.embedded.RuntimeSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Wall time to sync 6 accounts on venues that each answer after 100 ms: parallel sync should take about 100 ms
 * plus overhead, not 600 ms. Prints figures; not part of the suite. Run with
 *
 * <pre>./mvnw -B -q -pl host-embedded -am verify -DskipITs -Dtest=PortfolioSyncBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
class PortfolioSyncBenchmark {
    @Test
    void sixAccountsOnHundredMillisecondVenues() throws Exception {
        Instant now = Instant.parse("2025-06-02T00:00:00Z");
        try (BulwarkRuntime runtime = BulwarkRuntime.builder().settings(RuntimeSettings.inMemory(Files.createTempDirectory("bench")))
                .time(() -> now).start()) {
            var test = new PortfolioSyncTest();
            var workspace = new WorkspaceId(UUID.randomUUID());
            new JooqWorkspaces(runtime.database().db()).create(new Workspace(workspace, "bench", Workspace.Kind.PERSONAL, now));
            set(test, runtime, workspace);
            for (int i = 0; i < 6; i++) {
                test.slowex("acct" + i, "s3cret");
            }
            runtime.portfolioSyncer().syncWorkspace(workspace); // warm-up
            long best = Long.MAX_VALUE;
            long total = 0;
            int runs = 10;
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                runtime.portfolioSyncer().syncWorkspace(workspace);
                long took = System.nanoTime() - t0;
                best = Math.min(best, took);
                total += took;
            }
            System.out.printf(Locale.ROOT, "machine: %d cores, %s%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            System.out.printf(Locale.ROOT, "sync: 6 accounts, each venue answering after 100 ms: mean %.1f ms, best %.1f ms over %d runs (sequential would be 600 ms)%n",
                    total / 1e6 / runs, best / 1e6, runs);
        }
    }

    private static void set(PortfolioSyncTest test, BulwarkRuntime runtime, WorkspaceId workspace) throws Exception {
        var runtimeField = PortfolioSyncTest.class.getDeclaredField("runtime");
        runtimeField.setAccessible(true);
        runtimeField.set(test, runtime);
        var workspaceField = PortfolioSyncTest.class.getDeclaredField("workspace");
        workspaceField.setAccessible(true);
        workspaceField.set(test, workspace);
    }
}
