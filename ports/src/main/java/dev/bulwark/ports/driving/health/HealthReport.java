package dev.bulwark.ports.driving.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The engine's liveness: its status, the version the build stamped, when it started and how long it has run.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record HealthReport(Status status, String version, Instant startedAt, Duration uptime) {

    public enum Status {
        UP
    }

    public HealthReport {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(uptime, "uptime");
    }
}
