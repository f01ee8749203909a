package dev.bulwark.adapters.persistence.accounts;

import dev.bulwark.adapters.persistence.testing.TestDatabases;

class UsersPostgresIT extends UsersContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.POSTGRES;
    }
}
