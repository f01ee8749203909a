package dev.bulwark.domain.paper;

/**
 * When a resting limit order fills. Candles say nothing of the queue at a price level, so a venue profile chooses
 * how optimistic to be. A limit that is marketable when it arrives (or triggers) takes liquidity under either rule.
 */
public enum LimitFillRule {
    /** The price must trade through the limit (below a buy's, above a sell's): an order at the very low never fills. */
    TRADE_THROUGH,
    /** Reaching the limit is enough: optimistic, as if the order were first in the queue. */
    TOUCH
}
