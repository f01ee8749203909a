package dev.bulwark.ports.errors;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A failure that crosses a port. Expected business outcomes (a risk rejection, a duplicate signal) are result
 * records, not exceptions; these are what a caller must handle: something missing, in conflict, invalid,
 * forbidden, throttled or unreachable. Hosts map {@link #code()} once (HTTP: an RFC 9457 problem type).
 *
 * <p>A message is written for the user who made the request and never contains a secret, a credential or a
 * ciphertext.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public abstract sealed class BulwarkException extends RuntimeException
        permits NotFound, Conflict, Invalid, Forbidden, Unauthorized, RateLimited, VenueUnavailable, Unavailable,
        SecretUnavailable {
    private static final long serialVersionUID = 1L;

    protected BulwarkException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    /** A stable, kebab-case identifier of the kind of failure: it is part of the API. */
    public abstract String code();
}
