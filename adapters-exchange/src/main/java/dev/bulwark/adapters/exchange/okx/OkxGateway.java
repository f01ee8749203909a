package dev.bulwark.adapters.exchange.okx;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bulwark.adapters.exchange.support.VenueResilience;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.market.TradingRules;
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
 * One OKX trading account, spot (cash mode). Every call goes through the provider's {@link VenueResilience}: reads
 * may be retried, placements and cancels never. Trading rules are cached for an hour and prices for a few seconds,
 * on the connection's clock. Thread-safe; see {@link VenueGateway} for the lifecycle.
 */
final class OkxGateway implements VenueGateway {
    static final Duration RULES_FOR = Duration.ofHours(1);
    static final Duration PRICE_FOR = Duration.ofSeconds(2);
    private static final int PAGE = 100;
    private static final int MAX_PAGES = 50;

    private final VenueDescriptor descriptor;
    private final VenueAccountId account;
    private final OkxClient client;
    private final VenueResilience resilience;
    private final TimeSource clock;
    private final Cache<Instrument, TradingRules> rules;
    private final Cache<Instrument, Optional<BigDecimal>> prices;
    private final AtomicBoolean closed = new AtomicBoolean();

    OkxGateway(VenueDescriptor descriptor, VenueAccountId account, OkxClient client, VenueResilience resilience,
            TimeSource clock) {
        this.descriptor = descriptor;
        this.account = account;
        this.client = client;
        this.resilience = resilience;
        this.clock = clock;
        this.rules = Caffeine.newBuilder().expireAfterWrite(RULES_FOR).maximumSize(10_000).ticker(this::nanos).build();
        this.prices = Caffeine.newBuilder().expireAfterWrite(PRICE_FOR).maximumSize(10_000).ticker(this::nanos).build();
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
        return OkxAdapters.holdings(account, ok(resilience.read(() -> client.get("/api/v5/account/balance", Map.of()))));
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
        String after = "";
        for (int page = 0; page < MAX_PAGES; page++) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("instType", "SPOT");
            if (instrument != null) {
                query.put("instId", OkxAdapters.instId(instrument));
            }
            if (!after.isEmpty()) {
                query.put("after", after);
            }
            query.put("limit", Integer.toString(PAGE));
            JsonNode data = ok(resilience.read(() -> client.get("/api/v5/trade/orders-pending", query)));
            for (JsonNode node : data) {
                OkxAdapters.order(account, node, null).filter(o -> !o.status().isTerminal())
                        .filter(o -> instrument == null || o.instrument().equals(instrument)).ifPresent(orders::add);
            }
            if (data.size() < PAGE) {
                break;
            }
            after = data.get(data.size() - 1).path("ordId").asText("");
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
        Map<String, String> body = OkxAdapters.orderBody(request);
        OkxClient.Reply reply = resilience.write(() -> client.post("/api/v5/trade/order", body));
        if (!reply.ok()) {
            return OkxErrorAdapter.rejection(reply.businessCode(), reply.businessMessage());
        }
        Instant now = clock.now();
        return new PlacementResult.Placed(request.toNewOrder(account, now).transitionTo(OrderStatus.ACCEPTED, now));
    }

    @Override
    public CancelResult cancel(Instrument instrument, ClientOrderId clientOrderId) {
        open();
        Map<String, String> body = new LinkedHashMap<>();
        body.put("instId", OkxAdapters.instId(instrument));
        body.put("clOrdId", OkxAdapters.wireId(clientOrderId));
        OkxClient.Reply reply = resilience.write(() -> client.post("/api/v5/trade/cancel-order", body));
        if (reply.ok()) {
            Optional<Order> order = findByClientOrderId(instrument, clientOrderId);
            if (order.isPresent() && order.get().status() == OrderStatus.CANCELLED) {
                return new CancelResult.Cancelled(order.get());
            }
            if (order.isPresent() && order.get().status().isTerminal()) {
                return new CancelResult.AlreadyFinal(order.get());
            }
            // OKX cancels asynchronously ("canceling"): only a confirmed cancel is reported as one
            throw new VenueUnavailable(OkxAdapters.VENUE, "accepted the cancel but does not report the order cancelled yet", null);
        }
        String code = reply.businessCode();
        if (OkxErrorAdapter.NOTHING_TO_CANCEL.contains(code)) {
            Optional<Order> order = findByClientOrderId(instrument, clientOrderId);
            if (order.isEmpty()) {
                return new CancelResult.UnknownOrder(clientOrderId);
            }
            if (order.get().status().isTerminal()) {
                return new CancelResult.AlreadyFinal(order.get());
            }
        }
        PlacementResult.Rejected why = OkxErrorAdapter.rejection(code, reply.businessMessage());
        return new CancelResult.Refused(why.code(), why.reason());
    }

