package dev.bulwark.domain.paper;

/** Why an open order was cancelled. */
public enum CancelReason {
    /** The trader asked. */
    REQUESTED,
    /** The other leg of its OCO pair triggered or filled. */
    OCO_SIBLING_EXECUTED,
    /** Its instrument's position was liquidated (the venue cancels that position's orders). */
    LIQUIDATION,
    /** The account was reset. */
    RESET
}
