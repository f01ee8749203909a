package dev.bulwark.adapters.exchange.bitget;

import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.venues.PlacementResult;
import dev.bulwark.ports.errors.BulwarkException;
import dev.bulwark.ports.errors.RateLimited;
import dev.bulwark.ports.errors.Unauthorized;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Bitget's documented error codes (v2 "Error codes": 40xxx common, 43xxx/45xxx spot trade) in the ports' terms:
 * failures that hold whatever was asked are exceptions; refusals of an order are {@link PlacementResult.Rejected}
 * codes.
 */
final class BitgetErrorAdapter {
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
    static final String LIMIT = "ip-requests";

    /**
     * Missing or invalid key, secret, sign, timestamp or passphrase; expired timestamp; frozen user; IP not bound;
     * key unknown.
     */
    static final Set<String> UNAUTHORIZED = Set.of("40001", "40002", "40003", "40004", "40005", "40006", "40008",
            "40009", "40011", "40012", "40013", "40018", "40037");
    static final Set<String> THROTTLED = Set.of("429", "40019");
    /** Request timed out, system error, server maintenance: the outcome is unknown. */
    static final Set<String> UNAVAILABLE = Set.of("40010", "40015", "40200", "45001");
    static final Set<String> ORDER_NOT_FOUND = Set.of("43001", "40768", "43025");

    private static final Map<String, String> REJECTIONS = Map.ofEntries(
            Map.entry("43012", PlacementResult.Rejected.INSUFFICIENT_FUNDS),
            Map.entry("40762", PlacementResult.Rejected.INSUFFICIENT_FUNDS),
            Map.entry("45110", PlacementResult.Rejected.OUTSIDE_TRADING_RULES),
            Map.entry("45111", PlacementResult.Rejected.OUTSIDE_TRADING_RULES),
            Map.entry("40808", PlacementResult.Rejected.OUTSIDE_TRADING_RULES),
            Map.entry("43027", PlacementResult.Rejected.OUTSIDE_TRADING_RULES),
            Map.entry("40034", PlacementResult.Rejected.UNKNOWN_INSTRUMENT),
            Map.entry("40014", PlacementResult.Rejected.NOT_PERMITTED));

    private BitgetErrorAdapter() {
    }

    static BulwarkException statusFailure(VenueId venue, int status, Optional<Duration> retryAfter) {
        if (status == 429 || status == 418) {
            return throttled(venue, retryAfter);
        }
        return new VenueUnavailable(venue, "answered HTTP " + status, null);
    }

    static Optional<BulwarkException> failure(VenueId venue, String code, String msg, Optional<Duration> retryAfter) {
        if (UNAUTHORIZED.contains(code)) {
            return Optional.of(unauthorized(venue, code, msg));
        }
        if (THROTTLED.contains(code)) {
            return Optional.of(throttled(venue, retryAfter));
        }
        if (UNAVAILABLE.contains(code)) {
            return Optional.of(new VenueUnavailable(venue, "reported a server error (" + code + ")", null));
        }
        return Optional.empty();
    }

    static Unauthorized unauthorized(VenueId venue, String code, String msg) {
        return new Unauthorized(venue + " refused the API key: " + describe(code, msg));
    }

    /**
     * An order refusal. A repeated {@code clientOid} is recognised by Bitget's message, as no code of its own is
     * documented for it.
     */
    static PlacementResult.Rejected rejection(String code, String msg) {
        String lower = msg.toLowerCase(Locale.ROOT);
        String mapped = lower.contains("duplicate") && lower.contains("clientoid")
                ? PlacementResult.Rejected.DUPLICATE_CLIENT_ORDER_ID
                : REJECTIONS.getOrDefault(code, "venue:" + code);
        return new PlacementResult.Rejected(mapped, describe(code, msg));
    }

    static String describe(String code, String msg) {
        String text = msg.isBlank() ? "Bitget error " + code : "Bitget " + code + ": " + msg.strip();
        return text.length() > PlacementResult.Rejected.MAX_REASON ? text.substring(0, PlacementResult.Rejected.MAX_REASON) : text;
    }

    private static RateLimited throttled(VenueId venue, Optional<Duration> retryAfter) {
        return new RateLimited(venue + " is rate limiting this client", LIMIT, retryAfter.orElse(DEFAULT_RETRY_AFTER));
    }
}
