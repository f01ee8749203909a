package dev.bulwark.adapters.persistence.storage;

import dev.bulwark.adapters.persistence.testing.TestDatabases;

class WorkspacesPostgresIT extends WorkspacesContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.POSTGRES;
    }
}
