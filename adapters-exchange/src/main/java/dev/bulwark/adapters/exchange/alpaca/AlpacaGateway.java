package dev.bulwark.adapters.exchange.alpaca;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bulwark.adapters.exchange.alpaca.AlpacaAdapters.AssetInfo;
import dev.bulwark.adapters.exchange.alpaca.AlpacaAdapters.MarketClock;
import dev.bulwark.adapters.exchange.support.VenueResilience;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.TradingRules;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderSize;
import dev.bulwark.domain.orders.OrderStatus;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.orders.TimeInForce;
import dev.bulwark.domain.portfolio.Holding;
import dev.bulwark.domain.positions.Position;
import dev.bulwark.domain.venues.Permission;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.ports.driven.system.TimeSource;
import dev.bulwark.ports.driven.venues.CancelResult;
import dev.bulwark.ports.driven.venues.CredentialCheck;
import dev.bulwark.ports.driven.venues.OcoLegs;
import dev.bulwark.ports.driven.venues.OcoRequest;
import dev.bulwark.ports.driven.venues.OcoResult;
import dev.bulwark.ports.driven.venues.OrderRequest;
import dev.bulwark.ports.driven.venues.PlacementResult;
import dev.bulwark.ports.driven.venues.PlacementResult.Rejected;
import dev.bulwark.ports.driven.venues.VenueCapability;
import dev.bulwark.ports.driven.venues.VenueDescriptor;
import dev.bulwark.ports.driven.venues.VenueGateway;
import dev.bulwark.ports.errors.BulwarkException;
import dev.bulwark.ports.errors.NotFound;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Alpaca account. Every call goes through {@link VenueResilience}: reads with retries, placing and cancelling
 * without (an unknown outcome surfaces as {@link VenueUnavailable}, to be resolved with
 * {@link #findByClientOrderId}).
 *
 * <p>Market hours: a market order is sent only while Alpaca's clock says the regular session is open, else it is
 * {@link Rejected#MARKET_CLOSED}; Alpaca would otherwise queue it for the next open, at a price nobody chose. The
 * clock is read from {@code /v2/clock} and kept until its next open or close (at most a minute). Limit and stop
 * orders rest as Alpaca allows.
 *
 * <p>Lifecycle and threads as {@link VenueGateway} says: thread-safe, blocking, {@link #close()} idempotent.
 */
final class AlpacaGateway implements VenueGateway {
    private static final Logger LOG = LoggerFactory.getLogger(AlpacaGateway.class);
    private static final int ACTIVITY_PAGE = 100;
    private static final int MAX_ACTIVITY_PAGES = 100;
    private static final Duration CLOCK_AT_MOST = Duration.ofMinutes(1);
    private static final Duration CANCEL_POLL = Duration.ofMillis(100);

    private final VenueAccountId account;
    private final VenueDescriptor descriptor;
    private final AlpacaClient client;
    private final HttpClient http;
    private final TimeSource clock;
    private final AlpacaSettings settings;
    private final VenueResilience resilience;
    private final Cache<String, TradingRules> rules = Caffeine.newBuilder().expireAfterWrite(Duration.ofHours(1)).maximumSize(10_000).build();
    private final Cache<String, Optional<BigDecimal>> prices = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(5)).maximumSize(10_000).build();
    /** Alpaca's order id to its client order id, which never changes: fills name only the former. */
    private final Cache<String, ClientOrderId> clientIds = Caffeine.newBuilder().maximumSize(100_000).build();
    private final AtomicReference<@Nullable CachedClock> marketClock = new AtomicReference<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private record CachedClock(MarketClock clock, Instant validUntil) {
    }

    AlpacaGateway(VenueAccountId account, VenueDescriptor descriptor, AlpacaClient client, HttpClient http, TimeSource clock,
            AlpacaSettings settings, VenueResilience resilience) {
        this.account = Objects.requireNonNull(account, "account");
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
        this.client = Objects.requireNonNull(client, "client");
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.resilience = Objects.requireNonNull(resilience, "resilience");
    }

    /** The breaker's state, for metrics and tests. */
    VenueResilience.BreakerState breakerState() {
        return resilience.state();
    }

    @Override
    public Set<VenueCapability> capabilities() {
        return descriptor.capabilities();
    }

    @Override
    public List<Holding> balances() {
        open();
        return AlpacaAdapters.holdings(readJson("reading the account", () -> client.get("/v2/account", Map.of())), account);
    }

    @Override
    public List<Position> positions() {
        open();
        JsonNode list = readJson("reading positions", () -> client.get("/v2/positions", Map.of()));
        requireArray(list, "positions");
        List<Position> positions = new ArrayList<>();
        for (JsonNode node : list) {
            Optional<Position> position = AlpacaAdapters.position(node, account);
            if (position.isPresent()) {
                positions.add(position.get());
            } else {
                LOG.warn("Alpaca position in {} not reported: a short or a symbol without a Bulwark asset code",
                        node.path("symbol").asText("?"));
            }
        }
        return List.copyOf(positions);
    }

    @Override
    public List<Order> openOrders(@Nullable Instrument instrument) {
        open();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("status", "open");
        query.put("limit", "500");
        query.put("direction", "asc");
        if (instrument != null) {
            Optional<String> symbol = AlpacaAdapters.symbol(instrument);
            if (symbol.isEmpty()) {
                return List.of();
            }
            query.put("symbols", symbol.get());
        }
        JsonNode list = readJson("reading open orders", () -> client.get("/v2/orders", query));
        requireArray(list, "orders");
        List<Order> orders = new ArrayList<>();
        for (JsonNode node : list) {
            AlpacaAdapters.order(node, account).ifPresent(orders::add);
        }
        return List.copyOf(orders);
    }

    @Override
    public PlacementResult place(OrderRequest request) {
        open();
        Objects.requireNonNull(request, "request");
        Optional<String> unsupported = descriptor.unsupported(request, capabilities());
        if (unsupported.isPresent()) {
            return new Rejected(Rejected.UNSUPPORTED, unsupported.get());
        }
        Optional<String> symbol = AlpacaAdapters.symbol(request.instrument());
        if (symbol.isEmpty()) {
            return new Rejected(Rejected.UNKNOWN_INSTRUMENT, "Alpaca trades US stocks in USD, not " + request.instrument());
        }
        Optional<String> refusal = refusal(request);
        if (refusal.isPresent()) {
            return new Rejected(Rejected.UNSUPPORTED, refusal.get());
        }
        if (request.type() == OrderType.MARKET) {
            MarketClock session = marketClock();
            if (!session.open()) {
                return new Rejected(Rejected.MARKET_CLOSED, "the US stock market's regular session is closed; it opens at "
                        + session.nextOpen() + ". Alpaca would queue a market order for the open: place a limit order instead");
            }
        }
        String body = AlpacaAdapters.orderBody(request, symbol.get(), settings.extendedHours());
        AlpacaClient.Answer answer = resilience.write(() -> failing(client.post("/v2/orders", body)));
        if (!answer.ok()) {
            return AlpacaErrorAdapter.rejection(AlpacaErrorAdapter.error(answer));
        }
        JsonNode json = AlpacaAdapters.json(answer, "placing an order");
        Order order = AlpacaAdapters.order(json, account)
                .orElseThrow(() -> AlpacaErrorAdapter.unavailable("answered an order for another symbol"));
        if (order.status() == OrderStatus.REJECTED) {
            return new Rejected("venue:rejected", "Alpaca rejected the order on receipt");
        }
        clientIds.put(AlpacaAdapters.text(json.get("id"), "order id"), order.clientOrderId());
        return new PlacementResult.Placed(order);
    }

    /** What this gateway refuses to send to Alpaca, though the SPI allows it. */
    private Optional<String> refusal(OrderRequest request) {
        if (settings.extendedHours() && (request.type() != OrderType.LIMIT || request.timeInForce() != TimeInForce.GTC)) {
            return Optional.of("this Alpaca connection trades the extended session, where Alpaca accepts only limit orders"
                    + " with time in force DAY (sent for GTC); a " + request.type() + " " + request.timeInForce()
                    + " order cannot be placed here");
        }
        if (request.type() == OrderType.TRAILING_STOP && request.stopPrice() != null) {
            return Optional.of("Alpaca's trailing stops start trailing at once: they take no activation price");
        }
        boolean fractional = request.size() instanceof OrderSize.OfQuantity(BigDecimal quantity)
                && quantity.stripTrailingZeros().scale() > 0;
        if (fractional && request.type() != OrderType.MARKET && !settings.extendedHours()) {
            return Optional.of("Alpaca takes fractional quantities only on DAY orders, which Bulwark sends for market"
                    + " orders only: round a " + request.type() + " order to whole shares");
        }
        return Optional.empty();
    }

    /**
     * One {@code oco} order (see {@link AlpacaAdapters#ocoBody}): the take-profit rests as a limit order, the stop as
     * its leg, and Alpaca cancels the one when the other fills. Alpaca takes whole shares only in advanced orders and
     * none in the extended session; those are refused here, before anything is sent, so the caller watches the pair.
     */
    @Override
    public OcoResult placeOco(OcoRequest request) {
        open();
        Objects.requireNonNull(request, "request");
        Optional<String> symbol = AlpacaAdapters.symbol(request.instrument());
        if (symbol.isEmpty()) {
            return new OcoResult.Rejected(Rejected.UNKNOWN_INSTRUMENT, "Alpaca trades US stocks in USD, not " + request.instrument());
        }
        if (settings.extendedHours()) {
            return new OcoResult.Rejected(Rejected.UNSUPPORTED, "this Alpaca connection trades the extended session,"
                    + " where Alpaca accepts no OCO orders");
        }
        if (request.quantity().stripTrailingZeros().scale() > 0) {
            return new OcoResult.Rejected(Rejected.UNSUPPORTED, "Alpaca takes OCO orders for whole shares only, not "
                    + request.quantity().toPlainString());
        }
        if (request.reduceOnly()) {
            return new OcoResult.Rejected(Rejected.UNSUPPORTED, "Alpaca has no reduce-only orders");
        }
        String body = AlpacaAdapters.ocoBody(request, symbol.get());
        AlpacaClient.Answer answer = resilience.write(() -> failing(client.post("/v2/orders", body)));
        if (!answer.ok()) {
            Rejected rejected = AlpacaErrorAdapter.rejection(AlpacaErrorAdapter.error(answer));
            return new OcoResult.Rejected(rejected.code(), rejected.reason());
        }
        JsonNode parent = AlpacaAdapters.json(answer, "placing an OCO order");
        OcoLegs legs = legs(parent, request.stopLossClientOrderId());
        if (legs.takeProfit().isEmpty() || legs.stopLoss().isEmpty()) {
            throw AlpacaErrorAdapter.unavailable("answered an OCO order without both of its legs");
        }
        return new OcoResult.Placed(legs.takeProfit().get(), legs.stopLoss().get());
    }

    /** The pair as Alpaca keeps it: the parent under the take-profit's id, the stop as its leg. */
    @Override
    public OcoLegs findOco(Instrument instrument, ClientOrderId takeProfit, ClientOrderId stopLoss) {
        open();
        Optional<JsonNode> parent = findRaw(instrument, takeProfit);
        return parent.isEmpty() ? new OcoLegs(Optional.empty(), Optional.empty()) : legs(parent.get(), stopLoss);
    }

    /** Cancels the parent, which cancels its leg with it, and reads the pair as Alpaca left it. */
    @Override
    public OcoLegs cancelOco(Instrument instrument, ClientOrderId takeProfit, ClientOrderId stopLoss) {
        Optional<Order> parent = cancel(instrument, takeProfit).orderAfter();
        if (parent.isEmpty()) {
            return new OcoLegs(Optional.empty(), Optional.empty());
        }
        return findOco(instrument, takeProfit, stopLoss);
    }

    /** Both legs of an {@code oco} parent; its legs read nested when the object came without them. */
    private OcoLegs legs(JsonNode parent, ClientOrderId stopLoss) {
        Order takeProfit = toOrder(parent);
        JsonNode nested = parent;
        if (!parent.path("legs").isArray() || parent.path("legs").isEmpty()) {
            String id = AlpacaAdapters.text(parent.get("id"), "order id");
            nested = readJson("reading an OCO order's legs",
                    () -> client.get("/v2/orders/" + AlpacaClient.encode(id), Map.of("nested", "true")));
        }
        Optional<Order> stop = AlpacaAdapters.ocoStopLeg(nested, stopLoss, account);
        if (stop.isPresent()) { // its fills name Alpaca's id of the leg: map it to the id Bulwark gave it
            clientIds.put(AlpacaAdapters.text(nested.path("legs").get(0).get("id"), "leg order id"), stopLoss);
        }
        return new OcoLegs(Optional.of(takeProfit), stop);
    }

    @Override
    public CancelResult cancel(Instrument instrument, ClientOrderId clientOrderId) {
        open();
        Optional<JsonNode> found = findRaw(instrument, clientOrderId);
        if (found.isEmpty()) {
            return new CancelResult.UnknownOrder(clientOrderId);
        }
        Order before = toOrder(found.get());
        if (before.status().isTerminal()) {
            return new CancelResult.AlreadyFinal(before);
        }
        String id = AlpacaAdapters.text(found.get().get("id"), "order id");
        AlpacaClient.Answer answer = resilience.write(() -> failing(client.delete("/v2/orders/" + AlpacaClient.encode(id))));
        if (answer.status() == 404) {
            return new CancelResult.UnknownOrder(clientOrderId);
        }
        if (!answer.ok()) {
            AlpacaErrorAdapter.VenueError error = AlpacaErrorAdapter.error(answer);
            Optional<Order> now = findByClientOrderId(instrument, clientOrderId);
            if (now.isPresent() && now.get().status().isTerminal()) {
                return new CancelResult.AlreadyFinal(now.get());
            }
            return new CancelResult.Refused("venue:" + (error.code() != null ? error.code() : "http-" + error.status()),
                    error.message());
        }
        // Alpaca cancels asynchronously (204, then pending_cancel, then canceled): report only what it confirms
        long deadline = System.nanoTime() + settings.cancelConfirmation().toNanos();
        while (true) {
            Optional<Order> now = findByClientOrderId(instrument, clientOrderId);
            if (now.isPresent() && now.get().status() == OrderStatus.CANCELLED) {
                return new CancelResult.Cancelled(now.get());
            }
            if (now.isPresent() && now.get().status().isTerminal()) {
                return new CancelResult.AlreadyFinal(now.get());
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new VenueUnavailable(AlpacaVenueProvider.ID, "Alpaca took the cancel of " + clientOrderId
                        + " but has not confirmed it yet; read the order again", null);
            }
            sleep(CANCEL_POLL);
        }
    }

    @Override
    public Optional<Order> findByClientOrderId(Instrument instrument, ClientOrderId clientOrderId) {
        open();
        return findRaw(instrument, clientOrderId).map(this::toOrder);
    }

    private Optional<JsonNode> findRaw(Instrument instrument, ClientOrderId clientOrderId) {
        Optional<String> symbol = AlpacaAdapters.symbol(instrument);
        if (symbol.isEmpty()) {
            return Optional.empty();
        }
        AlpacaClient.Answer answer = resilience.read(() -> failing(client.get("/v2/orders:by_client_order_id",
                Map.of("client_order_id", clientOrderId.value()))));
        if (answer.status() == 404) {
            return Optional.empty();
        }
        if (!answer.ok()) {
            throw AlpacaErrorAdapter.unexpected(answer, "finding an order");
        }
        JsonNode json = AlpacaAdapters.json(answer, "finding an order");
        if (!symbol.get().equals(json.path("symbol").asText())) {
            return Optional.empty();
        }
        return Optional.of(json);
    }

    private Order toOrder(JsonNode json) {
        Order order = AlpacaAdapters.order(json, account)
                .orElseThrow(() -> AlpacaErrorAdapter.unavailable("answered an order for a symbol it cannot map"));
        clientIds.put(AlpacaAdapters.text(json.get("id"), "order id"), order.clientOrderId());
        return order;
    }

    @Override
    public List<Fill> fills(Instrument instrument, Instant since) {
        open();
        Objects.requireNonNull(since, "since");
        Optional<String> symbol = AlpacaAdapters.symbol(instrument);
        if (symbol.isEmpty()) {
            return List.of();
        }
        List<Fill> fills = new ArrayList<>();
        String pageToken = null;
        for (int page = 0; page < MAX_ACTIVITY_PAGES; page++) {
            Map<String, String> query = new LinkedHashMap<>();
            // Alpaca's "after" is exclusive: ask from a second before and keep what is at or after since
            query.put("after", since.minusSeconds(1).toString());
            query.put("direction", "asc");
            query.put("page_size", Integer.toString(ACTIVITY_PAGE));
            if (pageToken != null) {
                query.put("page_token", pageToken);
            }
            JsonNode list = readJson("reading fills", () -> client.get("/v2/account/activities/FILL", query));
            requireArray(list, "activities");
            for (JsonNode activity : list) {
                if (!symbol.get().equals(activity.path("symbol").asText())) {
                    continue;
                }
                Instant at = AlpacaAdapters.time(activity.get("transaction_time"), "fill time");
                if (at.isBefore(since)) {
                    continue;
                }
                ClientOrderId clientOrderId = clientOrderIdOf(AlpacaAdapters.text(activity.get("order_id"), "fill order id"));
                fills.add(AlpacaAdapters.fill(activity, VenueGateway.orderIdOf(account, clientOrderId), instrument));
            }
            if (list.size() < ACTIVITY_PAGE) {
                return List.copyOf(fills);
            }
            pageToken = AlpacaAdapters.text(list.get(list.size() - 1).get("id"), "activity id");
        }
        LOG.warn("stopped reading Alpaca fills after {} pages; the rest follow on the next call", MAX_ACTIVITY_PAGES);
        return List.copyOf(fills);
    }

    private ClientOrderId clientOrderIdOf(String orderId) {
        ClientOrderId known = clientIds.getIfPresent(orderId);
        if (known != null) {
            return known;
        }
        JsonNode order = readJson("reading a filled order", () -> client.get("/v2/orders/" + AlpacaClient.encode(orderId), Map.of()));
        ClientOrderId clientOrderId = AlpacaAdapters.clientOrderId(order);
        clientIds.put(orderId, clientOrderId);
        return clientOrderId;
    }

    @Override
    public TradingRules rules(Instrument instrument) {
        open();
        String symbol = AlpacaAdapters.symbol(instrument)
                .orElseThrow(() -> new NotFound("Alpaca trades US stocks in USD, not " + instrument));
        return rules.get(symbol, s -> loadRules(instrument, s));
    }

    private TradingRules loadRules(Instrument instrument, String symbol) {
        AlpacaClient.Answer answer = resilience.read(() -> failing(client.get("/v2/assets/" + AlpacaClient.encode(symbol), Map.of())));
        if (answer.status() == 404 || answer.status() == 422) {
            throw new NotFound("Alpaca does not list " + instrument);
        }
        if (!answer.ok()) {
            throw AlpacaErrorAdapter.unexpected(answer, "reading an asset");
        }
        AssetInfo asset = AlpacaAdapters.asset(AlpacaAdapters.json(answer, "reading an asset"));
        if (!asset.tradable() || !asset.active()) {
            throw new NotFound("Alpaca lists " + instrument + " but it is not tradable");
        }
        BigDecimal price;
        try {
            price = price(instrument).orElse(null);
        } catch (BulwarkException e) {
            price = null; // the tick of a stock above a dollar, which most are; the rules are still Alpaca's
        }
        return AlpacaAdapters.rules(asset, price);
    }

    @Override
    public Optional<BigDecimal> price(Instrument instrument) {
        open();
        Optional<String> symbol = AlpacaAdapters.symbol(instrument);
        if (symbol.isEmpty()) {
            return Optional.empty();
        }
        return prices.get(symbol.get(), this::loadPrice);
    }

    private Optional<BigDecimal> loadPrice(String symbol) {
        String path = "/v2/stocks/" + AlpacaClient.encode(symbol);
        AlpacaClient.Answer trade = resilience.read(() -> failing(client.getData(path + "/trades/latest", Map.of())));
        if (trade.status() == 404 || trade.status() == 422) {
            return Optional.empty();
        }
        if (!trade.ok()) {
            throw AlpacaErrorAdapter.unexpected(trade, "reading the latest trade");
        }
        Optional<BigDecimal> last = AlpacaAdapters.latestTradePrice(AlpacaAdapters.json(trade, "reading the latest trade"));
        if (last.isPresent()) {
            return last;
        }
        AlpacaClient.Answer quote = resilience.read(() -> failing(client.getData(path + "/quotes/latest", Map.of())));
        if (!quote.ok()) {
            return Optional.empty();
        }
        return AlpacaAdapters.latestQuoteMid(AlpacaAdapters.json(quote, "reading the latest quote"));
    }

    @Override
    public CredentialCheck checkCredentials() {
        open();
        AlpacaClient.Answer answer = resilience.read(() -> {
            AlpacaClient.Answer a = client.get("/v2/account", Map.of());
            if (a.status() == 429 || a.status() >= 500) {
                throw AlpacaErrorAdapter.failure(a).orElseThrow();
            }
            return a;
        });
        if (answer.status() == 401 || answer.status() == 403) {
            return CredentialCheck.invalid("Alpaca refused the API key (HTTP " + answer.status() + "). Paper and live"
                    + " trading have separate keys: check that this key belongs to this environment");
        }
        if (!answer.ok()) {
            throw AlpacaErrorAdapter.unexpected(answer, "checking the key");
        }
        JsonNode account = AlpacaAdapters.json(answer, "checking the key");
        String status = AlpacaAdapters.text(account.get("status"), "account status");
        if (!"ACTIVE".equals(status)) {
            return CredentialCheck.invalid("the key works but the Alpaca account is " + status
                    + ", not ACTIVE: it cannot trade until Alpaca activates it");
        }
        // Alpaca's trading keys cannot withdraw: transfers are not part of the trading API
        boolean blocked = AlpacaAdapters.flag(account.get("trading_blocked")) || AlpacaAdapters.flag(account.get("account_blocked"))
                || AlpacaAdapters.flag(account.get("trade_suspended_by_user"));
        return CredentialCheck.valid(blocked ? EnumSet.of(Permission.READ) : EnumSet.of(Permission.READ, Permission.TRADE));
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            http.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "AlpacaGateway[" + account + ", " + client + "]";
    }

    // ---- helpers

    /** The session as Alpaca's clock says, kept until the next open or close and never longer than a minute. */
    private MarketClock marketClock() {
        Instant now = clock.now();
        CachedClock cached = marketClock.get();
        if (cached != null && now.isBefore(cached.validUntil())) {
            return cached.clock();
        }
        MarketClock fresh = AlpacaAdapters.clock(readJson("reading the market clock", () -> client.get("/v2/clock", Map.of())));
        Instant change = fresh.open() ? fresh.nextClose() : fresh.nextOpen();
        Instant until = change.isBefore(now.plus(CLOCK_AT_MOST)) ? change : now.plus(CLOCK_AT_MOST);
        marketClock.set(new CachedClock(fresh, until));
        return fresh;
    }

    /** A read that must succeed with JSON: every failure is thrown inside the resilience, so 5xx are retried. */
    private JsonNode readJson(String what, Supplier<AlpacaClient.Answer> call) {
        return resilience.read(() -> {
            AlpacaClient.Answer answer = call.get();
            if (!answer.ok()) {
                throw AlpacaErrorAdapter.unexpected(answer, what);
            }
            return AlpacaAdapters.json(answer, what);
        });
    }

    /** The answer, unless it is a failure whatever was asked (key, throttle, 5xx): then that is thrown. */
    private static AlpacaClient.Answer failing(AlpacaClient.Answer answer) {
        Optional<BulwarkException> failure = AlpacaErrorAdapter.failure(answer);
        if (failure.isPresent()) {
            throw failure.get();
        }
        return answer;
    }

    private static void requireArray(JsonNode node, String what) {
        if (!node.isArray()) {
            throw AlpacaErrorAdapter.unavailable("answered " + what + " that are not a list");
        }
    }

    private void open() {
        if (closed.get()) {
            throw new IllegalStateException("this Alpaca gateway is closed");
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VenueUnavailable(AlpacaVenueProvider.ID, "interrupted while waiting for a cancel to be confirmed", null);
        }
    }
}
