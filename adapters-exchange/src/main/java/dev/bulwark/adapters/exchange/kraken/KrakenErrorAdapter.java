package dev.bulwark.adapters.exchange.kraken;

import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.venues.PlacementResult.Rejected;
import dev.bulwark.ports.errors.BulwarkException;
import dev.bulwark.ports.errors.RateLimited;
import dev.bulwark.ports.errors.Unauthorized;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Kraken's error strings ({@code EOrder:Insufficient funds}, {@code EAPI:Invalid key}, ...; see
 * docs.kraken.com/api/docs/guides/spot-errors) mapped to the ports: refusals of an order to
 * {@link Rejected} codes, throttling to {@link RateLimited}, everything that means "no usable answer" to
 * {@link VenueUnavailable}. Stateless.
 */
final class KrakenErrorAdapter {
    /** Kraken's error strings are short codes; anything else is not repeated in a message or a code. */
    private static final Pattern ERROR = Pattern.compile("[EW][A-Za-z]{1,20}:[A-Za-z0-9 _:.,/()-]{1,80}");
    private static final Duration RATE_LIMIT_WAIT = Duration.ofSeconds(15);

    private KrakenErrorAdapter() {
    }

    /** Whether Kraken refused the key itself: wrong, deleted, badly signed, or locked out after such refusals. */
    static boolean keyRefused(List<String> errors) {
        return errors.stream().anyMatch(e -> e.startsWith("EAPI:Invalid key") || e.startsWith("EAPI:Invalid signature")
                || e.startsWith("EGeneral:Temporary lockout") || e.startsWith("EAPI:Invalid nonce"));
    }

    /**
     * The failure a list of errors means for any call, when it is one whatever the call: throttling, a refused
     * key, Kraken being down. Empty for errors about the request itself, which the caller maps.
     */
    static Optional<BulwarkException> failure(VenueId venue, List<String> errors, Optional<Duration> retryAfter) {
        for (String error : errors) {
            if (error.startsWith("EAPI:Rate limit exceeded") || error.startsWith("EOrder:Rate limit exceeded")
                    || error.startsWith("EGeneral:Too many requests")) {
                return Optional.of(new RateLimited(venue + " is rate limiting this key (" + error + ")",
                        "private-counter", retryAfter.orElse(RATE_LIMIT_WAIT)));
            }
        }
        if (keyRefused(errors)) {
            // an answer, not an outage: not retried, and it never opens the breaker
            return Optional.of(new Unauthorized(venue + " refused the API key (" + describe(errors)
                    + "); check the credentials"));
        }
        for (String error : errors) {
            if (error.startsWith("EService:") && !error.startsWith("EService:Market in")
                    || error.startsWith("EGeneral:Internal error")) {
                return Optional.of(new VenueUnavailable(venue, "answered " + describe(errors), null));
            }
        }
        return Optional.empty();
    }

    /** A read that failed: the common failures, else {@link VenueUnavailable} naming the errors. */
    static BulwarkException readFailure(VenueId venue, KrakenClient.Reply reply) {
        return failure(venue, reply.errors(), reply.retryAfter())
                .orElseGet(() -> new VenueUnavailable(venue, "answered " + describe(reply.errors()), null));
    }

    /**
     * What a refused AddOrder means: a {@link Rejected} when Kraken stated why it placed nothing, else the
     * failure (thrown by the caller).
     */
    static Rejected rejection(List<String> errors) {
        String error = errors.getFirst();
        String reason = describe(errors);
        if (error.startsWith("EOrder:Insufficient funds") || error.startsWith("EOrder:Insufficient margin")
                || error.startsWith("EOrder:Margin allowance exceeded")) {
            return new Rejected(Rejected.INSUFFICIENT_FUNDS, reason);
        }
        if (error.startsWith("EOrder:Order minimum not met") || error.startsWith("EOrder:Cost minimum not met")
                || error.startsWith("EOrder:Tick size check failed") || error.startsWith("EOrder:Invalid price")
                || error.startsWith("EGeneral:Invalid arguments:volume") || error.startsWith("EGeneral:Invalid arguments:price")) {
            return new Rejected(Rejected.OUTSIDE_TRADING_RULES, reason);
        }
        if (error.startsWith("EQuery:Unknown asset pair") || error.startsWith("EGeneral:Unknown asset pair")) {
            return new Rejected(Rejected.UNKNOWN_INSTRUMENT, reason);
        }
        if (error.startsWith("EGeneral:Permission denied") || error.startsWith("EAccount:Invalid permissions")
                || error.startsWith("EOrder:Trading agreement required")) {
            return new Rejected(Rejected.NOT_PERMITTED, reason);
        }
        if (error.startsWith("EService:Market in cancel_only mode") || error.startsWith("EService:Market in post_only mode")
                || error.startsWith("EService:Market in limit_only mode")) {
            return new Rejected(Rejected.MARKET_CLOSED, reason);
        }
        if (error.startsWith("EOrder:Duplicate") || error.contains("cl_ord_id") && error.contains("uplicate")) {
            return new Rejected(Rejected.DUPLICATE_CLIENT_ORDER_ID, reason);
        }
        return new Rejected(code(error), reason);
    }

    /** {@code venue:} and Kraken's error, spaces as '-': a code callers can switch on. */
    static String code(String error) {
        String safe = ERROR.matcher(error).matches() ? error.replace(' ', '-') : "unreadable";
        String code = "venue:" + safe;
        return code.length() > Rejected.MAX_CODE ? code.substring(0, Rejected.MAX_CODE) : code;
    }

    /** The errors as Kraken wrote them, when they look like Kraken's codes; never anything else it sent. */
    static String describe(List<String> errors) {
        StringBuilder text = new StringBuilder();
        for (String error : errors) {
            if (!text.isEmpty()) {
                text.append(", ");
            }
            text.append(ERROR.matcher(error).matches() ? error : "(unreadable error)");
        }
        String described = text.isEmpty() ? "an error" : text.toString();
        return described.length() > Rejected.MAX_REASON ? described.substring(0, Rejected.MAX_REASON) : described;
    }
}
