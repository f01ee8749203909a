package dev.bulwark.adapters.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.adapters.persistence.Jdbc;
import dev.bulwark.adapters.persistence.testing.TestDatabases;
import java.util.List;
import org.junit.jupiter.api.Test;

class JdbcH2IT extends JdbcContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.H2;
    }

    @Test
    void twoStatementsInOneRoundTripArePostgresOnly() {
        Jdbc.Query<Integer> one = new Jdbc.Query<>("select 1", List.of(), rs -> rs.getInt(1));
        assertThatThrownBy(() -> database.db().jdbc().queryBoth(one, one)).isInstanceOf(UnsupportedOperationException.class);
    }
}
