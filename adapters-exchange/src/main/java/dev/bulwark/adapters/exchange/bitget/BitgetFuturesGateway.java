package dev.bulwark.adapters.exchange.bitget;

import com.fasterxml.jackson.databind.JsonNode;
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
 * One Bitget USDT-M futures account (API v2 "mix", {@code productType=USDT-FUTURES}), one-way position mode, cross
 * margin. Every call goes through the provider's {@link VenueResilience}: reads may be retried; placing, cancelling
 * and setting leverage never. A request carrying leverage first sets the symbol's leverage with
 * {@code POST /api/v2/mix/account/set-leverage} (Bitget keeps it per symbol, not per order); a refused leverage is a
 * rejection and nothing is placed. Trading rules are cached for an hour and prices for a few seconds, on the
 * connection's clock. Thread-safe; see {@link VenueGateway} for the lifecycle.
 */
final class BitgetFuturesGateway implements VenueGateway {
    private static final int MAX_LEVERAGE = 125;

    private final VenueAccountId account;
    private final BitgetCalls calls;
    private final GatewayState<TradingRules> state;

    BitgetFuturesGateway(VenueDescriptor descriptor, VenueAccountId account, BitgetClient client, VenueResilience resilience,
            TimeSource clock) {
        this.account = account;
        this.calls = new BitgetCalls(client, resilience);
        this.state = new GatewayState<>("Bitget futures", descriptor, account, clock);
    }

    @Override
    public Set<VenueCapability> capabilities() {
        return state.capabilities();
    }

    @Override
    public List<Holding> balances() {
        state.ensureOpen();
        return BitgetFuturesAdapters.holdings(account, calls.get("/api/v2/mix/account/accounts",
                Map.of("productType", BitgetFuturesAdapters.PRODUCT_TYPE)));
    }

    @Override
    public List<Position> positions() {
        state.ensureOpen();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("productType", BitgetFuturesAdapters.PRODUCT_TYPE);
        query.put("marginCoin", BitgetFuturesAdapters.MARGIN_COIN);
        return BitgetFuturesAdapters.positions(account, calls.get("/api/v2/mix/position/all-position", query));
    }