    @Override
    public Optional<Order> findByClientOrderId(Instrument instrument, ClientOrderId clientOrderId) {
        open();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("instId", OkxAdapters.instId(instrument));
        query.put("clOrdId", OkxAdapters.wireId(clientOrderId));
        OkxClient.Reply reply = resilience.read(() -> client.get("/api/v5/trade/order", query));
        if (!reply.ok()) {
            if (OkxErrorAdapter.ORDER_NOT_FOUND.equals(reply.businessCode())) {
                return Optional.empty();
            }
            throw unexpected(reply);
        }
        for (JsonNode node : reply.data()) {
            return OkxAdapters.order(account, node, clientOrderId);
        }
        return Optional.empty();
    }

    @Override
    public List<Fill> fills(Instrument instrument, Instant since) {
        open();
        List<Fill> fills = new ArrayList<>();
        String after = "";
        for (int page = 0; page < MAX_PAGES; page++) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("instType", "SPOT");
            query.put("instId", OkxAdapters.instId(instrument));
            query.put("begin", Long.toString(since.toEpochMilli()));
            if (!after.isEmpty()) {
                query.put("after", after);
            }
            query.put("limit", Integer.toString(PAGE));
            JsonNode data = ok(resilience.read(() -> client.get("/api/v5/trade/fills-history", query)));
            for (JsonNode node : data) {
                OkxAdapters.fill(account, instrument, node).filter(f -> !f.time().isBefore(since)).ifPresent(fills::add);
            }
            if (data.size() < PAGE) {
                break;
            }
            // newest first: the next page is older than the last bill of this one
            after = data.get(data.size() - 1).path("billId").asText("");
        }
        fills.sort(Comparator.comparing(Fill::time).thenComparing(Fill::tradeId));
        return fills.stream().distinct().toList();
    }

    @Override
    public TradingRules rules(Instrument instrument) {
        open();
        Objects.requireNonNull(instrument, "instrument");
        if (instrument.market() != Market.SPOT) {
            throw new NotFound("OKX is connected for spot here; it lists no " + instrument);
        }
        TradingRules cached = rules.getIfPresent(instrument);
        if (cached != null) {
            return cached;
        }
        OkxClient.Reply reply = resilience.read(() -> client.publicGet("/api/v5/public/instruments",
                Map.of("instType", "SPOT", "instId", OkxAdapters.instId(instrument))));
        if (!reply.ok() && !"51001".equals(reply.code())) {
            throw unexpected(reply);
        }
        if (!reply.ok() || reply.data().isEmpty()) {
            throw new NotFound("OKX does not list " + instrument);
        }
        TradingRules found = OkxAdapters.rules(reply.data().get(0));
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
        OkxClient.Reply reply = resilience.read(() -> client.publicGet("/api/v5/market/ticker",
                Map.of("instId", OkxAdapters.instId(instrument))));
        Optional<BigDecimal> price;
        if (!reply.ok()) {
            if (!"51001".equals(reply.code())) {
                throw unexpected(reply);
            }
            price = Optional.empty();
        } else {
            price = reply.data().isEmpty() ? Optional.empty()
                    : OkxAdapters.optionalDecimal(reply.data().get(0).get("last")).filter(p -> p.signum() > 0);
        }
        prices.put(instrument, price);
        return price;
    }

    @Override
    public CredentialCheck checkCredentials() {
        open();
        JsonNode data;
        try {
            data = ok(resilience.read(() -> client.get("/api/v5/account/config", Map.of())));
        } catch (Unauthorized e) {
            return CredentialCheck.invalid(e.getMessage());
        }
        Set<Permission> permissions = EnumSet.of(Permission.READ);
        for (String perm : data.path(0).path("perm").asText("").split(",")) {
            switch (perm.strip()) {
                case "trade" -> permissions.add(Permission.TRADE);
                case "withdraw" -> permissions.add(Permission.WITHDRAW);
                default -> {
                    // read_only, or a permission that does not matter here
                }
            }
        }
        return CredentialCheck.valid(permissions);
    }

    @Override
    public void close() {
        closed.set(true);
        rules.invalidateAll();
        prices.invalidateAll();
    }

    private static JsonNode ok(OkxClient.Reply reply) {
        if (!reply.ok()) {
            throw unexpected(reply);
        }
        return reply.data();
    }

    private static VenueUnavailable unexpected(OkxClient.Reply reply) {
        return new VenueUnavailable(OkxAdapters.VENUE, "refused the request: "
                + OkxErrorAdapter.describe(reply.businessCode(), reply.businessMessage()), null);
    }

    private void open() {
        if (closed.get()) {
            throw new IllegalStateException("this OKX gateway is closed");
        }
    }

    @Override
    public String toString() {
        return "OkxGateway[account=" + account + ", " + client + "]";
    }
}
