package dev.bulwark.adapters.exchange.bybit;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * One Bybit unified trading account, spot. Every call goes through the provider's {@link VenueResilience}: reads may
 * be retried, placements and cancels never. Trading rules are cached for an hour and prices for a few seconds, on
 * the connection's clock. Thread-safe; see {@link VenueGateway} for the lifecycle.
 */
final class BybitGateway implements VenueGateway {
    static final Duration RULES_FOR = Duration.ofHours(1);
    static final Duration PRICE_FOR = Duration.ofSeconds(2);
    /** Bybit serves executions in windows of at most 7 days. */
    private static final Duration FILL_WINDOW = Duration.ofDays(7);
    private static final int MAX_FILL_WINDOWS = 120;
    private static final int MAX_PAGES = 50;
    private static final int PAGE = 50;
    private static final int FILL_PAGE = 100;

    private final VenueDescriptor descriptor;
    private final VenueAccountId account;
    private final BybitClient client;
    private final VenueResilience resilience;
    private final TimeSource clock;
    private final Cache<Instrument, TradingRules> rules;
    private final Cache<Instrument, Optional<BigDecimal>> prices;
    private final Cache<String, Map<String, Instrument>> symbols;
    private final AtomicBoolean closed = new AtomicBoolean();

    BybitGateway(VenueDescriptor descriptor, VenueAccountId account, BybitClient client, VenueResilience resilience,
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
        JsonNode result = ok(resilience.read(() -> client.get("/v5/account/wallet-balance", Map.of("accountType", "UNIFIED"))));
        return BybitAdapters.holdings(account, result);
    }

    @Override
    public List<Position> positions() {
        open();
        return List.of();
    }

    @Override
    public List<Order> openOrders(@Nullable Instrument instrument) {
        open();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("category", "spot");
        if (instrument != null) {
            query.put("symbol", BybitAdapters.symbol(instrument));
        }
        query.put("openOnly", "0");
        query.put("limit", Integer.toString(PAGE));
        List<Order> orders = new ArrayList<>();
        String cursor = "";
        for (int page = 0; page < MAX_PAGES; page++) {
            Map<String, String> paged = new LinkedHashMap<>(query);
            if (!cursor.isEmpty()) {
                paged.put("cursor", cursor);
            }
            JsonNode result = ok(resilience.read(() -> client.get("/v5/order/realtime", paged)));
            for (JsonNode node : result.path("list")) {
                Instrument of = instrument != null ? instrument : instrumentOf(BybitAdapters.text(node.get("symbol"), "symbol"));
                if (of == null) {
                    continue;
                }
                BybitAdapters.order(account, of, node).filter(o -> !o.status().isTerminal()).ifPresent(orders::add);
            }
            cursor = result.path("nextPageCursor").asText("");
            // a short page is the last, whatever cursor comes with it
            if (cursor.isEmpty() || result.path("list").size() < PAGE) {
                break;
            }
        }
        return List.copyOf(orders);
    }

    @Override
    public PlacementResult place(OrderRequest request) {
        open();
        Objects.requireNonNull(request, "request");
        Optional<String> unsupported = descriptor.unsupported(request, capabilities());
        if (unsupported.isPresent()) {
            return new PlacementResult.Rejected(PlacementResult.Rejected.UNSUPPORTED, unsupported.get());
        }
        Map<String, String> body = BybitAdapters.orderBody(request);
        BybitClient.Reply reply = resilience.write(() -> client.post("/v5/order/create", body));
        if (!reply.ok()) {
            return BybitErrorAdapter.rejection(reply.retCode(), reply.retMsg());
        }
        Instant now = clock.now();
        return new PlacementResult.Placed(request.toNewOrder(account, now).transitionTo(OrderStatus.ACCEPTED, now));
    }

    @Override
    public CancelResult cancel(Instrument instrument, ClientOrderId clientOrderId) {
        open();
        Map<String, String> body = new LinkedHashMap<>();
        body.put("category", "spot");
        body.put("symbol", BybitAdapters.symbol(instrument));
        body.put("orderLinkId", clientOrderId.value());
        BybitClient.Reply reply = resilience.write(() -> client.post("/v5/order/cancel", body));
        if (reply.ok()) {
            Optional<Order> order = findByClientOrderId(instrument, clientOrderId);
            if (order.isPresent() && order.get().status() == OrderStatus.CANCELLED) {
                return new CancelResult.Cancelled(order.get());
            }
            if (order.isPresent() && order.get().status().isTerminal()) {
                return new CancelResult.AlreadyFinal(order.get());
            }
            throw new VenueUnavailable(BybitAdapters.VENUE, "acknowledged the cancel but does not report the order"
                    + " cancelled yet", null);
        }
        if (BybitErrorAdapter.ORDER_NOT_FOUND.contains(reply.retCode())) {
            Optional<Order> order = findByClientOrderId(instrument, clientOrderId);
            if (order.isEmpty()) {
                return new CancelResult.UnknownOrder(clientOrderId);
            }
            if (order.get().status().isTerminal()) {
                return new CancelResult.AlreadyFinal(order.get());
            }
        }
        PlacementResult.Rejected why = BybitErrorAdapter.rejection(reply.retCode(), reply.retMsg());
        return new CancelResult.Refused(why.code(), why.reason());
    }

