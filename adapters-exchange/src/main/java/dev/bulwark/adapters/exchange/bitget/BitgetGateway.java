package dev.bulwark.adapters.exchange.bitget;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import dev.bulwark.adapters.exchange.support.GatewayState;
import dev.bulwark.adapters.exchange.support.VenueCaches;
import dev.bulwark.adapters.exchange.support.VenueResilience;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.market.TradingRules;
import dev.bulwark.domain.money.Asset;
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
 * One Bitget spot account. Every call goes through the provider's {@link VenueResilience}: reads may be retried,
 * placements and cancels never. Trading rules are cached for an hour and prices for a few seconds, on the
 * connection's clock. Thread-safe; see {@link VenueGateway} for the lifecycle.
 */
final class BitgetGateway implements VenueGateway {
    private final VenueAccountId account;
    private final BitgetCalls calls;
    private final GatewayState<TradingRules> state;
    private final Cache<String, Map<String, Instrument>> symbols;

    BitgetGateway(VenueDescriptor descriptor, VenueAccountId account, BitgetClient client, VenueResilience resilience,
            TimeSource clock) {
        this.account = account;
        this.calls = new BitgetCalls(client, resilience);
        this.state = new GatewayState<>("Bitget", descriptor, account, clock);
        this.symbols = VenueCaches.expiring(clock, GatewayState.RULES_FOR, 1);
    }

    @Override
    public Set<VenueCapability> capabilities() {
        return state.capabilities();
    }

    @Override
    public List<Holding> balances() {
        state.ensureOpen();
        return BitgetAdapters.holdings(account, calls.get("/api/v2/spot/account/assets", Map.of()));
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
        if (instrument != null) {
            query.put("symbol", BitgetAdapters.symbol(instrument));
        }
        List<Order> orders = new ArrayList<>();
        calls.paged("/api/v2/spot/trade/unfilled-orders", query, data -> data, "orderId", node -> {
            Instrument of = instrument != null ? instrument : instrumentOf(BitgetAdapters.text(node.get("symbol"), "symbol"));
            if (of != null) {
                BitgetAdapters.order(account, of, node).filter(o -> !o.status().isTerminal()).ifPresent(orders::add);
            }
        });
        return List.copyOf(orders);
    }

    @Override
    public PlacementResult place(OrderRequest request) {
        state.ensureOpen();
        Optional<PlacementResult.Rejected> unsupported = state.unsupported(request).or(() -> BitgetAdapters.unsupportedSizing(request)
                .map(reason -> new PlacementResult.Rejected(PlacementResult.Rejected.UNSUPPORTED, reason)));
        if (unsupported.isPresent()) {
            return unsupported.get();
        }
        return calls.place("/api/v2/spot/trade/place-order", BitgetAdapters.orderBody(request), () -> state.accepted(request));
    }

    @Override
    public CancelResult cancel(Instrument instrument, ClientOrderId clientOrderId) {
        state.ensureOpen();
        Map<String, String> body = new LinkedHashMap<>();
        body.put("symbol", BitgetAdapters.symbol(instrument));
        body.put("clientOid", clientOrderId.value());
        return calls.cancel("/api/v2/spot/trade/cancel-order", BitgetAdapters.VENUE, body, clientOrderId,
                () -> findByClientOrderId(instrument, clientOrderId));
    }

    @Override
    public Optional<Order> findByClientOrderId(Instrument instrument, ClientOrderId clientOrderId) {
        state.ensureOpen();
        return orderInfo("clientOid", clientOrderId.value()).filter(node -> BitgetAdapters.symbol(instrument)
                        .equals(node.path("symbol").asText("")))
                .flatMap(node -> BitgetAdapters.order(account, instrument, node));
    }

    /** Spot's order info answers a list (or, in older answers, one object). */
    private Optional<JsonNode> orderInfo(String by, String id) {
        return calls.order("/api/v2/spot/trade/orderInfo", Map.of(by, id))
                .flatMap(data -> data.isArray() ? (data.isEmpty() ? Optional.empty() : Optional.of(data.get(0)))
                        : Optional.of(data).filter(JsonNode::isObject));
    }

    @Override
    public List<Fill> fills(Instrument instrument, Instant since) {
        state.ensureOpen();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("symbol", BitgetAdapters.symbol(instrument));
        query.put("startTime", Long.toString(since.toEpochMilli()));
        return calls.fills("/api/v2/spot/trade/fills", query, data -> data, since,
                node -> BitgetAdapters.text(node.get("orderId"), "orderId"), id -> orderInfo("orderId", id),
                (clientOrderId, node) -> BitgetAdapters.fill(account, instrument, clientOrderId, node));
    }

    @Override
    public TradingRules rules(Instrument instrument) {
        state.ensureOpen();
        Objects.requireNonNull(instrument, "instrument");
        if (instrument.market() != Market.SPOT) {
            throw new NotFound("Bitget is connected for spot here; it lists no " + instrument);
        }
        return state.rules(instrument, () -> BitgetAdapters.rules(instrument, calls.ofSymbol("/api/v2/spot/public/symbols",
                        Map.of("symbol", BitgetAdapters.symbol(instrument))).filter(data -> !data.isEmpty())
                .orElseThrow(() -> new NotFound("Bitget does not list " + instrument)).get(0)));
    }

    @Override
    public Optional<BigDecimal> price(Instrument instrument) {
        state.ensureOpen();
        if (instrument.market() != Market.SPOT) {
            return Optional.empty();
        }
        return state.price(instrument, () -> calls.lastPrice("/api/v2/spot/market/tickers",
                Map.of("symbol", BitgetAdapters.symbol(instrument)), BitgetAdapters::optionalDecimal));
    }

    /**
     * Proves the key works by reading the account. Bitget's account answer does not say reliably whether the key may
     * withdraw, so this gateway declares no {@link VenueCapability#PERMISSIONS} and reports only {@code READ}.
     */
    @Override
    public CredentialCheck checkCredentials() {
        state.ensureOpen();
        return calls.checkCredentials("/api/v2/spot/account/info", Map.of());
    }

    @Override
    public void close() {
        state.close();
    }

    private @Nullable Instrument instrumentOf(String symbol) {
        Map<String, Instrument> bySymbol = symbols.get("spot", ignored -> {
            JsonNode data = calls.publicGet("/api/v2/spot/public/symbols", Map.of());
            Map<String, Instrument> map = new LinkedHashMap<>();
            for (JsonNode node : data) {
                try {
                    map.put(node.path("symbol").asText(""), new Instrument(Asset.of(node.path("baseCoin").asText("")),
                            Asset.of(node.path("quoteCoin").asText("")), Market.SPOT));
                } catch (IllegalArgumentException e) {
                    // a coin code outside our alphabet: such orders cannot be ours
                }
            }
            return Map.copyOf(map);
        });
        return bySymbol.get(symbol);
    }

    @Override
    public String toString() {
        return "BitgetGateway[account=" + account + ", " + calls + "]";
    }
}
