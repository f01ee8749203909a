package dev.bulwark.domain.venues;

/**
 * What an API key lets us do on a venue. {@link #WITHDRAW} is recorded only so that a key able to move funds off
 * the venue can be recognised and refused: Bulwark never withdraws, and a leaked key that cannot withdraw loses
 * less.
 */
public enum Permission {
    /** Read balances, orders and fills. */
    READ,
    /** Place and cancel orders. */
    TRADE,
    /** Move funds off the venue: never used, stored to be refused. */
    WITHDRAW
}
