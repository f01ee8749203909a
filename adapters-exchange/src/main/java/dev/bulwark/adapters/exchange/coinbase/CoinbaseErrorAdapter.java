package dev.bulwark.adapters.exchange.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.venues.PlacementResult.Rejected;
import dev.bulwark.ports.errors.BulwarkException;
import dev.bulwark.ports.errors.Unauthorized;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.util.regex.Pattern;

/**
 * Coinbase's failure reasons mapped to the ports: the {@code error_response} of a refused order
 * ({@code INSUFFICIENT_FUND}, {@code INVALID_PRODUCT_ID}, {@code PREVIEW_INVALID_BASE_SIZE_TOO_SMALL}, ...) to
 * {@link Rejected} codes; HTTP 401 (a token Coinbase refused) and any other answer that is not the one documented
 * to {@link VenueUnavailable}. Stateless.
 */
final class CoinbaseErrorAdapter {
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,80}");

    private CoinbaseErrorAdapter() {
    }

    /** Whether Coinbase refused the key or its token (wrong key, bad signature, expired, IP not allowed). */
    static boolean keyRefused(CoinbaseClient.Answer answer) {
        return answer.status() == 401;
    }

    /** A read answered with an error status: never a result, so a failure naming what Coinbase said. */
    static BulwarkException readFailure(VenueId venue, CoinbaseClient.Answer answer) {
        if (keyRefused(answer)) {
            // an answer, not an outage: not retried, and it never opens the breaker
            return new Unauthorized(venue + " refused the API key (HTTP 401); check the credentials");
        }
        return new VenueUnavailable(venue, "answered HTTP " + answer.status() + " " + code(answer.body().path("error").asText("")), null);
    }

    /** The rejection an unsuccessful create-order answer states ({@code error_response}). */
    static Rejected rejection(JsonNode errorResponse) {
        String error = errorResponse.path("error").asText("");
        String preview = errorResponse.path("preview_failure_reason").asText("");
        String failure = errorResponse.path("new_order_failure_reason").asText("");
        String reason = errorResponse.path("message").asText("");
        String known = error.isEmpty() || error.startsWith("UNKNOWN") ? (failure.isEmpty() || failure.startsWith("UNKNOWN") ? preview : failure) : error;
        String text = reason.isBlank() ? known.isEmpty() ? "Coinbase refused the order" : known : reason;
        if (text.length() > Rejected.MAX_REASON) {
            text = text.substring(0, Rejected.MAX_REASON);
        }
        String all = error + " " + preview + " " + failure;
        if (all.contains("INSUFFICIENT_FUND") || all.contains("INVALID_LEDGER_BALANCE")) {
            return new Rejected(Rejected.INSUFFICIENT_FUNDS, text);
        }
        if (all.contains("INVALID_PRODUCT_ID") || all.contains("INELIGIBLE_PAIR") || all.contains("UNKNOWN_PRODUCT")) {
            return new Rejected(Rejected.UNKNOWN_INSTRUMENT, text);
        }
        if (all.contains("SIZE_TOO_SMALL") || all.contains("SIZE_TOO_LARGE") || all.contains("PRECISION")
                || all.contains("INVALID_LIMIT_PRICE") || all.contains("INVALID_PRICE") || all.contains("INVALID_SIZE")) {
            return new Rejected(Rejected.OUTSIDE_TRADING_RULES, text);
        }
        if (all.contains("ORDER_ENTRY_DISABLED") || all.contains("CANCEL_ONLY") || all.contains("POST_ONLY_MODE")
                || all.contains("LIMIT_ONLY")) {
            return new Rejected(Rejected.MARKET_CLOSED, text);
        }
        if (all.contains("PERMISSION") || all.contains("UNAUTHORIZED") || all.contains("NOT_ALLOWED")) {
            return new Rejected(Rejected.NOT_PERMITTED, text);
        }
        if (all.contains("DUPLICATE")) {
            return new Rejected(Rejected.DUPLICATE_CLIENT_ORDER_ID, text);
        }
        return new Rejected("venue:" + code(known), text);
    }

    /** Coinbase's code when it looks like one; never anything else it sent. */
    static String code(String value) {
        return CODE.matcher(value).matches() ? value : "UNKNOWN";
    }
}
