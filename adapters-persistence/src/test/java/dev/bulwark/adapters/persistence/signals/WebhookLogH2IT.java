package dev.bulwark.adapters.persistence.signals;

import dev.bulwark.adapters.persistence.testing.TestDatabases;

class WebhookLogH2IT extends WebhookLogContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.H2;
    }
}
