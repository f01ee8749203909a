package dev.bulwark.adapters.persistence.storage;

import dev.bulwark.adapters.persistence.testing.TestDatabases;

class SchemaPostgresIT extends SchemaContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.POSTGRES;
    }
}
