package dev.bulwark.adapters.exchange.binance;

import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.venues.PlacementResult;
import dev.bulwark.ports.errors.BulwarkException;
import dev.bulwark.ports.errors.RateLimited;
import dev.bulwark.ports.errors.Unauthorized;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.time.Duration;
import java.util.Locale;

/**
 * Binance's documented error codes ({@code errors.md}) as the port understands them: a refused placement as a
 * {@link PlacementResult.Rejected} with a stable code, a refused key as {@link Unauthorized}, throttling as
 * {@link RateLimited}, anything else on a read as {@link VenueUnavailable}. The venue's own message may reach the
 * user in a rejection; Binance's messages do not quote keys or signatures.
 */
final class BinanceErrorAdapter {
    static final int UNKNOWN = -1000;
    static final int DISCONNECTED = -1001;
    static final int UNAUTHORIZED = -1002;
    static final int TOO_MANY_REQUESTS = -1003;
    static final int BACKEND_TIMEOUT = -1007;
    static final int SERVER_BUSY = -1008;
    static final int INVALID_MESSAGE = -1013;
    static final int TOO_MANY_ORDERS = -1015;
    static final int INVALID_TIMESTAMP = -1021;
    static final int INVALID_SIGNATURE = -1022;
    static final int BAD_PRECISION = -1111;
    static final int BAD_SYMBOL = -1121;
    static final int NEW_ORDER_REJECTED = -2010;
    static final int CANCEL_REJECTED = -2011;
    static final int NO_SUCH_ORDER = -2013;
    static final int BAD_API_KEY_FMT = -2014;
    static final int REJECTED_MBX_KEY = -2015;
    /** USD-M futures: "Margin is insufficient." */
    static final int MARGIN_INSUFFICIENT = -2019;
    /** USD-M futures: "ReduceOnly Order is rejected." (it would not reduce the position) */
    static final int REDUCE_ONLY_REJECTED = -2022;
    /** USD-M futures: "Invalid leverage" */
    static final int INVALID_LEVERAGE = -4028;
    /** USD-M futures: "Order's notional must be no smaller than 5.0 (unless you choose reduce only)" */
    static final int MIN_NOTIONAL = -4164;
    /** USD-M futures: "Duplicate clientOrderId" (-4116) and "Leverage ... exceeds the maximum" (-4161) and friends. */
    static final int DUPLICATE_CLIENT_ID = -4116;

    private BinanceErrorAdapter() {
    }

    /** Whether the code says Binance refused the key (wrong, deleted, wrong IP, no permission for the call). */
    static boolean isKeyRefused(int httpStatus, int code) {
        return httpStatus == 401 || code == UNAUTHORIZED || code == INVALID_SIGNATURE || code == BAD_API_KEY_FMT
                || code == REJECTED_MBX_KEY;
    }

    /** Codes whose meaning is "nothing was processed, try later": throttling, not a refusal. */
    static boolean isThrottle(int code) {
        return code == TOO_MANY_REQUESTS || code == TOO_MANY_ORDERS;
    }

    /** Codes whose outcome Binance itself calls unknown (the backend timed out, or is busy). */
    static boolean isUnknownOutcome(int code) {
        return code == UNKNOWN || code == DISCONNECTED || code == BACKEND_TIMEOUT || code == SERVER_BUSY;
    }

    /**
     * What a refused placement means: a {@link PlacementResult.Rejected}, or thrown when it is not a refusal (a
     * throttle is {@link RateLimited}: not processed; an unknown outcome is {@link VenueUnavailable}).
     */
    static PlacementResult.Rejected placement(VenueId venue, int httpStatus, int code, String message) {
        return placement(venue, httpStatus, code, message, "POST /api/v3/order");
    }

