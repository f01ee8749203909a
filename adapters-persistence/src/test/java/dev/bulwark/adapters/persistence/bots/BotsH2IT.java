package dev.bulwark.adapters.persistence.bots;

import dev.bulwark.adapters.persistence.testing.TestDatabases;

class BotsH2IT extends BotsContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.H2;
    }
}
