package dev.bulwark.adapters.exchange.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.adapters.exchange.support.VenueJson;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.TradingRules;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.money.Decimals;
import dev.bulwark.domain.money.Money;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.orders.OrderSize;
import dev.bulwark.domain.orders.OrderStatus;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.orders.TimeInForce;
import dev.bulwark.domain.portfolio.AccountKind;
import dev.bulwark.domain.portfolio.Holding;
import dev.bulwark.domain.venues.Permission;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.venues.OrderRequest;
import dev.bulwark.ports.driven.venues.VenueGateway;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Bybit's wire JSON to and from the domain's records; the one place that knows Bybit's symbols ({@code BTCUSDT}),
 * side and status words. Stateless.
 */
final class BybitAdapters {
    static final VenueId VENUE = new VenueId("bybit");
    /** Bybit's numbers are kept at the scale it writes them. */
    private static final VenueJson FIELDS = new VenueJson(VENUE, false);

    private BybitAdapters() {
    }

    static String symbol(Instrument instrument) {
        return instrument.base().code() + instrument.quote().code();
    }

    /** The body of {@code POST /v5/order/create}, in a fixed order (it is signed as sent). */
    static Map<String, String> orderBody(OrderRequest request) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("category", "spot");
        body.put("symbol", symbol(request.instrument()));
        body.put("side", request.side() == OrderSide.BUY ? "Buy" : "Sell");
        body.put("orderType", request.type() == OrderType.MARKET ? "Market" : "Limit");
        switch (request.size()) {
            case OrderSize.OfQuantity quantity -> {
                body.put("qty", quantity.quantity().toPlainString());
                if (request.type() == OrderType.MARKET) {
                    // a spot market buy is sized in the quote coin unless told otherwise
                    body.put("marketUnit", "baseCoin");
                }
            }
            case OrderSize.OfQuoteAmount amount -> {
                body.put("qty", amount.amount().toPlainString());
                body.put("marketUnit", "quoteCoin");
            }
        }
        if (request.limitPrice() != null) {
            body.put("price", request.limitPrice().toPlainString());
        }
        body.put("timeInForce", request.timeInForce().name());
        body.put("orderLinkId", request.clientOrderId().value());
        return body;
    }

    /** Balances of {@code GET /v5/account/wallet-balance}: free is the wallet balance less what orders lock. */
    static List<Holding> holdings(VenueAccountId account, JsonNode result) {
        List<Holding> holdings = new ArrayList<>();
        for (JsonNode wallet : result.path("list")) {
            for (JsonNode coin : wallet.path("coin")) {
                BigDecimal balance = decimal(coin.get("walletBalance"), "walletBalance");
                BigDecimal locked = optionalDecimal(coin.get("locked")).orElse(BigDecimal.ZERO).max(BigDecimal.ZERO);
                if (balance.signum() <= 0 && locked.signum() == 0) {
                    continue;
                }
                BigDecimal held = balance.max(BigDecimal.ZERO);
                BigDecimal lockedPart = locked.min(held);
                holdings.add(new Holding(account, VENUE, AccountKind.SPOT, Asset.of(text(coin.get("coin"), "coin")),
                        held.subtract(lockedPart), lockedPart));
            }
        }
        return List.copyOf(holdings);
    }

    /**
     * One order of {@code GET /v5/order/realtime} or {@code /v5/order/history}, or empty when it is not one we can
     * name (no usable client id) or not for {@code instrument}.
     */
    static Optional<Order> order(VenueAccountId account, Instrument instrument, JsonNode node) {
        Optional<ClientOrderId> clientOrderId = clientOrderIdOf(node);
        if (clientOrderId.isEmpty()) {
            return Optional.empty();
        }
        OrderSide side = switch (text(node.get("side"), "side")) {
            case "Buy" -> OrderSide.BUY;
            case "Sell" -> OrderSide.SELL;
            default -> throw malformed("an order side it does not document");
        };
        OrderType type = switch (text(node.get("orderType"), "orderType")) {
            case "Market" -> OrderType.MARKET;
            case "Limit" -> OrderType.LIMIT;
            default -> throw malformed("an order type it does not document");
        };
        BigDecimal qty = decimal(node.get("qty"), "qty");
        boolean quoteSized = type == OrderType.MARKET && "quoteCoin".equals(node.path("marketUnit").asText(""));
        OrderSize size = quoteSized ? OrderSize.quoteAmount(qty) : OrderSize.quantity(qty);
        TimeInForce timeInForce = type == OrderType.MARKET ? TimeInForce.IOC : switch (node.path("timeInForce").asText("GTC")) {
            case "IOC" -> TimeInForce.IOC;
            case "FOK" -> TimeInForce.FOK;
            default -> TimeInForce.GTC; // GTC and PostOnly rest on the book
        };
        BigDecimal limitPrice = type == OrderType.LIMIT ? decimal(node.get("price"), "price") : null;
        BigDecimal filled = optionalDecimal(node.get("cumExecQty")).orElse(BigDecimal.ZERO);
        OrderStatus status = status(text(node.get("orderStatus"), "orderStatus"));
        VenueJson.Progress progress = FIELDS.progress(status, filled, quoteSized ? null : qty,
                () -> optionalDecimal(node.get("avgPrice")).filter(p -> p.signum() > 0)
                    .or(() -> optionalDecimal(node.get("cumExecValue")).filter(v -> v.signum() > 0)
                            .map(value -> Decimals.divide(value, filled))));
        status = progress.status();
        BigDecimal average = progress.average();
        Instant created = millis(node.get("createdTime"), "createdTime");
        Instant updated = optionalDecimal(node.get("updatedTime")).map(ms -> Instant.ofEpochMilli(ms.longValue())).orElse(created);
        if (updated.isBefore(created)) {
            updated = created;
        }
        try {
            return Optional.of(new Order(VenueGateway.orderIdOf(account, clientOrderId.get()), clientOrderId.get(), account,
                    instrument, side, type, size, limitPrice, null, null, timeInForce, status,
                    filled.min(quoteSized ? filled : qty), average, created, updated));
        } catch (IllegalArgumentException e) {
            throw malformed("an order that does not hold together");
        }
    }

    static OrderStatus status(String orderStatus) {
        return switch (orderStatus) {
            case "New", "Created", "Untriggered", "Triggered", "Active" -> OrderStatus.ACCEPTED;
            case "PartiallyFilled" -> OrderStatus.PARTIALLY_FILLED;
            case "Filled" -> OrderStatus.FILLED;
            case "Cancelled", "PartiallyFilledCanceled", "Deactivated" -> OrderStatus.CANCELLED;
            case "Rejected" -> OrderStatus.REJECTED;
            default -> throw malformed("an order status it does not document");
        };
    }

    /** One execution of {@code GET /v5/execution/list}; empty when its order has no usable client id. */
    static Optional<Fill> fill(VenueAccountId account, Instrument instrument, JsonNode node) {
        Optional<ClientOrderId> clientOrderId = clientOrderIdOf(node);
        if (clientOrderId.isEmpty()) {
            return Optional.empty();
        }
        OrderSide side = "Buy".equals(text(node.get("side"), "side")) ? OrderSide.BUY : OrderSide.SELL;
        BigDecimal fee = optionalDecimal(node.get("execFee")).orElse(BigDecimal.ZERO).abs();
        String feeCoin = node.path("feeCurrency").asText("");
        Asset feeAsset = feeCoin.isBlank() ? (side == OrderSide.BUY ? instrument.base() : instrument.quote()) : Asset.of(feeCoin);
        return Optional.of(new Fill(text(node.get("execId"), "execId"), VenueGateway.orderIdOf(account, clientOrderId.get()),
                instrument, side, decimal(node.get("execPrice"), "execPrice"), decimal(node.get("execQty"), "execQty"),
                new Money(fee, feeAsset), millis(node.get("execTime"), "execTime")));
    }

    /** The rules of one spot instrument of {@code GET /v5/market/instruments-info}. */
    static TradingRules rules(JsonNode instrument) {
        JsonNode lot = instrument.path("lotSizeFilter");
        BigDecimal step = optionalDecimal(lot.get("basePrecision")).orElseGet(() -> decimal(lot.get("qtyStep"), "qtyStep"));
        BigDecimal min = decimal(lot.get("minOrderQty"), "minOrderQty");
        BigDecimal max = optionalDecimal(lot.get("maxOrderQty")).filter(m -> m.compareTo(min) > 0).orElse(null);
        BigDecimal minNotional = optionalDecimal(lot.get("minOrderAmt")).orElseGet(() -> optionalDecimal(lot.get("minNotionalValue"))
                .orElse(BigDecimal.ZERO));
        return new TradingRules(decimal(instrument.path("priceFilter").get("tickSize"), "tickSize"), step, min, max, minNotional);
    }

    /**
     * What the key may do, from {@code GET /v5/user/query-api}: trading needs a key that is not read-only and, for
     * spot, {@code Spot: SpotTrade}, for contracts {@code ContractTrade: Order} (or, on a unified account,
     * {@code Derivatives: DerivativesTrade}); withdrawing shows as {@code Wallet: Withdraw}.
     */
    static Set<Permission> permissions(JsonNode key, boolean contracts) {
        Set<Permission> permissions = EnumSet.of(Permission.READ);
        JsonNode granted = key.path("permissions");
        boolean trades = contracts
                ? contains(granted.path("ContractTrade"), "Order") || contains(granted.path("Derivatives"), "DerivativesTrade")
                : contains(granted.path("Spot"), "SpotTrade");
        if (key.path("readOnly").asInt(1) == 0 && trades) {
            permissions.add(Permission.TRADE);
        }
        if (contains(granted.path("Wallet"), "Withdraw")) {
            permissions.add(Permission.WITHDRAW);
        }
        return permissions;
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode item : array) {
            if (value.equals(item.asText())) {
                return true;
            }
        }
        return false;
    }

    static Optional<ClientOrderId> clientOrderIdOf(JsonNode node) {
        return VenueJson.firstClientOrderId(List.of(node.path("orderLinkId").asText(""), node.path("orderId").asText("")));
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
