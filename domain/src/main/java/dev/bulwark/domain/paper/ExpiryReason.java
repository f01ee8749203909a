package dev.bulwark.domain.paper;

/** Why an order's remainder expired rather than stay open. */
public enum ExpiryReason {
    /** IOC (and every MARKET order): what could not fill at once is dropped. */
    IMMEDIATE_OR_CANCEL,
    /** FOK: it could not fill in full at once, so nothing filled. */
    FILL_OR_KILL,
    /** When it came to fill (a triggered stop, say) the balance could not pay for all of it. */
    INSUFFICIENT_BALANCE
}
