package dev.bulwark.adapters.exchange.bitget;

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
import dev.bulwark.domain.venues.Permission;
import dev.bulwark.ports.errors.Unauthorized;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The Bitget v2 calls that the spot and the futures ("mix") gateway make alike, differing only in their paths, what
 * they send ({@code productType}, margin coin) and how they read an item (each venue's adapters): paging with
 * {@code idLessThan}, fills (which name only the venue's order id), reading an order that may not exist, placing,
 * cancelling, reading a price or a public list, and checking the key. Reads go through the provider's resilience as
 * retryable reads, placing and cancelling as writes that are never retried. Thread-safe.
 */
final class BitgetCalls {
    static final int PAGE = 100;
    private static final int MAX_PAGES = 50;
    /** "The symbol does not exist", on spot and futures alike. */
    private static final String UNKNOWN_SYMBOL = "40034";

    private final BitgetClient client;
    private final VenueResilience resilience;

    BitgetCalls(BitgetClient client, VenueResilience resilience) {
        this.client = client;
        this.resilience = resilience;
    }

    /** A signed GET's data; a refusal is a failure to serve it. */
    JsonNode get(String path, Map<String, String> query) {
        return client.ok(resilience.read(() -> client.get(path, query)));
    }

    /** An unsigned GET's data; a refusal is a failure to serve it. */
    JsonNode publicGet(String path, Map<String, String> query) {
        return client.ok(resilience.read(() -> client.publicGet(path, query)));
    }

    /** A signed POST, never retried; the reply as Bitget gave it. */
    BitgetClient.Reply post(String path, Map<String, ?> body) {
        return resilience.write(() -> client.post(path, body));
    }

    /**
     * Pages back through a list Bitget serves newest first, each item to {@code each}: {@code list} finds the items
     * in the data, and the next page is {@code idLessThan} the {@code cursor} field of the last item, sent after the
     * query and before the page size.
     */
    void paged(String path, Map<String, String> query, UnaryOperator<JsonNode> list, String cursor,
            Consumer<JsonNode> each) {
        String idLessThan = "";
        for (int page = 0; page < MAX_PAGES; page++) {
            Map<String, String> paged = new LinkedHashMap<>(query);
            if (!idLessThan.isEmpty()) {
                paged.put("idLessThan", idLessThan);
            }
            paged.put("limit", Integer.toString(PAGE));
            JsonNode items = list.apply(get(path, paged));
            for (JsonNode node : items) {
                each.accept(node);
            }
            if (items.size() < PAGE) {
                break;
            }
            idLessThan = items.get(items.size() - 1).path(cursor).asText("");
        }
    }

    /**
     * The fills since {@code since}, oldest first and without repeats. Bitget's fills name the venue's order id only:
     * each order's client id is read once with {@code orderById}, and a fill of an order without one (not ours) is
     * left out.
     *
     * @param orderIdOf the fill's order id, read as the gateway's venue
     * @param fill the fill of an order with that client id
     */
    List<Fill> fills(String path, Map<String, String> query, UnaryOperator<JsonNode> list, Instant since,
            Function<JsonNode, String> orderIdOf, Function<String, Optional<JsonNode>> orderById,
            BiFunction<ClientOrderId, JsonNode, Fill> fill) {
        List<Fill> fills = new ArrayList<>();
        Map<String, Optional<ClientOrderId>> clientIds = new HashMap<>();
        paged(path, query, list, "tradeId", node -> {
            Optional<ClientOrderId> clientOrderId = clientIds.computeIfAbsent(orderIdOf.apply(node),
                    id -> orderById.apply(id).flatMap(BitgetAdapters::clientOrderIdOf));
            clientOrderId.map(cid -> fill.apply(cid, node)).filter(f -> !f.time().isBefore(since)).ifPresent(fills::add);
        });
        fills.sort(Comparator.comparing(Fill::time).thenComparing(Fill::tradeId));
        return fills.stream().distinct().toList();
    }

    /** A signed GET of one order's data; empty when Bitget says there is no such order. */
    Optional<JsonNode> order(String path, Map<String, String> query) {
        BitgetClient.Reply reply = resilience.read(() -> client.get(path, query));
        if (!reply.ok()) {
            if (BitgetErrorAdapter.ORDER_NOT_FOUND.contains(reply.code())) {
                return Optional.empty();
            }
            throw client.refused(reply);
        }
        return Optional.of(reply.data());
    }

    /** Places {@code body} at {@code path}; a refusal is the rejection its code means, else {@code accepted}. */
    PlacementResult place(String path, Map<String, ?> body, Supplier<PlacementResult> accepted) {
        BitgetClient.Reply reply = post(path, body);
        return reply.ok() ? accepted.get() : BitgetErrorAdapter.rejection(reply.code(), reply.msg());
    }

    /** Cancels by client order id ({@code body} names it), then settles the outcome as {@link Cancels#settle}. */
    CancelResult cancel(String path, VenueId venue, Map<String, ?> body, ClientOrderId clientOrderId,
            Supplier<Optional<Order>> readBack) {
        BitgetClient.Reply reply = post(path, body);
        return Cancels.settle(venue, clientOrderId, reply.ok(), BitgetErrorAdapter.ORDER_NOT_FOUND.contains(reply.code()),
                () -> BitgetErrorAdapter.rejection(reply.code(), reply.msg()), readBack);
    }

    /**
     * An unsigned GET of one symbol's market data or definition; empty when Bitget says the symbol is unknown, a
     * failure for any other refusal.
     */
    Optional<JsonNode> ofSymbol(String path, Map<String, String> query) {
        BitgetClient.Reply reply = resilience.read(() -> client.publicGet(path, query));
        if (!reply.ok()) {
            if (!UNKNOWN_SYMBOL.equals(reply.code())) {
                throw client.refused(reply);
            }
            return Optional.empty();
        }
        return Optional.of(reply.data());
    }

    /** The last traded price in a ticker answer ({@code lastPr} of its first item); none when it has none. */
    Optional<BigDecimal> lastPrice(String path, Map<String, String> query, Function<JsonNode, Optional<BigDecimal>> decimal) {
        return ofSymbol(path, query).flatMap(data -> data.isEmpty() ? Optional.empty()
                : decimal.apply(data.get(0).get("lastPr")).filter(p -> p.signum() > 0));
    }

    /**
     * Proves the key works by a signed read. Bitget's answers do not say reliably whether a key may trade or
     * withdraw, so its gateways declare no {@code PERMISSIONS} and report only {@code READ}.
     */
    CredentialCheck checkCredentials(String path, Map<String, String> query) {
        try {
            get(path, query);
        } catch (Unauthorized e) {
            return CredentialCheck.invalid(e.getMessage());
        }
        return CredentialCheck.valid(EnumSet.of(Permission.READ));
    }

    @Override
    public String toString() {
        return client.toString();
    }
}
