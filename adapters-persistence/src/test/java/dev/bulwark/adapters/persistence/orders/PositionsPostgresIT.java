package dev.bulwark.adapters.persistence.orders;

import dev.bulwark.adapters.persistence.testing.TestDatabases;

class PositionsPostgresIT extends PositionsContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.POSTGRES;
    }
}
