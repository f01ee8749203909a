package dev.bulwark.adapters.exchange.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
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
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One Coinbase Advanced Trade account. Every call goes through {@link VenueResilience}; creating and cancelling
 * orders are never retried. The client order id is Coinbase's {@code client_order_id}; an order whose creation
 * timed out is found by listing the product's orders and matching it (Coinbase documents no filter by client id
 * on the list, and its get-by-client-id parameter is deprecated), looking back at most
 * {@value #MAX_ORDER_PAGES} pages of {@value #PAGE_SIZE}. Products' rules are cached for an hour, prices for a few
 * seconds. Thread-safe; {@link #close()} only marks the gateway closed.
 */
final class CoinbaseGateway implements VenueGateway {
    static final String BROKERAGE = "/api/v3/brokerage";
    static final int PAGE_SIZE = 250;
    static final int MAX_ORDER_PAGES = 8;
    private static final int MAX_FILL_PAGES = 100;

    private final VenueAccountId account;
    private final VenueId venue;
    private final VenueDescriptor descriptor;
    private final Set<VenueCapability> capabilities;
    private final CoinbaseClient client;
    private final VenueResilience resilience;
    private final TimeSource clock;
    private final Cache<Instrument, Optional<JsonNode>> products;
    private final Cache<Instrument, Optional<BigDecimal>> prices;
    private final AtomicBoolean closed = new AtomicBoolean();

    CoinbaseGateway(VenueAccountId account, VenueDescriptor descriptor, CoinbaseClient client, VenueResilience resilience,
            TimeSource clock) {
        this.account = Objects.requireNonNull(account, "account");
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
        this.venue = descriptor.id();
        this.capabilities = descriptor.capabilities();
        this.client = Objects.requireNonNull(client, "client");
        this.resilience = Objects.requireNonNull(resilience, "resilience");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.products = VenueCaches.expiring(clock, Duration.ofHours(1), 1_000);
        this.prices = VenueCaches.expiring(clock, Duration.ofSeconds(5), 1_000);
    }

    @Override
    public Set<VenueCapability> capabilities() {
        return capabilities;
    }

    @Override
    public List<Holding> balances() {
        open();
        List<JsonNode> wallets = new ArrayList<>();
        String cursor = "";
        for (int page = 0; page < MAX_FILL_PAGES; page++) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("limit", Integer.toString(PAGE_SIZE));
            if (!cursor.isEmpty()) {
                query.put("cursor", cursor);
            }
            JsonNode body = read(BROKERAGE + "/accounts", query);
            JsonNode accounts = body.path("accounts");
            if (!accounts.isArray()) {
                throw new VenueUnavailable(venue, "answered accounts without the list it documents", null);
            }
            accounts.forEach(wallets::add);
            cursor = body.path("cursor").asText("");
            if (!body.path("has_next").asBoolean(false) || cursor.isEmpty()) {
                break;
            }
        }
        return readable(() -> CoinbaseAdapters.holdings(account, venue, CoinbaseClient.JSON.valueToTree(wallets)));
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
        query.put("order_status", "OPEN");
        if (instrument != null) {
            query.put("product_ids", CoinbaseAdapters.product(instrument));
        }
        List<Order> orders = new ArrayList<>();
        listOrders(query, MAX_FILL_PAGES, order -> {
            Instrument of = instrumentOf(order.path("product_id").asText(""));
            if (of != null && (instrument == null || of.equals(instrument))) {
                readable(() -> CoinbaseAdapters.order(account, order, of)).ifPresent(orders::add);
            }
            return false;
        });
        return List.copyOf(orders);
    }

    @Override
    public PlacementResult place(OrderRequest request) {
        open();
        Objects.requireNonNull(request, "request");
        Optional<String> unsupported = descriptor.unsupported(request, capabilities);
        if (unsupported.isPresent()) {
            return new PlacementResult.Rejected(PlacementResult.Rejected.UNSUPPORTED, unsupported.get());
        }
        Optional<ObjectNode> body = CoinbaseAdapters.createOrder(request);
        if (body.isEmpty()) {
            return new PlacementResult.Rejected(PlacementResult.Rejected.UNSUPPORTED,
                    "Coinbase takes " + request.type() + " orders good till cancelled only");
        }
        CoinbaseClient.Answer answer = resilience.write(() -> client.post(BROKERAGE + "/orders", body.get()));
        if (CoinbaseErrorAdapter.keyRefused(answer)) {
            throw CoinbaseErrorAdapter.readFailure(venue, answer);
        }
        JsonNode reply = answer.body();
        if (answer.ok() && reply.path("success").asBoolean(false)) {
            JsonNode success = reply.path("success_response");
            String orderId = success.path("order_id").asText(reply.path("order_id").asText(""));
            if (orderId.isEmpty()) {
                throw new VenueUnavailable(venue, "accepted an order without its order_id; outcome unknown", null);
            }
            return new PlacementResult.Placed(request.toNewOrder(account, clock.now())
                    .transitionTo(OrderStatus.ACCEPTED, clock.now()));
        }
        if (reply.has("error_response")) {
            return CoinbaseErrorAdapter.rejection(reply.path("error_response"));
        }
        if (answer.ok() && reply.has("success")) {
            // success false without details: still a refusal, named by the top-level failure_reason
            ObjectNode refusal = CoinbaseClient.JSON.createObjectNode()
                    .put("error", reply.path("failure_reason").asText("UNKNOWN_FAILURE_REASON"));
            return CoinbaseErrorAdapter.rejection(refusal);
        }
        if (answer.status() >= 400 && answer.status() < 500 && reply.has("error")) {
            // a request Coinbase refused outright (INVALID_ARGUMENT, PERMISSION_DENIED): nothing was placed
            return CoinbaseErrorAdapter.rejection(reply);
        }
        throw new VenueUnavailable(venue, "answered HTTP " + answer.status() + " without saying whether it placed the"
                + " order; outcome unknown", null);
    }

    @Override
    public CancelResult cancel(Instrument instrument, ClientOrderId clientOrderId) {
        open();
        Optional<JsonNode> found = findRaw(instrument, clientOrderId);
        if (found.isEmpty()) {
            return new CancelResult.UnknownOrder(clientOrderId);
        }
        Order before = readable(() -> CoinbaseAdapters.order(account, found.get(), instrument)).orElse(null);
        if (before == null) {
            return new CancelResult.UnknownOrder(clientOrderId);
        }
        if (before.status().isTerminal()) {
            return new CancelResult.AlreadyFinal(before);
        }
        String orderId = found.get().path("order_id").asText("");
        ObjectNode body = CoinbaseClient.JSON.createObjectNode();
        body.putArray("order_ids").add(orderId);
        CoinbaseClient.Answer answer = resilience.write(() -> client.post(BROKERAGE + "/orders/batch_cancel", body));
        if (!answer.ok()) {
            throw CoinbaseErrorAdapter.readFailure(venue, answer);
        }
        JsonNode result = answer.body().path("results").path(0);
        Order after = byOrderId(orderId, instrument).orElse(before);
        if (result.path("success").asBoolean(false)) {
            if (after.status() == OrderStatus.CANCELLED) {
                return new CancelResult.Cancelled(after);
            }
            if (after.status().isTerminal()) {
                return new CancelResult.AlreadyFinal(after);
            }
            // Coinbase confirmed the cancel; its order view may still show it pending cancel
            return new CancelResult.Cancelled(after.transitionTo(OrderStatus.CANCELLED, clock.now()));
        }
        if (after.status().isTerminal()) {
            return new CancelResult.AlreadyFinal(after);
        }
        return new CancelResult.Refused("venue:" + CoinbaseErrorAdapter.code(result.path("failure_reason").asText("")),
                "Coinbase did not cancel the order (" + CoinbaseErrorAdapter.code(result.path("failure_reason").asText("")) + ")");
    }

    @Override
    public Optional<Order> findByClientOrderId(Instrument instrument, ClientOrderId clientOrderId) {
        open();
        return findRaw(instrument, clientOrderId)
                .flatMap(order -> readable(() -> CoinbaseAdapters.order(account, order, instrument)));
    }

    @Override
    public List<Fill> fills(Instrument instrument, Instant since) {
        open();
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(since, "since");
        List<JsonNode> raw = new ArrayList<>();
        String cursor = "";
        for (int page = 0; page < MAX_FILL_PAGES; page++) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("product_ids", CoinbaseAdapters.product(instrument));
            query.put("start_sequence_timestamp", since.toString());
            query.put("limit", Integer.toString(PAGE_SIZE));
            if (!cursor.isEmpty()) {
                query.put("cursor", cursor);
            }
            JsonNode body = read(BROKERAGE + "/orders/historical/fills", query);
            body.path("fills").forEach(raw::add);
            cursor = body.path("cursor").asText("");
            if (cursor.isEmpty() || body.path("fills").isEmpty()) {
                break;
            }
        }
        Map<String, ClientOrderId> clientIds = new HashMap<>();
        List<Fill> fills = new ArrayList<>();
        for (JsonNode fill : raw) {
            if (!CoinbaseAdapters.product(instrument).equals(fill.path("product_id").asText(""))) {
                continue;
            }
            String orderId = fill.path("order_id").asText("");
            ClientOrderId clientOrderId = clientIds.computeIfAbsent(orderId, this::clientIdOf);
            Fill mapped = readable(() -> CoinbaseAdapters.fill(account, fill, instrument, clientOrderId));
            if (!mapped.time().isBefore(since)) {
                fills.add(mapped);
            }
        }
        fills.sort(Comparator.comparing(Fill::time).thenComparing(Fill::tradeId));
        return List.copyOf(fills);
    }

    @Override
    public TradingRules rules(Instrument instrument) {
        open();
        JsonNode product = product(instrument).orElseThrow(() -> new NotFound("Coinbase does not list " + instrument));
        return readable(() -> CoinbaseAdapters.rules(product));
    }

    @Override
    public Optional<BigDecimal> price(Instrument instrument) {
        open();
        Objects.requireNonNull(instrument, "instrument");
        return prices.get(instrument, key -> {
            Optional<JsonNode> product = fetchProduct(key);
            products.put(key, product);
            return product.map(p -> p.path("price").asText("")).filter(p -> !p.isBlank())
                    .map(p -> readable(() -> CoinbaseAdapters.decimal(CoinbaseClient.JSON.getNodeFactory().textNode(p), "price")))
                    .filter(p -> p.signum() > 0);
        });
    }

    @Override
    public CredentialCheck checkCredentials() {
        open();
        CoinbaseClient.Answer answer = resilience.read(() -> client.get(BROKERAGE + "/key_permissions", Map.of()));
        if (CoinbaseErrorAdapter.keyRefused(answer)) {
            return CredentialCheck.invalid("Coinbase refused the key (HTTP 401): check the key name and private key,"
                    + " and that the key is not deleted or IP-restricted");
        }
        if (!answer.ok()) {
            throw CoinbaseErrorAdapter.readFailure(venue, answer);
        }
        JsonNode body = answer.body();
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        if (body.path("can_view").asBoolean(false)) {
            permissions.add(Permission.READ);
        }
        if (body.path("can_trade").asBoolean(false)) {
            permissions.add(Permission.TRADE);
        }
        if (body.path("can_transfer").asBoolean(false)) {
            permissions.add(Permission.WITHDRAW);
        }
        if (permissions.isEmpty()) {
            return CredentialCheck.invalid("the key may do nothing: give it the View and Trade permissions");
        }
        return CredentialCheck.valid(permissions);
    }

    @Override
    public void close() {
        closed.set(true);
    }

    @Override
    public String toString() {
        return "CoinbaseGateway[" + account + "]";
    }

    VenueResilience.BreakerState breaker() {
        return resilience.state();
    }

    /** Lists orders page by page until {@code stop} says so or the pages run out. */
    private void listOrders(Map<String, String> filter, int maxPages, java.util.function.Predicate<JsonNode> stop) {
        String cursor = "";
        for (int page = 0; page < maxPages; page++) {
            Map<String, String> query = new LinkedHashMap<>(filter);
            query.put("limit", Integer.toString(PAGE_SIZE));
            if (!cursor.isEmpty()) {
                query.put("cursor", cursor);
            }
            JsonNode body = read(BROKERAGE + "/orders/historical/batch", query);
            JsonNode orders = body.path("orders");
            if (!orders.isArray()) {
                throw new VenueUnavailable(venue, "answered orders without the list it documents", null);
            }
            for (JsonNode order : orders) {
                if (stop.test(order)) {
                    return;
                }
            }
            cursor = body.path("cursor").asText("");
            if (!body.path("has_next").asBoolean(false) || cursor.isEmpty()) {
                return;
            }
        }
    }

    private Optional<JsonNode> findRaw(Instrument instrument, ClientOrderId clientOrderId) {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        JsonNode[] found = new JsonNode[1];
        listOrders(Map.of("product_ids", CoinbaseAdapters.product(instrument)), MAX_ORDER_PAGES, order -> {
            if (clientOrderId.value().equals(order.path("client_order_id").asText(""))) {
                found[0] = order;
                return true;
            }
            return false;
        });
        return Optional.ofNullable(found[0]);
    }

    private Optional<Order> byOrderId(String orderId, Instrument instrument) {
        CoinbaseClient.Answer answer = resilience.read(() -> client.get(BROKERAGE + "/orders/historical/" + orderId, Map.of()));
        if (answer.status() == 404) {
            return Optional.empty();
        }
        if (!answer.ok()) {
            throw CoinbaseErrorAdapter.readFailure(venue, answer);
        }
        return readable(() -> CoinbaseAdapters.order(account, answer.body().path("order"), instrument));
    }

    private ClientOrderId clientIdOf(String orderId) {
        if (orderId.isEmpty()) {
            return CoinbaseAdapters.outsideId("unknown");
        }
        CoinbaseClient.Answer answer = resilience.read(() -> client.get(BROKERAGE + "/orders/historical/" + orderId, Map.of()));
        String clientId = answer.ok() ? answer.body().path("order").path("client_order_id").asText("") : "";
        return clientId.isEmpty() ? CoinbaseAdapters.outsideId(orderId) : readable(() -> new ClientOrderId(clientId));
    }

    private Optional<JsonNode> product(Instrument instrument) {
        Objects.requireNonNull(instrument, "instrument");
        return products.get(instrument, this::fetchProduct);
    }

    private Optional<JsonNode> fetchProduct(Instrument instrument) {
        if (instrument.market() != Market.SPOT) {
            return Optional.empty();
        }
        CoinbaseClient.Answer answer = resilience.read(() -> client.get(BROKERAGE + "/products/"
                + CoinbaseAdapters.product(instrument), Map.of()));
        if (answer.status() == 404 || answer.status() == 400) {
            return Optional.empty();
        }
        if (!answer.ok()) {
            throw CoinbaseErrorAdapter.readFailure(venue, answer);
        }
        return Optional.of(answer.body());
    }

    private @Nullable Instrument instrumentOf(String productId) {
        int dash = productId.indexOf('-');
        if (dash <= 0 || dash != productId.lastIndexOf('-')) {
            return null;
        }
        try {
            return Instrument.spot(productId.substring(0, dash), productId.substring(dash + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private JsonNode read(String path, Map<String, String> query) {
        CoinbaseClient.Answer answer = resilience.read(() -> client.get(path, query));
        if (!answer.ok()) {
            throw CoinbaseErrorAdapter.readFailure(venue, answer);
        }
        return answer.body();
    }

    private <T> T readable(Supplier<T> mapping) {
        try {
            return mapping.get();
        } catch (IllegalArgumentException | NullPointerException | ArithmeticException
                 | java.time.format.DateTimeParseException e) {
            throw new VenueUnavailable(venue, "answered a value it does not document (" + e.getMessage() + ")", null);
        }
    }

    private void open() {
        if (closed.get()) {
            throw new IllegalStateException("this Coinbase gateway is closed");
        }
    }
}
