package dev.bulwark.adapters.persistence.accounts;

import dev.bulwark.adapters.persistence.testing.TestDatabases;

class TwoFactorSecretsPostgresIT extends TwoFactorSecretsContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.POSTGRES;
    }
}
