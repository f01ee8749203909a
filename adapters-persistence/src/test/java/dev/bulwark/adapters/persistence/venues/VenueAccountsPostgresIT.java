package dev.bulwark.adapters.persistence.venues;

import dev.bulwark.adapters.persistence.testing.TestDatabases;

class VenueAccountsPostgresIT extends VenueAccountsContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.POSTGRES;
    }
}
