package dev.bulwark.adapters.exchange.okx;

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
import dev.bulwark.domain.orders.OrderSize;
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
 * One OKX account's USDT perpetual swaps (API v5, {@code instType=SWAP}), cross margin. OKX sizes swaps in
 * contracts: the gateway reads each instrument's contract value (cached for an hour with its rules) and converts
 * every size, so callers see base-coin quantities as on every venue; an order that is not a whole number of lots is
 * refused before anything is sent. Every call goes through the provider's {@link VenueResilience}: reads may be
 * retried; placing, cancelling and setting leverage never. A request carrying leverage first sets it with
 * {@code POST /api/v5/account/set-leverage}; a refused leverage is a rejection and nothing is placed. Thread-safe;
 * see {@link VenueGateway} for the lifecycle.
 */
final class OkxSwapGateway implements VenueGateway {
    private final VenueAccountId account;
    private final OkxCalls calls;
    /** Each instrument's contract (its rules and contract value), cached as its rules. */
    private final GatewayState<OkxSwapAdapters.Contract> state;

    OkxSwapGateway(VenueDescriptor descriptor, VenueAccountId account, OkxClient client, VenueResilience resilience,
            TimeSource clock) {
        this.account = account;
        this.calls = new OkxCalls(client, resilience);
        this.state = new GatewayState<>("OKX swap", descriptor, account, clock);
    }

    @Override
    public Set<VenueCapability> capabilities() {
        return state.capabilities();
    }

    @Override
    public List<Holding> balances() {
        state.ensureOpen();
        return OkxSwapAdapters.holdings(account, calls.get("/api/v5/account/balance", Map.of()));
    }

    @Override
    public List<Position> positions() {
        state.ensureOpen();
        JsonNode data = calls.get("/api/v5/account/positions", Map.of("instType", OkxSwapAdapters.INST_TYPE));
        Map<Instrument, Position> byInstrument = new LinkedHashMap<>();
        for (JsonNode node : data) {
            Instrument instrument = OkxSwapAdapters.instrumentOf(OkxSwapAdapters.parsed(() -> OkxAdapters.text(node.get("instId"), "instId")));
            if (instrument == null) {
                continue;
            }
            OkxSwapAdapters.position(account, instrument, contract(instrument), node)
                    .ifPresent(position -> byInstrument.merge(instrument, position, OkxSwapAdapters::net));
        }
        return byInstrument.values().stream().filter(p -> !p.isFlat()).toList();
    }