    /**
     * As {@link #placement(VenueId, int, int, String)}, for the spot placement {@code call} names (an OCO list,
     * {@code POST /api/v3/orderList/oco}, is refused with the same codes and messages as a single order).
     */
    static PlacementResult.Rejected placement(VenueId venue, int httpStatus, int code, String message, String call) {
        if (isThrottle(code) || isUnknownOutcome(code)) {
            throw failure(venue, httpStatus, code, message, call);
        }
        String lower = message.toLowerCase(Locale.ROOT);
        String ours = switch (code) {
            case NEW_ORDER_REJECTED -> {
                if (lower.contains("insufficient balance")) {
                    yield PlacementResult.Rejected.INSUFFICIENT_FUNDS;
                } else if (lower.contains("duplicate order")) {
                    yield PlacementResult.Rejected.DUPLICATE_CLIENT_ORDER_ID;
                } else if (lower.contains("market is closed")) {
                    yield PlacementResult.Rejected.MARKET_CLOSED;
                } else if (lower.contains("unsupported order combination") || lower.contains("not supported for this symbol")) {
                    yield PlacementResult.Rejected.UNSUPPORTED;
                } else {
                    yield "venue:" + code;
                }
            }
            // -1013 carries the filter failures (PRICE_FILTER, LOT_SIZE, NOTIONAL...); -1111 a precision too fine
            case INVALID_MESSAGE, BAD_PRECISION -> PlacementResult.Rejected.OUTSIDE_TRADING_RULES;
            case BAD_SYMBOL -> PlacementResult.Rejected.UNKNOWN_INSTRUMENT;
            case REJECTED_MBX_KEY, UNAUTHORIZED, BAD_API_KEY_FMT -> PlacementResult.Rejected.NOT_PERMITTED;
            default -> httpStatus == 401 ? PlacementResult.Rejected.NOT_PERMITTED : "venue:" + code;
        };
        return new PlacementResult.Rejected(ours, reason(message));
    }

    /**
     * A refused USD-M futures placement ({@code POST /fapi/v1/order} or the {@code POST /fapi/v1/leverage} before
     * it). Futures name their refusals by code rather than inside -2010: -2019 margin, -4164 and the -4xxx filter
     * failures the trading rules, -2022 a reduce-only order that would not reduce (its own {@code venue:-2022}: the
     * caller's position is not what it thought, which is neither funds nor rules). Throttles and unknown outcomes
     * are thrown as for spot.
     */
    static PlacementResult.Rejected futuresPlacement(VenueId venue, int httpStatus, int code, String message) {
        if (isThrottle(code) || isUnknownOutcome(code)) {
            throw failure(venue, httpStatus, code, message, "POST /fapi/v1/order");
        }
        String ours = switch (code) {
            case MARGIN_INSUFFICIENT -> PlacementResult.Rejected.INSUFFICIENT_FUNDS;
            // -4003..-4005 quantity bounds, -4014/-4015 price step, -4023 quantity step, -4024 price bounds,
            // -4131 PERCENT_PRICE, -4164 min notional, -1111 precision, -1013 filters, -4028 leverage out of bracket
            case MIN_NOTIONAL, BAD_PRECISION, INVALID_MESSAGE, INVALID_LEVERAGE, -4003, -4004, -4005, -4014, -4015,
                    -4023, -4024, -4131 -> PlacementResult.Rejected.OUTSIDE_TRADING_RULES;
            case DUPLICATE_CLIENT_ID -> PlacementResult.Rejected.DUPLICATE_CLIENT_ORDER_ID;
            case BAD_SYMBOL -> PlacementResult.Rejected.UNKNOWN_INSTRUMENT;
            case REJECTED_MBX_KEY, UNAUTHORIZED, BAD_API_KEY_FMT -> PlacementResult.Rejected.NOT_PERMITTED;
            case NEW_ORDER_REJECTED -> {
                String lower = message.toLowerCase(Locale.ROOT);
                yield lower.contains("insufficient") ? PlacementResult.Rejected.INSUFFICIENT_FUNDS : "venue:" + code;
            }
            default -> httpStatus == 401 ? PlacementResult.Rejected.NOT_PERMITTED : "venue:" + code;
        };
        return new PlacementResult.Rejected(ours, reason(message));
    }

    /** The failure a Binance error means where the call has no refusal to report (a read, or a cancel's oddities). */
    static BulwarkException failure(VenueId venue, int httpStatus, int code, String message, String call) {
        if (code == TOO_MANY_ORDERS) {
            return new RateLimited("Binance refused the order: too many new orders (" + code + ")", "orders-10s",
                    Duration.ofSeconds(10));
        }
        if (code == TOO_MANY_REQUESTS) {
            return new RateLimited("Binance refused the request: too much request weight (" + code + ")",
                    BinanceIpLimits.REQUEST_WEIGHT, Duration.ofMinutes(1));
        }
        if (isKeyRefused(httpStatus, code)) {
            return new Unauthorized("Binance refused the API key for " + call + " (" + code
                    + "): wrong key or secret, key deleted, IP not allowed, or no permission for this call");
        }
        if (isUnknownOutcome(code)) {
            return new VenueUnavailable(venue, call + " failed with " + code + "; the outcome is unknown", null);
        }
        return new VenueUnavailable(venue, call + " answered HTTP " + httpStatus + " with error " + code + ": "
                + reason(message), null);
    }

    static String reason(String message) {
        String text = message.isBlank() ? "Binance gave no reason" : message.strip();
        return text.length() > PlacementResult.Rejected.MAX_REASON ? text.substring(0, PlacementResult.Rejected.MAX_REASON) : text;
    }
}
