package dev.bulwark.adapters.exchange.xchange;

import com.fasterxml.jackson.core.JacksonException;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.errors.BulwarkException;
import dev.bulwark.ports.errors.RateLimited;
import dev.bulwark.ports.errors.Unauthorized;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.io.IOException;
import java.time.Duration;
import org.knowm.xchange.exceptions.ExchangeSecurityException;
import org.knowm.xchange.exceptions.ExchangeUnavailableException;
import org.knowm.xchange.exceptions.FrequencyLimitExceededException;
import org.knowm.xchange.exceptions.RateLimitExceededException;
import si.mazi.rescu.HttpStatusException;

/**
 * XChange's failures in the ports' terms. XChange reports a refused key as {@link ExchangeSecurityException} only
 * where its connector classifies the venue's error code; otherwise the HTTP status is all there is (rescu's
 * {@link HttpStatusException}), so 401 and 403 are read as a refused key too. Messages name the venue and the kind
 * of failure, never XChange's message (which may quote a request).
 */
final class XChangeErrorAdapter {
    static final String LIMIT = "xchange-requests";
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    private XChangeErrorAdapter() {
    }

    /** The ports' failure for what an XChange call threw. */
    static BulwarkException translate(VenueId venue, Throwable failure) {
        if (failure instanceof BulwarkException bulwark) {
            return bulwark;
        }
        if (failure instanceof ExchangeSecurityException) {
            return unauthorized(venue);
        }
        if (failure instanceof RateLimitExceededException || failure instanceof FrequencyLimitExceededException) {
            return throttled(venue);
        }
        if (failure instanceof HttpStatusException status) {
            int code = status.getHttpStatusCode();
            if (code == 401 || code == 403) {
                return unauthorized(venue);
            }
            if (code == 429 || code == 418) {
                return throttled(venue);
            }
            return new VenueUnavailable(venue, "answered HTTP " + code, null);
        }
        if (failure instanceof ExchangeUnavailableException) {
            return new VenueUnavailable(venue, "reported that it is unavailable", null);
        }
        if (failure instanceof JacksonException || failure.getCause() instanceof JacksonException) {
            return new VenueUnavailable(venue, "sent an answer that cannot be read", null);
        }
        if (failure instanceof IOException) {
            return new VenueUnavailable(venue, "could not be reached (" + failure.getClass().getSimpleName() + ")", null);
        }
        // any other ExchangeException (an error code XChange does not classify) or an answer its adapters could not map
        return new VenueUnavailable(venue, "failed through XChange (" + failure.getClass().getSimpleName() + ")", null);
    }

    static Unauthorized unauthorized(VenueId venue) {
        return new Unauthorized(venue + " refused the API key");
    }

    private static RateLimited throttled(VenueId venue) {
        return new RateLimited(venue + " is rate limiting this client", LIMIT, DEFAULT_RETRY_AFTER);
    }
}
