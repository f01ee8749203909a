package dev.bulwark.adapters.exchange.alpaca;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.bulwark.domain.orders.OrderId;
import dev.bulwark.domain.orders.OrderSize;
import dev.bulwark.domain.orders.OrderStatus;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.orders.TimeInForce;
import dev.bulwark.domain.orders.TrailingOffset;
import dev.bulwark.domain.portfolio.AccountKind;
import dev.bulwark.domain.portfolio.Holding;
import dev.bulwark.domain.positions.Position;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.ports.driven.venues.OcoRequest;
import dev.bulwark.ports.driven.venues.OrderRequest;
import dev.bulwark.ports.driven.venues.VenueGateway;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Alpaca's JSON in domain terms and back, all of it static and free of I/O. Alpaca sends decimals as strings
 * ({@code "262113.632"}) in the trading API and as numbers in market data, timestamps as RFC 3339 with up to
 * nanoseconds; a body that does not hold what Alpaca documents is {@link dev.bulwark.ports.errors.VenueUnavailable}.
 *
 * <p>Symbols: {@code AAPL/USD} on {@link Market#STOCK} is Alpaca's {@code AAPL}. Alpaca quotes US stocks in USD
 * only; share classes written with a dot ({@code BRK.B}) have no Bulwark asset code yet and are not mapped.
 *
 * <p>Time in force: Bulwark has GTC, IOC and FOK; Alpaca adds DAY (and the auction-only OPG and CLS). Orders sent
 * from here use gtc, ioc and fok as asked, except where Alpaca insists on DAY (market orders, see
 * {@link #orderBody}, and extended-hours limits). An order read back with DAY, OPG or CLS reports as GTC when its
 * type takes any time in force: it works until Alpaca ends it, and its end is reported as Alpaca states it.
 */
final class AlpacaAdapters {
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    static final BigDecimal PENNY = new BigDecimal("0.01");
    static final BigDecimal SUB_PENNY = new BigDecimal("0.0001");
    static final BigDecimal FRACTION_STEP = new BigDecimal("1E-9");
    static final BigDecimal FRACTIONAL_MIN_NOTIONAL = BigDecimal.ONE;
    private static final Pattern CLIENT_ORDER_ID = Pattern.compile("[A-Za-z0-9._:/-]{1,36}");

    /** What Alpaca's clock says: whether the regular session is open and when it next opens and closes. */
    record MarketClock(boolean open, Instant nextOpen, Instant nextClose) {
    }

    /** The parts of an Alpaca asset the gateway uses. */
    record AssetInfo(String symbol, boolean tradable, boolean active, boolean fractionable) {
    }

    private AlpacaAdapters() {
    }

    // ---- symbols

    /** Alpaca's symbol for the instrument, or empty when Alpaca cannot trade it (not a USD stock). */
    static Optional<String> symbol(Instrument instrument) {
        if (instrument.market() != Market.STOCK || !instrument.quote().equals(Asset.USD)) {
            return Optional.empty();
        }
        return Optional.of(instrument.base().code());
    }

    /** The instrument of an Alpaca symbol, or empty when it has no Bulwark asset code. */
    static Optional<Instrument> instrument(String symbol) {
        try {
            return Optional.of(new Instrument(new Asset(symbol), Asset.USD, Market.STOCK));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    // ---- JSON

    static JsonNode json(AlpacaClient.Answer answer, String what) {
        try {
            JsonNode node = JSON.readTree(answer.body());
            if (node == null || node.isMissingNode() || node.isNull()) {
                throw AlpacaErrorAdapter.unavailable(what + ": HTTP " + answer.status() + " with an empty body");
            }
            return node;
        } catch (JsonProcessingException e) {
            // the parser's message quotes the body: keep it out
            throw AlpacaErrorAdapter.unavailable(what + ": HTTP " + answer.status() + " with a body that is not JSON");
        }
    }

    static Optional<JsonNode> jsonIfAny(String body) {
        try {
            return Optional.ofNullable(JSON.readTree(body)).filter(node -> !node.isMissingNode());
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    static BigDecimal decimal(@Nullable JsonNode node, String what) {
        BigDecimal value = decimalOrNull(node, what);
        if (value == null) {
            throw AlpacaErrorAdapter.unavailable("answered without the " + what + " it documents");
        }
        return value;
    }

    static @Nullable BigDecimal decimalOrNull(@Nullable JsonNode node, String what) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return Decimals.normalize(node.decimalValue());
        }
        if (node.isTextual()) {
            if (node.asText().isBlank()) {
                return null;
            }
            try {
                return Decimals.normalize(new BigDecimal(node.asText().trim()));
            } catch (NumberFormatException e) {
                throw AlpacaErrorAdapter.unavailable("answered with a " + what + " that is not a number");
            }
        }
        throw AlpacaErrorAdapter.unavailable("answered with a " + what + " that is not a number");
    }

    static String text(@Nullable JsonNode node, String what) {
        if (node != null && node.isTextual() && !node.asText().isBlank()) {
            return node.asText();
        }
        throw AlpacaErrorAdapter.unavailable("answered without the " + what + " it documents");
    }

    static Instant time(@Nullable JsonNode node, String what) {
        String text = text(node, what);
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw AlpacaErrorAdapter.unavailable("answered with a " + what + " that is not an RFC 3339 time");
        }
    }

    static boolean flag(@Nullable JsonNode node) {
        return node != null && node.asBoolean(false);
    }

    // ---- orders

    /**
     * The JSON Alpaca's {@code POST /v2/orders} takes for the request. A market order goes as DAY: Alpaca takes
     * fractional and notional orders only as DAY, and the gateway sends market orders only while the regular session
     * is open, when a market order executes at once, so DAY does what Bulwark's IOC market order means. With
     * {@code extendedHours} a (GTC) limit order goes as DAY with {@code extended_hours}; see {@link AlpacaSettings}.
     */
    static String orderBody(OrderRequest request, String symbol, boolean extendedHours) {
        ObjectNode body = JSON.createObjectNode();
        body.put("symbol", symbol);
        switch (request.size()) {
            case OrderSize.OfQuantity q -> body.put("qty", q.quantity().toPlainString());
            case OrderSize.OfQuoteAmount a -> body.put("notional", a.amount().toPlainString());
        }
        body.put("side", request.side() == OrderSide.BUY ? "buy" : "sell");
        body.put("type", switch (request.type()) {
            case MARKET -> "market";
            case LIMIT -> "limit";
            case STOP_MARKET -> "stop";
            case STOP_LIMIT -> "stop_limit";
            case TRAILING_STOP -> "trailing_stop";
            case TAKE_PROFIT, TAKE_PROFIT_LIMIT -> throw new IllegalArgumentException(
                    "Alpaca has no " + request.type() + " orders: the gateway refuses them before this");
        });
        String timeInForce;
        if (request.type() == OrderType.MARKET || extendedHours) {
            timeInForce = "day";
        } else {
            timeInForce = request.timeInForce().name().toLowerCase(Locale.ROOT);
        }
        body.put("time_in_force", timeInForce);
        if (request.limitPrice() != null) {
            body.put("limit_price", request.limitPrice().toPlainString());
        }
        if (request.stopPrice() != null) {
            body.put("stop_price", request.stopPrice().toPlainString());
        }
        switch (request.trailing()) {
            case TrailingOffset.ByAmount amount -> body.put("trail_price", amount.amount().toPlainString());
            case TrailingOffset.ByPercent percent -> body.put("trail_percent", percent.percent().toPlainString());
            case null -> { }
        }
        if (extendedHours) {
            body.put("extended_hours", true);
        }
        body.put("client_order_id", request.clientOrderId().value());
        return body.toString();
    }

    /**
     * The JSON of an {@code oco} order (Alpaca's "Orders at Alpaca": an exit pair for a position held): a GTC limit
     * order at the take-profit price, the parent, under the take-profit leg's client order id, and a stop order at the
     * stop price, its leg, which Alpaca names itself.
     */
    static String ocoBody(OcoRequest request, String symbol) {
        ObjectNode body = JSON.createObjectNode();
        body.put("symbol", symbol);
        body.put("qty", request.quantity().toPlainString());
        body.put("side", request.side() == OrderSide.BUY ? "buy" : "sell");
        body.put("type", "limit");
        body.put("time_in_force", "gtc");
        body.put("order_class", "oco");
        body.putObject("take_profit").put("limit_price", request.takeProfitPrice().toPlainString());
        body.putObject("stop_loss").put("stop_price", request.stopPrice().toPlainString());
        body.put("client_order_id", request.takeProfitClientOrderId().value());
        return body.toString();
    }

    /**
     * The stop leg of an {@code oco} order object as an {@link Order} under {@code stopLoss}, the id Bulwark gave it
     * (Alpaca names a leg itself); empty when the object carries no legs.
     */
    static Optional<Order> ocoStopLeg(JsonNode parent, ClientOrderId stopLoss, VenueAccountId account) {
        JsonNode legs = parent.path("legs");
        if (!legs.isArray() || legs.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode leg = ((ObjectNode) legs.get(0)).deepCopy();
        leg.put("client_order_id", stopLoss.value());
        return order(leg, account);
    }

    /** The client order id Alpaca reports, or (for an order Alpaca named itself beyond our pattern) its own id. */
    static ClientOrderId clientOrderId(JsonNode order) {
        String client = order.path("client_order_id").asText("");
        if (CLIENT_ORDER_ID.matcher(client).matches()) {
            return new ClientOrderId(client);
        }
        String id = text(order.get("id"), "order id");
        if (CLIENT_ORDER_ID.matcher(id).matches()) {
            return new ClientOrderId(id);
        }
        throw AlpacaErrorAdapter.unavailable("answered with an order id that is not a UUID");
    }

    /** An Alpaca order object as an {@link Order} of {@code account}; empty when its symbol has no instrument here. */
    static Optional<Order> order(JsonNode order, VenueAccountId account) {
        if (!order.isObject()) {
            throw AlpacaErrorAdapter.unavailable("answered with an order that is not an object");
        }
        Optional<Instrument> instrument = instrument(text(order.get("symbol"), "order symbol"));
        if (instrument.isEmpty()) {
            return Optional.empty();
        }
        ClientOrderId clientOrderId = clientOrderId(order);
        OrderSide side = switch (text(order.get("side"), "order side")) {
            case "buy" -> OrderSide.BUY;
            case "sell" -> OrderSide.SELL;
            default -> throw AlpacaErrorAdapter.unavailable("answered with an order side it does not document");
        };
        String typeText = order.hasNonNull("type") ? text(order.get("type"), "order type") : text(order.get("order_type"), "order type");
        OrderType type = switch (typeText) {
            case "market" -> OrderType.MARKET;
            case "limit" -> OrderType.LIMIT;
            case "stop" -> OrderType.STOP_MARKET;
            case "stop_limit" -> OrderType.STOP_LIMIT;
            case "trailing_stop" -> OrderType.TRAILING_STOP;
            default -> throw AlpacaErrorAdapter.unavailable("answered with an order type it does not document");
        };
        BigDecimal qty = decimalOrNull(order.get("qty"), "order qty");
        BigDecimal notional = decimalOrNull(order.get("notional"), "order notional");
        OrderSize size;
        if (qty != null && qty.signum() > 0) {
            size = OrderSize.quantity(qty);
        } else if (notional != null && notional.signum() > 0) {
            size = OrderSize.quoteAmount(notional);
        } else {
            throw AlpacaErrorAdapter.unavailable("answered with an order that has neither qty nor notional");
        }
        BigDecimal limitPrice = type.needsLimitPrice() ? decimal(order.get("limit_price"), "limit price") : null;
        // on a trailing stop Alpaca's stop_price is the stop it computes as the price moves, not an activation price
        BigDecimal stopPrice = type.needsStopPrice() ? decimal(order.get("stop_price"), "stop price") : null;
        TrailingOffset trailing = null;
        if (type == OrderType.TRAILING_STOP) {
            BigDecimal trailPrice = decimalOrNull(order.get("trail_price"), "trail price");
            BigDecimal trailPercent = decimalOrNull(order.get("trail_percent"), "trail percent");
            if (trailPrice != null) {
                trailing = new TrailingOffset.ByAmount(trailPrice);
            } else if (trailPercent != null) {
                trailing = new TrailingOffset.ByPercent(trailPercent);
            } else {
                throw AlpacaErrorAdapter.unavailable("answered with a trailing stop without its trail");
            }
        }
        TimeInForce timeInForce = type.needsLimitPrice()
                ? switch (order.path("time_in_force").asText("")) {
                    case "ioc" -> TimeInForce.IOC;
                    case "fok" -> TimeInForce.FOK;
                    default -> TimeInForce.GTC; // gtc, and day/opg/cls: see the class comment
                }
                : type.defaultTimeInForce();
        BigDecimal filled = Optional.ofNullable(decimalOrNull(order.get("filled_qty"), "filled qty")).orElse(BigDecimal.ZERO);
        BigDecimal average = filled.signum() > 0 ? decimal(order.get("filled_avg_price"), "average fill price") : null;
        OrderStatus status = status(text(order.get("status"), "order status"), filled);
        Instant created = time(order.get("created_at"), "order creation time");
        Instant updated = order.hasNonNull("updated_at") ? time(order.get("updated_at"), "order update time") : created;
        if (updated.isBefore(created)) {
            updated = created;
        }
        try {
            return Optional.of(new Order(VenueGateway.orderIdOf(account, clientOrderId), clientOrderId, account,
                    instrument.get(), side, type, size, limitPrice, stopPrice, trailing, timeInForce, status, filled,
                    average, created, updated));
        } catch (IllegalArgumentException e) {
            throw AlpacaErrorAdapter.unavailable("answered with an order that does not hold together ("
                    + e.getMessage() + ")");
        }
    }

    /**
     * Alpaca's order statuses in the domain's. Alpaca has more of them: the pending and held states, and
     * {@code done_for_day}, are still working (the order may go on tomorrow); {@code replaced} ends this order in
     * favour of its replacement, which is CANCELLED for this one.
     */
    static OrderStatus status(String status, BigDecimal filled) {
        OrderStatus working = filled.signum() > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.ACCEPTED;
        return switch (status) {
            case "filled" -> OrderStatus.FILLED;
            case "canceled", "replaced" -> OrderStatus.CANCELLED;
            case "expired" -> OrderStatus.EXPIRED;
            case "rejected" -> filled.signum() > 0 ? OrderStatus.CANCELLED : OrderStatus.REJECTED;
            case "new", "accepted", "pending_new", "accepted_for_bidding", "partially_filled", "done_for_day",
                 "pending_cancel", "pending_replace", "stopped", "suspended", "calculated", "held" -> working;
            default -> throw AlpacaErrorAdapter.unavailable("answered with an order status it does not document");
        };
    }

    // ---- account, positions, fills

    /**
     * The account's dollars as one holding: free is the cash that can be spent without borrowing (the lesser of
     * cash and buying power), locked the rest of the cash (held for open buy orders). A margin debit (negative
     * cash) is no holding: the positions it bought carry it.
     */
    static List<Holding> holdings(JsonNode account, VenueAccountId id) {
        BigDecimal cash = decimal(account.get("cash"), "cash");
        BigDecimal buyingPower = decimal(account.get("buying_power"), "buying power");
        String currency = account.path("currency").asText("USD");
        Asset asset;
        try {
            asset = Asset.of(currency);
        } catch (IllegalArgumentException e) {
            throw AlpacaErrorAdapter.unavailable("answered with a currency it does not document");
        }
        BigDecimal free = cash.min(buyingPower).max(BigDecimal.ZERO);
        BigDecimal locked = cash.subtract(free).max(BigDecimal.ZERO);
        if (free.signum() == 0 && locked.signum() == 0) {
            return List.of();
        }
        return List.of(new Holding(id, AlpacaVenueProvider.ID, AccountKind.SPOT, asset, free, locked));
    }

    /**
     * A stock position: quantity, cost basis as Alpaca reports it, no realized P&amp;L (Alpaca does not keep it per
     * position), leverage 1. Empty for a symbol without an instrument here, and for a short, which Bulwark's stock
     * market does not model.
     */
    static Optional<Position> position(JsonNode position, VenueAccountId id) {
        Optional<Instrument> instrument = instrument(text(position.get("symbol"), "position symbol"));
        if (instrument.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal qty = decimal(position.get("qty"), "position qty");
        if (qty.signum() < 0 || "short".equals(position.path("side").asText())) {
            return Optional.empty();
        }
        BigDecimal costBasis = decimal(position.get("cost_basis"), "cost basis").abs();
        if (qty.signum() == 0) {
            return Optional.of(Position.flat(id, instrument.get()));
        }
        return Optional.of(new Position(id, instrument.get(), qty, new Money(costBasis, Asset.USD),
                Money.zero(Asset.USD), BigDecimal.ONE));
    }

    /** A FILL activity as a {@link Fill} of the order {@code orderId}. Alpaca charges no commission on stocks. */
    static Fill fill(JsonNode activity, OrderId orderId, Instrument instrument) {
        OrderSide side = switch (text(activity.get("side"), "fill side")) {
            case "buy" -> OrderSide.BUY;
            case "sell", "sell_short" -> OrderSide.SELL;
            default -> throw AlpacaErrorAdapter.unavailable("answered with a fill side it does not document");
        };
        try {
            return new Fill(text(activity.get("id"), "activity id"), orderId, instrument, side,
                    decimal(activity.get("price"), "fill price"), decimal(activity.get("qty"), "fill qty"),
                    Money.zero(Asset.USD), time(activity.get("transaction_time"), "fill time"));
        } catch (IllegalArgumentException e) {
            throw AlpacaErrorAdapter.unavailable("answered with a fill that does not hold together");
        }
    }

    // ---- clock, assets, prices

    static MarketClock clock(JsonNode clock) {
        if (clock.get("is_open") == null || !clock.get("is_open").isBoolean()) {
            throw AlpacaErrorAdapter.unavailable("answered a clock without is_open");
        }
        return new MarketClock(clock.get("is_open").asBoolean(), time(clock.get("next_open"), "next open"),
                time(clock.get("next_close"), "next close"));
    }

    static AssetInfo asset(JsonNode asset) {
        return new AssetInfo(text(asset.get("symbol"), "asset symbol"), flag(asset.get("tradable")),
                "active".equals(asset.path("status").asText()), flag(asset.get("fractionable")));
    }

    /**
     * Alpaca's rules for US stocks (Rule 612, sub-penny): prices on a cent, or on a hundredth of a cent below one
     * dollar; whole shares, or a billionth of a share when the asset is fractionable, and then at least a dollar's
     * worth (Alpaca's minimum for a fractional order). No upper bound is published.
     *
     * @param price the last price, which decides the tick; null when unknown (a cent, the usual case)
     */
    static TradingRules rules(AssetInfo asset, @Nullable BigDecimal price) {
        BigDecimal tick = price != null && price.compareTo(BigDecimal.ONE) < 0 ? SUB_PENNY : PENNY;
        BigDecimal step = asset.fractionable() ? FRACTION_STEP : BigDecimal.ONE;
        BigDecimal minNotional = asset.fractionable() ? FRACTIONAL_MIN_NOTIONAL : BigDecimal.ZERO;
        return TradingRules.unbounded(tick, step, step, minNotional);
    }

    /** The price of a latest-trade answer ({@code {"symbol": "AAPL", "trade": {"p": 150.1, ...}}}), if any. */
    static Optional<BigDecimal> latestTradePrice(JsonNode answer) {
        JsonNode trade = answer.get("trade");
        if (trade == null || trade.isNull()) {
            return Optional.empty();
        }
        BigDecimal price = decimalOrNull(trade.get("p"), "trade price");
        return price == null || price.signum() <= 0 ? Optional.empty() : Optional.of(price);
    }

    /** The mid price of a latest-quote answer ({@code {"quote": {"ap": .., "bp": ..}}}), when both sides quote. */
    static Optional<BigDecimal> latestQuoteMid(JsonNode answer) {
        JsonNode quote = answer.get("quote");
        if (quote == null || quote.isNull()) {
            return Optional.empty();
        }
        BigDecimal ask = decimalOrNull(quote.get("ap"), "ask price");
        BigDecimal bid = decimalOrNull(quote.get("bp"), "bid price");
        if (ask == null || bid == null || ask.signum() <= 0 || bid.signum() <= 0) {
            return Optional.empty();
        }
        return Optional.of(Decimals.divide(ask.add(bid), BigDecimal.TWO));
    }
}
