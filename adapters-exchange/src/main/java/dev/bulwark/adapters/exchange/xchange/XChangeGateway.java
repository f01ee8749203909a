package dev.bulwark.adapters.exchange.xchange;

import dev.bulwark.adapters.exchange.support.GatewayState;
import dev.bulwark.adapters.exchange.support.VenueResilience;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.market.TradingRules;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.portfolio.Holding;
import dev.bulwark.domain.positions.Position;
import dev.bulwark.domain.venues.Permission;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.system.TimeSource;
import dev.bulwark.ports.driven.venues.CancelResult;
import dev.bulwark.ports.driven.venues.CredentialCheck;
import dev.bulwark.ports.driven.venues.OrderRequest;
import dev.bulwark.ports.driven.venues.PlacementResult;
import dev.bulwark.ports.driven.venues.VenueCapability;
import dev.bulwark.ports.driven.venues.VenueDescriptor;
import dev.bulwark.ports.driven.venues.VenueGateway;
import dev.bulwark.ports.errors.NotFound;
import dev.bulwark.ports.errors.Unauthorized;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.knowm.xchange.Exchange;

/**
 * One account on an XChange-covered venue, read-only: balances and last prices through XChange's generic services,
 * every call inside the provider's {@link VenueResilience} (timeout, read retries, the venue's breaker, limits) with
 * XChange's failures translated inside the call, so the breaker counts outages and not refusals. It places and
 * cancels nothing: {@link #place} refuses as {@link PlacementResult.Rejected#UNSUPPORTED} before any request, and
 * since it never placed an order it knows none (open orders, fills and lookups are empty). Thread-safe; the XChange
 * {@link Exchange} is this gateway's own.
 */
final class XChangeGateway implements VenueGateway {
    private final VenueId venue;
    private final String name;
    private final VenueAccountId account;
    private final Exchange exchange;
    private final VenueResilience resilience;
    private final GatewayState<TradingRules> state;

    XChangeGateway(VenueDescriptor descriptor, VenueAccountId account, Exchange exchange, VenueResilience resilience,
            TimeSource clock) {
        this.venue = descriptor.id();
        this.name = descriptor.displayName();
        this.account = account;
        this.exchange = exchange;
        this.resilience = resilience;
        this.state = new GatewayState<>(name, descriptor, account, clock);
    }

    @Override
    public Set<VenueCapability> capabilities() {
        return state.capabilities();
    }

    @Override
    public List<Holding> balances() {
        state.ensureOpen();
        return read(() -> XChangeAdapters.holdings(venue, account, exchange.getAccountService().getAccountInfo()));
    }

    @Override
    public List<Position> positions() {
        state.ensureOpen();
        return List.of();
    }

    /** Empty: this bridge places nothing, so no working order is one of Bulwark's. */
    @Override
    public List<Order> openOrders(@Nullable Instrument instrument) {
        state.ensureOpen();
        return List.of();
    }

    /** Refused before anything is sent: the bridge is read-only whatever the request. */
    @Override
    public PlacementResult place(OrderRequest request) {
        state.ensureOpen();
        Objects.requireNonNull(request, "request");
        return state.unsupported(request).orElseGet(() -> new PlacementResult.Rejected(
                PlacementResult.Rejected.UNSUPPORTED, "the XChange bridge to " + name + " is read-only: it places no orders"));
    }

    /** Nothing was placed through this gateway, so there is nothing of ours to cancel; nothing is sent. */
    @Override
    public CancelResult cancel(Instrument instrument, ClientOrderId clientOrderId) {
        state.ensureOpen();
        Objects.requireNonNull(instrument, "instrument");
        return new CancelResult.UnknownOrder(Objects.requireNonNull(clientOrderId, "clientOrderId"));
    }

    @Override
    public Optional<Order> findByClientOrderId(Instrument instrument, ClientOrderId clientOrderId) {
        state.ensureOpen();
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        return Optional.empty();
    }

    @Override
    public List<Fill> fills(Instrument instrument, Instant since) {
        state.ensureOpen();
        return List.of();
    }

    /**
     * Always {@link NotFound}: the bridge reads no trading rules (XChange's metadata is loaded from a bundled file
     * that may be stale, and with nothing to place there is nothing to fit).
     */
    @Override
    public TradingRules rules(Instrument instrument) {
        state.ensureOpen();
        Objects.requireNonNull(instrument, "instrument");
        throw new NotFound("the XChange bridge to " + name + " is read-only and keeps no trading rules for " + instrument);
    }

    @Override
    public Optional<BigDecimal> price(Instrument instrument) {
        state.ensureOpen();
        if (instrument.market() != Market.SPOT) {
            return Optional.empty();
        }
        return state.price(instrument, () -> read(() -> XChangeAdapters.lastPrice(
                exchange.getMarketDataService().getTicker(XChangeAdapters.pair(instrument)))));
    }

    /**
     * Proves the key by reading the account. XChange's generic services do not say what a key may do, so the
     * provider declares no {@link VenueCapability#PERMISSIONS} and a working key reports only {@code READ}.
     */
    @Override
    public CredentialCheck checkCredentials() {
        state.ensureOpen();
        try {
            read(() -> exchange.getAccountService().getAccountInfo());
            return CredentialCheck.valid(Set.of(Permission.READ));
        } catch (Unauthorized e) {
            return CredentialCheck.invalid(e.getMessage());
        }
    }

    @Override
    public void close() {
        state.close();
    }

    private <T> T read(XChangeCall<T> call) {
        return resilience.read(() -> {
            try {
                return call.get();
            } catch (Exception e) {
                throw XChangeErrorAdapter.translate(venue, e);
            }
        });
    }

    /** An XChange call: declares IOException, throws XChange's runtime exceptions. */
    @FunctionalInterface
    interface XChangeCall<T> {
        T get() throws Exception;
    }

    @Override
    public String toString() {
        return "XChangeGateway[venue=" + venue + ", account=" + account + "]";
    }
}
