package dev.bulwark.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.host.embedded.BulwarkRuntime;
import dev.bulwark.host.embedded.RuntimeSettings;
import dev.bulwark.ports.driving.health.HealthReport;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EmbeddedBulwarkTest {

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dataDir;

    @Test
    void anEmbeddedEngineAnswersHealthWithItsVersion() {
        try (Bulwark bulwark = Bulwark.embedded(BulwarkRuntime.builder().settings(
                RuntimeSettings.fromEnvironment(java.util.Map.of("BULWARK_DATA_DIR", dataDir.toString()))))) {
            HealthReport report = bulwark.health().health();

            assertThat(report.status()).isEqualTo(HealthReport.Status.UP);
            assertThat(report.version()).isNotBlank().doesNotContain("${");
        }
    }

    @Test
    void anEmbedderCanConfigureTheRuntime() {
        Instant fixed = Instant.parse("2026-03-01T12:00:00Z");
        try (Bulwark bulwark = Bulwark.embedded(BulwarkRuntime.builder().settings(RuntimeSettings.inMemory(dataDir)).time(() -> fixed))) {
            assertThat(bulwark.health().health().startedAt()).isEqualTo(fixed);
        }
    }
}
