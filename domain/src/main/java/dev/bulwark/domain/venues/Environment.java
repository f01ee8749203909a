package dev.bulwark.domain.venues;

/** Whether orders move real money. Paper is the default for every new account and bot. */
public enum Environment {
    PAPER,
    LIVE
}