    @Override
    public List<Order> openOrders(@Nullable Instrument instrument) {
        state.ensureOpen();
        if (instrument != null && instrument.market() != Market.USDM_FUTURES) {
            return List.of();
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("instType", OkxSwapAdapters.INST_TYPE);
        if (instrument != null) {
            query.put("instId", OkxSwapAdapters.instId(instrument));
        }
        List<Order> orders = new ArrayList<>();
        calls.paged("/api/v5/trade/orders-pending", query, "ordId", node -> {
            Instrument of = OkxSwapAdapters.instrumentOf(node.path("instId").asText(""));
            if (of != null && (instrument == null || of.equals(instrument))) {
                OkxSwapAdapters.order(account, of, contract(of), node, null).filter(o -> !o.status().isTerminal())
                        .ifPresent(orders::add);
            }
        });
        return List.copyOf(orders);
    }

    @Override
    public PlacementResult place(OrderRequest request) {
        state.ensureOpen();
        Optional<PlacementResult.Rejected> unsupported = state.unsupported(request);
        if (unsupported.isPresent()) {
            return unsupported.get();
        }
        OkxSwapAdapters.Contract contract;
        try {
            contract = contract(request.instrument());
        } catch (NotFound e) {
            return new PlacementResult.Rejected(PlacementResult.Rejected.UNKNOWN_INSTRUMENT, "OKX lists no swap "
                    + OkxSwapAdapters.instId(request.instrument()));
        }
        BigDecimal quantity = ((OrderSize.OfQuantity) request.size()).quantity();
        Optional<BigDecimal> count = contract.contracts(quantity);
        if (count.isEmpty()) {
            return new PlacementResult.Rejected(PlacementResult.Rejected.OUTSIDE_TRADING_RULES, "OKX trades "
                    + OkxSwapAdapters.instId(request.instrument()) + " in lots of " + contract.rules().lotStep().toPlainString()
                    + " " + request.instrument().base() + ", was " + quantity.toPlainString());
        }
        if (request.leverage() != null) {
            Optional<PlacementResult.Rejected> refused = setLeverage(request.instrument(), request.leverage());
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        return calls.place(OkxSwapAdapters.orderBody(request, count.get()), () -> state.accepted(request));
    }

    /** OKX takes a leverage with up to two decimals, per instrument, for cross margin. */
    private Optional<PlacementResult.Rejected> setLeverage(Instrument instrument, BigDecimal leverage) {
        BigDecimal value = Decimals.normalize(leverage);
        if (value.scale() > 2) {
            return Optional.of(new PlacementResult.Rejected(PlacementResult.Rejected.OUTSIDE_TRADING_RULES,
                    "OKX leverage has at most two decimals, was " + value.toPlainString()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("instId", OkxSwapAdapters.instId(instrument));
        body.put("lever", value.toPlainString());
        body.put("mgnMode", OkxSwapAdapters.TD_MODE);
        OkxClient.Reply reply = calls.post("/api/v5/account/set-leverage", body);
        return reply.ok() ? Optional.empty() : Optional.of(OkxErrorAdapter.rejection(reply.businessCode(), reply.businessMessage()));
    }

    @Override
    public CancelResult cancel(Instrument instrument, ClientOrderId clientOrderId) {
        state.ensureOpen();
        return calls.cancel(OkxSwapAdapters.VENUE, OkxSwapAdapters.instId(instrument), clientOrderId,
                () -> findByClientOrderId(instrument, clientOrderId));
    }

    @Override
    public Optional<Order> findByClientOrderId(Instrument instrument, ClientOrderId clientOrderId) {
        state.ensureOpen();
        if (instrument.market() != Market.USDM_FUTURES) {
            return Optional.empty();
        }
        return calls.order(OkxSwapAdapters.instId(instrument), clientOrderId)
                .flatMap(node -> OkxSwapAdapters.order(account, instrument, contract(instrument), node, clientOrderId));
    }

    @Override
    public List<Fill> fills(Instrument instrument, Instant since) {
        state.ensureOpen();
        if (instrument.market() != Market.USDM_FUTURES) {
            return List.of();
        }
        OkxSwapAdapters.Contract contract = contract(instrument);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("instType", OkxSwapAdapters.INST_TYPE);
        query.put("instId", OkxSwapAdapters.instId(instrument));
        query.put("begin", Long.toString(since.toEpochMilli()));
        return calls.fills(query, since, node -> OkxSwapAdapters.fill(account, instrument, contract, node));
    }

    @Override
    public TradingRules rules(Instrument instrument) {
        state.ensureOpen();
        Objects.requireNonNull(instrument, "instrument");
        return contract(instrument).rules();
    }

    /** The instrument's contract, cached for an hour. */
    private OkxSwapAdapters.Contract contract(Instrument instrument) {
        if (instrument.market() != Market.USDM_FUTURES || !instrument.quote().code().equals(OkxSwapAdapters.SETTLE)) {
            throw new NotFound("OKX lists no USDT swap for " + instrument);
        }
        return state.rules(instrument, () -> {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("instType", OkxSwapAdapters.INST_TYPE);
            query.put("instId", OkxSwapAdapters.instId(instrument));
            return OkxSwapAdapters.contract(calls.instrument(query,
                    () -> new NotFound("OKX lists no swap " + OkxSwapAdapters.instId(instrument))));
        });
    }

    @Override
    public Optional<BigDecimal> price(Instrument instrument) {
        state.ensureOpen();
        if (instrument.market() != Market.USDM_FUTURES) {
            return Optional.empty();
        }
        return state.price(instrument, () -> calls.lastPrice(OkxSwapAdapters.instId(instrument),
                last -> OkxSwapAdapters.parsed(() -> OkxAdapters.optionalDecimal(last))));
    }

    /** The key's permissions from {@code GET /api/v5/account/config} ({@code perm}: read_only, trade, withdraw). */
    @Override
    public CredentialCheck checkCredentials() {
        state.ensureOpen();
        return calls.checkCredentials();
    }

    @Override
    public void close() {
        state.close();
    }

    @Override
    public String toString() {
        return "OkxSwapGateway[account=" + account + ", " + calls + "]";
    }
}
