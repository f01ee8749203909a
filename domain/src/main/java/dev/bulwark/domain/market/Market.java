package dev.bulwark.domain.market;

/** Where an instrument trades: the kind of market, which decides margin, shorting and settlement. */
public enum Market {
    /** Spot: you own what you buy; no shorting, no leverage. */
    SPOT,
    /** USD-margined perpetual futures: margined in a USD stablecoin, long or short, with leverage. */
    USDM_FUTURES,
    /** Equities on a stock broker (long only here; no margin). */
    STOCK;

    /** Whether a position may be short on this market. */
    public boolean allowsShort() {
        return this == USDM_FUTURES;
    }

    /** Whether leverage above 1 is possible on this market. */
    public boolean allowsLeverage() {
        return this == USDM_FUTURES;
    }
}