    @Override
    public List<Order> openOrders(@Nullable Instrument instrument) {
        state.ensureOpen();
        if (instrument != null && instrument.market() != Market.USDM_FUTURES) {
            return List.of();
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("productType", BitgetFuturesAdapters.PRODUCT_TYPE);
        if (instrument != null) {
            query.put("symbol", BitgetFuturesAdapters.symbol(instrument));
        }
        List<Order> orders = new ArrayList<>();
        calls.paged("/api/v2/mix/order/orders-pending", query, data -> data.path("entrustedList"), "orderId", node -> {
            Instrument of = instrument != null ? instrument
                    : BitgetFuturesAdapters.instrumentOf(BitgetFuturesAdapters.text(node.get("symbol"), "symbol"));
            if (of != null) {
                BitgetFuturesAdapters.order(account, of, node).filter(o -> !o.status().isTerminal()).ifPresent(orders::add);
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
        return calls.place("/api/v2/mix/order/place-order", BitgetFuturesAdapters.orderBody(request),
                () -> state.accepted(request));
    }

    /** Bitget's leverage is a whole number from 1 to the contract's maximum (125 at most). */
    private Optional<PlacementResult.Rejected> setLeverage(Instrument instrument, BigDecimal leverage) {
        BigDecimal whole = Decimals.normalize(leverage);
        if (whole.scale() > 0 || whole.compareTo(BigDecimal.valueOf(MAX_LEVERAGE)) > 0) {
            return Optional.of(new PlacementResult.Rejected(PlacementResult.Rejected.OUTSIDE_TRADING_RULES,
                    "Bitget futures leverage is a whole number from 1 to " + MAX_LEVERAGE + ", was " + whole.toPlainString()));
        }
        Map<String, String> body = symbolProductMargin(instrument);
        body.put("leverage", whole.toPlainString());
        BitgetClient.Reply reply = calls.post("/api/v2/mix/account/set-leverage", body);
        return reply.ok() ? Optional.empty() : Optional.of(BitgetErrorAdapter.rejection(reply.code(), reply.msg()));
    }

    @Override
    public CancelResult cancel(Instrument instrument, ClientOrderId clientOrderId) {
        state.ensureOpen();
        Map<String, String> body = symbolProductMargin(instrument);
        body.put("clientOid", clientOrderId.value());
        return calls.cancel("/api/v2/mix/order/cancel-order", BitgetFuturesAdapters.VENUE, body, clientOrderId,
                () -> findByClientOrderId(instrument, clientOrderId));
    }

    @Override
    public Optional<Order> findByClientOrderId(Instrument instrument, ClientOrderId clientOrderId) {
        state.ensureOpen();
        if (instrument.market() != Market.USDM_FUTURES) {
            return Optional.empty();
        }
        return detail(instrument, "clientOid", clientOrderId.value())
                .filter(node -> clientOrderId.value().equals(node.path("clientOid").asText("")))
                .flatMap(node -> BitgetFuturesAdapters.order(account, instrument, node));
    }

    private Optional<JsonNode> detail(Instrument instrument, String by, String id) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("symbol", BitgetFuturesAdapters.symbol(instrument));
        query.put("productType", BitgetFuturesAdapters.PRODUCT_TYPE);
        query.put(by, id);
        return calls.order("/api/v2/mix/order/detail", query).filter(JsonNode::isObject);
    }

    @Override
    public List<Fill> fills(Instrument instrument, Instant since) {
        state.ensureOpen();
        if (instrument.market() != Market.USDM_FUTURES) {
            return List.of();
        }
        Map<String, String> query = productAndSymbol(instrument);
        query.put("startTime", Long.toString(since.toEpochMilli()));
        return calls.fills("/api/v2/mix/order/fills", query, data -> data.path("fillList"), since,
                node -> BitgetFuturesAdapters.text(node.get("orderId"), "orderId"), id -> detail(instrument, "orderId", id),
                (clientOrderId, node) -> BitgetFuturesAdapters.fill(account, instrument, clientOrderId, node));
    }

    @Override
    public TradingRules rules(Instrument instrument) {
        state.ensureOpen();
        Objects.requireNonNull(instrument, "instrument");
        if (instrument.market() != Market.USDM_FUTURES || !instrument.quote().code().equals(BitgetFuturesAdapters.MARGIN_COIN)) {
            throw new NotFound("Bitget USDT-M futures list no " + instrument);
        }
        return state.rules(instrument, () -> BitgetFuturesAdapters.rules(calls.ofSymbol("/api/v2/mix/market/contracts",
                        productAndSymbol(instrument)).filter(data -> data.isArray() && !data.isEmpty())
                .orElseThrow(() -> new NotFound("Bitget USDT-M futures list no " + instrument)).get(0)));
    }

    @Override
    public Optional<BigDecimal> price(Instrument instrument) {
        state.ensureOpen();
        if (instrument.market() != Market.USDM_FUTURES) {
            return Optional.empty();
        }
        return state.price(instrument, () -> calls.lastPrice("/api/v2/mix/market/ticker", productAndSymbol(instrument),
                BitgetFuturesAdapters::optionalDecimal));
    }

    /**
     * Proves the key works by reading the futures accounts. Bitget's answer does not say whether the key may trade or
     * withdraw, so this gateway declares no {@link VenueCapability#PERMISSIONS} and reports only {@code READ}.
     */
    @Override
    public CredentialCheck checkCredentials() {
        state.ensureOpen();
        return calls.checkCredentials("/api/v2/mix/account/accounts", Map.of("productType", BitgetFuturesAdapters.PRODUCT_TYPE));
    }

    @Override
    public void close() {
        state.close();
    }

    private static Map<String, String> productAndSymbol(Instrument instrument) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("productType", BitgetFuturesAdapters.PRODUCT_TYPE);
        query.put("symbol", BitgetFuturesAdapters.symbol(instrument));
        return query;
    }

    /** What Bitget's futures writes name first: the symbol, the product type and the margin coin, in that order. */
    private static Map<String, String> symbolProductMargin(Instrument instrument) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("symbol", BitgetFuturesAdapters.symbol(instrument));
        body.put("productType", BitgetFuturesAdapters.PRODUCT_TYPE);
        body.put("marginCoin", BitgetFuturesAdapters.MARGIN_COIN);
        return body;
    }

    @Override
    public String toString() {
        return "BitgetFuturesGateway[account=" + account + ", " + calls + "]";
    }
}
