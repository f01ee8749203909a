package dev.bulwark.adapters.persistence.orders;

import dev.bulwark.adapters.persistence.testing.TestDatabases;

class OrdersH2IT extends OrdersContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.H2;
    }
}
