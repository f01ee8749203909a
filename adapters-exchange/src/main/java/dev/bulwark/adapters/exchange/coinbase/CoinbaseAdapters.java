package dev.bulwark.adapters.exchange.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Coinbase Advanced Trade's wire values to Bulwark's records and back. Products are {@code BASE-QUOTE}
 * ({@code BTC-USD}); currencies are the common codes. Order configurations: {@code market_market_ioc} (by base or
 * quote size), {@code limit_limit_gtc}, {@code sor_limit_ioc}, {@code limit_limit_fok} and
 * {@code stop_limit_stop_limit_gtc} (a stop-loss or take-profit limit by its stop direction). Stateless; malformed
 * values throw {@link IllegalArgumentException}, which the gateway reports as an unreadable answer.
 */
final class CoinbaseAdapters {
    private CoinbaseAdapters() {
    }

    static String product(Instrument instrument) {
        return instrument.base().code() + "-" + instrument.quote().code();
    }

    /** Holdings from {@code accounts}: {@code available_balance} free, {@code hold} locked; empty wallets left out. */
    static List<Holding> holdings(VenueAccountId account, VenueId venue, JsonNode accounts) {
        Map<Asset, BigDecimal[]> sums = new LinkedHashMap<>();
        for (JsonNode wallet : accounts) {
            if (wallet.has("active") && !wallet.path("active").asBoolean(true)) {
                continue;
            }
            Asset asset;
            try {
                asset = Asset.of(wallet.path("currency").asText(""));
            } catch (IllegalArgumentException e) {
                continue; // a currency code outside the common form is not tradable here
            }
            BigDecimal free = decimal(wallet.path("available_balance").get("value"), "available_balance");
            BigDecimal hold = wallet.path("hold").hasNonNull("value") ? decimal(wallet.path("hold").get("value"), "hold")
                    : BigDecimal.ZERO;
            sums.merge(asset, new BigDecimal[] {free.max(BigDecimal.ZERO), hold.max(BigDecimal.ZERO)},
                    (a, b) -> new BigDecimal[] {a[0].add(b[0]), a[1].add(b[1])});
        }
        List<Holding> holdings = new ArrayList<>();
        sums.forEach((asset, amounts) -> {
            if (amounts[0].signum() > 0 || amounts[1].signum() > 0) {
                holdings.add(new Holding(account, venue, AccountKind.SPOT, asset, amounts[0], amounts[1]));
            }
        });
        return List.copyOf(holdings);
    }

