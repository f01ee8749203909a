package dev.bulwark.host.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeSettingsTest {
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void nothingSetMeansAnH2FileDatabaseAndAKeyFileUnderData() {
        RuntimeSettings settings = RuntimeSettings.fromEnvironment(Map.of());

        assertThat(settings.dataDirectory()).isEqualTo(Path.of("data").toAbsolutePath().normalize());
        assertThat(settings.database().url()).startsWith("jdbc:h2:file:" + settings.dataDirectory() + "/bulwark;");
        assertThat(settings.keys()).isNull();
        assertThat(settings.keyFile()).isEqualTo(settings.dataDirectory().resolve("master.key"));
    }

    @Test
    void readsAPostgresDatabaseAndAMasterKey() {
        RuntimeSettings settings = RuntimeSettings.fromEnvironment(Map.of(
                "BULWARK_DB_URL", "jdbc:postgresql://db:5432/bulwark", "BULWARK_DB_USER", "bulwark",
                "BULWARK_DB_PASSWORD", "s3cret-pw", "BULWARK_DB_POOL_SIZE", "20", "BULWARK_MASTER_KEY", KEY));

        assertThat(settings.database().isPostgres()).isTrue();
        assertThat(settings.database().maxPoolSize()).isEqualTo(20);
        assertThat(settings.keys()).isNotNull();
        assertThat(settings.keys().retiring()).isEmpty();
        assertThat(settings.database().toString()).doesNotContain("s3cret-pw");
    }

    @Test
    void everyWrongValueIsReportedOnALineOfItsOwnWithoutEchoingSecrets() {
        assertThatThrownBy(() -> RuntimeSettings.fromEnvironment(Map.of(
                "BULWARK_DB_URL", "mysql://nope", "BULWARK_DB_POOL_SIZE", "lots",
                "BULWARK_MASTER_KEY", "dG9vLXNob3J0")))
                .isInstanceOfSatisfying(InvalidSettings.class, e -> {
                    assertThat(e.problems()).hasSize(3);
                    assertThat(e.problems().get(0)).isEqualTo("BULWARK_DB_POOL_SIZE must be a whole number from 1 to 200, was 'lots'");
                    assertThat(e.problems().get(1)).isEqualTo("BULWARK_DB_URL must start with jdbc:postgresql: or jdbc:h2:");
                    assertThat(e.problems().get(2)).startsWith("BULWARK_MASTER_KEY").contains("32");
                    assertThat(e.getMessage()).doesNotContain("dG9vLXNob3J0");
                });
    }

    @Test
    void marketDataIsTheShippedReplayUnlessLiveIsAsked() {
        assertThat(RuntimeSettings.fromEnvironment(Map.of()).marketData()).isEqualTo(RuntimeSettings.MarketDataSource.REPLAY);
        RuntimeSettings live = RuntimeSettings.fromEnvironment(Map.of("BULWARK_MARKET_DATA", "Live", "BULWARK_EUR_USD", "1.17"));
        assertThat(live.marketData()).isEqualTo(RuntimeSettings.MarketDataSource.LIVE);
        assertThat(live.assumedEurUsd()).isEqualByComparingTo("1.17");
        assertThat(RuntimeSettings.fromEnvironment(Map.of("BULWARK_SYNC_MINUTES", "15")).syncInterval())
                .isEqualTo(java.time.Duration.ofMinutes(15));
        assertThat(RuntimeSettings.fromEnvironment(Map.of()).syncInterval()).isEqualTo(java.time.Duration.ofMinutes(5));
        assertThatThrownBy(() -> RuntimeSettings.fromEnvironment(Map.of("BULWARK_SYNC_MINUTES", "0")))
                .isInstanceOf(InvalidSettings.class);
        assertThatThrownBy(() -> RuntimeSettings.fromEnvironment(Map.of("BULWARK_MARKET_DATA", "tape", "BULWARK_EUR_USD", "-1")))
                .isInstanceOfSatisfying(InvalidSettings.class, e -> assertThat(e.problems()).containsExactly(
                        "BULWARK_MARKET_DATA must be replay or live, was 'tape'",
                        "BULWARK_EUR_USD must be a positive number of US dollars per euro (e.g. 1.08), was '-1'"));
    }

    @Test
    void theDefaultPlanIsUnlimitedUnlessOneIsNamed() {
        assertThat(RuntimeSettings.fromEnvironment(Map.of()).defaultPlan()).isEqualTo(dev.bulwark.domain.accounts.Plan.UNLIMITED);
        assertThat(RuntimeSettings.fromEnvironment(Map.of("BULWARK_DEFAULT_PLAN", " Free ")).defaultPlan())
                .isEqualTo(dev.bulwark.domain.accounts.Plan.FREE);
        assertThatThrownBy(() -> RuntimeSettings.fromEnvironment(Map.of("BULWARK_DEFAULT_PLAN", "gold", "BULWARK_SYNC_MINUTES", "0")))
                .isInstanceOf(InvalidSettings.class)
                .satisfies(e -> assertThat(((InvalidSettings) e).problems()).hasSize(2)
                        .contains("BULWARK_DEFAULT_PLAN must be free, basic, pro, elite or unlimited, was 'gold'"));
    }

    @Test
    void theWebhookRateLimitIsTenAMinuteUnlessSetAndZeroTurnsItOff() {
        assertThat(RuntimeSettings.fromEnvironment(Map.of()).webhooksPerMinute()).isEqualTo(10);
        assertThat(RuntimeSettings.fromEnvironment(Map.of("BULWARK_WEBHOOKS_PER_MINUTE", "0")).webhooksPerMinute()).isZero();
        assertThatThrownBy(() -> RuntimeSettings.fromEnvironment(Map.of("BULWARK_WEBHOOKS_PER_MINUTE", "-5")))
                .isInstanceOf(InvalidSettings.class).hasMessageContaining("BULWARK_WEBHOOKS_PER_MINUTE");
    }

    @Test
    void fourSignalWorkersUnlessSetAndZeroOnlyReceives() {
        assertThat(RuntimeSettings.fromEnvironment(Map.of()).signalWorkers()).isEqualTo(4);
        assertThat(RuntimeSettings.fromEnvironment(Map.of("BULWARK_SIGNAL_WORKERS", "0")).signalWorkers()).isZero();
        assertThat(RuntimeSettings.fromEnvironment(Map.of("BULWARK_SIGNAL_WORKERS", " 16 ")).signalWorkers()).isEqualTo(16);
        for (String wrong : new String[] {"-1", "65", "four", "1.5"}) {
            assertThatThrownBy(() -> RuntimeSettings.fromEnvironment(Map.of("BULWARK_SIGNAL_WORKERS", wrong)))
                    .isInstanceOfSatisfying(InvalidSettings.class, e -> assertThat(e.problems()).containsExactly(
                            "BULWARK_SIGNAL_WORKERS must be a whole number from 0 (receive only) to 64, was '" + wrong + "'"));
        }
    }

    @Test
    void retiringKeysWithoutANewMasterKeyAreRefused() {
        assertThatThrownBy(() -> RuntimeSettings.fromEnvironment(Map.of("BULWARK_MASTER_KEYS_RETIRING", KEY)))
                .isInstanceOfSatisfying(InvalidSettings.class, e -> assertThat(e.problems()).singleElement()
                        .asString().startsWith("BULWARK_MASTER_KEYS_RETIRING needs BULWARK_MASTER_KEY"));
    }
}
