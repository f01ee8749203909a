package dev.bulwark.adapters.persistence.orders;

import dev.bulwark.adapters.persistence.testing.TestDatabases;

class PositionsH2IT extends PositionsContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.H2;
    }
}
