package dev.bulwark.application.health;

import dev.bulwark.ports.driven.jobs.JobQueue;
import dev.bulwark.ports.driven.system.TimeSource;
import dev.bulwark.ports.driving.health.CheckHealth;
import dev.bulwark.ports.driving.health.CheckReadiness;

/** Creates the health use cases (liveness and readiness); their services stay package-private. */
public final class HealthFactory {
    private HealthFactory() {
    }

    public static CheckHealth checkHealth(String version, TimeSource time) {
        return new HealthService(version, time);
    }

    /** Readiness: the database answers and the job queue can be read (one read of {@link JobQueue#stats()}). */
    public static CheckReadiness checkReadiness(JobQueue jobs) {
        return new ReadinessService(jobs);
    }
}
