package dev.bulwark.adapters.exchange.bybit;

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
 * One Bybit unified trading account, spot. Every call goes through the provider's {@link VenueResilience}: reads may
 * be retried, placements and cancels never. Trading rules are cached for an hour and prices for a few seconds, on
 * the connection's clock. Thread-safe; see {@link VenueGateway} for the lifecycle.
 */
final class BybitGateway implements VenueGateway {
    private static final int PAGE = 50;

    private final VenueAccountId account;
    private final BybitCalls calls;
    private final GatewayState<TradingRules> state;
    private final Cache<String, Map<String, Instrument>> symbols;

    BybitGateway(VenueDescriptor descriptor, VenueAccountId account, BybitClient client, VenueResilience resilience,
            TimeSource clock) {
        this.account = account;
        this.calls = new BybitCalls(client, resilience, clock);
        this.state = new GatewayState<>("Bybit", descriptor, account, clock);
        this.symbols = VenueCaches.expiring(clock, GatewayState.RULES_FOR, 1);
    }

    @Override
    public Set<VenueCapability> capabilities() {
        return state.capabilities();
    }

    @Override
    public List<Holding> balances() {
        state.ensureOpen();
        return BybitAdapters.holdings(account, calls.get("/v5/account/wallet-balance", Map.of("accountType", "UNIFIED")));
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
        query.put("category", "spot");
        if (instrument != null) {
            query.put("symbol", BybitAdapters.symbol(instrument));
        }
        query.put("openOnly", "0");
        List<Order> orders = new ArrayList<>();
        calls.paged("/v5/order/realtime", query, PAGE, node -> {
            Instrument of = instrument != null ? instrument : instrumentOf(BybitAdapters.text(node.get("symbol"), "symbol"));
            if (of != null) {
                BybitAdapters.order(account, of, node).filter(o -> !o.status().isTerminal()).ifPresent(orders::add);
            }
        });
        return List.copyOf(orders);
    }

    @Override
    public PlacementResult place(OrderRequest request) {
        state.ensureOpen();
        Optional<PlacementResult.Rejected> unsupported = state.unsupported(request);
        if (unsupported.isPresent()) {
            return unsupported.get();
        }
        return calls.place(BybitAdapters.orderBody(request), () -> state.accepted(request));
    }

    @Override
    public CancelResult cancel(Instrument instrument, ClientOrderId clientOrderId) {
        state.ensureOpen();
        Map<String, String> body = spot(instrument);
        body.put("orderLinkId", clientOrderId.value());
        return calls.cancel(BybitAdapters.VENUE, body, clientOrderId, () -> findByClientOrderId(instrument, clientOrderId));
    }

    @Override
    public Optional<Order> findByClientOrderId(Instrument instrument, ClientOrderId clientOrderId) {
        state.ensureOpen();
        Map<String, String> query = spot(instrument);
        query.put("orderLinkId", clientOrderId.value());
        return calls.order(query, clientOrderId).flatMap(node -> BybitAdapters.order(account, instrument, node));
    }

    @Override
    public List<Fill> fills(Instrument instrument, Instant since) {
        state.ensureOpen();
        return calls.fills(spot(instrument), since, node -> BybitAdapters.fill(account, instrument, node));
    }

    @Override
    public TradingRules rules(Instrument instrument) {
        state.ensureOpen();
        Objects.requireNonNull(instrument, "instrument");
        if (instrument.market() != Market.SPOT) {
            throw new NotFound("Bybit is connected for spot here; it lists no " + instrument);
        }
        return state.rules(instrument, () -> BybitAdapters.rules(calls.instrument(spot(instrument),
                BybitGateway::isUnknownSymbol, () -> new NotFound("Bybit does not list " + instrument))));
    }

    @Override
    public Optional<BigDecimal> price(Instrument instrument) {
        state.ensureOpen();
        if (instrument.market() != Market.SPOT) {
            return Optional.empty();
        }
        return state.price(instrument, () -> calls.lastPrice(spot(instrument), BybitGateway::isUnknownSymbol,
                BybitAdapters::optionalDecimal));
    }

    @Override
    public CredentialCheck checkCredentials() {
        state.ensureOpen();
        return calls.checkCredentials(false);
    }

    @Override
    public void close() {
        // the HTTP client and the resilience are the provider's, shared by its gateways
        state.close();
    }

    /** {@code category=spot} and the instrument's symbol, in the order Bybit's documentation sends them. */
    private static Map<String, String> spot(Instrument instrument) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("category", "spot");
        query.put("symbol", BybitAdapters.symbol(instrument));
        return query;
    }

    private static boolean isUnknownSymbol(int retCode) {
        return retCode == 10001 || retCode == 10029 || retCode == 170121;
    }

    private @Nullable Instrument instrumentOf(String symbol) {
        Map<String, Instrument> bySymbol = symbols.get("spot", ignored -> {
            JsonNode result = calls.publicGet("/v5/market/instruments-info", Map.of("category", "spot"));
            Map<String, Instrument> map = new LinkedHashMap<>();
            for (JsonNode node : result.path("list")) {
                String base = node.path("baseCoin").asText("");
                String quote = node.path("quoteCoin").asText("");
                try {
                    map.put(node.path("symbol").asText(""), new Instrument(Asset.of(base), Asset.of(quote), Market.SPOT));
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
        return "BybitGateway[account=" + account + ", " + calls + "]";
    }
}
