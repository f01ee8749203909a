package dev.bulwark.domain.paper;

/** Whether a fill's order rested on the book (maker) or took liquidity when it arrived or triggered (taker). */
public enum Liquidity {
    MAKER,
    TAKER
}
