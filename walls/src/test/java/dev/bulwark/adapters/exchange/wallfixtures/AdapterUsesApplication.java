package dev.bulwark.adapters.exchange.wallfixtures;

/** An adapter that depends on the application and on another adapter: forbidden. */
final class AdapterUsesApplication {
    dev.bulwark.application.wallfixtures.BadApplication.OrderService service;
}
