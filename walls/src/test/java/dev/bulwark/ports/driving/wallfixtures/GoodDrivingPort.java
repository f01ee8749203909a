package dev.bulwark.ports.driving.wallfixtures;

/** A driving port that uses only the domain and its own side. */
public interface GoodDrivingPort {
    dev.bulwark.domain.wallfixtures.cyclea.A run();
}
