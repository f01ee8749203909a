package dev.bulwark.domain.orders;

/**
 * How an order executes. Which prices each type needs is stated here once, and {@link Order} enforces it: a price a
 * type would ignore is refused as well, because it means the caller meant a different type.
 */
public enum OrderType {
    /** Executes now at the market. */
    MARKET(false, false),
    /** Rests at a limit price. */
    LIMIT(true, false),
    /** A market order once the stop (trigger) price is reached: a stop-loss. */
    STOP_MARKET(false, true),
    /** A limit order once the stop (trigger) price is reached. */
    STOP_LIMIT(true, true),
    /** A market order once the stop (trigger) price is reached in the profitable direction. */
    TAKE_PROFIT(false, true),
    /** A limit order once the stop (trigger) price is reached in the profitable direction. */
    TAKE_PROFIT_LIMIT(true, true),
    /**
     * A market order triggered when the price retraces by a trailing offset from its best since placement (or
     * since the optional activation price, carried as the stop price, was reached).
     */
    TRAILING_STOP(false, false);

    private final boolean needsLimitPrice;
    private final boolean needsStopPrice;

    OrderType(boolean needsLimitPrice, boolean needsStopPrice) {
        this.needsLimitPrice = needsLimitPrice;
        this.needsStopPrice = needsStopPrice;
    }

    /** Whether the order carries a limit price; every other type must not. */
    public boolean needsLimitPrice() {
        return needsLimitPrice;
    }

    /** Whether a stop (trigger) price is required; a trailing stop may carry one as its activation price. */
    public boolean needsStopPrice() {
        return needsStopPrice;
    }

    /** Whether the order may carry a stop price at all. */
    public boolean allowsStopPrice() {
        return needsStopPrice || this == TRAILING_STOP;
    }

    /** Whether a trailing offset is required; no other type may carry one. */
    public boolean needsTrailingOffset() {
        return this == TRAILING_STOP;
    }

    /** Whether the order waits for a trigger before it executes. */
    public boolean isConditional() {
        return needsStopPrice || this == TRAILING_STOP;
    }

    /**
     * The time in force this type takes when it executes at the market: {@code IOC} for a market order, which
     * fills what it can now and drops the rest, and {@code GTC} for a conditional one, which rests until
     * triggered. Limit-priced types take any; {@code GTC} is their default.
     */
    public TimeInForce defaultTimeInForce() {
        return this == MARKET ? TimeInForce.IOC : TimeInForce.GTC;
    }

    /** Whether an order of this type may be placed with {@code timeInForce}; see {@link #defaultTimeInForce()}. */
    public boolean allows(TimeInForce timeInForce) {
        return needsLimitPrice || timeInForce == defaultTimeInForce();
    }
}
