package dev.bulwark.adapters.persistence.storage;

import dev.bulwark.adapters.persistence.testing.TestDatabases;

class UpgradePostgresIT extends UpgradeContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.POSTGRES;
    }
}
