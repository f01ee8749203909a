package dev.bulwark.adapters.exchange.bybit;

import dev.bulwark.adapters.exchange.support.GatewayState;
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
import dev.bulwark.domain.venues.VenueAccountId;
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
import org.jspecify.annotations.Nullable;

/**
 * One Bybit account's USDT perpetuals (API v5, {@code category=linear}), one-way position mode. Every call goes
 * through the provider's {@link VenueResilience}: reads may be retried; placing, cancelling and setting leverage
 * never. A request carrying leverage first sets the symbol's leverage with {@code POST /v5/position/set-leverage}
 * (Bybit keeps it per symbol; "not modified" counts as set); a refused leverage is a rejection and nothing is
 * placed. Trading rules are cached for an hour and prices for a few seconds, on the connection's clock. Thread-safe;
 * see {@link VenueGateway} for the lifecycle.
 */
final class BybitLinearGateway implements VenueGateway {
    private static final int PAGE = 50;
    private static final int POSITION_PAGE = 200;
    /** "Set leverage not modified": the symbol already has it. */
    private static final int LEVERAGE_NOT_MODIFIED = 110043;

    private final VenueAccountId account;
    private final BybitCalls calls;
    private final GatewayState<TradingRules> state;

    BybitLinearGateway(VenueDescriptor descriptor, VenueAccountId account, BybitClient client, VenueResilience resilience,
            TimeSource clock) {
        this.account = account;
        this.calls = new BybitCalls(client, resilience, clock);
        this.state = new GatewayState<>("Bybit linear", descriptor, account, clock);
    }

    @Override
    public Set<VenueCapability> capabilities() {
        return state.capabilities();
    }

    @Override
    public List<Holding> balances() {
        state.ensureOpen();
        return BybitLinearAdapters.holdings(account, calls.get("/v5/account/wallet-balance", Map.of("accountType", "UNIFIED")));
    }

    @Override
    public List<Position> positions() {
        state.ensureOpen();
        List<Position> positions = new ArrayList<>();
        calls.paged("/v5/position/list", base(null, true), POSITION_PAGE,
                node -> BybitLinearAdapters.position(account, node).ifPresent(positions::add));
        return List.copyOf(positions);
    }

    @Override
    public List<Order> openOrders(@Nullable Instrument instrument) {
        state.ensureOpen();
        if (instrument != null && instrument.market() != Market.USDM_FUTURES) {
            return List.of();
        }
        Map<String, String> query = base(instrument, true);
        query.put("openOnly", "0");
        List<Order> orders = new ArrayList<>();
        calls.paged("/v5/order/realtime", query, PAGE, node -> {
            Instrument of = instrument != null ? instrument
                    : BybitLinearAdapters.instrumentOf(BybitLinearAdapters.text(node.get("symbol"), "symbol"));
            if (of != null) {
                BybitLinearAdapters.order(account, of, node).filter(o -> !o.status().isTerminal()).ifPresent(orders::add);
            }
        });
        return List.copyOf(orders);
    }

    @Override
    public PlacementResult place(OrderRequest request) {
        state.ensureOpen();
        // leverage is set (and may be refused) only for a request that could be placed
        Optional<PlacementResult.Rejected> refused = state.unsupported(request).or(() -> Optional.ofNullable(request.leverage())
                .flatMap(leverage -> setLeverage(request.instrument(), leverage)));
        if (refused.isPresent()) {
            return refused.get();
        }
        return calls.place(BybitLinearAdapters.orderBody(request), () -> state.accepted(request));
    }

