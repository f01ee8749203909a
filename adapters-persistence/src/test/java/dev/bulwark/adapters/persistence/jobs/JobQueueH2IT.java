package dev.bulwark.adapters.persistence.jobs;

import dev.bulwark.adapters.persistence.testing.TestDatabases;

class JobQueueH2IT extends JobQueueContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.H2;
    }
}
