package dev.bulwark.adapters.persistence.accounts;

import dev.bulwark.adapters.persistence.testing.TestDatabases;

class SessionsH2IT extends SessionsContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.H2;
    }
}
