package dev.bulwark.adapters.exchange.support;

import dev.bulwark.domain.venues.VenueCircuit;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.venues.RateLimit;
import dev.bulwark.ports.errors.RateLimited;
import dev.bulwark.ports.errors.VenueUnavailable;
import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RateLimitExceededException;
import dev.failsafe.RateLimiter;
import dev.failsafe.RetryPolicy;
import dev.failsafe.Timeout;
import dev.failsafe.TimeoutExceededException;
import dev.failsafe.function.CheckedSupplier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Failsafe around every call to one venue: a timeout; retries only for calls that are safe to repeat (reads);
 * a circuit breaker for the venue (open after repeated failures, half-open after a pause, its state readable for
 * metrics and the API); and rate limiters matched to the venue's documented limits, which make a caller wait
 * briefly for a permit rather than be banned. Placing an order is never retried here: an unknown outcome
 * surfaces as {@link VenueUnavailable} and the caller queries the client order id before anything is sent again.
 *
 * <p>One instance per venue (and per API key where limits are per account), shared by its gateways; thread-safe.
 */
public final class VenueResilience {
    /** What the breaker says of the venue right now. */
    public enum BreakerState {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    /** Tuning; {@link #DEFAULTS} suits REST venues. */
    public record Settings(Duration timeout, int readRetries, Duration retryDelay, int failuresToOpen, Duration openFor,
                           Duration maxWaitForPermit) {
        public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(10), 2, Duration.ofMillis(200), 5,
                Duration.ofSeconds(30), Duration.ofSeconds(2));

        public Settings {
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(retryDelay, "retryDelay");
            Objects.requireNonNull(openFor, "openFor");
            Objects.requireNonNull(maxWaitForPermit, "maxWaitForPermit");
            if (readRetries < 0 || failuresToOpen < 1) {
                throw new IllegalArgumentException("readRetries >= 0 and failuresToOpen >= 1");
            }
        }
    }

    private final VenueId venue;
    private final Settings settings;
    private final CircuitBreaker<Object> breaker;
    private final List<RateLimiter<Object>> limiters;

    public VenueResilience(VenueId venue, List<RateLimit> limits, Settings settings) {
        this(venue, settings, CircuitBreaker.builder()
                // a venue that refuses or throttles is answering; only failures to answer open the breaker
                .handleIf(failure -> failure instanceof VenueUnavailable || failure instanceof TimeoutExceededException)
                .withFailureThreshold(settings.failuresToOpen())
                .withDelay(settings.openFor())
                .withSuccessThreshold(1)
                .build(), limits);
    }

    private VenueResilience(VenueId venue, Settings settings, CircuitBreaker<Object> breaker, List<RateLimit> limits) {
        this.venue = Objects.requireNonNull(venue, "venue");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.breaker = breaker;
        List<RateLimiter<Object>> built = new ArrayList<>();
        for (RateLimit limit : limits) {
            built.add(RateLimiter.burstyBuilder(limit.permits(), limit.per()).withMaxWaitTime(settings.maxWaitForPermit()).build());
        }
        this.limiters = List.copyOf(built);
    }

    /**
     * A resilience that shares this one's circuit breaker (and settings) but enforces its own {@code limits}: how a
     * provider keeps one breaker per venue (an outage is the venue's, whichever account saw it) while limits counted
     * per account get a limiter per account.
     */
    public VenueResilience withLimits(List<RateLimit> limits) {
        return new VenueResilience(venue, settings, breaker, limits);
    }

    public VenueId venue() {
        return venue;
    }

    public BreakerState state() {
        return switch (breaker.getState()) {
            case CLOSED -> BreakerState.CLOSED;
            case OPEN -> BreakerState.OPEN;
            case HALF_OPEN -> BreakerState.HALF_OPEN;
        };
    }

    /**
     * The breaker as metrics and the API see it. The failures are those counted in the current state; while OPEN,
     * those that opened it.
     */
    public VenueCircuit circuit() {
        return new VenueCircuit(venue, switch (state()) {
            case CLOSED -> VenueCircuit.State.CLOSED;
            case OPEN -> VenueCircuit.State.OPEN;
            case HALF_OPEN -> VenueCircuit.State.HALF_OPEN;
        }, Math.max(0, breaker.getFailureCount()));
    }

    /**
     * One circuit for a venue whose provider keeps several breakers (one per endpoint: live, testnet, a configured
     * URL): the worst state of them (OPEN over HALF_OPEN over CLOSED) and the sum of their failures, so a dashboard
     * shows one line per venue and never hides an open breaker. CLOSED with no failures when there is none yet.
     */
    public static VenueCircuit combined(VenueId venue, Collection<VenueResilience> resiliences) {
        VenueCircuit.State worst = VenueCircuit.State.CLOSED;
        long failures = 0;
        for (VenueResilience resilience : resiliences) {
            VenueCircuit circuit = resilience.circuit();
            failures += circuit.failures();
            if (circuit.state() == VenueCircuit.State.OPEN
                    || circuit.state() == VenueCircuit.State.HALF_OPEN && worst == VenueCircuit.State.CLOSED) {
                worst = circuit.state();
            }
        }
        return new VenueCircuit(venue, worst, failures);
    }

    /** A read, safe to repeat: timeout, retries on a failure to answer (never on a throttle), breaker, limits. */
    public <T> T read(Supplier<T> call) {
        RetryPolicy<Object> retry = RetryPolicy.builder()
                .handleIf(failure -> failure instanceof VenueUnavailable || failure instanceof TimeoutExceededException)
                .withMaxRetries(settings.readRetries())
                .withDelay(settings.retryDelay())
                .build();
        return execute(call, retry);
    }

    /**
     * A call that changes something at the venue (place, cancel): timeout, breaker, limits, and no retry. A
     * timeout here means the outcome is unknown: it surfaces as {@link VenueUnavailable} for the caller to resolve.
     */
    public <T> T write(Supplier<T> call) {
        return execute(call, null);
    }

    @SuppressWarnings("unchecked")
    private <T> T execute(Supplier<T> call, dev.failsafe.@org.jspecify.annotations.Nullable RetryPolicy<Object> retry) {
        List<dev.failsafe.Policy<Object>> policies = new ArrayList<>();
        if (retry != null) {
            policies.add(retry);
        }
        policies.add(breaker);
        policies.addAll(limiters);
        policies.add(Timeout.<Object>builder(settings.timeout()).withInterrupt().build());
        CheckedSupplier<Object> supplier = call::get;
        try {
            return (T) Failsafe.with(policies).get(supplier);
        } catch (CircuitBreakerOpenException e) {
            throw new VenueUnavailable(venue, "circuit open after repeated failures; calls resume after a pause", null);
        } catch (RateLimitExceededException e) {
            throw new RateLimited(venue + " is at its request limit", "venue-requests", settings.maxWaitForPermit());
        } catch (TimeoutExceededException e) {
            throw new VenueUnavailable(venue, "no answer within " + settings.timeout().toMillis() + " ms", null);
        } catch (FailsafeException e) {
            throw new VenueUnavailable(venue, "call failed: " + e.getClass().getSimpleName(), null);
        }
    }
}
