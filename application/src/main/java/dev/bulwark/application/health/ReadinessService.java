package dev.bulwark.application.health;

import dev.bulwark.ports.driven.jobs.JobQueue;
import dev.bulwark.ports.driven.jobs.QueueStats;
import dev.bulwark.ports.driving.health.CheckReadiness;
import dev.bulwark.ports.driving.health.ReadinessReport;
import java.time.Duration;
import java.util.Objects;

/**
 * Ready when the job queue can be read: the queue lives in the database, so one read answers both. A failure is a
 * report, never an exception, and says nothing of why in detail (a connection string or a host name is not for a
 * load balancer's logs).
 */
final class ReadinessService implements CheckReadiness {
    static final String UNREACHABLE = "the database does not answer";

    private final JobQueue jobs;

    ReadinessService(JobQueue jobs) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
    }

    @Override
    public ReadinessReport check() {
        QueueStats stats;
        try {
            stats = jobs.stats();
        } catch (RuntimeException down) {
            return new ReadinessReport(false, false, false, 0, Duration.ZERO, 0, UNREACHABLE);
        }
        if (stats == null) {
            return new ReadinessReport(false, false, false, 0, Duration.ZERO, 0, UNREACHABLE);
        }
        Duration lag = stats.lag() == null || stats.lag().isNegative() ? Duration.ZERO : stats.lag();
        return new ReadinessReport(true, true, true, stats.due(), lag, stats.dead(), null);
    }
}