    /** The create-order body of a request; empty when Coinbase has no configuration for it. */
    static Optional<ObjectNode> createOrder(OrderRequest request) {
        ObjectNode body = CoinbaseClient.JSON.createObjectNode();
        body.put("client_order_id", request.clientOrderId().value());
        body.put("product_id", product(request.instrument()));
        body.put("side", request.side() == OrderSide.BUY ? "BUY" : "SELL");
        ObjectNode configuration = body.putObject("order_configuration");
        String base = request.size() instanceof OrderSize.OfQuantity(BigDecimal quantity) ? quantity.toPlainString() : null;
        switch (request.type()) {
            case MARKET -> {
                ObjectNode market = configuration.putObject("market_market_ioc");
                if (request.size() instanceof OrderSize.OfQuoteAmount(BigDecimal amount)) {
                    market.put("quote_size", amount.toPlainString());
                } else {
                    market.put("base_size", base);
                }
            }
            case LIMIT -> {
                String name = switch (request.timeInForce()) {
                    case GTC -> "limit_limit_gtc";
                    case IOC -> "sor_limit_ioc";
                    case FOK -> "limit_limit_fok";
                };
                ObjectNode limit = configuration.putObject(name).put("base_size", base)
                        .put("limit_price", plain(request.limitPrice()));
                if (request.timeInForce() == TimeInForce.GTC) {
                    limit.put("post_only", false);
                }
            }
            case STOP_LIMIT, TAKE_PROFIT_LIMIT -> {
                if (request.timeInForce() != TimeInForce.GTC) {
                    return Optional.empty();
                }
                // a stop-loss triggers against the position, a take-profit with it
                boolean up = request.type() == OrderType.STOP_LIMIT == (request.side() == OrderSide.BUY);
                configuration.putObject("stop_limit_stop_limit_gtc").put("base_size", base)
                        .put("limit_price", plain(request.limitPrice())).put("stop_price", plain(request.stopPrice()))
                        .put("stop_direction", up ? "STOP_DIRECTION_STOP_UP" : "STOP_DIRECTION_STOP_DOWN");
            }
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of(body);
    }

    /** One order of {@code orders/historical}; empty for a configuration Bulwark does not model (TWAP, brackets). */
    static Optional<Order> order(VenueAccountId account, JsonNode order, Instrument instrument) {
        JsonNode configurations = order.path("order_configuration");
        Iterator<Map.Entry<String, JsonNode>> fields = configurations.fields();
        if (!fields.hasNext()) {
            return Optional.empty();
        }
        Map.Entry<String, JsonNode> configuration = fields.next();
        JsonNode c = configuration.getValue();
        OrderSide side = switch (order.path("side").asText("")) {
            case "BUY" -> OrderSide.BUY;
            case "SELL" -> OrderSide.SELL;
            default -> throw new IllegalArgumentException("an order side that is neither BUY nor SELL");
        };
        OrderType type;
        TimeInForce timeInForce;
        BigDecimal limit = null;
        BigDecimal stop = null;
        switch (configuration.getKey()) {
            case "market_market_ioc" -> {
                type = OrderType.MARKET;
                timeInForce = TimeInForce.IOC;
            }
            case "limit_limit_gtc", "limit_limit_gtd" -> {
                type = OrderType.LIMIT;
                timeInForce = TimeInForce.GTC;
            }
            case "sor_limit_ioc" -> {
                type = OrderType.LIMIT;
                timeInForce = TimeInForce.IOC;
            }
            case "limit_limit_fok" -> {
                type = OrderType.LIMIT;
                timeInForce = TimeInForce.FOK;
            }
            case "stop_limit_stop_limit_gtc", "stop_limit_stop_limit_gtd" -> {
                boolean up = c.path("stop_direction").asText("").endsWith("STOP_UP");
                type = up == (side == OrderSide.BUY) ? OrderType.STOP_LIMIT : OrderType.TAKE_PROFIT_LIMIT;
                timeInForce = TimeInForce.GTC;
                stop = decimal(c.get("stop_price"), "stop_price");
            }
            default -> {
                return Optional.empty();
            }
        }
        if (type.needsLimitPrice()) {
            limit = decimal(c.get("limit_price"), "limit_price");
        }
        String quoteSize = c.path("quote_size").asText("");
        String baseSize = c.path("base_size").asText("");
        OrderSize size = type == OrderType.MARKET && baseSize.isEmpty() && !quoteSize.isEmpty()
                ? OrderSize.quoteAmount(decimal(c.get("quote_size"), "quote_size"))
                : OrderSize.quantity(decimal(c.get("base_size"), "base_size"));
        BigDecimal filled = order.hasNonNull("filled_size") ? decimal(order.get("filled_size"), "filled_size") : BigDecimal.ZERO;
        OrderStatus status = switch (order.path("status").asText("")) {
            case "PENDING", "OPEN", "QUEUED", "CANCEL_QUEUED", "UNKNOWN_ORDER_STATUS" ->
                    filled.signum() > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.ACCEPTED;
            case "FILLED" -> OrderStatus.FILLED;
            case "CANCELLED" -> OrderStatus.CANCELLED;
            case "EXPIRED" -> OrderStatus.EXPIRED;
            case "FAILED" -> filled.signum() > 0 ? OrderStatus.CANCELLED : OrderStatus.REJECTED;
            default -> throw new IllegalArgumentException("an order status Coinbase does not document");
        };
        if (size instanceof OrderSize.OfQuantity(BigDecimal quantity)) {
            if (status == OrderStatus.FILLED) {
                filled = quantity; // Coinbase's FILLED is all of it, whatever rounding its filled_size shows
            } else if (filled.compareTo(quantity) >= 0) {
                status = OrderStatus.FILLED;
                filled = quantity;
            }
        }
        BigDecimal average = null;
        if (filled.signum() > 0) {
            average = decimal(order.get("average_filled_price"), "average_filled_price");
            if (average.signum() <= 0) {
                throw new IllegalArgumentException("a filled order without its average price");
            }
        }
        String clientId = order.path("client_order_id").asText("");
        ClientOrderId clientOrderId = clientId.isEmpty() ? outsideId(order.path("order_id").asText("")) : new ClientOrderId(clientId);
        Instant created = Instant.parse(order.path("created_time").asText(""));
        Instant updated = order.hasNonNull("last_fill_time") ? Instant.parse(order.get("last_fill_time").asText()) : created;
        return Optional.of(new Order(VenueGateway.orderIdOf(account, clientOrderId), clientOrderId, account, instrument,
                side, type, size, limit, stop, null, timeInForce, status, filled, average, created,
                updated.isBefore(created) ? created : updated));
    }

    /** The client order id of an order placed without one (outside Bulwark), made from Coinbase's order id. */
    static ClientOrderId outsideId(String orderId) {
        String id = "cb-" + orderId.replaceAll("[^A-Za-z0-9._:/-]", "");
        return new ClientOrderId(id.length() > 36 ? id.substring(0, 36) : id);
    }

    /** One fill of {@code orders/historical/fills}; the commission is in the quote currency. */
    static Fill fill(VenueAccountId account, JsonNode fill, Instrument instrument, ClientOrderId clientOrderId) {
        OrderSide side = switch (fill.path("side").asText("")) {
            case "BUY" -> OrderSide.BUY;
            case "SELL" -> OrderSide.SELL;
            default -> throw new IllegalArgumentException("a fill side that is neither BUY nor SELL");
        };
        BigDecimal price = decimal(fill.get("price"), "price");
        BigDecimal size = decimal(fill.get("size"), "size");
        if (fill.path("size_in_quote").asBoolean(false)) {
            size = dev.bulwark.domain.money.Decimals.divide(size, price);
        }
        String tradeId = fill.path("entry_id").asText(fill.path("trade_id").asText(""));
        return new Fill(tradeId, VenueGateway.orderIdOf(account, clientOrderId), instrument, side, price, size,
                new Money(decimal(fill.get("commission"), "commission"), instrument.quote()),
                Instant.parse(fill.path("trade_time").asText("")));
    }

    /** A product's rules: price_increment, base_increment, base_min_size, base_max_size, quote_min_size. */
    static TradingRules rules(JsonNode product) {
        BigDecimal tick = decimal(product.hasNonNull("price_increment") ? product.get("price_increment")
                : product.get("quote_increment"), "price_increment");
        BigDecimal step = decimal(product.get("base_increment"), "base_increment");
        BigDecimal min = product.hasNonNull("base_min_size") ? decimal(product.get("base_min_size"), "base_min_size") : step;
        BigDecimal max = product.hasNonNull("base_max_size") ? decimal(product.get("base_max_size"), "base_max_size") : null;
        BigDecimal minNotional = product.hasNonNull("quote_min_size") ? decimal(product.get("quote_min_size"), "quote_min_size")
                : BigDecimal.ZERO;
        return new TradingRules(tick, step, min, max != null && max.compareTo(min) > 0 ? max : null, minNotional);
    }

    static BigDecimal decimal(@Nullable JsonNode node, String what) {
        if (node != null && node.isNumber()) {
            return node.decimalValue();
        }
        if (node != null && node.isTextual() && !node.asText().isBlank()) {
            try {
                return new BigDecimal(node.asText().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a " + what + " that is not a number");
            }
        }
        throw new IllegalArgumentException("no " + what);
    }

    private static String plain(@Nullable BigDecimal value) {
        if (value == null) {
            throw new IllegalArgumentException("a price the order type needs is missing");
        }
        return value.toPlainString();
    }
}
