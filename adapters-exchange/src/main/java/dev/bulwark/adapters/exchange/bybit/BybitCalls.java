package dev.bulwark.adapters.exchange.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.adapters.exchange.support.Cancels;
import dev.bulwark.adapters.exchange.support.VenueResilience;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.system.TimeSource;
import dev.bulwark.ports.driven.venues.CancelResult;
import dev.bulwark.ports.driven.venues.CredentialCheck;
import dev.bulwark.ports.driven.venues.PlacementResult;
import dev.bulwark.ports.errors.NotFound;
import dev.bulwark.ports.errors.Unauthorized;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

/**
 * The Bybit v5 calls that the spot and the linear gateway make alike, differing only in what they send
 * ({@code category}, symbol or settle coin) and how they read an item (each venue's adapters): paging by cursor,
 * executions in 7-day windows, looking an order up by {@code orderLinkId}, placing, cancelling, reading a price or
 * an instrument, and checking the key. Reads go through the provider's resilience as retryable reads, placing and
 * cancelling as writes that are never retried. Thread-safe.
 */
final class BybitCalls {
    /** Bybit serves executions in windows of at most 7 days. */
    private static final Duration FILL_WINDOW = Duration.ofDays(7);
    private static final int MAX_FILL_WINDOWS = 120;
    private static final int MAX_PAGES = 50;
    static final int FILL_PAGE = 100;

    private final BybitClient client;
    private final VenueResilience resilience;
    private final TimeSource clock;

    BybitCalls(BybitClient client, VenueResilience resilience, TimeSource clock) {
        this.client = client;
        this.resilience = resilience;
        this.clock = clock;
    }

    /** A signed GET's result; a refusal is a failure to serve it. */
    JsonNode get(String path, Map<String, String> query) {
        return client.ok(resilience.read(() -> client.get(path, query)));
    }

    /** An unsigned GET's result; a refusal is a failure to serve it. */
    JsonNode publicGet(String path, Map<String, String> query) {
        return client.ok(resilience.read(() -> client.publicGet(path, query)));
    }

    /** A signed POST, never retried; the reply as Bybit gave it. */
    BybitClient.Reply post(String path, Map<String, ?> body) {
        return resilience.write(() -> client.post(path, body));
    }

    /**
     * Pages through a cursor-paged list, each item to {@code each}; {@code limit} is sent as the page size after the
     * query, and the cursor after it.
     */
    void paged(String path, Map<String, String> query, int limit, Consumer<JsonNode> each) {
        String cursor = "";
        for (int page = 0; page < MAX_PAGES; page++) {
            Map<String, String> paged = new LinkedHashMap<>(query);
            paged.put("limit", Integer.toString(limit));
            if (!cursor.isEmpty()) {
                paged.put("cursor", cursor);
            }
            JsonNode result = get(path, paged);
            JsonNode list = result.path("list");
            for (JsonNode node : list) {
                each.accept(node);
            }
            cursor = result.path("nextPageCursor").asText("");
            // a short page is the last, whatever cursor comes with it
            if (cursor.isEmpty() || list.size() < limit) {
                break;
            }
        }
    }

    /**
     * The executions since {@code since} up to now, oldest first and without repeats, read window by window (Bybit
     * answers at most 7 days a query); {@code query} names the category and symbol.
     */
    List<Fill> fills(Map<String, String> query, Instant since, Function<JsonNode, Optional<Fill>> fill) {
        Instant now = clock.now();
        List<Fill> fills = new ArrayList<>();
        Instant from = since;
        for (int window = 0; window < MAX_FILL_WINDOWS && !from.isAfter(now); window++) {
            Instant to = from.plus(FILL_WINDOW).minusMillis(1);
            Map<String, String> windowed = new LinkedHashMap<>(query);
            windowed.put("startTime", Long.toString(from.toEpochMilli()));
            windowed.put("endTime", Long.toString(to.toEpochMilli()));
            paged("/v5/execution/list", windowed, FILL_PAGE,
                    node -> fill.apply(node).filter(f -> !f.time().isBefore(since)).ifPresent(fills::add));
            from = to.plusMillis(1);
        }
        fills.sort(Comparator.comparing(Fill::time).thenComparing(Fill::tradeId));
        return fills.stream().distinct().toList();
    }

