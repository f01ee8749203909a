package dev.bulwark.domain.risk;

/**
 * Every rule the risk engine applies, in the order it checks them and lists violations. Each is broken only when
 * the actual value is beyond its limit: at the limit is allowed.
 */
public enum RiskRule {
    /**
     * The instrument's {@code BASE/QUOTE} symbol must be on the profile's whitelist; an empty whitelist allows
     * every symbol on paper and none live. Reported as a count: limit 1 (the symbol must be listed once),
     * actual 0 (it is not).
     */
    SYMBOL_WHITELIST,
    /** Order quantity, in base units, below the minimum. */
    MIN_ORDER_SIZE,
    /** Order quantity, in base units, above the maximum. */
    MAX_ORDER_SIZE,
    /** Order value in USDT (quantity × price × quote rate) above the maximum. */
    MAX_ORDER_VALUE,
    /** Value in USDT of the position after the order, |quantity| × price × quote rate, above the maximum. */
    MAX_POSITION_VALUE,
    /** That position value as a share of portfolio equity above the maximum. */
    MAX_POSITION_SHARE,
    /** Leverage above the cap. */
    MAX_LEVERAGE,
    /** Amount at risk (to the stop, or the whole order value without one) as a share of equity above the maximum. */
    MAX_RISK_PER_TRADE,
    /** Loss since 00:00 UTC, realized plus unrealized, as a share of the equity at that moment above the maximum. */
    MAX_DAILY_LOSS,
    /** Open positions, counting the one this order would open, above the maximum. */
    MAX_OPEN_POSITIONS
}
