package dev.bulwark.adapters.exchange.support;

import com.github.benmanes.caffeine.cache.Cache;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.orders.OrderStatus;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.ports.driven.system.TimeSource;
import dev.bulwark.ports.driven.venues.OrderRequest;
import dev.bulwark.ports.driven.venues.PlacementResult;
import dev.bulwark.ports.driven.venues.VenueCapability;
import dev.bulwark.ports.driven.venues.VenueDescriptor;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * What a signed-REST venue gateway (Bybit, OKX, Bitget, spot and futures) keeps besides its client: whether it is
 * closed, what its venue declares it offers, its trading rules (or whatever a venue reads with them, such as OKX's contract values) cached for an hour
 * and its prices for a few seconds, both on the connection's clock, and how it reports an order the venue accepted.
 * A gateway holds one and asks it; what each venue sends and how it reads the answer stays in the gateway.
 * Thread-safe.
 *
 * @param <R> what the gateway caches per instrument as its rules
 */
public final class GatewayState<R> {
    public static final Duration RULES_FOR = Duration.ofHours(1);
    public static final Duration PRICE_FOR = Duration.ofSeconds(2);
    private static final long MAX_INSTRUMENTS = 10_000;

    private final String name;
    private final VenueDescriptor descriptor;
    private final VenueAccountId account;
    private final TimeSource clock;
    private final Cache<Instrument, R> rules;
    private final Cache<Instrument, Optional<BigDecimal>> prices;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param name how the gateway is named when it refuses a call after {@link #close()} ("Bybit linear")
     */
    public GatewayState(String name, VenueDescriptor descriptor, VenueAccountId account, TimeSource clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
        this.account = Objects.requireNonNull(account, "account");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rules = VenueCaches.expiring(clock, RULES_FOR, MAX_INSTRUMENTS);
        this.prices = VenueCaches.expiring(clock, PRICE_FOR, MAX_INSTRUMENTS);
    }

    /** @throws IllegalStateException once the gateway is closed */
    public void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("this " + name + " gateway is closed");
        }
    }

    /** What the gateway offers: its venue's declared capabilities. */
    public Set<VenueCapability> capabilities() {
        return descriptor.capabilities();
    }

    /**
     * The rejection of a request the venue's declaration does not cover (an order type, a time in force, a market it
     * does not offer here), before anything is sent; empty when it may be sent.
     */
    public Optional<PlacementResult.Rejected> unsupported(OrderRequest request) {
        Objects.requireNonNull(request, "request");
        return descriptor.unsupported(request, descriptor.capabilities())
                .map(reason -> new PlacementResult.Rejected(PlacementResult.Rejected.UNSUPPORTED, reason));
    }

    /**
     * The instrument's rules from the cache, or from {@code load} (then cached). A failure of {@code load} is not
     * cached: the next call asks the venue again. Two callers that miss at once may both load; the venue's answer
     * is the same, and no lock is held across a call to the venue.
     */
    public R rules(Instrument instrument, Supplier<R> load) {
        R cached = rules.getIfPresent(instrument);
        if (cached != null) {
            return cached;
        }
        R found = load.get();
        rules.put(instrument, found);
        return found;
    }

    /** The instrument's price from the cache, or from {@code load} (then cached, "no price" included). */
    public Optional<BigDecimal> price(Instrument instrument, Supplier<Optional<BigDecimal>> load) {
        Optional<BigDecimal> cached = prices.getIfPresent(instrument);
        if (cached != null) {
            return cached;
        }
        Optional<BigDecimal> price = load.get();
        prices.put(instrument, price);
        return price;
    }

    /**
     * An order the venue acknowledged: the request as a new order of this account, accepted now. These venues answer
     * a placement with ids only; fills and the final state are read later.
     */
    public PlacementResult.Placed accepted(OrderRequest request) {
        Instant now = clock.now();
        return new PlacementResult.Placed(request.toNewOrder(account, now).transitionTo(OrderStatus.ACCEPTED, now));
    }

    /** Marks the gateway closed and empties its caches; the client and resilience are the provider's to keep. */
    public void close() {
        closed.set(true);
        rules.invalidateAll();
        prices.invalidateAll();
    }
}
