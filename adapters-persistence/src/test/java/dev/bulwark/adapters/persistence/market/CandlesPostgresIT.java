package dev.bulwark.adapters.persistence.market;

import dev.bulwark.adapters.persistence.testing.TestDatabases;

class CandlesPostgresIT extends CandlesContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.POSTGRES;
    }
}
