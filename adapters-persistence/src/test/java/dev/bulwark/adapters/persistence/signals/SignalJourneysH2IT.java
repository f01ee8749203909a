package dev.bulwark.adapters.persistence.signals;

import dev.bulwark.adapters.persistence.testing.TestDatabases;

class SignalJourneysH2IT extends SignalJourneysContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.H2;
    }
}
