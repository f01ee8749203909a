package dev.bulwark.adapters.persistence.audit;

import dev.bulwark.adapters.persistence.testing.TestDatabases;

class AuditLogH2IT extends AuditLogContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.H2;
    }
}
