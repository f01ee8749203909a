package dev.bulwark.adapters.persistence.signals;

import dev.bulwark.adapters.persistence.testing.TestDatabases;

class SignalsH2IT extends SignalsContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.H2;
    }
}
