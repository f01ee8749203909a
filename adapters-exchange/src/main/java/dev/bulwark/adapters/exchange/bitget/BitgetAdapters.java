package dev.bulwark.adapters.exchange.bitget;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.adapters.exchange.support.VenueJson;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.market.TradingRules;
import dev.bulwark.domain.money.Asset;
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
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.venues.OrderRequest;
import dev.bulwark.ports.driven.venues.VenueGateway;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Bitget's wire JSON to and from the domain's records; the one place that knows Bitget's symbols
 * ({@code BTCUSDT}), order words and states. Stateless.
 */
final class BitgetAdapters {
    static final VenueId VENUE = new VenueId("bitget");
    private static final VenueJson FIELDS = new VenueJson(VENUE);

    private BitgetAdapters() {
    }

    static String symbol(Instrument instrument) {
        return instrument.base().code() + instrument.quote().code();
    }

    /**
     * Why Bitget cannot take this sizing, or empty: a spot market buy is sized in the quote coin and a market sell
     * in the base coin, with no switch between them.
     */
    static Optional<String> unsupportedSizing(OrderRequest request) {
        if (request.type() != OrderType.MARKET) {
            return Optional.empty();
        }
        boolean quoteSized = request.size() instanceof OrderSize.OfQuoteAmount;
        if (request.side() == OrderSide.BUY && !quoteSized) {
            return Optional.of("Bitget sizes a market buy by the quote amount to spend, not by a quantity");
        }
        if (request.side() == OrderSide.SELL && quoteSized) {
            return Optional.of("Bitget sizes a market sell by the quantity to sell, not by a quote amount");
        }
        return Optional.empty();
    }

