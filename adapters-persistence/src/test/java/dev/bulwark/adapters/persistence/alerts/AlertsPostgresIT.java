package dev.bulwark.adapters.persistence.alerts;

import dev.bulwark.adapters.persistence.testing.TestDatabases;

class AlertsPostgresIT extends AlertsContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.POSTGRES;
    }
}
