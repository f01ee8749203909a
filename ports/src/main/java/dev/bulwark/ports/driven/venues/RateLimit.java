package dev.bulwark.ports.driven.venues;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * One of a venue's published request limits: at most {@code permits} per {@code per}, counted per IP address or
 * per account as {@code scope} says. Declared so hosts can show them and plan background work around them; the
 * gateway itself keeps to them (see {@link VenueGateway}). Weighted limits (Binance's request weight) state the
 * total weight as {@code permits}.
 *
 * @param name a stable name, lower case letters, digits, '.' and '-' ({@code request-weight}, {@code orders-10s});
 *     a {@link dev.bulwark.ports.errors.RateLimited} raised by the gateway names the limit by it
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record RateLimit(String name, int permits, Duration per, Scope scope) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9.-]{0,63}");

    /** Who shares a limit. */
    public enum Scope {
        /** Counted per calling IP address: every gateway of one provider in one process shares it. */
        IP,
        /** Counted per venue account (per API key): each gateway has its own. */
        ACCOUNT
    }

    public RateLimit {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a rate limit's name is lower case letters, digits, '.' and '-', 1 to 64"
                    + " long, starting with a letter, was '" + name + "'");
        }
        if (permits < 1) {
            throw new IllegalArgumentException("a rate limit allows at least 1 request, was " + permits);
        }
        Objects.requireNonNull(per, "per");
        if (per.isNegative() || per.isZero()) {
            throw new IllegalArgumentException("a rate limit's window is positive, was " + per);
        }
        Objects.requireNonNull(scope, "scope");
    }
}
