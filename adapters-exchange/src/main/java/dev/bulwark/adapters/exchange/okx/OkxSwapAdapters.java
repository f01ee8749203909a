package dev.bulwark.adapters.exchange.okx;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.adapters.exchange.support.VenueAnswers;
import dev.bulwark.adapters.exchange.support.VenueJson;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.market.TradingRules;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.money.Decimals;
import dev.bulwark.domain.money.Money;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderSize;
import dev.bulwark.domain.orders.OrderStatus;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.orders.TimeInForce;
import dev.bulwark.domain.portfolio.AccountKind;
import dev.bulwark.domain.portfolio.Holding;
import dev.bulwark.domain.positions.Position;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.venues.OrderRequest;
import dev.bulwark.ports.driven.venues.VenueGateway;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * OKX's USDT-margined perpetual swaps ({@code instType=SWAP}, {@code BTC-USDT-SWAP}) to and from the domain's
 * records. OKX sizes swaps in contracts: each is worth {@code ctVal} of the base coin, so every size crossing here is
 * converted, base quantity = contracts × ctVal, with the contract value read from the instrument. Stateless; number
 * and text readers are the spot adapter's, their complaints told as this venue's.
 */
final class OkxSwapAdapters {
    static final VenueId VENUE = new VenueId("okx-swap");
    static final String INST_TYPE = "SWAP";
    static final String SETTLE = "USDT";
    /** Orders use the account's cross margin. */
    static final String TD_MODE = "cross";

    private OkxSwapAdapters() {
    }

    /**
     * A swap's contract: what one contract is worth in the base coin ({@code value}), the order lot in contracts,
     * and the rules in base units.
     */
    record Contract(BigDecimal value, BigDecimal lot, TradingRules rules) {
        /** The number of contracts for a base quantity, or empty when it is not a whole number of lots. */
        Optional<BigDecimal> contracts(BigDecimal quantity) {
            BigDecimal contracts = Decimals.normalize(quantity.divide(value, MathContext.DECIMAL128));
            BigDecimal lots = contracts.divide(lot, MathContext.DECIMAL128);
            return lots.stripTrailingZeros().scale() <= 0 ? Optional.of(contracts) : Optional.empty();
        }

        BigDecimal base(BigDecimal contracts) {
            return Decimals.normalize(contracts.multiply(value));
        }
    }

    static String instId(Instrument instrument) {
        return instrument.base().code() + "-" + instrument.quote().code() + "-SWAP";
    }

