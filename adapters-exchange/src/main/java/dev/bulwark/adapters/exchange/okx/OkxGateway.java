package dev.bulwark.adapters.exchange.okx;

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
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.ports.driven.system.TimeSource;
import dev.bulwark.ports.driven.venues.CancelResult;
import dev.bulwark.ports.driven.venues.CredentialCheck;
import dev.bulwark.ports.driven.venues.OrderRequest;
import dev.bulwark.ports.driven.venues.PlacementResult;
import dev.bulwark.ports.driven.venues.VenueCapability;
import dev.bulwark.ports.driven.venues.VenueDescriptor;
import dev.bulwark.ports.driven.venues.VenueGateway;
import dev.bulwark.ports.errors.NotFound;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One OKX trading account, spot (cash mode). Every call goes through the provider's {@link VenueResilience}: reads
 * may be retried, placements and cancels never. Trading rules are cached for an hour and prices for a few seconds,
 * on the connection's clock. Thread-safe; see {@link VenueGateway} for the lifecycle.
 */
final class OkxGateway implements VenueGateway {
    private final VenueAccountId account;
    private final OkxCalls calls;
    private final GatewayState<TradingRules> state;

    OkxGateway(VenueDescriptor descriptor, VenueAccountId account, OkxClient client, VenueResilience resilience,
            TimeSource clock) {
        this.account = account;
        this.calls = new OkxCalls(client, resilience);
        this.state = new GatewayState<>("OKX", descriptor, account, clock);
    }

    @Override
    public Set<VenueCapability> capabilities() {
        return state.capabilities();
    }

    @Override
    public List<Holding> balances() {
        state.ensureOpen();
        return OkxAdapters.holdings(account, calls.get("/api/v5/account/balance", Map.of()));
    }

    @Override
    public List<Position> positions() {
        state.ensureOpen();
        return List.of();
    }

    @Override
    public List<Order> openOrders(@Nullable Instrument instrument) {
        state.ensureOpen();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("instType", "SPOT");
        if (instrument != null) {
            query.put("instId", OkxAdapters.instId(instrument));
        }
        List<Order> orders = new ArrayList<>();
        calls.paged("/api/v5/trade/orders-pending", query, "ordId", node -> OkxAdapters.order(account, node, null)
                .filter(o -> !o.status().isTerminal())
                .filter(o -> instrument == null || o.instrument().equals(instrument)).ifPresent(orders::add));
        return List.copyOf(orders);
    }

    @Override
    public PlacementResult place(OrderRequest request) {
        state.ensureOpen();
        Optional<PlacementResult.Rejected> unsupported = state.unsupported(request);
        if (unsupported.isPresent()) {
            return unsupported.get();
        }
        return calls.place(OkxAdapters.orderBody(request), () -> state.accepted(request));
    }

    @Override
    public CancelResult cancel(Instrument instrument, ClientOrderId clientOrderId) {
        state.ensureOpen();
        return calls.cancel(OkxAdapters.VENUE, OkxAdapters.instId(instrument), clientOrderId,
                () -> findByClientOrderId(instrument, clientOrderId));
    }

    @Override
    public Optional<Order> findByClientOrderId(Instrument instrument, ClientOrderId clientOrderId) {
        state.ensureOpen();
        return calls.order(OkxAdapters.instId(instrument), clientOrderId)
                .flatMap(node -> OkxAdapters.order(account, node, clientOrderId));
    }

    @Override
    public List<Fill> fills(Instrument instrument, Instant since) {
        state.ensureOpen();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("instType", "SPOT");
        query.put("instId", OkxAdapters.instId(instrument));
        query.put("begin", Long.toString(since.toEpochMilli()));
        return calls.fills(query, since, node -> OkxAdapters.fill(account, instrument, node));
    }

    @Override
    public TradingRules rules(Instrument instrument) {
        state.ensureOpen();
        Objects.requireNonNull(instrument, "instrument");
        if (instrument.market() != Market.SPOT) {
            throw new NotFound("OKX is connected for spot here; it lists no " + instrument);
        }
        return state.rules(instrument, () -> {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("instType", "SPOT");
            query.put("instId", OkxAdapters.instId(instrument));
            return OkxAdapters.rules(calls.instrument(query, () -> new NotFound("OKX does not list " + instrument)));
        });
    }

    @Override
    public Optional<BigDecimal> price(Instrument instrument) {
        state.ensureOpen();
        if (instrument.market() != Market.SPOT) {
            return Optional.empty();
        }
        return state.price(instrument, () -> calls.lastPrice(OkxAdapters.instId(instrument), OkxAdapters::optionalDecimal));
    }

    @Override
    public CredentialCheck checkCredentials() {
        state.ensureOpen();
        return calls.checkCredentials();
    }

    @Override
    public void close() {
        state.close();
    }

    @Override
    public String toString() {
        return "OkxGateway[account=" + account + ", " + calls + "]";
    }
}
