package dev.bulwark.adapters.exchange.okx;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.adapters.exchange.support.Cancels;
import dev.bulwark.adapters.exchange.support.VenueResilience;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.venues.CancelResult;
import dev.bulwark.ports.driven.venues.CredentialCheck;
import dev.bulwark.ports.driven.venues.PlacementResult;
import dev.bulwark.ports.errors.NotFound;
import dev.bulwark.ports.errors.Unauthorized;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The OKX v5 calls that the spot and the swap gateway make alike, differing only in what they send ({@code instType},
 * the instrument id) and how they read an item (spot sizes in coins, swaps in contracts): paging with {@code after},
 * fills since a time, looking an order up by {@code clOrdId}, placing, cancelling, reading a price or an instrument,
 * and checking the key. Reads go through the provider's resilience as retryable reads, placing and cancelling as
 * writes that are never retried. Thread-safe.
 */
final class OkxCalls {
    static final int PAGE = 100;
    private static final int MAX_PAGES = 50;
    /** "Instrument ID does not exist". */
    static final String UNKNOWN_INSTRUMENT = "51001";

    private final OkxClient client;
    private final VenueResilience resilience;

    OkxCalls(OkxClient client, VenueResilience resilience) {
        this.client = client;
        this.resilience = resilience;
    }

    /** A signed GET's data; a refusal is a failure to serve it. */
    JsonNode get(String path, Map<String, String> query) {
        return client.ok(resilience.read(() -> client.get(path, query)));
    }

    /** A signed POST, never retried; the reply as OKX gave it. */
    OkxClient.Reply post(String path, Map<String, ?> body) {
        return resilience.write(() -> client.post(path, body));
    }

    /**
     * Pages back through a list OKX serves newest first, each item to {@code each}: the next page is {@code after}
     * the {@code cursor} field of the last item, sent after the query and before the page size.
     */
    void paged(String path, Map<String, String> query, String cursor, Consumer<JsonNode> each) {
        String after = "";
        for (int page = 0; page < MAX_PAGES; page++) {
            Map<String, String> paged = new LinkedHashMap<>(query);
            if (!after.isEmpty()) {
                paged.put("after", after);
            }
            paged.put("limit", Integer.toString(PAGE));
            JsonNode data = get(path, paged);
            for (JsonNode node : data) {
                each.accept(node);
            }
            if (data.size() < PAGE) {
                break;
            }
            after = data.get(data.size() - 1).path(cursor).asText("");
        }
    }

    /**
     * The fills since {@code since}, oldest first and without repeats; {@code query} names the instrument type and id
     * and the time to {@code begin} at.
     */
    List<Fill> fills(Map<String, String> query, Instant since, Function<JsonNode, Optional<Fill>> fill) {
        List<Fill> fills = new ArrayList<>();
        // newest first: the next page is older than the last bill of this one
        paged("/api/v5/trade/fills-history", query, "billId",
                node -> fill.apply(node).filter(f -> !f.time().isBefore(since)).ifPresent(fills::add));
        fills.sort(Comparator.comparing(Fill::time).thenComparing(Fill::tradeId));
        return fills.stream().distinct().toList();
    }

    /** The order with this client order id on {@code instId}, as sent; empty when OKX has no such order. */
    Optional<JsonNode> order(String instId, ClientOrderId clientOrderId) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("instId", instId);
        query.put("clOrdId", OkxAdapters.wireId(clientOrderId));
        OkxClient.Reply reply = resilience.read(() -> client.get("/api/v5/trade/order", query));
        if (!reply.ok()) {
            if (OkxErrorAdapter.ORDER_NOT_FOUND.equals(reply.businessCode())) {
                return Optional.empty();
            }
            throw client.refused(reply);
        }
        Iterator<JsonNode> data = reply.data().iterator();
        return data.hasNext() ? Optional.of(data.next()) : Optional.empty();
    }

    /** Places {@code body}; a refusal is the rejection its (order-level) code means, else {@code accepted}. */
    PlacementResult place(Map<String, ?> body, Supplier<PlacementResult> accepted) {
        OkxClient.Reply reply = post("/api/v5/trade/order", body);
        return reply.ok() ? accepted.get() : OkxErrorAdapter.rejection(reply.businessCode(), reply.businessMessage());
    }

    /**
     * Cancels by client order id, then settles the outcome as {@link Cancels#settle}. OKX cancels asynchronously
     * ("canceling"): only a confirmed cancel is reported as one.
     */
    CancelResult cancel(VenueId venue, String instId, ClientOrderId clientOrderId, Supplier<Optional<Order>> readBack) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("instId", instId);
        body.put("clOrdId", OkxAdapters.wireId(clientOrderId));
        OkxClient.Reply reply = post("/api/v5/trade/cancel-order", body);
        String code = reply.businessCode();
        return Cancels.settle(venue, clientOrderId, reply.ok(), OkxErrorAdapter.NOTHING_TO_CANCEL.contains(code),
                () -> OkxErrorAdapter.rejection(code, reply.businessMessage()), readBack);
    }

    /**
     * The one instrument {@code query} names, from {@code /api/v5/public/instruments}; {@code notListed} when OKX
     * lists none or says the id is unknown, a failure for any other refusal.
     */
    JsonNode instrument(Map<String, String> query, Supplier<NotFound> notListed) {
        OkxClient.Reply reply = resilience.read(() -> client.publicGet("/api/v5/public/instruments", query));
        if (!reply.ok() && !UNKNOWN_INSTRUMENT.equals(reply.code())) {
            throw client.refused(reply);
        }
        if (!reply.ok() || reply.data().isEmpty()) {
            throw notListed.get();
        }
        return reply.data().get(0);
    }

    /**
     * The last traded price of {@code instId}; none when OKX has none or says the id is unknown, a failure for any
     * other refusal.
     */
    Optional<BigDecimal> lastPrice(String instId, Function<JsonNode, Optional<BigDecimal>> decimal) {
        OkxClient.Reply reply = resilience.read(() -> client.publicGet("/api/v5/market/ticker", Map.of("instId", instId)));
        if (!reply.ok()) {
            if (!UNKNOWN_INSTRUMENT.equals(reply.code())) {
                throw client.refused(reply);
            }
            return Optional.empty();
        }
        return reply.data().isEmpty() ? Optional.empty()
                : decimal.apply(reply.data().get(0).get("last")).filter(p -> p.signum() > 0);
    }

    /** The key's permissions from {@code GET /api/v5/account/config} ({@code perm}: read_only, trade, withdraw). */
    CredentialCheck checkCredentials() {
        JsonNode data;
        try {
            data = get("/api/v5/account/config", Map.of());
        } catch (Unauthorized e) {
            return CredentialCheck.invalid(e.getMessage());
        }
        return CredentialCheck.valid(OkxAdapters.permissions(data));
    }

    @Override
    public String toString() {
        return client.toString();
    }
}
