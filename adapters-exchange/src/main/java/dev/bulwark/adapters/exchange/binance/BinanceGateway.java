package dev.bulwark.adapters.exchange.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import dev.bulwark.adapters.exchange.support.VenueCaches;
import dev.bulwark.adapters.exchange.support.VenueResilience;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.market.TradingRules;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.portfolio.Holding;
import dev.bulwark.domain.positions.Position;
import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.system.TimeSource;
import dev.bulwark.ports.driven.venues.CancelResult;
import dev.bulwark.ports.driven.venues.CredentialCheck;
import dev.bulwark.ports.driven.venues.OcoRequest;
import dev.bulwark.ports.driven.venues.OcoResult;
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
    private final BinanceCalls calls;
    private final BinanceClient client;
    private final VenueResilience resilience;
    private final TimeSource clock;
    private final String keyHint;
    private final Set<VenueCapability> capabilities;
    private final Cache<String, TradingRules> rules;
    private final Cache<String, Optional<BigDecimal>> prices;
    private final Cache<String, Map<String, BinanceAdapters.SymbolInfo>> symbols;
    private final BinanceOrders orders;

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
        this.calls = new BinanceCalls("Binance", venue, client, resilience);
        // caches run on the connection's clock, so "an hour" is the same hour the rest of the system sees
        this.rules = VenueCaches.expiring(clock, settings.rulesFor(), 5_000);
        this.symbols = VenueCaches.expiring(clock, settings.rulesFor(), 1);
        this.prices = VenueCaches.expiring(clock, settings.priceFor(), 5_000);
        this.orders = new BinanceOrders(BinanceOrders.SPOT, account, calls, clock);
    }

    @Override
    public Set<VenueCapability> capabilities() {
        return capabilities;
    }

    @Override
    public List<Holding> balances() {
        calls.ensureOpen();
        JsonNode account = resilience.read(() -> calls.ok("GET", "/api/v3/account", Map.of("omitZeroBalances", "true")));
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
        calls.ensureOpen();
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
        calls.ensureOpen();
        return List.of();
    }

    @Override
    public List<Order> openOrders(@Nullable Instrument instrument) {
        calls.ensureOpen();
        return orders.open(instrument, this::instrumentOf);
    }

    @Override
    public PlacementResult place(OrderRequest request) {
        calls.ensureOpen();
        Objects.requireNonNull(request, "request");
        Optional<String> unsupported = descriptor.unsupported(request, capabilities);
        if (unsupported.isPresent()) {
            return new PlacementResult.Rejected(PlacementResult.Rejected.UNSUPPORTED, unsupported.get());
        }
        return orders.place(request, BinanceAdapters.orderParameters(request));
    }

    /**
     * Places the pair as one Binance OCO order list ({@code POST /api/v3/orderList/oco}): for a SELL pair the
     * take-profit is the above leg ({@code TAKE_PROFIT}) and the stop the below leg ({@code STOP_LOSS}), for a BUY
     * pair the mirror; each leg under its own client order id. What Binance spot cannot do (another market, an order
     * type it lacks) is refused as unsupported without sending anything. Sent once, never retried: after a
     * {@link dev.bulwark.ports.errors.VenueUnavailable} look either leg up with {@link #findByClientOrderId}.
     */
    @Override
    public OcoResult placeOco(OcoRequest request) {
        calls.ensureOpen();
        Objects.requireNonNull(request, "request");
        if (!capabilities.contains(VenueCapability.OCO)) {
            return new OcoResult.Rejected(PlacementResult.Rejected.UNSUPPORTED, "this Binance account has no OCO orders");
        }
        for (OrderRequest leg : List.of(request.takeProfitLeg(), request.stopLossLeg())) {
            Optional<String> unsupported = descriptor.unsupported(leg, capabilities);
            if (unsupported.isPresent()) {
                return new OcoResult.Rejected(PlacementResult.Rejected.UNSUPPORTED, unsupported.get());
            }
        }
        return orders.placeOco(request, BinanceAdapters.ocoParameters(request));
    }

    @Override
    public CancelResult cancel(Instrument instrument, ClientOrderId clientOrderId) {
        return orders.cancel(instrument, clientOrderId);
    }

    @Override
    public Optional<Order> findByClientOrderId(Instrument instrument, ClientOrderId clientOrderId) {
        return orders.find(instrument, clientOrderId);
    }

    @Override
    public List<Fill> fills(Instrument instrument, Instant since) {
        return orders.fills(instrument, since);
    }

    @Override
    public TradingRules rules(Instrument instrument) {
        calls.ensureOpen();
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
        calls.ensureOpen();
        Objects.requireNonNull(instrument, "instrument");
        if (instrument.market() != Market.SPOT) {
            return Optional.empty();
        }
        return prices.get(BinanceAdapters.symbol(instrument), symbol -> calls.price("/api/v3/ticker/price", symbol));
    }

    @Override
    public CredentialCheck checkCredentials() {
        calls.ensureOpen();
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
        calls.close();
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

    private Instrument instrumentOf(String symbol) {
        Map<String, BinanceAdapters.SymbolInfo> known = symbols.get("all",
                key -> BinanceAdapters.symbols(venue, calls.exchangeInfo("/api/v3/exchangeInfo")));
        BinanceAdapters.SymbolInfo info = known.get(symbol);
        if (info == null) {
            throw BinanceAdapters.malformed(venue, "an order in a symbol its exchange information does not list");
        }
        return info.instrument();
    }
}
