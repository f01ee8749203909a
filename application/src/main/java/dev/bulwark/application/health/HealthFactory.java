package dev.bulwark.application.health;

import dev.bulwark.ports.driven.system.TimeSource;
import dev.bulwark.ports.driving.health.CheckHealth;

/** Creates the health use case; its service stays package-private. */
public final class HealthFactory {
    private HealthFactory() {
    }

    public static CheckHealth checkHealth(String version, TimeSource time) {
        return new HealthService(version, time);
    }
}
