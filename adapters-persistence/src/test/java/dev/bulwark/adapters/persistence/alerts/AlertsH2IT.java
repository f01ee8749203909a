package dev.bulwark.adapters.persistence.alerts;

import dev.bulwark.adapters.persistence.testing.TestDatabases;

class AlertsH2IT extends AlertsContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.H2;
    }
}
