package dev.bulwark.ports.driven.wallfixtures;

/** A driven port that reaches into the driving side: forbidden. */
public interface DrivenUsesDriving {
    dev.bulwark.ports.driving.wallfixtures.DrivingUsesDriven useCase();
}