    /** The order with this {@code orderLinkId} ({@code query} names it, with the category and symbol), as sent. */
    Optional<JsonNode> order(Map<String, String> query, ClientOrderId clientOrderId) {
        // open orders and recently ended ones are in realtime; older ended ones only in history
        for (String path : List.of("/v5/order/realtime", "/v5/order/history")) {
            for (JsonNode node : get(path, query).path("list")) {
                if (clientOrderId.value().equals(node.path("orderLinkId").asText(""))) {
                    return Optional.of(node);
                }
            }
        }
        return Optional.empty();
    }

    /** Places {@code body}; a refusal is the rejection its {@code retCode} means, else {@code accepted}. */
    PlacementResult place(Map<String, ?> body, Supplier<PlacementResult> accepted) {
        BybitClient.Reply reply = post("/v5/order/create", body);
        return reply.ok() ? accepted.get() : BybitErrorAdapter.rejection(reply.retCode(), reply.retMsg());
    }

    /** Cancels by {@code orderLinkId} ({@code body} names it), then settles the outcome as {@link Cancels#settle}. */
    CancelResult cancel(VenueId venue, Map<String, ?> body, ClientOrderId clientOrderId,
            Supplier<Optional<Order>> readBack) {
        BybitClient.Reply reply = post("/v5/order/cancel", body);
        return Cancels.settle(venue, clientOrderId, reply.ok(), BybitErrorAdapter.ORDER_NOT_FOUND.contains(reply.retCode()),
                () -> BybitErrorAdapter.rejection(reply.retCode(), reply.retMsg()), readBack);
    }

    /**
     * The one instrument {@code query} names, from {@code /v5/market/instruments-info}; {@code notListed} when Bybit
     * lists none or says the symbol is unknown, a failure for any other refusal.
     */
    JsonNode instrument(Map<String, String> query, IntPredicate unknownSymbol, Supplier<NotFound> notListed) {
        BybitClient.Reply reply = resilience.read(() -> client.publicGet("/v5/market/instruments-info", query));
        JsonNode list = reply.ok() ? reply.result().path("list") : null;
        if (list == null || list.isEmpty()) {
            if (reply.ok() || unknownSymbol.test(reply.retCode())) {
                throw notListed.get();
            }
            throw client.refused(reply);
        }
        return list.get(0);
    }

    /**
     * The last traded price of the symbol {@code query} names, from {@code /v5/market/tickers}; none when Bybit has
     * none or says the symbol is unknown, a failure for any other refusal.
     */
    Optional<BigDecimal> lastPrice(Map<String, String> query, IntPredicate unknownSymbol,
            Function<JsonNode, Optional<BigDecimal>> decimal) {
        BybitClient.Reply reply = resilience.read(() -> client.publicGet("/v5/market/tickers", query));
        if (!reply.ok()) {
            if (!unknownSymbol.test(reply.retCode())) {
                throw client.refused(reply);
            }
            return Optional.empty();
        }
        JsonNode list = reply.result().path("list");
        return list.isEmpty() ? Optional.empty() : decimal.apply(list.get(0).get("lastPrice")).filter(p -> p.signum() > 0);
    }

    /** Reads the key's own description ({@code GET /v5/user/query-api}); see {@link BybitAdapters#permissions}. */
    CredentialCheck checkCredentials(boolean contracts) {
        JsonNode result;
        try {
            result = get("/v5/user/query-api", Map.of());
        } catch (Unauthorized e) {
            return CredentialCheck.invalid(e.getMessage());
        }
        return CredentialCheck.valid(BybitAdapters.permissions(result, contracts));
    }

    @Override
    public String toString() {
        return client.toString();
    }
}
