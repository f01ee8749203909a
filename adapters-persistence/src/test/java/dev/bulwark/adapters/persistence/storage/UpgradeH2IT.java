package dev.bulwark.adapters.persistence.storage;

import dev.bulwark.adapters.persistence.testing.TestDatabases;

class UpgradeH2IT extends UpgradeContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.H2;
    }
}
