package dev.bulwark.adapters.exchange.bitget;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bulwark.adapters.exchange.support.VenueResilience;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.market.TradingRules;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderStatus;
import dev.bulwark.domain.portfolio.Holding;
import dev.bulwark.domain.positions.Position;
import dev.bulwark.domain.venues.Permission;
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
import dev.bulwark.ports.errors.Unauthorized;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * One Bitget spot account. Every call goes through the provider's {@link VenueResilience}: reads may be retried,
 * placements and cancels never. Trading rules are cached for an hour and prices for a few seconds, on the
 * connection's clock. Thread-safe; see {@link VenueGateway} for the lifecycle.
 */
final class BitgetGateway implements VenueGateway {
    static final Duration RULES_FOR = Duration.ofHours(1);
    static final Duration PRICE_FOR = Duration.ofSeconds(2);
    private static final int PAGE = 100;
    private static final int MAX_PAGES = 50;

    private final VenueDescriptor descriptor;
    private final VenueAccountId account;
    private final BitgetClient client;
    private final VenueResilience resilience;
    private final TimeSource clock;
    private final Cache<Instrument, TradingRules> rules;
    private final Cache<Instrument, Optional<BigDecimal>> prices;
    private final Cache<String, Map<String, Instrument>> symbols;
    private final AtomicBoolean closed = new AtomicBoolean();

    BitgetGateway(VenueDescriptor descriptor, VenueAccountId account, BitgetClient client, VenueResilience resilience,
            TimeSource clock) {
        this.descriptor = descriptor;
        this.account = account;
        this.client = client;
        this.resilience = resilience;
        this.clock = clock;
        this.rules = Caffeine.newBuilder().expireAfterWrite(RULES_FOR).maximumSize(10_000).ticker(this::nanos).build();
        this.prices = Caffeine.newBuilder().expireAfterWrite(PRICE_FOR).maximumSize(10_000).ticker(this::nanos).build();
        this.symbols = Caffeine.newBuilder().expireAfterWrite(RULES_FOR).maximumSize(1).ticker(this::nanos).build();
    }

