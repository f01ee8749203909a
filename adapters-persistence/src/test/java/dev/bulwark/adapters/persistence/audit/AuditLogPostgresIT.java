package dev.bulwark.adapters.persistence.audit;

import dev.bulwark.adapters.persistence.testing.TestDatabases;

class AuditLogPostgresIT extends AuditLogContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.POSTGRES;
    }
}
