package dev.bulwark.adapters.exchange.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import dev.bulwark.adapters.exchange.support.VenueCaches;
import dev.bulwark.adapters.exchange.support.VenueResilience;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.market.TradingRules;
import dev.bulwark.domain.money.Decimals;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.portfolio.Holding;
import dev.bulwark.domain.positions.Position;
import dev.bulwark.domain.venues.Permission;
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
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One Binance USD-M futures account ({@code /fapi}), perpetual contracts only, one-way position mode. Every call goes
 * through the provider's {@link VenueResilience} for this endpoint: reads with retries; placements, cancels and
 * leverage changes without (an unknown outcome surfaces as {@link dev.bulwark.ports.errors.VenueUnavailable} for the
 * caller to resolve by client order id). A request carrying leverage first sets the symbol's leverage with
 * {@code POST /fapi/v1/leverage} (Binance keeps leverage per symbol, not per order), then places the order; a
 * refused leverage is a rejection and nothing is placed. Trading rules and the symbol list are cached for
 * {@link BinanceSettings#rulesFor()}, prices for {@link BinanceSettings#priceFor()}.
 *
 * <p>In hedge mode ({@code positionSide} LONG/SHORT) Binance reports the two sides apart; this gateway does not send
 * {@code positionSide}, so Binance refuses its orders on a hedge-mode account (-4061): switch the account to one-way.
 *
 * <p>Thread-safe; see {@link VenueGateway} for the lifecycle. {@link #toString()} shows the account and the key's
 * hint only.
 */
public final class BinanceFuturesGateway implements VenueGateway {
    /** userTrades serves at most 7 days per window. */

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
    private final Cache<String, Map<String, Instrument>> symbols;
    private final BinanceOrders orders;

    BinanceFuturesGateway(VenueAccount account, VenueDescriptor descriptor, BinanceClient client,
            VenueResilience resilience, TimeSource clock, String keyHint, BinanceSettings settings) {
        this.account = Objects.requireNonNull(account, "account");
        this.venue = account.venue();
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
        this.client = Objects.requireNonNull(client, "client");
        this.resilience = Objects.requireNonNull(resilience, "resilience");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.keyHint = Objects.requireNonNull(keyHint, "keyHint");
        this.capabilities = descriptor.capabilities();
        this.calls = new BinanceCalls("Binance futures", venue, client, resilience);
        // caches run on the connection's clock, so "an hour" is the same hour the rest of the system sees
        this.rules = VenueCaches.expiring(clock, settings.rulesFor(), 5_000);
        this.symbols = VenueCaches.expiring(clock, settings.rulesFor(), 1);
        this.prices = VenueCaches.expiring(clock, settings.priceFor(), 5_000);
        this.orders = new BinanceOrders(BinanceOrders.USDM_FUTURES, account, calls, clock);
    }

    @Override
    public Set<VenueCapability> capabilities() {
        return capabilities;
    }

    /** The futures wallet per margin asset ({@code GET /fapi/v2/balance}), as {@code FUTURES} holdings. */
    @Override
    public List<Holding> balances() {
        calls.ensureOpen();
        JsonNode balances = resilience.read(() -> calls.ok("GET", "/fapi/v2/balance", Map.of()));
        return BinanceFuturesAdapters.balances(venue, account.id(), balances);
    }

    /** The open perpetual positions ({@code GET /fapi/v2/positionRisk}); flat entries are left out. */
    @Override
    public List<Position> positions() {
        calls.ensureOpen();
        JsonNode entries = resilience.read(() -> calls.ok("GET", "/fapi/v2/positionRisk", Map.of()));
        if (!entries.isArray()) {
            throw BinanceAdapters.malformed(venue, "positions that are not a list");
        }
        List<Position> positions = new ArrayList<>();
        for (JsonNode entry : entries) {
            if (BinanceAdapters.decimal(venue, entry, "positionAmt").signum() == 0) {
                continue;
            }
            Instrument instrument = instrumentOf(BinanceAdapters.text(venue, entry, "symbol"));
            Position position = BinanceFuturesAdapters.position(venue, account.id(), instrument, entry);
            if (position != null) {
                positions.add(position);
            }
        }
        positions.sort(Comparator.comparing(p -> p.instrument().symbol()));
        return positions;
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
        String symbol = BinanceFuturesAdapters.symbol(request.instrument());
        if (request.leverage() != null) {
            Optional<PlacementResult.Rejected> refused = setLeverage(symbol, request.leverage());
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        return orders.place(request, BinanceFuturesAdapters.orderParameters(request));
    }

    /** Binance's leverage is a whole number from 1 to the symbol's bracket maximum (125 at most). */
    private Optional<PlacementResult.Rejected> setLeverage(String symbol, BigDecimal leverage) {
        BigDecimal whole = Decimals.normalize(leverage);
        if (whole.scale() > 0 || whole.compareTo(BigDecimal.valueOf(125)) > 0) {
            return Optional.of(new PlacementResult.Rejected(PlacementResult.Rejected.OUTSIDE_TRADING_RULES,
                    "Binance futures leverage is a whole number from 1 to 125, was " + whole.toPlainString()));
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("symbol", symbol);
        params.put("leverage", whole.toPlainString());
        BinanceClient.Outcome outcome = resilience.write(() -> client.signed("POST", "/fapi/v1/leverage", params));
        return switch (outcome) {
            case BinanceClient.Outcome.Ok(JsonNode json) -> Optional.empty();
            case BinanceClient.Outcome.Error(int status, int code, String message) ->
                    Optional.of(BinanceErrorAdapter.futuresPlacement(venue, status, code, message));
        };
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
        if (instrument.market() != Market.USDM_FUTURES) {
            throw new NotFound("Binance USD-M futures does not list " + instrument);
        }
        String symbol = BinanceFuturesAdapters.symbol(instrument);
        return rules.get(symbol, key -> {
            // futures exchangeInfo takes no symbol parameter: the whole list, filtered here
            JsonNode json = exchangeInfo();
            for (JsonNode listed : json.path("symbols")) {
                if (key.equals(listed.path("symbol").asText())
                        && "PERPETUAL".equals(listed.path("contractType").asText(""))) {
                    return BinanceFuturesAdapters.rules(venue, listed);
                }
            }
            throw new NotFound("Binance USD-M futures does not list " + instrument);
        });
    }

    @Override
    public Optional<BigDecimal> price(Instrument instrument) {
        calls.ensureOpen();
        Objects.requireNonNull(instrument, "instrument");
        if (instrument.market() != Market.USDM_FUTURES) {
            return Optional.empty();
        }
        return prices.get(BinanceFuturesAdapters.symbol(instrument), symbol -> calls.price("/fapi/v1/ticker/price", symbol));
    }

    /**
     * What the key may do, from {@code GET /fapi/v2/account}: READ when it answers; TRADE when {@code canTrade}.
     * The futures API does not say whether the key may withdraw (that is {@code /sapi} on the spot host), so
     * PERMISSIONS is not declared and WITHDRAW is never claimed: ask the user to confirm the key cannot withdraw.
     */
    @Override
    public CredentialCheck checkCredentials() {
        calls.ensureOpen();
        BinanceClient.Outcome outcome = resilience.read(() -> client.signed("GET", "/fapi/v2/account", Map.of()));
        return switch (outcome) {
            case BinanceClient.Outcome.Ok(JsonNode json) -> {
                Set<Permission> permissions = EnumSet.of(Permission.READ);
                if (json.path("canTrade").asBoolean(false)) {
                    permissions.add(Permission.TRADE);
                }
                yield CredentialCheck.valid(permissions);
            }
            case BinanceClient.Outcome.Error(int status, int code, String message) -> {
                if (BinanceErrorAdapter.isKeyRefused(status, code)) {
                    yield CredentialCheck.invalid("Binance refused the API key (" + code + ": "
                            + BinanceErrorAdapter.reason(message) + ")");
                }
                throw BinanceErrorAdapter.failure(venue, status, code, message, "GET /fapi/v2/account");
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

    /** The request weight this IP used on the futures host in the minute of the last answer; for metrics. */
    public long usedWeight1m() {
        return client.usedWeight1m();
    }

    @Override
    public String toString() {
        return "BinanceFuturesGateway[account=" + account.id() + ", key=" + keyHint + "]";
    }

    private JsonNode exchangeInfo() {
        return calls.exchangeInfo("/fapi/v1/exchangeInfo");
    }

    private Instrument instrumentOf(String symbol) {
        Map<String, Instrument> known = symbols.get("all", key -> BinanceFuturesAdapters.perpetuals(venue, exchangeInfo()));
        Instrument instrument = known.get(symbol);
        if (instrument == null) {
            throw BinanceAdapters.malformed(venue, "a position or order in a symbol its perpetual contracts do not list");
        }
        return instrument;
    }
}
