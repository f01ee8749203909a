package dev.bulwark.adapters.persistence.storage;

import dev.bulwark.adapters.persistence.testing.TestDatabases;

class WorkspacesH2IT extends WorkspacesContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.H2;
    }
}
