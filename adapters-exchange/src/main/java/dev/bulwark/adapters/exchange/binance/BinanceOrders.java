package dev.bulwark.adapters.exchange.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bulwark.adapters.exchange.support.VenueResilience;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderId;
import dev.bulwark.domain.orders.OrderStatus;
import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.system.TimeSource;
import dev.bulwark.ports.driven.venues.CancelResult;
import dev.bulwark.ports.driven.venues.OcoRequest;
import dev.bulwark.ports.driven.venues.OcoResult;
import dev.bulwark.ports.driven.venues.OrderRequest;
import dev.bulwark.ports.driven.venues.PlacementResult;
import dev.bulwark.ports.driven.venues.VenueGateway;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The order calls Binance's spot and USD-M futures APIs share, endpoint for endpoint: cancel and look up by client
 * order id, page through trades, and name the client order id of a venue order id (and spot's OCO order lists,
 * which futures lack). The two APIs differ only in what {@link Api} says: paths, the longest trades window, symbols
 * and the shape of their orders and fills.
 */
final class BinanceOrders {
    private static final int TRADES_PAGE = 1000;
    /** Spot's one-cancels-other order list ("New Order list - OCO"); USD-M futures have none. */
    static final String SPOT_OCO_PATH = "/api/v3/orderList/oco";

    /** What differs between the two APIs. */
    record Api(Market market, String orderPath, String openOrdersPath, String tradesPath, Duration tradesWindow,
               Function<Instrument, String> symbol, OrderReader orders, FillReader fills, Refusals refusals) {
    }

    @FunctionalInterface
    interface OrderReader {
        Order order(VenueId venue, VenueAccountId account, Instrument instrument, JsonNode node, Instant fallbackTime);
    }

    /** How the API's refusal of a placement reads as a rejection. */
    @FunctionalInterface
    interface Refusals {
        PlacementResult.Rejected placement(VenueId venue, int httpStatus, int code, String message);
    }

    @FunctionalInterface
    interface FillReader {
        Fill fill(VenueId venue, Instrument instrument, OrderId orderId, JsonNode trade);
    }

    /** Spot: {@code myTrades} serves at most 24 hours per time window. */
    static final Api SPOT = new Api(Market.SPOT, "/api/v3/order", "/api/v3/openOrders", "/api/v3/myTrades",
            Duration.ofHours(24), BinanceAdapters::symbol, BinanceAdapters::order, BinanceAdapters::fill,
            BinanceErrorAdapter::placement);
    /** USD-M futures: {@code userTrades} serves at most 7 days per time window. */
    static final Api USDM_FUTURES = new Api(Market.USDM_FUTURES, "/fapi/v1/order", "/fapi/v1/openOrders",
            "/fapi/v1/userTrades", Duration.ofDays(7), BinanceFuturesAdapters::symbol, BinanceFuturesAdapters::order,
            BinanceFuturesAdapters::fill, BinanceErrorAdapter::futuresPlacement);

    private final Api api;
    private final VenueAccount account;
    private final VenueId venue;
    private final BinanceCalls calls;
    private final BinanceClient client;
    private final VenueResilience resilience;
    private final TimeSource clock;
    private final Cache<String, ClientOrderId> clientIdsByOrderId = Caffeine.newBuilder().maximumSize(50_000).build();