    /** The instrument of a USDT swap id ({@code BTC-USDT-SWAP}); null for anything else (coin-margined, futures). */
    static @Nullable Instrument instrumentOf(String instId) {
        String[] parts = instId.split("-");
        if (parts.length != 3 || !parts[1].equals(SETTLE) || !parts[2].equals(INST_TYPE)) {
            return null;
        }
        try {
            return new Instrument(Asset.of(parts[0]), Asset.USDT, Market.USDM_FUTURES);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The contract of {@code GET /api/v5/public/instruments?instType=SWAP}: {@code ctVal} base coin per contract, lot
     * and minimum in contracts turned into base units, tick as stated. OKX states no minimum notional.
     */
    static Contract contract(JsonNode instrument) {
        return parsed(() -> {
            BigDecimal value = OkxAdapters.decimal(instrument.get("ctVal"), "ctVal");
            BigDecimal lot = OkxAdapters.decimal(instrument.get("lotSz"), "lotSz");
            BigDecimal min = OkxAdapters.decimal(instrument.get("minSz"), "minSz");
            BigDecimal max = OkxAdapters.optionalDecimal(instrument.get("maxLmtSz")).filter(m -> m.compareTo(min) > 0).orElse(null);
            if (value.signum() <= 0 || lot.signum() <= 0) {
                throw OkxAdapters.malformed("a contract value or lot that is not positive");
            }
            try {
                return new Contract(value, lot, new TradingRules(OkxAdapters.decimal(instrument.get("tickSz"), "tickSz"),
                        Decimals.normalize(lot.multiply(value)), Decimals.normalize(min.multiply(value)),
                        max == null ? null : Decimals.normalize(max.multiply(value)), BigDecimal.ZERO));
            } catch (IllegalArgumentException e) {
                throw OkxAdapters.malformed("trading rules that do not hold together");
            }
        });
    }

    /**
     * The body of {@code POST /api/v5/trade/order} for {@code contracts} contracts, in a fixed order (it is signed as
     * sent): cross margin, net position mode (no {@code posSide}), {@code reduceOnly} the boolean OKX documents.
     */
    static Map<String, Object> orderBody(OrderRequest request, BigDecimal contracts) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("instId", instId(request.instrument()));
        body.put("tdMode", TD_MODE);
        body.put("clOrdId", OkxAdapters.wireId(request.clientOrderId()));
        body.put("side", request.side() == OrderSide.BUY ? "buy" : "sell");
        body.put("ordType", request.type() == OrderType.MARKET ? "market" : switch (request.timeInForce()) {
            case GTC -> "limit";
            case IOC -> "ioc";
            case FOK -> "fok";
        });
        if (request.limitPrice() != null) {
            body.put("px", request.limitPrice().toPlainString());
        }
        body.put("sz", contracts.toPlainString());
        if (request.reduceOnly()) {
            body.put("reduceOnly", true);
        }
        return body;
    }

    /**
     * The trading account of {@code GET /api/v5/account/balance}, every currency of which is margin for swaps on a
     * unified account, as FUTURES balances. The spot venue reads the same account.
     */
    static List<Holding> holdings(VenueAccountId account, JsonNode data) {
        return parsed(() -> {
            List<Holding> holdings = new ArrayList<>();
            for (Holding holding : OkxAdapters.holdings(account, data)) {
                holdings.add(new Holding(account, VENUE, AccountKind.FUTURES, holding.asset(), holding.free(), holding.locked()));
            }
            return List.copyOf(holdings);
        });
    }

    /**
     * One position of {@code GET /api/v5/account/positions}: {@code pos} contracts (signed in net mode; by
     * {@code posSide} in long/short mode) in base units, cost basis {@code |quantity| × avgPx}, the position's
     * {@code realizedPnl}, {@code lever}. Empty when flat.
     */
    static Optional<Position> position(VenueAccountId account, Instrument instrument, Contract contract, JsonNode node) {
        return parsed(() -> {
            BigDecimal pos = OkxAdapters.optionalDecimal(node.get("pos")).orElse(BigDecimal.ZERO);
            if (pos.signum() == 0) {
                return Optional.empty();
            }
            BigDecimal quantity = contract.base(switch (node.path("posSide").asText("net")) {
                case "long" -> pos.abs();
                case "short" -> pos.abs().negate();
                default -> pos;
            });
            BigDecimal entry = OkxAdapters.decimal(node.get("avgPx"), "avgPx");
            BigDecimal realized = OkxAdapters.optionalDecimal(node.get("realizedPnl")).orElse(BigDecimal.ZERO);
            BigDecimal leverage = OkxAdapters.optionalDecimal(node.get("lever")).orElse(BigDecimal.ONE).max(BigDecimal.ONE);
            try {
                return Optional.of(new Position(account, instrument, quantity, new Money(quantity.abs().multiply(entry), Asset.USDT),
                        new Money(realized, Asset.USDT), leverage));
            } catch (IllegalArgumentException e) {
                throw OkxAdapters.malformed("a position that does not hold together");
            }
        });
    }

    /** Two positions of one instrument (long/short mode) as one: quantities added, the larger side's basis scaled. */
    static Position net(Position one, Position other) {
        Position larger = one.quantity().abs().compareTo(other.quantity().abs()) >= 0 ? one : other;
        BigDecimal quantity = one.quantity().add(other.quantity());
        BigDecimal basis = quantity.signum() == 0 ? BigDecimal.ZERO
                : Decimals.divide(larger.costBasis().amount().multiply(quantity.abs()), larger.quantity().abs());
        return new Position(one.account(), one.instrument(), quantity, new Money(basis, Asset.USDT),
                one.realizedPnl().plus(other.realizedPnl()), larger.leverage());
    }

    /**
     * One order of {@code GET /api/v5/trade/order} or {@code orders-pending}, sizes in base units; {@code known} is
     * the client order id asked for, reported when the wire id is its digest.
     */
    static Optional<Order> order(VenueAccountId account, Instrument instrument, Contract contract, JsonNode node,
            @Nullable ClientOrderId known) {
        return parsed(() -> {
            Optional<ClientOrderId> clientOrderId = OkxAdapters.clientOrderIdOf(node, known);
            if (clientOrderId.isEmpty()) {
                return Optional.empty();
            }
            OrderSide side = switch (OkxAdapters.text(node.get("side"), "side")) {
                case "buy" -> OrderSide.BUY;
                case "sell" -> OrderSide.SELL;
                default -> throw OkxAdapters.malformed("an order side it does not document");
            };
            String ordType = OkxAdapters.text(node.get("ordType"), "ordType");
            OrderType type = switch (ordType) {
                case "market", "optimal_limit_ioc" -> OrderType.MARKET;
                case "limit", "post_only", "fok", "ioc" -> OrderType.LIMIT;
                default -> throw OkxAdapters.malformed("an order type it does not document here");
            };
            TimeInForce timeInForce = switch (ordType) {
                case "market", "optimal_limit_ioc", "ioc" -> TimeInForce.IOC;
                case "fok" -> TimeInForce.FOK;
                default -> TimeInForce.GTC;
            };
            BigDecimal size = contract.base(OkxAdapters.decimal(node.get("sz"), "sz"));
            BigDecimal filled = contract.base(OkxAdapters.optionalDecimal(node.get("accFillSz")).orElse(BigDecimal.ZERO));
            BigDecimal limitPrice = type == OrderType.LIMIT ? OkxAdapters.decimal(node.get("px"), "px") : null;
            OrderStatus status = switch (OkxAdapters.text(node.get("state"), "state")) {
                case "live", "canceling" -> OrderStatus.ACCEPTED;
                case "partially_filled" -> OrderStatus.PARTIALLY_FILLED;
                case "filled" -> OrderStatus.FILLED;
                case "canceled", "mmp_canceled" -> OrderStatus.CANCELLED;
                default -> throw OkxAdapters.malformed("an order state it does not document");
            };
            VenueJson.Progress progress = OkxAdapters.FIELDS.progress(status, filled, size,
                    () -> OkxAdapters.optionalDecimal(node.get("avgPx")).filter(p -> p.signum() > 0));
            status = progress.status();
            BigDecimal average = progress.average();
            Instant created = OkxAdapters.millis(node.get("cTime"), "cTime");
            Instant updated = OkxAdapters.optionalDecimal(node.get("uTime")).map(ms -> Instant.ofEpochMilli(ms.longValue()))
                    .orElse(created);
            try {
                return Optional.of(new Order(VenueGateway.orderIdOf(account, clientOrderId.get()), clientOrderId.get(), account,
                        instrument, side, type, OrderSize.quantity(size), limitPrice, null, null, timeInForce, status,
                        filled.min(size), average, created, updated.isBefore(created) ? created : updated));
            } catch (IllegalArgumentException e) {
                throw OkxAdapters.malformed("an order that does not hold together");
            }
        });
    }

    /** One fill of {@code GET /api/v5/trade/fills-history}, its size in base units; a charged fee is negative. */
    static Optional<Fill> fill(VenueAccountId account, Instrument instrument, Contract contract, JsonNode node) {
        return parsed(() -> {
            Optional<ClientOrderId> clientOrderId = OkxAdapters.clientOrderIdOf(node, null);
            if (clientOrderId.isEmpty()) {
                return Optional.empty();
            }
            OrderSide side = switch (OkxAdapters.text(node.get("side"), "side")) {
                case "buy" -> OrderSide.BUY;
                case "sell" -> OrderSide.SELL;
                default -> throw OkxAdapters.malformed("a fill side it does not document");
            };
            BigDecimal fee = OkxAdapters.optionalDecimal(node.get("fee")).orElse(BigDecimal.ZERO);
            String feeCcy = node.path("feeCcy").asText("");
            try {
                return Optional.of(new Fill(OkxAdapters.text(node.get("tradeId"), "tradeId"),
                        VenueGateway.orderIdOf(account, clientOrderId.get()), instrument, side,
                        OkxAdapters.decimal(node.get("fillPx"), "fillPx"),
                        contract.base(OkxAdapters.decimal(node.get("fillSz"), "fillSz")),
                        new Money(fee.signum() < 0 ? fee.negate() : BigDecimal.ZERO, feeCcy.isBlank() ? Asset.USDT : Asset.of(feeCcy)),
                        OkxAdapters.millis(node.get("ts"), "ts")));
            } catch (IllegalArgumentException e) {
                throw OkxAdapters.malformed("a fill that does not hold together");
            }
        });
    }

    /** Runs a reader of the spot adapter, telling its complaint about a malformed answer as this venue's. */
    static <T> T parsed(Supplier<T> read) {
        return VenueAnswers.readAs(VENUE, read);
    }
}
