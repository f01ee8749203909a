package dev.bulwark.adapters.persistence.risk;

import dev.bulwark.adapters.persistence.testing.TestDatabases;

class RiskProfilesH2IT extends RiskProfilesContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.H2;
    }
}
