package dev.bulwark.application;

import dev.bulwark.application.health.HealthFactory;
import dev.bulwark.ports.driven.system.TimeSource;
import dev.bulwark.ports.driving.health.CheckHealth;
import java.util.Objects;

/**
 * The one door hosts use to the use cases: give it the driven ports, take the driving ports. Each use case is
 * built once and is safe to share between threads.
 */
public final class ApplicationFactory {
    private final CheckHealth checkHealth;

    /**
     * @param version the version the build stamped, reported by health
     * @param time    the clock every use case reads
     */
    public ApplicationFactory(String version, TimeSource time) {
        Objects.requireNonNull(version, "version");
        this.checkHealth = HealthFactory.checkHealth(version, time);
    }

    public CheckHealth checkHealth() {
        return checkHealth;
    }
}
