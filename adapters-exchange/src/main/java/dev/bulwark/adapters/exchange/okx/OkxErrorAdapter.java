package dev.bulwark.adapters.exchange.okx;

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
 * OKX's documented error codes (v5 "Error Code": public 50xxx, trade 51xxx) in the ports' terms: failures that hold
 * whatever was asked are exceptions; refusals of an order are {@link PlacementResult.Rejected} codes.
 */
final class OkxErrorAdapter {
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(2);
    static final String LIMIT = "ip-requests";

    /** Key frozen, wrong environment, stale or invalid timestamp, missing or wrong key, passphrase or sign, IP. */
    static final Set<String> UNAUTHORIZED = Set.of("50100", "50101", "50102", "50103", "50104", "50105", "50106",
            "50107", "50110", "50111", "50112", "50113", "50114");
    static final Set<String> THROTTLED = Set.of("50011", "50061");
    static final Set<String> UNAVAILABLE = Set.of("50001", "50004", "50013", "50026");
    /** The order does not exist (any more), or has already ended, so there is nothing to cancel. */
    static final Set<String> NOTHING_TO_CANCEL = Set.of("51400", "51401", "51402", "51603");
    static final String ORDER_NOT_FOUND = "51603";

    private static final Map<String, String> REJECTIONS = Map.ofEntries(
            Map.entry("51008", PlacementResult.Rejected.INSUFFICIENT_FUNDS),
            Map.entry("51131", PlacementResult.Rejected.INSUFFICIENT_FUNDS),
            Map.entry("51001", PlacementResult.Rejected.UNKNOWN_INSTRUMENT),
            Map.entry("51087", PlacementResult.Rejected.UNKNOWN_INSTRUMENT),
            Map.entry("51016", PlacementResult.Rejected.DUPLICATE_CLIENT_ORDER_ID),
            Map.entry("51006", PlacementResult.Rejected.OUTSIDE_TRADING_RULES),
            Map.entry("51020", PlacementResult.Rejected.OUTSIDE_TRADING_RULES),
            Map.entry("51121", PlacementResult.Rejected.OUTSIDE_TRADING_RULES),
            Map.entry("51201", PlacementResult.Rejected.OUTSIDE_TRADING_RULES),
            Map.entry("51202", PlacementResult.Rejected.OUTSIDE_TRADING_RULES),
            Map.entry("50030", PlacementResult.Rejected.NOT_PERMITTED),
            Map.entry("50120", PlacementResult.Rejected.NOT_PERMITTED),
            Map.entry("51024", PlacementResult.Rejected.NOT_PERMITTED),
            Map.entry("51015", PlacementResult.Rejected.UNKNOWN_INSTRUMENT));

    private OkxErrorAdapter() {
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

    static PlacementResult.Rejected rejection(String code, String msg) {
        return new PlacementResult.Rejected(REJECTIONS.getOrDefault(code, "venue:" + code), describe(code, msg));
    }

    static String describe(String code, String msg) {
        String text = msg.isBlank() ? "OKX error " + code : "OKX " + code + ": " + msg.strip();
        return text.length() > PlacementResult.Rejected.MAX_REASON ? text.substring(0, PlacementResult.Rejected.MAX_REASON) : text;
    }

    private static RateLimited throttled(VenueId venue, Optional<Duration> retryAfter) {
        return new RateLimited(venue + " is rate limiting this client", LIMIT, retryAfter.orElse(DEFAULT_RETRY_AFTER));
    }
}