    @Override
    public Optional<Order> findByClientOrderId(Instrument instrument, ClientOrderId clientOrderId) {
        open();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("category", "spot");
        query.put("symbol", BybitAdapters.symbol(instrument));
        query.put("orderLinkId", clientOrderId.value());
        // open orders and recently ended ones are in realtime; older ended ones only in history
        for (String path : List.of("/v5/order/realtime", "/v5/order/history")) {
            JsonNode result = ok(resilience.read(() -> client.get(path, query)));
            for (JsonNode node : result.path("list")) {
                if (clientOrderId.value().equals(node.path("orderLinkId").asText(""))) {
                    return BybitAdapters.order(account, instrument, node);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public List<Fill> fills(Instrument instrument, Instant since) {
        open();
        Instant now = clock.now();
        List<Fill> fills = new ArrayList<>();
        Instant from = since;
        for (int window = 0; window < MAX_FILL_WINDOWS && !from.isAfter(now); window++) {
            Instant to = from.plus(FILL_WINDOW).minusMillis(1);
            String cursor = "";
            for (int page = 0; page < MAX_PAGES; page++) {
                Map<String, String> query = new LinkedHashMap<>();
                query.put("category", "spot");
                query.put("symbol", BybitAdapters.symbol(instrument));
                query.put("startTime", Long.toString(from.toEpochMilli()));
                query.put("endTime", Long.toString(to.toEpochMilli()));
                query.put("limit", Integer.toString(FILL_PAGE));
                if (!cursor.isEmpty()) {
                    query.put("cursor", cursor);
                }
                JsonNode result = ok(resilience.read(() -> client.get("/v5/execution/list", query)));
                for (JsonNode node : result.path("list")) {
                    BybitAdapters.fill(account, instrument, node).filter(f -> !f.time().isBefore(since)).ifPresent(fills::add);
                }
                cursor = result.path("nextPageCursor").asText("");
                if (cursor.isEmpty() || result.path("list").size() < FILL_PAGE) {
                    break;
                }
            }
            from = to.plusMillis(1);
        }
        fills.sort(Comparator.comparing(Fill::time).thenComparing(Fill::tradeId));
        return fills.stream().distinct().toList();
    }

    @Override
    public TradingRules rules(Instrument instrument) {
        open();
        Objects.requireNonNull(instrument, "instrument");
        if (instrument.market() != Market.SPOT) {
            throw new NotFound("Bybit is connected for spot here; it lists no " + instrument);
        }
        TradingRules cached = rules.getIfPresent(instrument);
        if (cached != null) {
            return cached;
        }
        BybitClient.Reply reply = resilience.read(() -> client.publicGet("/v5/market/instruments-info",
                Map.of("category", "spot", "symbol", BybitAdapters.symbol(instrument))));
        JsonNode list = reply.ok() ? reply.result().path("list") : null;
        if (list == null || list.isEmpty()) {
            if (reply.ok() || isUnknownSymbol(reply.retCode())) {
                throw new NotFound("Bybit does not list " + instrument);
            }
            throw unexpected(reply);
        }
        TradingRules found = BybitAdapters.rules(list.get(0));
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
        BybitClient.Reply reply = resilience.read(() -> client.publicGet("/v5/market/tickers",
                Map.of("category", "spot", "symbol", BybitAdapters.symbol(instrument))));
        Optional<BigDecimal> price;
        if (!reply.ok()) {
            if (!isUnknownSymbol(reply.retCode())) {
                throw unexpected(reply);
            }
            price = Optional.empty();
        } else {
            JsonNode list = reply.result().path("list");
            price = list.isEmpty() ? Optional.empty()
                    : BybitAdapters.optionalDecimal(list.get(0).get("lastPrice")).filter(p -> p.signum() > 0);
        }
        prices.put(instrument, price);
        return price;
    }

    @Override
    public CredentialCheck checkCredentials() {
        open();
        JsonNode result;
        try {
            result = ok(resilience.read(() -> client.get("/v5/user/query-api", Map.of())));
        } catch (Unauthorized e) {
            return CredentialCheck.invalid(e.getMessage());
        }
        Set<Permission> permissions = EnumSet.of(Permission.READ);
        JsonNode granted = result.path("permissions");
        if (result.path("readOnly").asInt(1) == 0 && contains(granted.path("Spot"), "SpotTrade")) {
            permissions.add(Permission.TRADE);
        }
        if (contains(granted.path("Wallet"), "Withdraw")) {
            permissions.add(Permission.WITHDRAW);
        }
        return CredentialCheck.valid(permissions);
    }

    @Override
    public void close() {
        // the HTTP client and the resilience are the provider's, shared by its gateways
        closed.set(true);
        rules.invalidateAll();
        prices.invalidateAll();
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode item : array) {
            if (value.equals(item.asText())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUnknownSymbol(int retCode) {
        return retCode == 10001 || retCode == 10029 || retCode == 170121;
    }

    private @Nullable Instrument instrumentOf(String symbol) {
        Map<String, Instrument> bySymbol = symbols.get("spot", ignored -> {
            JsonNode result = ok(resilience.read(() -> client.publicGet("/v5/market/instruments-info",
                    Map.of("category", "spot"))));
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

    private static JsonNode ok(BybitClient.Reply reply) {
        if (!reply.ok()) {
            throw unexpected(reply);
        }
        return reply.result();
    }

    private static VenueUnavailable unexpected(BybitClient.Reply reply) {
        return new VenueUnavailable(BybitAdapters.VENUE, "refused the request: "
                + BybitErrorAdapter.describe(reply.retCode(), reply.retMsg()), null);
    }

    private void open() {
        if (closed.get()) {
            throw new IllegalStateException("this Bybit gateway is closed");
        }
    }

    @Override
    public String toString() {
        return "BybitGateway[account=" + account + ", " + client + "]";
    }
}
