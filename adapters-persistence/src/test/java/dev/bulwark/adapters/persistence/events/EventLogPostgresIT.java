package dev.bulwark.adapters.persistence.events;

import dev.bulwark.adapters.persistence.testing.TestDatabases;

class EventLogPostgresIT extends EventLogContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.POSTGRES;
    }
}
