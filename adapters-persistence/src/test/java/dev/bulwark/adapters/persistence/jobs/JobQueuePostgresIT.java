package dev.bulwark.adapters.persistence.jobs;

import dev.bulwark.adapters.persistence.testing.TestDatabases;

class JobQueuePostgresIT extends JobQueueContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.POSTGRES;
    }
}
