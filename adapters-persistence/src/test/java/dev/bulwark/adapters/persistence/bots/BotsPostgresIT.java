package dev.bulwark.adapters.persistence.bots;

import dev.bulwark.adapters.persistence.testing.TestDatabases;

class BotsPostgresIT extends BotsContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.POSTGRES;
    }
}