    BinanceOrders(Api api, VenueAccount account, BinanceCalls calls, TimeSource clock) {
        this.api = Objects.requireNonNull(api, "api");
        this.account = Objects.requireNonNull(account, "account");
        this.venue = account.venue();
        this.calls = Objects.requireNonNull(calls, "calls");
        this.client = calls.client();
        this.resilience = calls.resilience();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The open orders, of one instrument or of all ({@code instrumentOf} names the instrument of a listed symbol);
     * none for an instrument of another market.
     */
    List<Order> open(@Nullable Instrument instrument, Function<String, Instrument> instrumentOf) {
        if (instrument != null && instrument.market() != api.market()) {
            return List.of();
        }
        Map<String, String> params = instrument == null ? Map.of() : Map.of("symbol", api.symbol().apply(instrument));
        JsonNode orders = resilience.read(() -> calls.ok("GET", api.openOrdersPath(), params));
        if (!orders.isArray()) {
            throw BinanceAdapters.malformed(venue, "open orders that are not a list");
        }
        Instant now = clock.now();
        List<Order> result = new ArrayList<>();
        for (JsonNode order : orders) {
            Instrument of = instrument != null ? instrument : instrumentOf.apply(BinanceAdapters.text(venue, order, "symbol"));
            result.add(api.orders().order(venue, account.id(), of, order, now));
        }
        return result;
    }

    /** Places the order with {@code params}, once (never retried); an order Binance reports REJECTED is a rejection. */
    PlacementResult place(OrderRequest request, Map<String, String> params) {
        return resilience.write(() -> {
            BinanceClient.Outcome outcome = client.signed("POST", api.orderPath(), params);
            return switch (outcome) {
                case BinanceClient.Outcome.Error(int status, int code, String message) ->
                        api.refusals().placement(venue, status, code, message);
                case BinanceClient.Outcome.Ok(JsonNode json) -> {
                    Order order = api.orders().order(venue, account.id(), request.instrument(), json, clock.now());
                    yield order.status() == OrderStatus.REJECTED
                            ? new PlacementResult.Rejected("venue:REJECTED", "Binance rejected the order")
                            : new PlacementResult.Placed(order);
                }
            };
        });
    }

    /**
     * Places a one-cancels-other pair with {@code params} ({@link BinanceAdapters#ocoParameters}), once (never
     * retried, like {@link #place}: a timeout, a 5xx or Binance's own "status unknown" is a
     * {@link dev.bulwark.ports.errors.VenueUnavailable} and the caller looks either leg up by its client order id).
     * Binance refuses a list with the codes of a single order; a list it reports rejected, or with a rejected leg,
     * is a rejection too.
     *
     * @throws IllegalStateException on the USD-M futures API, which has no OCO lists
     */
    OcoResult placeOco(OcoRequest request, Map<String, String> params) {
        if (api.market() != Market.SPOT) {
            throw new IllegalStateException("the " + api.market() + " API has no OCO order lists");
        }
        String path = SPOT_OCO_PATH;
        return resilience.write(() -> {
            BinanceClient.Outcome outcome = client.signed("POST", path, params);
            return switch (outcome) {
                case BinanceClient.Outcome.Error(int status, int code, String message) -> {
                    PlacementResult.Rejected refused = BinanceErrorAdapter.placement(venue, status, code, message,
                            "POST " + path);
                    yield new OcoResult.Rejected(refused.code(), refused.reason());
                }
                case BinanceClient.Outcome.Ok(JsonNode json) -> {
                    BinanceAdapters.OcoLegs legs = BinanceAdapters.ocoLegs(venue, account.id(), request, json, clock.now());
                    yield "REJECT".equals(legs.listStatus()) || legs.takeProfit().status() == OrderStatus.REJECTED
                            || legs.stopLoss().status() == OrderStatus.REJECTED
                            ? new OcoResult.Rejected("venue:REJECTED", "Binance rejected the OCO")
                            : new OcoResult.Placed(legs.takeProfit(), legs.stopLoss());
                }
            };
        });
    }

    CancelResult cancel(Instrument instrument, ClientOrderId clientOrderId) {
        calls.ensureOpen();
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        if (instrument.market() != api.market()) {
            return new CancelResult.UnknownOrder(clientOrderId);
        }
        Map<String, String> params = byClientOrderId(instrument, clientOrderId);
        BinanceClient.Outcome outcome = resilience.write(() -> client.signed("DELETE", api.orderPath(), params));
        return switch (outcome) {
            case BinanceClient.Outcome.Ok(JsonNode json) -> {
                Order order = api.orders().order(venue, account.id(), instrument, json, clock.now());
                yield order.status() == OrderStatus.CANCELLED ? new CancelResult.Cancelled(order)
                        : order.status().isTerminal() ? new CancelResult.AlreadyFinal(order)
                        // Binance answered a cancel with a working order: it has not cancelled it (yet)
                        : new CancelResult.Refused("venue:" + order.status(), "Binance did not confirm the cancel");
            }
            case BinanceClient.Outcome.Error(int status, int code, String message) -> {
                if (code == BinanceErrorAdapter.CANCEL_REJECTED || code == BinanceErrorAdapter.NO_SUCH_ORDER) {
                    // "Unknown order sent." covers both never-placed and already-ended orders: ask which
                    Optional<Order> known = lookUp(instrument, clientOrderId);
                    if (known.isEmpty()) {
                        yield new CancelResult.UnknownOrder(clientOrderId);
                    }
                    yield known.get().status().isTerminal() ? new CancelResult.AlreadyFinal(known.get())
                            : new CancelResult.Refused("venue:" + code, BinanceErrorAdapter.reason(message));
                }
                if (BinanceErrorAdapter.isThrottle(code) || BinanceErrorAdapter.isUnknownOutcome(code)
                        || BinanceErrorAdapter.isKeyRefused(status, code)) {
                    throw BinanceErrorAdapter.failure(venue, status, code, message, "DELETE " + api.orderPath());
                }
                yield new CancelResult.Refused("venue:" + code, BinanceErrorAdapter.reason(message));
            }
        };
    }

    Optional<Order> find(Instrument instrument, ClientOrderId clientOrderId) {
        calls.ensureOpen();
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        return lookUp(instrument, clientOrderId);
    }

    private Optional<Order> lookUp(Instrument instrument, ClientOrderId clientOrderId) {
        if (instrument.market() != api.market()) {
            return Optional.empty();
        }
        Map<String, String> params = byClientOrderId(instrument, clientOrderId);
        BinanceClient.Outcome outcome = resilience.read(() -> client.signed("GET", api.orderPath(), params));
        return switch (outcome) {
            case BinanceClient.Outcome.Ok(JsonNode json) ->
                    Optional.of(api.orders().order(venue, account.id(), instrument, json, clock.now()));
            case BinanceClient.Outcome.Error(int status, int code, String message) -> {
                if (code == BinanceErrorAdapter.NO_SUCH_ORDER) {
                    yield Optional.empty();
                }
                throw BinanceErrorAdapter.failure(venue, status, code, message, "GET " + api.orderPath());
            }
        };
    }

    /**
     * Pages through the trades: the windows from {@code since} (each at most the API's longest) are walked until
     * the first trade, then pages follow by trade id ({@code fromId}) to the end.
     */
    List<Fill> fills(Instrument instrument, Instant since) {
        calls.ensureOpen();
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(since, "since");
        if (instrument.market() != api.market()) {
            return List.of();
        }
        String symbol = api.symbol().apply(instrument);
        Instant now = clock.now();
        List<JsonNode> trades = new ArrayList<>();
        Instant windowStart = since;
        JsonNode page = null;
        while (windowStart.isBefore(now)) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("symbol", symbol);
            params.put("startTime", Long.toString(windowStart.toEpochMilli()));
            params.put("endTime", Long.toString(windowStart.plus(api.tradesWindow()).minusMillis(1).toEpochMilli()));
            params.put("limit", Integer.toString(TRADES_PAGE));
            JsonNode found = tradesPage(params);
            if (!found.isEmpty()) {
                page = found;
                break;
            }
            windowStart = windowStart.plus(api.tradesWindow());
        }
        while (page != null) {
            page.forEach(trades::add);
            if (page.size() < TRADES_PAGE) {
                break;
            }
            Map<String, String> params = new LinkedHashMap<>();
            params.put("symbol", symbol);
            params.put("fromId", Long.toString(BinanceAdapters.integer(venue, page.get(page.size() - 1), "id") + 1));
            params.put("limit", Integer.toString(TRADES_PAGE));
            JsonNode next = tradesPage(params);
            page = next.isEmpty() ? null : next;
        }
        List<Fill> fills = new ArrayList<>();
        for (JsonNode trade : trades) {
            long orderId = BinanceAdapters.integer(venue, trade, "orderId");
            ClientOrderId clientOrderId = clientOrderIdOf(symbol, orderId);
            Fill fill = api.fills().fill(venue, instrument, VenueGateway.orderIdOf(account.id(), clientOrderId), trade);
            if (!fill.time().isBefore(since)) {
                fills.add(fill);
            }
        }
        fills.sort(Comparator.comparing(Fill::time));
        return fills;
    }