    /** Bybit takes a leverage with up to two decimals, the same for both sides in one-way mode. */
    private Optional<PlacementResult.Rejected> setLeverage(Instrument instrument, BigDecimal leverage) {
        BigDecimal value = Decimals.normalize(leverage);
        if (value.scale() > 2) {
            return Optional.of(new PlacementResult.Rejected(PlacementResult.Rejected.OUTSIDE_TRADING_RULES,
                    "Bybit leverage has at most two decimals, was " + value.toPlainString()));
        }
        Map<String, Object> body = new LinkedHashMap<>(base(instrument, false));
        body.put("buyLeverage", value.toPlainString());
        body.put("sellLeverage", value.toPlainString());
        BybitClient.Reply reply = calls.post("/v5/position/set-leverage", body);
        return reply.ok() || reply.retCode() == LEVERAGE_NOT_MODIFIED ? Optional.empty()
                : Optional.of(BybitErrorAdapter.rejection(reply.retCode(), reply.retMsg()));
    }

    @Override
    public CancelResult cancel(Instrument instrument, ClientOrderId clientOrderId) {
        state.ensureOpen();
        Map<String, String> body = base(instrument, false);
        body.put("orderLinkId", clientOrderId.value());
        return calls.cancel(BybitLinearAdapters.VENUE, body, clientOrderId,
                () -> findByClientOrderId(instrument, clientOrderId));
    }

    @Override
    public Optional<Order> findByClientOrderId(Instrument instrument, ClientOrderId clientOrderId) {
        state.ensureOpen();
        if (instrument.market() != Market.USDM_FUTURES) {
            return Optional.empty();
        }
        Map<String, String> query = base(instrument, false);
        query.put("orderLinkId", clientOrderId.value());
        return calls.order(query, clientOrderId).flatMap(node -> BybitLinearAdapters.order(account, instrument, node));
    }

    @Override
    public List<Fill> fills(Instrument instrument, Instant since) {
        state.ensureOpen();
        if (instrument.market() != Market.USDM_FUTURES) {
            return List.of();
        }
        return calls.fills(base(instrument, false), since, node -> BybitLinearAdapters.fill(account, instrument, node));
    }

    @Override
    public TradingRules rules(Instrument instrument) {
        state.ensureOpen();
        Objects.requireNonNull(instrument, "instrument");
        if (instrument.market() != Market.USDM_FUTURES || !instrument.quote().code().equals(BybitLinearAdapters.SETTLE_COIN)) {
            throw new NotFound("Bybit USDT perpetuals list no " + instrument);
        }
        return state.rules(instrument, () -> BybitLinearAdapters.rules(calls.instrument(base(instrument, false),
                BybitLinearGateway::isUnknownSymbol, () -> new NotFound("Bybit USDT perpetuals list no " + instrument))));
    }

    @Override
    public Optional<BigDecimal> price(Instrument instrument) {
        state.ensureOpen();
        if (instrument.market() != Market.USDM_FUTURES) {
            return Optional.empty();
        }
        return state.price(instrument, () -> calls.lastPrice(base(instrument, false), BybitLinearGateway::isUnknownSymbol,
                BybitLinearAdapters::optionalDecimal));
    }

    /** Reads the key's own description ({@code GET /v5/user/query-api}); see {@link BybitAdapters#permissions}. */
    @Override
    public CredentialCheck checkCredentials() {
        state.ensureOpen();
        return calls.checkCredentials(true);
    }

    @Override
    public void close() {
        // the HTTP client and the resilience are the provider's, shared by its gateways
        state.close();
    }

    /** {@code category=linear} and the symbol, or (for lists over all symbols) the settle coin Bybit then requires. */
    private static Map<String, String> base(@Nullable Instrument instrument, boolean settleCoinWithoutSymbol) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("category", BybitLinearAdapters.CATEGORY);
        if (instrument != null) {
            query.put("symbol", BybitLinearAdapters.symbol(instrument));
        } else if (settleCoinWithoutSymbol) {
            query.put("settleCoin", BybitLinearAdapters.SETTLE_COIN);
        }
        return query;
    }

    private static boolean isUnknownSymbol(int retCode) {
        return retCode == 10001 || retCode == 110023 || retCode == 10029;
    }

    @Override
    public String toString() {
        return "BybitLinearGateway[account=" + account + ", " + calls + "]";
    }
}
