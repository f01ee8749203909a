package dev.bulwark.ports.driving.wallfixtures;

/** A driving port that reaches into the driven side: forbidden. */
public interface DrivingUsesDriven {
    dev.bulwark.ports.driven.wallfixtures.DrivenUsesDriving port();
}
