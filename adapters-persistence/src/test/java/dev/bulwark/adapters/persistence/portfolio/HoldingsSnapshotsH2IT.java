package dev.bulwark.adapters.persistence.portfolio;

import dev.bulwark.adapters.persistence.testing.TestDatabases;

class HoldingsSnapshotsH2IT extends HoldingsSnapshotsContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.H2;
    }
}
