package dev.bulwark.adapters.persistence.accounts;

import dev.bulwark.adapters.persistence.testing.TestDatabases;

class LoginThrottleH2IT extends LoginThrottleContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.H2;
    }
}
