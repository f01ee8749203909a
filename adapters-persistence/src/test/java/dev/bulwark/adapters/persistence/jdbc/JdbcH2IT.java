package dev.bulwark.adapters.persistence.jdbc;

import dev.bulwark.adapters.persistence.testing.TestDatabases;

class JdbcH2IT extends JdbcContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.H2;
    }
}
