package dev.bulwark.adapters.exchange.bybit;

import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.venues.PlacementResult;
import dev.bulwark.ports.errors.BulwarkException;
import dev.bulwark.ports.errors.RateLimited;
import dev.bulwark.ports.errors.Unauthorized;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Bybit's documented error codes (v5 "Error Codes": common, UTA and spot) in the ports' terms: failures that hold
 * whatever was asked (a refused key, a throttle, a server error) are exceptions; refusals of an order are
 * {@link PlacementResult.Rejected} codes.
 */
final class BybitErrorAdapter {
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);
    static final String LIMIT = "ip-requests";

    /** Request time outside the receive window, invalid key, bad sign, authentication failed, IP not bound. */
    static final Set<Integer> UNAUTHORIZED = Set.of(10002, 10003, 10004, 10007, 10010, 33004);
    /** Too many visits; exceeded the IP rate limit. */
    static final Set<Integer> THROTTLED = Set.of(10006, 10018);
    /** Server error, service busy: the outcome is unknown. */
    static final Set<Integer> UNAVAILABLE = Set.of(10000, 10016, 10019);
    /** An order (or cancel) on an order Bybit does not have, or no longer has open. */
    static final Set<Integer> ORDER_NOT_FOUND = Set.of(110001, 170213);

    private static final Map<Integer, String> REJECTIONS = Map.ofEntries(
            Map.entry(110004, PlacementResult.Rejected.INSUFFICIENT_FUNDS),
            Map.entry(110007, PlacementResult.Rejected.INSUFFICIENT_FUNDS),
            Map.entry(110012, PlacementResult.Rejected.INSUFFICIENT_FUNDS),
            Map.entry(170131, PlacementResult.Rejected.INSUFFICIENT_FUNDS),
            Map.entry(110003, PlacementResult.Rejected.OUTSIDE_TRADING_RULES),
            Map.entry(110094, PlacementResult.Rejected.OUTSIDE_TRADING_RULES),
            Map.entry(170134, PlacementResult.Rejected.OUTSIDE_TRADING_RULES),
            Map.entry(170136, PlacementResult.Rejected.OUTSIDE_TRADING_RULES),
            Map.entry(170137, PlacementResult.Rejected.OUTSIDE_TRADING_RULES),
            Map.entry(170140, PlacementResult.Rejected.OUTSIDE_TRADING_RULES),
            Map.entry(170124, PlacementResult.Rejected.OUTSIDE_TRADING_RULES),
            Map.entry(10029, PlacementResult.Rejected.UNKNOWN_INSTRUMENT),
            Map.entry(170121, PlacementResult.Rejected.UNKNOWN_INSTRUMENT),
            Map.entry(110072, PlacementResult.Rejected.DUPLICATE_CLIENT_ORDER_ID),
            Map.entry(170141, PlacementResult.Rejected.DUPLICATE_CLIENT_ORDER_ID),
            Map.entry(10005, PlacementResult.Rejected.NOT_PERMITTED),
            Map.entry(10027, PlacementResult.Rejected.NOT_PERMITTED));

    private BybitErrorAdapter() {
    }

    /** The failure an HTTP status alone means: 429/418 and Bybit's 403 "access too frequent" throttle, 5xx. */
    static Optional<BulwarkException> statusFailure(VenueId venue, int status, Optional<Duration> retryAfter) {
        if (status == 429 || status == 418 || status == 403) {
            return Optional.of(throttled(venue, retryAfter));
        }
        if (status == 401) {
            return Optional.of(new Unauthorized(venue + " refused the API key (HTTP 401)"));
        }
        if (status >= 500) {
            return Optional.of(new VenueUnavailable(venue, "answered HTTP " + status, null));
        }
        return Optional.empty();
    }

    /** The failure a {@code retCode} means whatever was asked, or empty for a business code the caller reads. */
    static Optional<BulwarkException> failure(VenueId venue, int retCode, String retMsg, Optional<Duration> retryAfter) {
        if (UNAUTHORIZED.contains(retCode)) {
            return Optional.of(new Unauthorized(venue + " refused the API key: " + describe(retCode, retMsg)));
        }
        if (THROTTLED.contains(retCode)) {
            return Optional.of(throttled(venue, retryAfter));
        }
        if (UNAVAILABLE.contains(retCode)) {
            return Optional.of(new VenueUnavailable(venue, "reported a server error (" + retCode + ")", null));
        }
        return Optional.empty();
    }

    /** An order refusal: one of {@link PlacementResult.Rejected}'s codes where one applies, else {@code venue:<code>}. */
    static PlacementResult.Rejected rejection(int retCode, String retMsg) {
        String code = REJECTIONS.getOrDefault(retCode, "venue:" + retCode);
        return new PlacementResult.Rejected(code, describe(retCode, retMsg));
    }

    static String describe(int retCode, String retMsg) {
        String text = retMsg.isBlank() ? "Bybit error " + retCode : "Bybit " + retCode + ": " + retMsg.strip();
        return text.length() > PlacementResult.Rejected.MAX_REASON ? text.substring(0, PlacementResult.Rejected.MAX_REASON) : text;
    }

    private static RateLimited throttled(VenueId venue, Optional<Duration> retryAfter) {
        return new RateLimited(venue + " is rate limiting this client", LIMIT, retryAfter.orElse(DEFAULT_RETRY_AFTER));
    }
}