    private long nanos() {
        Instant now = clock.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public Set<VenueCapability> capabilities() {
        return descriptor.capabilities();
    }

    @Override
    public List<Holding> balances() {
        open();
        return BitgetAdapters.holdings(account, ok(resilience.read(() -> client.get("/api/v2/spot/account/assets", Map.of()))));
    }

    @Override
    public List<Position> positions() {
        open();
        return List.of();
    }

    @Override
    public List<Order> openOrders(@Nullable Instrument instrument) {
        open();
        List<Order> orders = new ArrayList<>();
        String idLessThan = "";
        for (int page = 0; page < MAX_PAGES; page++) {
            Map<String, String> query = new LinkedHashMap<>();
            if (instrument != null) {
                query.put("symbol", BitgetAdapters.symbol(instrument));
            }
            if (!idLessThan.isEmpty()) {
                query.put("idLessThan", idLessThan);
            }
            query.put("limit", Integer.toString(PAGE));
            JsonNode data = ok(resilience.read(() -> client.get("/api/v2/spot/trade/unfilled-orders", query)));
            for (JsonNode node : data) {
                Instrument of = instrument != null ? instrument : instrumentOf(BitgetAdapters.text(node.get("symbol"), "symbol"));
                if (of != null) {
                    BitgetAdapters.order(account, of, node).filter(o -> !o.status().isTerminal()).ifPresent(orders::add);
                }
            }
            if (data.size() < PAGE) {
                break;
            }
            idLessThan = data.get(data.size() - 1).path("orderId").asText("");
        }
        return List.copyOf(orders);
    }

    @Override
    public PlacementResult place(OrderRequest request) {
        open();
        Objects.requireNonNull(request, "request");
        Optional<String> unsupported = descriptor.unsupported(request, capabilities()).or(() -> BitgetAdapters.unsupportedSizing(request));
        if (unsupported.isPresent()) {
            return new PlacementResult.Rejected(PlacementResult.Rejected.UNSUPPORTED, unsupported.get());
        }
        Map<String, String> body = BitgetAdapters.orderBody(request);
        BitgetClient.Reply reply = resilience.write(() -> client.post("/api/v2/spot/trade/place-order", body));
        if (!reply.ok()) {
            return BitgetErrorAdapter.rejection(reply.code(), reply.msg());
        }
        Instant now = clock.now();
        return new PlacementResult.Placed(request.toNewOrder(account, now).transitionTo(OrderStatus.ACCEPTED, now));
    }

    @Override
    public CancelResult cancel(Instrument instrument, ClientOrderId clientOrderId) {
        open();
        Map<String, String> body = new LinkedHashMap<>();
        body.put("symbol", BitgetAdapters.symbol(instrument));
        body.put("clientOid", clientOrderId.value());
        BitgetClient.Reply reply = resilience.write(() -> client.post("/api/v2/spot/trade/cancel-order", body));
        if (reply.ok()) {
            Optional<Order> order = findByClientOrderId(instrument, clientOrderId);
            if (order.isPresent() && order.get().status() == OrderStatus.CANCELLED) {
                return new CancelResult.Cancelled(order.get());
            }
            if (order.isPresent() && order.get().status().isTerminal()) {
                return new CancelResult.AlreadyFinal(order.get());
            }
            throw new VenueUnavailable(BitgetAdapters.VENUE, "accepted the cancel but does not report the order cancelled yet", null);
        }
        if (BitgetErrorAdapter.ORDER_NOT_FOUND.contains(reply.code())) {
            Optional<Order> order = findByClientOrderId(instrument, clientOrderId);
            if (order.isEmpty()) {
                return new CancelResult.UnknownOrder(clientOrderId);
            }
            if (order.get().status().isTerminal()) {
                return new CancelResult.AlreadyFinal(order.get());
            }
        }
        PlacementResult.Rejected why = BitgetErrorAdapter.rejection(reply.code(), reply.msg());
        return new CancelResult.Refused(why.code(), why.reason());
    }

    @Override
    public Optional<Order> findByClientOrderId(Instrument instrument, ClientOrderId clientOrderId) {
        open();
        return orderInfo("clientOid", clientOrderId.value()).filter(node -> BitgetAdapters.symbol(instrument)
                        .equals(node.path("symbol").asText("")))
                .flatMap(node -> BitgetAdapters.order(account, instrument, node));
    }

    private Optional<JsonNode> orderInfo(String by, String id) {
        BitgetClient.Reply reply = resilience.read(() -> client.get("/api/v2/spot/trade/orderInfo", Map.of(by, id)));
        if (!reply.ok()) {
            if (BitgetErrorAdapter.ORDER_NOT_FOUND.contains(reply.code())) {
                return Optional.empty();
            }
            throw unexpected(reply);
        }
        JsonNode data = reply.data();
        return data.isArray() ? (data.isEmpty() ? Optional.empty() : Optional.of(data.get(0)))
                : Optional.of(data).filter(JsonNode::isObject);
    }

    @Override
    public List<Fill> fills(Instrument instrument, Instant since) {
        open();
        List<Fill> fills = new ArrayList<>();
        // Bitget's fills name the venue's order id only: each order's client id is read once
        Map<String, Optional<ClientOrderId>> clientIds = new HashMap<>();
        String idLessThan = "";
        for (int page = 0; page < MAX_PAGES; page++) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("symbol", BitgetAdapters.symbol(instrument));
            query.put("startTime", Long.toString(since.toEpochMilli()));
            if (!idLessThan.isEmpty()) {
                query.put("idLessThan", idLessThan);
            }
            query.put("limit", Integer.toString(PAGE));
            JsonNode data = ok(resilience.read(() -> client.get("/api/v2/spot/trade/fills", query)));
            for (JsonNode node : data) {
                String orderId = BitgetAdapters.text(node.get("orderId"), "orderId");
                Optional<ClientOrderId> clientOrderId = clientIds.computeIfAbsent(orderId, id -> orderInfo("orderId", id)
                        .flatMap(BitgetAdapters::clientOrderIdOf));
                clientOrderId.map(cid -> BitgetAdapters.fill(account, instrument, cid, node))
                        .filter(f -> !f.time().isBefore(since)).ifPresent(fills::add);
            }
            if (data.size() < PAGE) {
                break;
            }
            idLessThan = data.get(data.size() - 1).path("tradeId").asText("");
        }
        fills.sort(Comparator.comparing(Fill::time).thenComparing(Fill::tradeId));
        return fills.stream().distinct().toList();
    }

