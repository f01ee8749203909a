package dev.bulwark.adapters.persistence.signals;

import dev.bulwark.adapters.persistence.testing.TestDatabases;

class SignalJourneysPostgresIT extends SignalJourneysContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.POSTGRES;
    }
}
