package dev.bulwark.host.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.ports.driving.health.HealthReport;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BulwarkRuntimeTest {

    @Test
    void startsOnItsDefaultsAndReportsTheStampedVersion() {
        try (BulwarkRuntime runtime = BulwarkRuntime.builder().start()) {
            HealthReport health = runtime.checkHealth().health();

            assertThat(health.status()).isEqualTo(HealthReport.Status.UP);
            assertThat(health.version()).isEqualTo(System.getProperty("bulwark.expected.version"));
            assertThat(runtime.ids().newId().version()).isEqualTo(7);
        }
    }

    @Test
    void usesTheInjectedClock() {
        Instant fixed = Instant.parse("2026-01-01T00:00:00Z");
        try (BulwarkRuntime runtime = BulwarkRuntime.builder().time(() -> fixed).start()) {
            assertThat(runtime.checkHealth().health().startedAt()).isEqualTo(fixed);
            assertThat(runtime.ids().newId().getMostSignificantBits() >>> 16).isEqualTo(fixed.toEpochMilli());
        }
    }
}