    /** The client order id of a venue order id, asked once and kept (an order's client id never changes). */
    ClientOrderId clientOrderIdOf(String symbol, long orderId) {
        return clientIdsByOrderId.get(symbol + ":" + orderId, key -> {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("symbol", symbol);
            params.put("orderId", Long.toString(orderId));
            BinanceClient.Outcome outcome = resilience.read(() -> client.signed("GET", api.orderPath(), params));
            return switch (outcome) {
                case BinanceClient.Outcome.Ok(JsonNode json) -> BinanceAdapters.clientOrderId(venue, json);
                case BinanceClient.Outcome.Error(int status, int code, String message) -> {
                    if (code == BinanceErrorAdapter.NO_SUCH_ORDER) {
                        yield new ClientOrderId("binance-" + orderId);
                    }
                    throw BinanceErrorAdapter.failure(venue, status, code, message, "GET " + api.orderPath());
                }
            };
        });
    }

    private Map<String, String> byClientOrderId(Instrument instrument, ClientOrderId clientOrderId) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("symbol", api.symbol().apply(instrument));
        params.put("origClientOrderId", clientOrderId.value());
        return params;
    }

    private JsonNode tradesPage(Map<String, String> params) {
        JsonNode page = resilience.read(() -> calls.ok("GET", api.tradesPath(), params));
        if (!page.isArray()) {
            throw BinanceAdapters.malformed(venue, "trades that are not a list");
        }
        return page;
    }
}
