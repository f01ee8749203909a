package dev.bulwark.adapters.exchange.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
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
import dev.bulwark.domain.venues.VenueAccount;
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
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * One Binance spot account. Every call goes through the provider's {@link VenueResilience} for this endpoint: reads
 * with retries, placements and cancels without (an unknown outcome surfaces as
 * {@link dev.bulwark.ports.errors.VenueUnavailable} for the caller to resolve by client order id). Trading rules
 * are cached for {@link BinanceSettings#rulesFor()}, prices for {@link BinanceSettings#priceFor()}.
 *
 * <p>Thread-safe; see {@link VenueGateway} for the lifecycle. {@link #toString()} shows the account and the key's
 * hint only.
 */
public final class BinanceGateway implements VenueGateway {
    /** Binance's myTrades page size, and the longest window one call may span. */
    /** Simple Earn's largest page. */
    private static final int EARN_PAGE = 100;

    private final VenueAccount account;
    private final VenueId venue;
    private final VenueDescriptor descriptor;
    private final BinanceClient client;
    private final VenueResilience resilience;
    private final TimeSource clock;
    private final String keyHint;
    private final Set<VenueCapability> capabilities;
    private final Cache<String, TradingRules> rules;
    private final Cache<String, Optional<BigDecimal>> prices;
    private final Cache<String, Map<String, BinanceAdapters.SymbolInfo>> symbols;
    private final BinanceOrders orders;
    private final AtomicBoolean closed = new AtomicBoolean();

    BinanceGateway(VenueAccount account, VenueDescriptor descriptor, BinanceClient client, VenueResilience resilience,
            TimeSource clock, String keyHint, BinanceSettings settings) {
        this.account = Objects.requireNonNull(account, "account");
        this.venue = account.venue();
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
        this.client = Objects.requireNonNull(client, "client");
        this.resilience = Objects.requireNonNull(resilience, "resilience");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.keyHint = Objects.requireNonNull(keyHint, "keyHint");
        this.capabilities = descriptor.capabilities();
        // caches run on the connection's clock, so "an hour" is the same hour the rest of the system sees
        Ticker ticker = () -> {
            Instant now = clock.now();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
        this.rules = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(settings.rulesFor()).maximumSize(5_000).build();
        this.symbols = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(settings.rulesFor()).maximumSize(1).build();
        this.prices = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(settings.priceFor()).maximumSize(5_000).build();
        this.orders = new BinanceOrders(BinanceOrders.SPOT, account, client, resilience, clock);
    }

    @Override
    public Set<VenueCapability> capabilities() {
        return capabilities;
    }

    @Override
    public List<Holding> balances() {
        requireOpen();
        JsonNode account = resilience.read(() -> ok("GET", "/api/v3/account", Map.of("omitZeroBalances", "true")));
        return BinanceAdapters.balances(venue, this.account.id(), account);
    }

    /**
     * The account's Simple Earn flexible positions ({@code GET /sapi/v1/simple-earn/flexible/position}, every page),
     * read-only, as SPOT holdings whose whole amount is locked (it must be redeemed before it can be traded). Kept
     * apart from {@link #balances()} on purpose: the same asset would otherwise appear twice in one wallet, and a key
     * without the Earn permission would make the spot balances fail. Empty where the host does not serve
     * {@code /sapi} (the testnet).
     */
    public List<Holding> simpleEarnFlexible() {
        requireOpen();
        List<Holding> holdings = new ArrayList<>();
        for (int page = 1; ; page++) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("current", Integer.toString(page));
            params.put("size", Integer.toString(EARN_PAGE));
            BinanceClient.Outcome outcome = resilience.read(
                    () -> client.signed("GET", "/sapi/v1/simple-earn/flexible/position", params));
            JsonNode json = switch (outcome) {
                case BinanceClient.Outcome.Ok(JsonNode ok) -> ok;
                case BinanceClient.Outcome.Error(int status, int code, String message) -> {
                    if (code == BinanceClient.NOT_SERVED) {
                        yield null;
                    }
                    throw BinanceErrorAdapter.failure(venue, status, code, message,
                            "GET /sapi/v1/simple-earn/flexible/position");
                }
            };
            if (json == null) {
                return List.of();
            }
            JsonNode rows = json.get("rows");
            if (rows == null || !rows.isArray()) {
                throw BinanceAdapters.malformed(venue, "Simple Earn positions without their rows");
            }
            holdings.addAll(BinanceAdapters.earnHoldings(venue, account.id(), rows));
            if (rows.size() < EARN_PAGE) {
                break;
            }
        }
        holdings.sort(java.util.Comparator.comparing(Holding::asset));
        return holdings;
    }

    /** Spot holdings are balances: Binance spot keeps no positions. */
    @Override
    public List<Position> positions() {
        requireOpen();
        return List.of();
    }

    @Override
    public List<Order> openOrders(@Nullable Instrument instrument) {
        requireOpen();
        if (instrument != null && instrument.market() != Market.SPOT) {
            return List.of();
        }
        Map<String, String> params = instrument == null ? Map.of() : Map.of("symbol", BinanceAdapters.symbol(instrument));
        JsonNode orders = resilience.read(() -> ok("GET", "/api/v3/openOrders", params));
        if (!orders.isArray()) {
            throw BinanceAdapters.malformed(venue, "open orders that are not a list");
        }
        Instant now = clock.now();
        List<Order> result = new ArrayList<>();
        for (JsonNode order : orders) {
            Instrument of = instrument != null ? instrument : instrumentOf(BinanceAdapters.text(venue, order, "symbol"));
            result.add(BinanceAdapters.order(venue, account.id(), of, order, now));
        }
        return result;
    }

    @Override
    public PlacementResult place(OrderRequest request) {
        requireOpen();
        Objects.requireNonNull(request, "request");
        Optional<String> unsupported = descriptor.unsupported(request, capabilities);
        if (unsupported.isPresent()) {
            return new PlacementResult.Rejected(PlacementResult.Rejected.UNSUPPORTED, unsupported.get());
        }
        Map<String, String> params = BinanceAdapters.orderParameters(request);
        return resilience.write(() -> {
            BinanceClient.Outcome outcome = client.signed("POST", "/api/v3/order", params);
            return switch (outcome) {
                case BinanceClient.Outcome.Error(int status, int code, String message) ->
                        BinanceErrorAdapter.placement(venue, status, code, message);
                case BinanceClient.Outcome.Ok(JsonNode json) -> {
                    Order order = BinanceAdapters.order(venue, account.id(), request.instrument(), json, clock.now());
                    yield order.status() == OrderStatus.REJECTED
                            ? new PlacementResult.Rejected("venue:REJECTED", "Binance rejected the order")
                            : new PlacementResult.Placed(order);
                }
            };
        });
    }

    @Override
    public CancelResult cancel(Instrument instrument, ClientOrderId clientOrderId) {
        requireOpen();
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        return orders.cancel(instrument, clientOrderId);
    }

    @Override
    public Optional<Order> findByClientOrderId(Instrument instrument, ClientOrderId clientOrderId) {
        requireOpen();
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        return orders.find(instrument, clientOrderId);
    }

    @Override
    public List<Fill> fills(Instrument instrument, Instant since) {
        requireOpen();
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(since, "since");
        return orders.fills(instrument, since);
    }

    @Override
    public TradingRules rules(Instrument instrument) {
        requireOpen();
        Objects.requireNonNull(instrument, "instrument");
        if (instrument.market() != Market.SPOT) {
            throw new NotFound("Binance spot does not list " + instrument);
        }
        String symbol = BinanceAdapters.symbol(instrument);
        return rules.get(symbol, key -> {
            BinanceClient.Outcome outcome = resilience.read(() -> client.get("/api/v3/exchangeInfo", Map.of("symbol", key)));
            return switch (outcome) {
                case BinanceClient.Outcome.Ok(JsonNode json) -> {
                    JsonNode list = json.get("symbols");
                    if (list == null || !list.isArray() || list.isEmpty()) {
                        throw new NotFound("Binance does not list " + instrument);
                    }
                    yield BinanceAdapters.rules(venue, list.get(0));
                }
                case BinanceClient.Outcome.Error(int status, int code, String message) -> {
                    if (code == BinanceErrorAdapter.BAD_SYMBOL) {
                        throw new NotFound("Binance does not list " + instrument);
                    }
                    throw BinanceErrorAdapter.failure(venue, status, code, message, "GET /api/v3/exchangeInfo");
                }
            };
        });
    }

    @Override
    public Optional<BigDecimal> price(Instrument instrument) {
        requireOpen();
        Objects.requireNonNull(instrument, "instrument");
        if (instrument.market() != Market.SPOT) {
            return Optional.empty();
        }
        return prices.get(BinanceAdapters.symbol(instrument), symbol -> {
            BinanceClient.Outcome outcome = resilience.read(() -> client.get("/api/v3/ticker/price", Map.of("symbol", symbol)));
            return switch (outcome) {
                case BinanceClient.Outcome.Ok(JsonNode json) -> {
                    BigDecimal price = BinanceAdapters.decimal(venue, json, "price");
                    yield price.signum() > 0 ? Optional.of(dev.bulwark.domain.money.Decimals.normalize(price)) : Optional.<BigDecimal>empty();
                }
                case BinanceClient.Outcome.Error(int status, int code, String message) -> {
                    if (code == BinanceErrorAdapter.BAD_SYMBOL) {
                        yield Optional.<BigDecimal>empty();
                    }
                    throw BinanceErrorAdapter.failure(venue, status, code, message, "GET /api/v3/ticker/price");
                }
            };
        });
    }

    @Override
    public CredentialCheck checkCredentials() {
        requireOpen();
        BinanceClient.Outcome outcome = resilience.read(
                () -> client.signed("GET", "/api/v3/account", Map.of("omitZeroBalances", "true")));
        return switch (outcome) {
            case BinanceClient.Outcome.Ok(JsonNode json) -> BinanceAdapters.credentials(venue, json, apiRestrictions());
            case BinanceClient.Outcome.Error(int status, int code, String message) -> {
                if (BinanceErrorAdapter.isKeyRefused(status, code)) {
                    yield CredentialCheck.invalid("Binance refused the API key (" + code + ": "
                            + BinanceErrorAdapter.reason(message) + ")");
                }
                throw BinanceErrorAdapter.failure(venue, status, code, message, "GET /api/v3/account");
            }
        };
    }

    /** The key's own restrictions, or null where the host does not serve them (the testnet). */
    private @Nullable JsonNode apiRestrictions() {
        BinanceClient.Outcome outcome = resilience.read(
                () -> client.signed("GET", "/sapi/v1/account/apiRestrictions", Map.of()));
        return switch (outcome) {
            case BinanceClient.Outcome.Ok(JsonNode json) -> json;
            case BinanceClient.Outcome.Error(int status, int code, String message) -> {
                if (code == BinanceClient.NOT_SERVED) {
                    yield null;
                }
                throw BinanceErrorAdapter.failure(venue, status, code, message, "GET /sapi/v1/account/apiRestrictions");
            }
        };
    }

    @Override
    public void close() {
        closed.set(true);
    }

    /** The breaker's state for this endpoint, for metrics and the API. */
    public VenueResilience.BreakerState breakerState() {
        return resilience.state();
    }

    /**
     * The request weight this IP used in the minute of Binance's last answer ({@code X-MBX-USED-WEIGHT-1M}), shared
     * by every gateway of the provider on this endpoint; for metrics.
     */
    public long usedWeight1m() {
        return client.usedWeight1m();
    }

    @Override
    public String toString() {
        return "BinanceGateway[account=" + account.id() + ", key=" + keyHint + "]";
    }

    private JsonNode ok(String method, String path, Map<String, String> params) {
        BinanceClient.Outcome outcome = client.signed(method, path, params);
        return switch (outcome) {
            case BinanceClient.Outcome.Ok(JsonNode json) -> json;
            case BinanceClient.Outcome.Error(int status, int code, String message) ->
                    throw BinanceErrorAdapter.failure(venue, status, code, message, method + " " + path);
        };
    }

    private Instrument instrumentOf(String symbol) {
        Map<String, BinanceAdapters.SymbolInfo> known = symbols.get("all", key -> {
            BinanceClient.Outcome outcome = resilience.read(() -> client.get("/api/v3/exchangeInfo", Map.of()));
            return switch (outcome) {
                case BinanceClient.Outcome.Ok(JsonNode json) -> BinanceAdapters.symbols(venue, json);
                case BinanceClient.Outcome.Error(int status, int code, String message) ->
                        throw BinanceErrorAdapter.failure(venue, status, code, message, "GET /api/v3/exchangeInfo");
            };
        });
        BinanceAdapters.SymbolInfo info = known.get(symbol);
        if (info == null) {
            throw BinanceAdapters.malformed(venue, "an order in a symbol its exchange information does not list");
        }
        return info.instrument();
    }

    /** Binance's trades name the venue's order id only: the client order id is read once per order and kept. */
    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("this Binance gateway is closed");
        }
    }
}
