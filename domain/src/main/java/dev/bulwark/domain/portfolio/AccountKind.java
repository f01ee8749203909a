package dev.bulwark.domain.portfolio;

/**
 * The wallet of a venue account a balance sits in. Kept apart because the same asset in a spot wallet and in a
 * futures (margin) wallet are different things to move and to risk, though they count alike in the portfolio.
 */
public enum AccountKind {
    SPOT,
    FUTURES
}
