package dev.bulwark.ports.driven.venues;

import org.apiguardian.api.API;

/**
 * Something a venue may or may not do. A provider declares its capabilities in its {@link VenueDescriptor}; a
 * connected {@link VenueGateway} reports those its account has (the same or fewer: a key without futures access
 * loses {@link #FUTURES}). Callers ask before they rely on one: no method of the SPI throws "not implemented". Each
 * constant says what the gateway does without it, which is never an exception.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public enum VenueCapability {
    /** {@link VenueGateway#balances()} reports the account's wallets. Without it: an empty list. */
    BALANCES,
    /**
     * {@link VenueGateway#positions()} reports the positions the venue keeps (futures, a broker's stock positions).
     * Without it: an empty list; spot holdings are balances, not positions.
     */
    POSITIONS,
    /**
     * USD-margined futures: shorts, leverage per order and reduce-only orders. Declared exactly when the descriptor
     * lists {@link dev.bulwark.domain.market.Market#USDM_FUTURES}, and implies {@link #POSITIONS}. Without it: a
     * futures order, a reduce-only order or one with leverage is {@link PlacementResult.Rejected rejected} as
     * {@link PlacementResult.Rejected#UNSUPPORTED}.
     */
    FUTURES,
    /**
     * A market order may be sized by a quote amount ({@link dev.bulwark.domain.orders.OrderSize.OfQuoteAmount},
     * Binance's {@code quoteOrderQty}). Without it: such an order is rejected as unsupported; size by quantity at a
     * reference price instead.
     */
    QUOTE_AMOUNT,
    /**
     * Native trailing stops ({@link dev.bulwark.domain.orders.OrderType#TRAILING_STOP}); declared exactly when the
     * descriptor lists that order type. Without it: rejected as unsupported; the application may trail in software.
     */
    TRAILING_STOP,
    /**
     * The venue links two orders so that one filling cancels the other (a take-profit and a stop-loss). Declared so
     * the application can plan: without it, it emulates the link by cancelling the sibling when one fills. With it,
     * {@link VenueGateway#placeOco} places a linked pair; without it, that answers
     * {@link PlacementResult.Rejected#UNSUPPORTED}.
     */
    OCO,
    /** {@link VenueGateway#fills} reports executions. Without it: an empty list; read fills from the orders. */
    FILLS,
    /** {@link VenueGateway#price} reports the last traded price. Without it: always empty. */
    PRICES,
    /**
     * {@link VenueGateway#checkCredentials()} reports what the key may do, {@code WITHDRAW} included. Without it: the
     * check proves only that the key works, its permissions name only what that proved ({@code READ}), and whether
     * the key can withdraw is unknown: ask the user to confirm it cannot.
     */
    PERMISSIONS
}
