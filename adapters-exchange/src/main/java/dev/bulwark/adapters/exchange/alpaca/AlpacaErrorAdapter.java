package dev.bulwark.adapters.exchange.alpaca;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.ports.driven.venues.PlacementResult;
import dev.bulwark.ports.driven.venues.PlacementResult.Rejected;
import dev.bulwark.ports.errors.BulwarkException;
import dev.bulwark.ports.errors.RateLimited;
import dev.bulwark.ports.errors.Unauthorized;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Alpaca's failures in the SPI's terms. Alpaca answers an error with an HTTP status and a body
 * {@code {"code": 42210000, "message": "..."}}: the status says the class (401/403 the key, 403 also a refused order,
 * 404 not found, 422 unprocessable, 429 throttled, 5xx its own trouble) and the eight-digit code repeats it
 * ({@code 403 10000}, {@code 422 10000}), so refusals are told apart by their documented messages.
 *
 * <p>Messages built here quote Alpaca's message at most, never a request or a header.
 */
final class AlpacaErrorAdapter {
    /** Alpaca documents 200 requests a minute per key; the name is the one the descriptor declares. */
    static final String RATE_LIMIT = "requests-per-minute";
    /** Alpaca's window is a minute; when it says nothing, waiting that long is sure to be enough. */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);

    /** Alpaca's error body: its code (absent on a bare 403 "forbidden.") and its message. */
    record VenueError(int status, @Nullable String code, String message) {
    }

    private AlpacaErrorAdapter() {
    }

    /**
     * The failure an answer means whatever was asked: the key refused (401, or a 403 without Alpaca's error code,
     * which is how it answers an unknown key), throttled (429) or Alpaca in trouble (5xx). Empty for other answers.
     */
    static Optional<BulwarkException> failure(AlpacaClient.Answer answer) {
        int status = answer.status();
        if (status == 429) {
            return Optional.of(new RateLimited("Alpaca is rate limiting this key (200 requests a minute)", RATE_LIMIT,
                    answer.retryAfter().orElse(DEFAULT_RETRY_AFTER)));
        }
        if (status >= 500) {
            return Optional.of(unavailable("answered HTTP " + status));
        }
        if (status == 401 || (status == 403 && error(answer).code() == null)) {
            return Optional.of(new Unauthorized("Alpaca refused the API key (HTTP " + status
                    + "): check the key and secret, and that they belong to this environment (paper keys are separate)"));
        }
        return Optional.empty();
    }

    /** The failure of an answer a read did not expect: the status failures above, else the venue's message. */
    static BulwarkException unexpected(AlpacaClient.Answer answer, String what) {
        return failure(answer).orElseGet(() -> {
            VenueError error = error(answer);
            return unavailable(what + " failed with HTTP " + answer.status()
                    + (error.code() == null ? "" : " (" + error.code() + ")") + ": " + error.message());
        });
    }

    /** Alpaca's error body, tolerating one that is not JSON (a proxy's page): then its message is the status. */
    static VenueError error(AlpacaClient.Answer answer) {
        Optional<JsonNode> json = AlpacaAdapters.jsonIfAny(answer.body());
        String code = null;
        String message = null;
        if (json.isPresent() && json.get().isObject()) {
            JsonNode codeNode = json.get().get("code");
            if (codeNode != null && (codeNode.isIntegralNumber() || codeNode.isTextual()) && !codeNode.asText().isBlank()) {
                code = codeNode.asText().trim();
            }
            JsonNode messageNode = json.get().get("message");
            if (messageNode != null && messageNode.isTextual() && !messageNode.asText().isBlank()) {
                message = messageNode.asText().strip();
            }
        }
        if (message == null) {
            message = "HTTP " + answer.status();
        }
        if (message.length() > Rejected.MAX_REASON) {
            message = message.substring(0, Rejected.MAX_REASON);
        }
        if (code != null && (code.length() > 40 || !code.chars().allMatch(c -> c >= 0x21 && c <= 0x7E))) {
            code = null;
        }
        return new VenueError(answer.status(), code, message);
    }

    /** A refused order as a {@link Rejected}, its code chosen from Alpaca's documented messages. */
    static PlacementResult.Rejected rejection(VenueError error) {
        String text = error.message().toLowerCase(Locale.ROOT);
        String code;
        if (text.contains("client_order_id") && (text.contains("unique") || text.contains("duplicate") || text.contains("exists"))) {
            code = Rejected.DUPLICATE_CLIENT_ORDER_ID;
        } else if (text.contains("insufficient") || text.contains("buying power")) {
            code = Rejected.INSUFFICIENT_FUNDS;
        } else if ((text.contains("asset") && (text.contains("not found") || text.contains("not tradable")
                || text.contains("not active") || text.contains("inactive"))) || text.contains("could not find asset")
                || text.contains("unknown symbol") || text.contains("invalid symbol")) {
            code = Rejected.UNKNOWN_INSTRUMENT;
        } else if (text.contains("market is closed") || text.contains("market closed") || text.contains("outside market hours")) {
            code = Rejected.MARKET_CLOSED;
        } else if (text.contains("trading is blocked") || text.contains("not authorized to trade") || text.contains("not allowed")
                || text.contains("pattern day trad") || text.contains("restricted") || text.contains("not eligible")
                || text.contains("blocked")) {
            code = Rejected.NOT_PERMITTED;
        } else if (text.contains("sub-penny") || text.contains("increment") || text.contains("minimum") || text.contains("fractional")
                || text.contains("qty must") || text.contains("notional") || text.contains("must be integer")
                || text.contains("whole") || text.contains("price")) {
            code = Rejected.OUTSIDE_TRADING_RULES;
        } else {
            code = "venue:" + (error.code() != null ? error.code() : "http-" + error.status());
        }
        return new Rejected(code, error.message());
    }

    static VenueUnavailable unavailable(String why) {
        return new VenueUnavailable(AlpacaVenueProvider.ID, why, null);
    }
}
