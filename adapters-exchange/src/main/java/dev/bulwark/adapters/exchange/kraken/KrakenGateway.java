package dev.bulwark.adapters.exchange.kraken;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import dev.bulwark.adapters.exchange.kraken.KrakenAdapters.PairInfo;
import dev.bulwark.adapters.exchange.support.VenueCaches;
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
import dev.bulwark.ports.errors.VenueUnavailable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One Kraken spot account. Every call goes through {@link VenueResilience}: reads may be retried, AddOrder and
 * CancelOrder never are. Client order ids travel as Kraken's {@code cl_ord_id} (unique among the account's open
 * orders), so an order whose placement timed out is found with {@code OpenOrders}/{@code ClosedOrders} filtered by
 * it. Pairs and their trading rules come from {@code AssetPairs}, cached for an hour; last prices for a few
 * seconds. Kraken has no endpoint that lists a key's permissions, so {@link #checkCredentials()} proves only that
 * the key can read funds ({@link VenueCapability#PERMISSIONS} is not declared).
 *
 * <p>Thread-safe; the HTTP client belongs to the provider. {@link #close()} only marks the gateway closed.
 */
final class KrakenGateway implements VenueGateway {
    private static final int QUERY_BATCH = 50;
    private static final int MAX_TRADE_PAGES = 200;

    private final VenueAccountId account;
    private final VenueId venue;
    private final VenueDescriptor descriptor;
    private final Set<VenueCapability> capabilities;
    private final KrakenClient client;
    private final VenueResilience resilience;
    private final TimeSource clock;
    private final Cache<String, Map<String, PairInfo>> pairs;
    private final Cache<Instrument, Optional<BigDecimal>> prices;
    private final AtomicBoolean closed = new AtomicBoolean();

    KrakenGateway(VenueAccountId account, VenueDescriptor descriptor, KrakenClient client, VenueResilience resilience,
            TimeSource clock) {
        this.account = Objects.requireNonNull(account, "account");
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
        this.venue = descriptor.id();
        this.capabilities = descriptor.capabilities();
        this.client = Objects.requireNonNull(client, "client");
        this.resilience = Objects.requireNonNull(resilience, "resilience");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pairs = VenueCaches.expiring(clock, Duration.ofHours(1), 1);
        this.prices = VenueCaches.expiring(clock, Duration.ofSeconds(5), 1_000);
    }

    @Override
    public Set<VenueCapability> capabilities() {
        return capabilities;
    }

    @Override
    public List<Holding> balances() {
        open();
        JsonNode result = readPrivate("BalanceEx", Map.of());
        return readable(() -> KrakenAdapters.holdings(account, venue, result));
    }

    @Override
    public List<Position> positions() {
        open();
        return List.of(); // spot only: holdings are balances
    }

    @Override
    public List<Order> openOrders(@Nullable Instrument instrument) {
        open();
        JsonNode result = readPrivate("OpenOrders", Map.of());
        return orders(result.path("open"), instrument, null);
    }

    @Override
    public PlacementResult place(OrderRequest request) {
        open();
        Objects.requireNonNull(request, "request");
        Optional<String> unsupported = descriptor.unsupported(request, capabilities);
        if (unsupported.isPresent()) {
            return new PlacementResult.Rejected(PlacementResult.Rejected.UNSUPPORTED, unsupported.get());
        }
        if (!KrakenAdapters.fitsClOrdId(request.clientOrderId())) {
            return new PlacementResult.Rejected(PlacementResult.Rejected.UNSUPPORTED, "Kraken takes a client order id"
                    + " that is a UUID or at most 18 characters, was " + request.clientOrderId().value().length() + " characters");
        }
        Map<String, String> params = KrakenAdapters.addOrder(request);
        KrakenClient.Reply reply = resilience.write(() -> client.privateCall("AddOrder", params));
        if (!reply.ok()) {
            KrakenErrorAdapter.failure(venue, reply.errors(), reply.retryAfter()).ifPresent(failure -> {
                throw failure;
            });
            return KrakenErrorAdapter.rejection(reply.errors());
        }
        JsonNode txid = reply.result().path("txid");
        if (!txid.isArray() || txid.isEmpty() || !txid.get(0).isTextual()) {
            // Kraken said yes without saying to what: the order may be working, the caller looks it up
            throw new VenueUnavailable(venue, "accepted an order without its txid; outcome unknown", null);
        }
        return new PlacementResult.Placed(request.toNewOrder(account, clock.now())
                .transitionTo(OrderStatus.ACCEPTED, clock.now()));
    }

    @Override
    public CancelResult cancel(Instrument instrument, ClientOrderId clientOrderId) {
        open();
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        if (!KrakenAdapters.fitsClOrdId(clientOrderId)) {
            return new CancelResult.UnknownOrder(clientOrderId); // never sent to Kraken as a cl_ord_id
        }
        Map<String, String> params = Map.of("cl_ord_id", clientOrderId.value());
        KrakenClient.Reply reply = resilience.write(() -> client.privateCall("CancelOrder", params));
        boolean unknown = reply.has("EOrder:Unknown order");
        if (!reply.ok() && !unknown) {
            KrakenErrorAdapter.failure(venue, reply.errors(), reply.retryAfter()).ifPresent(failure -> {
                throw failure;
            });
            return new CancelResult.Refused(KrakenErrorAdapter.code(reply.errors().getFirst()),
                    KrakenErrorAdapter.describe(reply.errors()));
        }
        boolean cancelled = reply.ok() && reply.result().path("count").asInt(0) > 0;
        Optional<Order> order = findByClientOrderId(instrument, clientOrderId);
        if (order.isEmpty()) {
            return new CancelResult.UnknownOrder(clientOrderId);
        }
        Order found = order.get();
        if (found.status() == OrderStatus.CANCELLED && cancelled) {
            return new CancelResult.Cancelled(found);
        }
        if (found.status().isTerminal()) {
            return new CancelResult.AlreadyFinal(found);
        }
        if (cancelled) {
            // Kraken counted it cancelled; its order list has not caught up yet
            return new CancelResult.Cancelled(found.transitionTo(OrderStatus.CANCELLED, clock.now()));
        }
        return new CancelResult.Refused("venue:EOrder:Unknown-order", "Kraken did not cancel the order, which is still working");
    }

    @Override
    public Optional<Order> findByClientOrderId(Instrument instrument, ClientOrderId clientOrderId) {
        open();
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        if (!KrakenAdapters.fitsClOrdId(clientOrderId)) {
            return Optional.empty();
        }
        Map<String, String> filter = Map.of("cl_ord_id", clientOrderId.value());
        List<Order> open = orders(readPrivate("OpenOrders", filter).path("open"), instrument, clientOrderId);
        if (!open.isEmpty()) {
            return Optional.of(open.getFirst());
        }
        List<Order> closed = orders(readPrivate("ClosedOrders", filter).path("closed"), instrument, clientOrderId);
        // a cl_ord_id is unique among open orders only: the latest closed one is the one last placed
        return closed.stream().max(Comparator.comparing(Order::createdAt));
    }

    @Override
    public List<Fill> fills(Instrument instrument, Instant since) {
        open();
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(since, "since");
        if (instrument.market() != Market.SPOT) {
            return List.of();
        }
        Map<String, PairInfo> known = pairs();
        Map<String, JsonNode> trades = new LinkedHashMap<>();
        int offset = 0;
        for (int page = 0; page < MAX_TRADE_PAGES; page++) {
            Map<String, String> params = new LinkedHashMap<>();
            // start is exclusive: one second earlier keeps a trade at exactly since
            params.put("start", Long.toString(since.getEpochSecond() - 1));
            params.put("ofs", Integer.toString(offset));
            JsonNode result = readPrivate("TradesHistory", params);
            JsonNode batch = result.path("trades");
            int count = result.path("count").asInt(0);
            int seen = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = batch.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> trade = it.next();
                seen++;
                PairInfo pair = known.get(trade.getValue().path("pair").asText(""));
                if (pair != null && pair.instrument().equals(instrument)) {
                    trades.put(trade.getKey(), trade.getValue());
                }
            }
            offset += seen;
            if (seen == 0 || offset >= count) {
                break;
            }
        }
        Map<String, ClientOrderId> clientIds = clientIdsOf(trades.values().stream()
                .map(trade -> trade.path("ordertxid").asText("")).filter(id -> !id.isEmpty()).toList());
        List<Fill> fills = new ArrayList<>();
        trades.forEach((tradeId, trade) -> {
            String orderTxid = trade.path("ordertxid").asText("");
            ClientOrderId clientOrderId = clientIds.getOrDefault(orderTxid, KrakenAdapters.outsideId(orderTxid));
            Fill fill = readable(() -> KrakenAdapters.fill(account, tradeId, trade, instrument, clientOrderId));
            if (!fill.time().isBefore(since)) {
                fills.add(fill);
            }
        });
        fills.sort(Comparator.comparing(Fill::time).thenComparing(Fill::tradeId));
        return List.copyOf(fills);
    }

    @Override
    public TradingRules rules(Instrument instrument) {
        open();
        Objects.requireNonNull(instrument, "instrument");
        PairInfo pair = instrument.market() == Market.SPOT ? pairs().get(KrakenAdapters.pair(instrument)) : null;
        if (pair == null || !pair.instrument().equals(instrument)) {
            throw new NotFound("Kraken does not list " + instrument);
        }
        return pair.rules();
    }

    @Override
    public Optional<BigDecimal> price(Instrument instrument) {
        open();
        Objects.requireNonNull(instrument, "instrument");
        if (instrument.market() != Market.SPOT) {
            return Optional.empty();
        }
        return prices.get(instrument, this::lastPrice);
    }

    @Override
    public CredentialCheck checkCredentials() {
        open();
        KrakenClient.Reply reply = resilience.read(() -> client.privateCall("BalanceEx", Map.of()));
        if (reply.ok()) {
            return CredentialCheck.valid(Set.of(Permission.READ));
        }
        if (KrakenErrorAdapter.keyRefused(reply.errors())) {
            return CredentialCheck.invalid("Kraken refused the key (" + KrakenErrorAdapter.describe(reply.errors())
                    + "): check the key and secret, and that the key is not deleted or IP-restricted");
        }
        if (reply.has("EGeneral:Permission denied")) {
            return CredentialCheck.invalid("the key may not query funds; give it 'Query Funds' and 'Create & Modify Orders'");
        }
        throw KrakenErrorAdapter.readFailure(venue, reply);
    }

    @Override
    public void close() {
        closed.set(true);
    }

    @Override
    public String toString() {
        return "KrakenGateway[" + account + "]";
    }

    /** The breaker's state, for tests and metrics. */
    VenueResilience.BreakerState breaker() {
        return resilience.state();
    }

    private Optional<BigDecimal> lastPrice(Instrument instrument) {
        KrakenClient.Reply reply = resilience.read(() -> client.publicCall("Ticker",
                Map.of("pair", KrakenAdapters.pair(instrument))));
        if (reply.has("EQuery:Unknown asset pair")) {
            return Optional.empty();
        }
        if (!reply.ok()) {
            throw KrakenErrorAdapter.readFailure(venue, reply);
        }
        Iterator<JsonNode> entries = reply.result().elements();
        if (!entries.hasNext()) {
            return Optional.empty();
        }
        JsonNode last = entries.next().path("c").path(0);
        BigDecimal price = readable(() -> KrakenAdapters.decimal(last, "last trade price"));
        return price.signum() > 0 ? Optional.of(price) : Optional.empty();
    }

    private Map<String, PairInfo> pairs() {
        return pairs.get("all", key -> {
            KrakenClient.Reply reply = resilience.read(() -> client.publicCall("AssetPairs", Map.of()));
            if (!reply.ok()) {
                throw KrakenErrorAdapter.readFailure(venue, reply);
            }
            return readable(() -> KrakenAdapters.pairs(reply.result()));
        });
    }

    /** The orders of an {@code open}/{@code closed} map, in one instrument (null: all) and with one client id. */
    private List<Order> orders(JsonNode byTxid, @Nullable Instrument instrument, @Nullable ClientOrderId clientOrderId) {
        if (!byTxid.isObject()) {
            throw new VenueUnavailable(venue, "answered orders without the list it documents", null);
        }
        Map<String, PairInfo> known = pairs();
        List<Order> orders = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = byTxid.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode info = entry.getValue();
            if (clientOrderId != null && !KrakenAdapters.sameClientId(clientOrderId,
                    info.hasNonNull("cl_ord_id") ? info.get("cl_ord_id").asText() : null)) {
                continue;
            }
            PairInfo pair = known.get(info.path("descr").path("pair").asText(""));
            if (pair == null || instrument != null && !pair.instrument().equals(instrument)) {
                continue;
            }
            readable(() -> KrakenAdapters.order(account, entry.getKey(), info, pair.instrument())).ifPresent(order -> {
                // report the id as the caller spelled it: Kraken may echo a UUID in another case
                orders.add(clientOrderId == null || order.clientOrderId().equals(clientOrderId) ? order
                        : new Order(VenueGateway.orderIdOf(account, clientOrderId), clientOrderId, order.account(),
                                order.instrument(), order.side(), order.type(), order.size(), order.limitPrice(),
                                order.stopPrice(), order.trailing(), order.timeInForce(), order.status(),
                                order.filledQuantity(), order.averageFillPrice(), order.createdAt(), order.updatedAt()));
            });
        }
        return List.copyOf(orders);
    }

    /** The client order ids of Kraken orders, from {@code QueryOrders} in batches of 50 txids. */
    private Map<String, ClientOrderId> clientIdsOf(List<String> txids) {
        List<String> distinct = List.copyOf(new LinkedHashSet<>(txids));
        Map<String, ClientOrderId> ids = new HashMap<>();
        for (int from = 0; from < distinct.size(); from += QUERY_BATCH) {
            String batch = String.join(",", distinct.subList(from, Math.min(distinct.size(), from + QUERY_BATCH)));
            JsonNode result = readPrivate("QueryOrders", Map.of("txid", batch));
            for (Iterator<Map.Entry<String, JsonNode>> it = result.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String clOrdId = entry.getValue().path("cl_ord_id").asText("");
                ids.put(entry.getKey(), clOrdId.isEmpty() ? KrakenAdapters.outsideId(entry.getKey())
                        : readable(() -> new ClientOrderId(clOrdId)));
            }
        }
        return ids;
    }

    private JsonNode readPrivate(String method, Map<String, String> params) {
        KrakenClient.Reply reply = resilience.read(() -> {
            KrakenClient.Reply answer = client.privateCall(method, params);
            // Kraken being down is worth a retry; anything else it says is an answer
            if (!answer.ok()) {
                Optional<? extends RuntimeException> failure = KrakenErrorAdapter.failure(venue, answer.errors(), answer.retryAfter())
                        .filter(VenueUnavailable.class::isInstance);
                if (failure.isPresent() && !KrakenErrorAdapter.keyRefused(answer.errors())) {
                    throw failure.get();
                }
            }
            return answer;
        });
        if (!reply.ok()) {
            throw KrakenErrorAdapter.readFailure(venue, reply);
        }
        return reply.result();
    }

    private <T> T readable(Supplier<T> mapping) {
        try {
            return mapping.get();
        } catch (IllegalArgumentException | NullPointerException | ArithmeticException e) {
            throw new VenueUnavailable(venue, "answered a value it does not document (" + e.getMessage() + ")", null);
        }
    }

    private void open() {
        if (closed.get()) {
            throw new IllegalStateException("this Kraken gateway is closed");
        }
    }
}