    @Override
    public TradingRules rules(Instrument instrument) {
        open();
        Objects.requireNonNull(instrument, "instrument");
        if (instrument.market() != Market.SPOT) {
            throw new NotFound("Bitget is connected for spot here; it lists no " + instrument);
        }
        TradingRules cached = rules.getIfPresent(instrument);
        if (cached != null) {
            return cached;
        }
        BitgetClient.Reply reply = resilience.read(() -> client.publicGet("/api/v2/spot/public/symbols",
                Map.of("symbol", BitgetAdapters.symbol(instrument))));
        if (!reply.ok() && !isUnknownSymbol(reply.code())) {
            throw unexpected(reply);
        }
        if (!reply.ok() || reply.data().isEmpty()) {
            throw new NotFound("Bitget does not list " + instrument);
        }
        TradingRules found = BitgetAdapters.rules(instrument, reply.data().get(0));
        rules.put(instrument, found);
        return found;
    }

    @Override
    public Optional<BigDecimal> price(Instrument instrument) {
        open();
        if (instrument.market() != Market.SPOT) {
            return Optional.empty();
        }
        Optional<BigDecimal> cached = prices.getIfPresent(instrument);
        if (cached != null) {
            return cached;
        }
        BitgetClient.Reply reply = resilience.read(() -> client.publicGet("/api/v2/spot/market/tickers",
                Map.of("symbol", BitgetAdapters.symbol(instrument))));
        Optional<BigDecimal> price;
        if (!reply.ok()) {
            if (!isUnknownSymbol(reply.code())) {
                throw unexpected(reply);
            }
            price = Optional.empty();
        } else {
            price = reply.data().isEmpty() ? Optional.empty()
                    : BitgetAdapters.optionalDecimal(reply.data().get(0).get("lastPr")).filter(p -> p.signum() > 0);
        }
        prices.put(instrument, price);
        return price;
    }

    /**
     * Proves the key works by reading the account. Bitget's account answer does not say reliably whether the key may
     * withdraw, so this gateway declares no {@link VenueCapability#PERMISSIONS} and reports only {@code READ}.
     */
    @Override
    public CredentialCheck checkCredentials() {
        open();
        try {
            ok(resilience.read(() -> client.get("/api/v2/spot/account/info", Map.of())));
        } catch (Unauthorized e) {
            return CredentialCheck.invalid(e.getMessage());
        }
        return CredentialCheck.valid(EnumSet.of(Permission.READ));
    }

    @Override
    public void close() {
        closed.set(true);
        rules.invalidateAll();
        prices.invalidateAll();
    }

    private static boolean isUnknownSymbol(String code) {
        return "40034".equals(code);
    }

    private @Nullable Instrument instrumentOf(String symbol) {
        Map<String, Instrument> bySymbol = symbols.get("spot", ignored -> {
            JsonNode data = ok(resilience.read(() -> client.publicGet("/api/v2/spot/public/symbols", Map.of())));
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

    private static JsonNode ok(BitgetClient.Reply reply) {
        if (!reply.ok()) {
            throw unexpected(reply);
        }
        return reply.data();
    }

    private static VenueUnavailable unexpected(BitgetClient.Reply reply) {
        return new VenueUnavailable(BitgetAdapters.VENUE, "refused the request: "
                + BitgetErrorAdapter.describe(reply.code(), reply.msg()), null);
    }

    private void open() {
        if (closed.get()) {
            throw new IllegalStateException("this Bitget gateway is closed");
        }
    }

    @Override
    public String toString() {
        return "BitgetGateway[account=" + account + ", " + client + "]";
    }
}
