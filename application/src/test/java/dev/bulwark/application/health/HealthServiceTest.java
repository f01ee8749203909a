package dev.bulwark.application.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.ports.driving.health.HealthReport;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HealthServiceTest {
    private final AtomicReference<Instant> clock = new AtomicReference<>(Instant.parse("2026-11-21T08:00:00Z"));

    @Test
    void reportsUpTheStampedVersionAndUptimeFromTheInjectedClock() {
        var health = HealthFactory.checkHealth("1.2.3", clock::get);
        clock.set(clock.get().plusSeconds(90));

        HealthReport report = health.health();

        assertThat(report.status()).isEqualTo(HealthReport.Status.UP);
        assertThat(report.version()).isEqualTo("1.2.3");
        assertThat(report.startedAt()).isEqualTo(Instant.parse("2026-11-21T08:00:00Z"));
        assertThat(report.uptime()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void aClockThatStepsBackNeverReportsNegativeUptime() {
        var health = HealthFactory.checkHealth("1.2.3", clock::get);
        clock.set(clock.get().minusSeconds(5));

        assertThat(health.health().uptime()).isEqualTo(Duration.ZERO);
    }
}