    /** The body of {@code POST /api/v2/spot/trade/place-order}, in a fixed order (it is signed as sent). */
    static Map<String, String> orderBody(OrderRequest request) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("symbol", symbol(request.instrument()));
        body.put("side", request.side() == OrderSide.BUY ? "buy" : "sell");
        body.put("orderType", request.type() == OrderType.MARKET ? "market" : "limit");
        body.put("force", request.timeInForce().name().toLowerCase(java.util.Locale.ROOT));
        if (request.limitPrice() != null) {
            body.put("price", request.limitPrice().toPlainString());
        }
        body.put("size", switch (request.size()) {
            case OrderSize.OfQuantity quantity -> quantity.quantity().toPlainString();
            case OrderSize.OfQuoteAmount amount -> amount.amount().toPlainString();
        });
        body.put("clientOid", request.clientOrderId().value());
        return body;
    }

    /** Balances of {@code GET /api/v2/spot/account/assets}: available, and frozen plus locked. */
    static List<Holding> holdings(VenueAccountId account, JsonNode data) {
        List<Holding> holdings = new ArrayList<>();
        for (JsonNode asset : data) {
            BigDecimal available = decimal(asset.get("available"), "available").max(BigDecimal.ZERO);
            BigDecimal locked = optionalDecimal(asset.get("frozen")).orElse(BigDecimal.ZERO)
                    .add(optionalDecimal(asset.get("locked")).orElse(BigDecimal.ZERO)).max(BigDecimal.ZERO);
            if (available.signum() == 0 && locked.signum() == 0) {
                continue;
            }
            holdings.add(new Holding(account, VENUE, AccountKind.SPOT, Asset.of(text(asset.get("coin"), "coin")), available,
                    locked));
        }
        return List.copyOf(holdings);
    }

    /** One order of {@code orderInfo} or {@code unfilled-orders}; a market buy is sized in the quote coin. */
    static Optional<Order> order(VenueAccountId account, Instrument instrument, JsonNode node) {
        Optional<ClientOrderId> clientOrderId = clientOrderIdOf(node);
        if (clientOrderId.isEmpty()) {
            return Optional.empty();
        }
        OrderSide side = switch (text(node.get("side"), "side")) {
            case "buy" -> OrderSide.BUY;
            case "sell" -> OrderSide.SELL;
            default -> throw malformed("an order side it does not document");
        };
        OrderType type = switch (text(node.get("orderType"), "orderType")) {
            case "market" -> OrderType.MARKET;
            case "limit" -> OrderType.LIMIT;
            default -> throw malformed("an order type it does not document");
        };
        TimeInForce timeInForce = type == OrderType.MARKET ? TimeInForce.IOC : switch (node.path("force").asText("gtc")) {
            case "ioc" -> TimeInForce.IOC;
            case "fok" -> TimeInForce.FOK;
            default -> TimeInForce.GTC;
        };
        BigDecimal size = decimal(node.get("size"), "size");
        boolean quoteSized = type == OrderType.MARKET && side == OrderSide.BUY;
        OrderSize orderSize = quoteSized ? OrderSize.quoteAmount(size) : OrderSize.quantity(size);
        BigDecimal limitPrice = type == OrderType.LIMIT ? decimal(node.get("price"), "price") : null;
        BigDecimal filled = optionalDecimal(node.get("baseVolume")).orElse(BigDecimal.ZERO);
        OrderStatus status = switch (text(node.get("status"), "status")) {
            case "init", "new", "live" -> OrderStatus.ACCEPTED;
            case "partially_filled" -> OrderStatus.PARTIALLY_FILLED;
            case "filled" -> OrderStatus.FILLED;
            case "cancelled", "canceled" -> OrderStatus.CANCELLED;
            default -> throw malformed("an order status it does not document");
        };
        VenueJson.Progress progress = FIELDS.progress(status, filled, quoteSized ? null : size,
                () -> optionalDecimal(node.get("priceAvg")).filter(p -> p.signum() > 0));
        status = progress.status();
        BigDecimal average = progress.average();
        Instant created = millis(node.get("cTime"), "cTime");
        Instant updated = optionalDecimal(node.get("uTime")).map(ms -> Instant.ofEpochMilli(ms.longValue())).orElse(created);
        try {
            return Optional.of(new Order(VenueGateway.orderIdOf(account, clientOrderId.get()), clientOrderId.get(), account,
                    instrument, side, type, orderSize, limitPrice, null, null, timeInForce, status,
                    quoteSized ? filled : filled.min(size), average, created, updated.isBefore(created) ? created : updated));
        } catch (IllegalArgumentException e) {
            throw malformed("an order that does not hold together");
        }
    }

    /** One fill of {@code GET /api/v2/spot/trade/fills}, of the order known by {@code clientOrderId}. */
    static Fill fill(VenueAccountId account, Instrument instrument, ClientOrderId clientOrderId, JsonNode node) {
        OrderSide side = "buy".equals(text(node.get("side"), "side")) ? OrderSide.BUY : OrderSide.SELL;
        JsonNode fee = node.path("feeDetail");
        BigDecimal charged = optionalDecimal(fee.get("totalFee")).orElse(BigDecimal.ZERO);
        String feeCoin = fee.path("feeCoin").asText("");
        Asset feeAsset = feeCoin.isBlank() ? instrument.quote() : Asset.of(feeCoin);
        return new Fill(text(node.get("tradeId"), "tradeId"), VenueGateway.orderIdOf(account, clientOrderId), instrument,
                side, decimal(node.get("priceAvg"), "priceAvg"), decimal(node.get("size"), "size"),
                new Money(charged.abs(), feeAsset), millis(node.get("cTime"), "cTime"));
    }

    /**
     * The rules of one symbol of {@code GET /api/v2/spot/public/symbols}: tick and step from the stated precisions,
     * the minimum notional from {@code minTradeUSDT} (stated in USDT, so only for USDT-quoted pairs).
     */
    static TradingRules rules(Instrument instrument, JsonNode symbol) {
        BigDecimal tick = BigDecimal.ONE.scaleByPowerOfTen(-(int) decimal(symbol.get("pricePrecision"), "pricePrecision").longValue());
        BigDecimal step = BigDecimal.ONE.scaleByPowerOfTen(-(int) decimal(symbol.get("quantityPrecision"), "quantityPrecision").longValue());
        BigDecimal min = optionalDecimal(symbol.get("minTradeAmount")).orElse(BigDecimal.ZERO);
        BigDecimal max = optionalDecimal(symbol.get("maxTradeAmount")).filter(m -> m.compareTo(min) > 0).orElse(null);
        BigDecimal minNotional = instrument.quote().equals(Asset.USDT)
                ? optionalDecimal(symbol.get("minTradeUSDT")).orElse(BigDecimal.ZERO) : BigDecimal.ZERO;
        return new TradingRules(tick, step, min, max, minNotional);
    }

    static Optional<ClientOrderId> clientOrderIdOf(JsonNode node) {
        return VenueJson.firstClientOrderId(List.of(node.path("clientOid").asText(""), node.path("orderId").asText("")));
    }

    static BigDecimal decimal(@Nullable JsonNode node, String what) {
        return FIELDS.decimal(node, what);
    }

    static Optional<BigDecimal> optionalDecimal(@Nullable JsonNode node) {
        return FIELDS.optionalDecimal(node);
    }

    static String text(@Nullable JsonNode node, String what) {
        return FIELDS.text(node, what);
    }

    static Instant millis(@Nullable JsonNode node, String what) {
        return FIELDS.millis(node, what);
    }

    static VenueUnavailable malformed(String what) {
        return FIELDS.malformed(what);
    }
}
