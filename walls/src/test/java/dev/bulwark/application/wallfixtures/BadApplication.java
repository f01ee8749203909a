package dev.bulwark.application.wallfixtures;

/** A public service (forbidden) next to the public factory that should be the only public class. */
public final class BadApplication {
    private BadApplication() {
    }

    public static final class OrderService {
    }

    public static final class GoodFactory {
    }
}
