package dev.bulwark.adapters.persistence.signals;

import dev.bulwark.adapters.persistence.testing.TestDatabases;

class SignalIntakeH2IT extends SignalIntakeContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.H2;
    }
}
