package dev.bulwark.application.health;

import dev.bulwark.ports.driven.system.TimeSource;
import dev.bulwark.ports.driving.health.CheckHealth;
import dev.bulwark.ports.driving.health.HealthReport;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

final class HealthService implements CheckHealth {
    private final String version;
    private final TimeSource time;
    private final Instant startedAt;

    HealthService(String version, TimeSource time) {
        this.version = Objects.requireNonNull(version, "version");
        this.time = Objects.requireNonNull(time, "time");
        this.startedAt = time.now();
    }

    @Override
    public HealthReport health() {
        Instant now = time.now();
        Duration uptime = now.isBefore(startedAt) ? Duration.ZERO : Duration.between(startedAt, now);
        return new HealthReport(HealthReport.Status.UP, version, startedAt, uptime);
    }
}
