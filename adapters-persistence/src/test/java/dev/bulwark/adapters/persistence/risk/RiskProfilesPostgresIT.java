package dev.bulwark.adapters.persistence.risk;

import dev.bulwark.adapters.persistence.testing.TestDatabases;

class RiskProfilesPostgresIT extends RiskProfilesContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.POSTGRES;
    }
}
