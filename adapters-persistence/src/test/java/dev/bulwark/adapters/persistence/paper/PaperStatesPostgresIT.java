package dev.bulwark.adapters.persistence.paper;

import dev.bulwark.adapters.persistence.testing.TestDatabases;

class PaperStatesPostgresIT extends PaperStatesContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.POSTGRES;
    }
}
