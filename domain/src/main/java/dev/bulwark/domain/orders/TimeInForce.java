package dev.bulwark.domain.orders;

/** How long an order works: until cancelled, or only now (what cannot fill at once is cancelled, or all of it). */
public enum TimeInForce {
    /** Good till cancelled. */
    GTC,
    /** Immediate or cancel: fill what can be filled now, cancel the rest. */
    IOC,
    /** Fill or kill: fill all of it now or none of it. */
    FOK
}
