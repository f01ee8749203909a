package dev.bulwark.domain.paper;

/** Why a paper account refused an order, as a venue would; the rejection's detail gives the numbers. */
public enum RejectReason {
    /** An order with this id was placed before, or an open order already has this client order id. */
    DUPLICATE_ORDER,
    /** The account's wallet does not trade this market (a spot account and a futures instrument, say). */
    UNSUPPORTED_MARKET,
    /** The profile has no trading rules for the instrument: the venue does not list it. */
    UNKNOWN_INSTRUMENT,
    /** A limit or stop price is not a multiple of the tick size. */
    PRICE_OFF_TICK,
    /** The quantity is not a multiple of the lot step. */
    QUANTITY_OFF_STEP,
    /** A quote amount that buys or sells less than one lot step at the current price. */
    ZERO_QUANTITY,
    BELOW_MIN_QUANTITY,
    ABOVE_MAX_QUANTITY,
    /** Quantity × price (the limit, the stop, or the current price for market-priced orders) under the minimum. */
    BELOW_MIN_NOTIONAL,
    /** A stop or take-profit whose trigger already holds at the current price (a venue refuses these too). */
    WOULD_TRIGGER_IMMEDIATELY,
    /** The free balance cannot cover the reservation (quote plus fees for a buy or margin, base for a spot sell). */
    INSUFFICIENT_BALANCE,
    /** Leverage above 1 on a market without it, or an OCO whose legs do not make a pair. */
    INVALID_ORDER
}
