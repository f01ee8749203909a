package dev.bulwark.ports.errors;

import java.time.Duration;
import java.util.Objects;
import org.apiguardian.api.API;

/** A limit was reached (a rate limit, a daily quota, a plan's allowance); {@link #retryAfter()} says when to try again. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class RateLimited extends BulwarkException {
    private static final long serialVersionUID = 1L;

    private final String limit;
    private final Duration retryAfter;

    /**
     * @param limit which limit was reached, e.g. {@code webhooks-per-minute}: the answer names it
     */
    public RateLimited(String message, String limit, Duration retryAfter) {
        super(message, null);
        this.limit = Objects.requireNonNull(limit, "limit");
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public String limit() {
        return limit;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    @Override
    public String code() {
        return "rate-limited";
    }
}
