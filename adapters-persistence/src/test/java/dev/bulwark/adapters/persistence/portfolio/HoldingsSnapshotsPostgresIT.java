package dev.bulwark.adapters.persistence.portfolio;

import dev.bulwark.adapters.persistence.testing.TestDatabases;

class HoldingsSnapshotsPostgresIT extends HoldingsSnapshotsContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.POSTGRES;
    }
}
