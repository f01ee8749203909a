package dev.bulwark.ports.driven.venues;

import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderStatus;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What became of {@link VenueGateway#place}: the venue took the order, or it refused it. A refusal is data and
 * certain: nothing was placed (except for {@link Rejected#DUPLICATE_CLIENT_ORDER_ID}, which says an earlier attempt
 * may have been). A failure whose outcome is unknown is not a result but a
 * {@link dev.bulwark.ports.errors.VenueUnavailable}; see {@link VenueGateway#place}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public sealed interface PlacementResult {

    /**
     * The venue acknowledged the order; {@code order} is as it reported it: working (ACCEPTED), already
     * (partly) filled, or ended at once (an IOC or FOK that could not fill is EXPIRED; a post-only order that would
     * have crossed may come back CANCELLED). Never NEW (the venue has it), REJECTED (that is {@link Rejected}) or
     * FAILED (that is ours to decide).
     *
     * <p>{@code fills} are the order's fills the venue reported with its answer (Binance's full response, the paper
     * venue), none when it reports none there; when they add up to the order's filled quantity they are all of them,
     * and nobody needs to ask the venue for them again.
     */
    record Placed(Order order, List<Fill> fills) implements PlacementResult {
        public Placed {
            Objects.requireNonNull(order, "order");
            if (order.status() == OrderStatus.NEW || order.status() == OrderStatus.REJECTED
                    || order.status() == OrderStatus.FAILED) {
                throw new IllegalArgumentException("a placed order has been acknowledged by the venue, was " + order.status());
            }
            fills = List.copyOf(fills);
            BigDecimal reported = BigDecimal.ZERO;
            for (Fill fill : fills) {
                if (!fill.orderId().equals(order.id())) {
                    throw new IllegalArgumentException("fill " + fill.tradeId() + " is of order " + fill.orderId()
                            + ", not of the placed order " + order.id());
                }
                reported = reported.add(fill.quantity());
            }
            if (reported.compareTo(order.filledQuantity()) > 0) {
                throw new IllegalArgumentException("the fills reported (" + reported.toPlainString()
                        + ") exceed what the order says is filled (" + order.filledQuantity().toPlainString() + ")");
            }
        }

        /** Placed, with no fills reported in the answer. */
        public Placed(Order order) {
            this(order, List.of());
        }

    }

    /**
     * The venue, or the gateway on its behalf, refused the order before working it; nothing was placed.
     *
     * @param code a stable code a caller may switch on: one of the constants here when it applies, else
     *     {@code venue:} followed by the venue's own code ({@code venue:-1013}); 1 to 100 printable ASCII
     *     characters without spaces
     * @param reason for the user, 1 to 1000 characters: the venue's message, or the gateway's
     */
    record Rejected(String code, String reason) implements PlacementResult {
        /** The venue, or this account on it, does not support something the request asks for. */
        public static final String UNSUPPORTED = "unsupported";
        /** The venue does not list the instrument, or it is not trading now. */
        public static final String UNKNOWN_INSTRUMENT = "unknown-instrument";
        /** Not enough balance or margin. */
        public static final String INSUFFICIENT_FUNDS = "insufficient-funds";
        /** Outside the venue's trading rules (tick, lot step, minimum notional, price band). */
        public static final String OUTSIDE_TRADING_RULES = "outside-trading-rules";
        /** The key may not trade. */
        public static final String NOT_PERMITTED = "not-permitted";
        /** The market is closed (a stock outside its session). */
        public static final String MARKET_CLOSED = "market-closed";
        /**
         * The client order id is already taken on the venue: an earlier attempt of this very request may have
         * gone through. Look it up with {@link VenueGateway#findByClientOrderId} before anything else.
         */
        public static final String DUPLICATE_CLIENT_ORDER_ID = "duplicate-client-order-id";

        public static final int MAX_CODE = 100;
        public static final int MAX_REASON = 1_000;

        public Rejected {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(reason, "reason");
            if (code.isEmpty() || code.length() > MAX_CODE || !code.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
                throw new IllegalArgumentException("a rejection code is 1 to " + MAX_CODE
                        + " printable ASCII characters without spaces, was '" + code + "'");
            }
            if (reason.isBlank() || reason.length() > MAX_REASON) {
                throw new IllegalArgumentException("a rejection reason is 1 to " + MAX_REASON + " characters, not blank");
            }
        }
    }
}
