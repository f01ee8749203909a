package dev.bulwark.ports.driven.wallfixtures;

/** A driven port that uses only the domain and its own side. */
public interface GoodDrivenPort {
    dev.bulwark.domain.wallfixtures.cyclea.A load();
}
