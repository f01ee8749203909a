package dev.bulwark.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When opening a PostgreSQL database warns about its autovacuum setting. */
class DatabaseAutovacuumTest {
    @Test
    void offIsWarnedAboutWithWhatToDo() {
        assertThat(Database.autovacuumWarning("off")).hasValueSatisfying(warning -> assertThat(warning)
                .contains("autovacuum is off").contains("autovacuum = on").contains("VACUUM ANALYZE"));
        assertThat(Database.autovacuumWarning(" OFF ")).isPresent();
    }

    @Test
    void onOrUnknownSaysNothing() {
        assertThat(Database.autovacuumWarning("on")).isEmpty();
        assertThat(Database.autovacuumWarning(null)).isEmpty();
        assertThat(Database.autovacuumWarning("")).isEmpty();
    }
}
