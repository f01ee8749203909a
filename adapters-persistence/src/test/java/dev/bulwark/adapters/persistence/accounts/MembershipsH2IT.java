package dev.bulwark.adapters.persistence.accounts;

import dev.bulwark.adapters.persistence.testing.TestDatabases;

class MembershipsH2IT extends MembershipsContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.H2;
    }
}
