package dev.bulwark.adapters.persistence.testing;

import dev.bulwark.adapters.persistence.Database;
import dev.bulwark.adapters.persistence.storage.JooqWorkspaces;
import dev.bulwark.domain.accounts.Workspace;
import dev.bulwark.domain.accounts.WorkspaceId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of every store's contract test: one migrated database per test class on the engine the subclass names
 * ({@code *PostgresIT} and {@code *H2IT} extend the same abstract contract). Tests stay independent by working in
 * workspaces of their own ({@link #newWorkspace()}), which also proves the isolation every store owes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StoreContract {
    /** A fixed, microsecond-precise time: both engines store microseconds, so round trips compare equal. */
    protected static final Instant T0 = Instant.parse("2026-11-21T08:00:00.123456Z");

    protected Database database;

    protected abstract TestDatabases.Engine engine();

    @BeforeAll
    void openDatabase() {
        database = TestDatabases.open(engine());
    }

    @AfterAll
    void closeDatabase() {
        if (database != null) {
            database.close();
        }
    }

    /**
     * Waits until another session of this test's database waits for a lock: a test that holds a transaction open to
     * show that a second writer waits for it knows the second one got that far. On PostgreSQL it polls
     * {@code pg_stat_activity} (up to 30 s); embedded H2 shows no other session's lock wait, so there it gives the
     * second writer 200 ms to reach the lock (a writer that got there later would make the test pass without
     * showing the wait, never fail it).
     */
    protected void awaitASessionWaitingForALock() throws InterruptedException {
        if (engine() != TestDatabases.Engine.POSTGRES) {
            Thread.sleep(200);
            return;
        }
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (((Number) database.dsl().fetchValue("SELECT count(*) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND wait_event_type = 'Lock'")).longValue() == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no session waited for a lock within 30 s");
            }
            Thread.sleep(10);
        }
    }

    /** A new personal workspace, stored. */
    protected WorkspaceId newWorkspace() {
        WorkspaceId id = new WorkspaceId(UUID.randomUUID());
        new JooqWorkspaces(database.db()).create(new Workspace(id, "ws " + id, Workspace.Kind.PERSONAL, T0));
        return id;
    }

    protected static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
