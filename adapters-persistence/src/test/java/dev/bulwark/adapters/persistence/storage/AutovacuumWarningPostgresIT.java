package dev.bulwark.adapters.persistence.storage;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.bulwark.adapters.persistence.Database;
import dev.bulwark.adapters.persistence.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Opening a PostgreSQL database warns exactly when the server runs without autovacuum. */
class AutovacuumWarningPostgresIT {
    @Test
    void theWarningFollowsTheServersSetting() {
        Logger log = (Logger) LoggerFactory.getLogger(Database.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        log.addAppender(logs);
        String setting;
        try (Database database = TestDatabases.postgres()) {
            setting = database.db().jdbc().queryOne("select current_setting('autovacuum')", rs -> rs.getString(1))
                    .orElseThrow();
        } finally {
            log.detachAppender(logs);
        }
        boolean warned = logs.list.stream().anyMatch(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN
                && e.getFormattedMessage().contains("autovacuum is off"));
        assertThat(warned).as("warned with autovacuum = %s", setting).isEqualTo("off".equals(setting));
    }
}
