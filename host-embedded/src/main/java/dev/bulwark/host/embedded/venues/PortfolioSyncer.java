package dev.bulwark.host.embedded.venues;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.venues.SyncState;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.ports.driving.portfolio.AccountSync;
import dev.bulwark.ports.driving.portfolio.SyncPortfolio;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syncs every active account of a workspace in parallel, one virtual thread each, so the slowest venue sets the
 * time rather than the sum of them, and one failing venue never blocks the others.
 */
public final class PortfolioSyncer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PortfolioSyncer.class);

    private final SyncPortfolio sync;
    private final ScheduledExecutorService schedule =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("bulwark-sync-schedule").daemon().factory());

    public PortfolioSyncer(SyncPortfolio sync) {
        this.sync = Objects.requireNonNull(sync, "sync");
    }

    /** Syncs every workspace with an active account every {@code interval}, the first time one interval from now. */
    public void every(Duration interval) {
        schedule.scheduleWithFixedDelay(this::syncAll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Every workspace with an active account, one after another; each workspace's accounts in parallel. */
    public int syncAll() {
        int accounts = 0;
        try {
            for (WorkspaceId workspace : sync.workspacesToSync()) {
                accounts += syncWorkspace(workspace).size();
            }
        } catch (RuntimeException e) {
            LOG.error("scheduled portfolio sync failed", e); // the next run tries again
        }
        return accounts;
    }

    @Override
    public void close() {
        schedule.shutdownNow();
    }

    public List<AccountSync> syncWorkspace(WorkspaceId workspace) {
        List<VenueAccountId> accounts = sync.activeAccounts(workspace);
        List<AccountSync> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<AccountSync>> running = new ArrayList<>();
            for (VenueAccountId account : accounts) {
                running.add(threads.submit(() -> sync.sync(workspace, account)));
            }
            for (int i = 0; i < running.size(); i++) {
                results.add(outcome(running.get(i), accounts.get(i)));
            }
        }
        return results;
    }

    private static AccountSync outcome(Future<AccountSync> running, VenueAccountId account) {
        try {
            return running.get();
        } catch (ExecutionException e) {
            // the use case records venue failures itself; this is a failure of ours (storage), reported, not thrown
            LOG.error("sync of account {} failed", account, e.getCause());
            return new AccountSync(account, SyncState.never(), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new AccountSync(account, SyncState.never(), 0);
        }
    }
}
