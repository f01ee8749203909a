package dev.bulwark.adapters.persistence.market;

import dev.bulwark.adapters.persistence.testing.TestDatabases;

class CandlesH2IT extends CandlesContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.H2;
    }
}
