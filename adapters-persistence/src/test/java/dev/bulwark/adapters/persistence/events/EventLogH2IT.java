package dev.bulwark.adapters.persistence.events;

import dev.bulwark.adapters.persistence.testing.TestDatabases;

class EventLogH2IT extends EventLogContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.H2;
    }
}
