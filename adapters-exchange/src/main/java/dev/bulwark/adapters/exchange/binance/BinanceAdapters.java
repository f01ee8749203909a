package dev.bulwark.adapters.exchange.binance;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.bulwark.domain.portfolio.AccountKind;
import dev.bulwark.domain.portfolio.Holding;
import dev.bulwark.domain.venues.Permission;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.venues.CredentialCheck;
import dev.bulwark.ports.driven.venues.OcoRequest;
import dev.bulwark.ports.driven.venues.OrderRequest;
import dev.bulwark.ports.driven.venues.VenueGateway;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Binance's wire JSON to domain records and back; static, stateless. Binance's symbols ({@code BTCUSDT}) stay in
 * here and the client. A field missing or malformed in an answer is {@link VenueUnavailable} (the answer cannot be
 * read), never a half-filled record.
 */
final class BinanceAdapters {
    private static final Pattern CLIENT_ORDER_ID = Pattern.compile("[A-Za-z0-9._:/-]{1,36}");

    /** One listed symbol, as exchangeInfo names it. */
    record SymbolInfo(String symbol, Instrument instrument, String status) {
    }

    private BinanceAdapters() {
    }

    /** Binance's spot symbol: base and quote run together. */
    static String symbol(Instrument instrument) {
        return instrument.base().code() + instrument.quote().code();
    }

    static SymbolInfo symbolInfo(VenueId venue, JsonNode symbol) {
        return new SymbolInfo(text(venue, symbol, "symbol"),
                new Instrument(asset(venue, symbol, "baseAsset"), asset(venue, symbol, "quoteAsset"), Market.SPOT),
                text(venue, symbol, "status"));
    }

    /** Every symbol of an exchangeInfo answer by its Binance name. */
    static Map<String, SymbolInfo> symbols(VenueId venue, JsonNode exchangeInfo) {
        JsonNode symbols = exchangeInfo.get("symbols");
        if (symbols == null || !symbols.isArray()) {
            throw malformed(venue, "exchangeInfo without its symbols");
        }
        Map<String, SymbolInfo> bySymbol = new LinkedHashMap<>();
        for (JsonNode symbol : symbols) {
            SymbolInfo info = symbolInfo(venue, symbol);
            bySymbol.put(info.symbol(), info);
        }
        return bySymbol;
    }

    /**
     * The trading rules of one exchangeInfo symbol: PRICE_FILTER's tick, LOT_SIZE's step and bounds, and the minimum
     * notional of NOTIONAL (current) or MIN_NOTIONAL (older symbols). A filter value of 0 disables that rule on
     * Binance; a tick or step of 0 falls back to the asset precision Binance states.
     */
    static TradingRules rules(VenueId venue, JsonNode symbol) {
        BigDecimal tick = null;
        BigDecimal step = null;
        BigDecimal minQty = BigDecimal.ZERO;
        BigDecimal maxQty = null;
        BigDecimal minNotional = null;
        BigDecimal legacyMinNotional = null;
        JsonNode filters = symbol.get("filters");
        if (filters == null || !filters.isArray()) {
            throw malformed(venue, "exchangeInfo symbol without its filters");
        }
        for (JsonNode filter : filters) {
            switch (filter.path("filterType").asText("")) {
                case "PRICE_FILTER" -> tick = decimal(venue, filter, "tickSize");
                case "LOT_SIZE" -> {
                    step = decimal(venue, filter, "stepSize");
                    minQty = decimal(venue, filter, "minQty");
                    BigDecimal max = decimal(venue, filter, "maxQty");
                    maxQty = max.signum() > 0 && max.compareTo(minQty) > 0 ? max : null;
                }
                case "NOTIONAL" -> minNotional = decimal(venue, filter, "minNotional");
                case "MIN_NOTIONAL" -> legacyMinNotional = decimal(venue, filter, "minNotional");
                default -> {
                    // other filters (PERCENT_PRICE, ICEBERG_PARTS, MAX_NUM_ORDERS...) are checked by Binance itself
                }
            }
        }
        if (tick == null || tick.signum() == 0) {
            tick = BigDecimal.ONE.movePointLeft(precision(venue, symbol, "quoteAssetPrecision"));
        }
        if (step == null || step.signum() == 0) {
            step = BigDecimal.ONE.movePointLeft(precision(venue, symbol, "baseAssetPrecision"));
        }
        BigDecimal notional = minNotional != null ? minNotional : legacyMinNotional != null ? legacyMinNotional : BigDecimal.ZERO;
        return new TradingRules(tick, step, minQty, maxQty, notional);
    }

    /** The account's non-empty spot balances, free and locked apart. */
    static List<Holding> balances(VenueId venue, VenueAccountId account, JsonNode accountInfo) {
        JsonNode balances = accountInfo.get("balances");
        if (balances == null || !balances.isArray()) {
            throw malformed(venue, "account information without its balances");
        }
        List<Holding> holdings = new ArrayList<>();
        for (JsonNode balance : balances) {
            BigDecimal free = decimal(venue, balance, "free");
            BigDecimal locked = decimal(venue, balance, "locked");
            if (free.signum() > 0 || locked.signum() > 0) {
                holdings.add(new Holding(account, venue, AccountKind.SPOT, asset(venue, balance, "asset"), free, locked));
            }
        }
        holdings.sort(java.util.Comparator.comparing(Holding::asset));
        return holdings;
    }

    /** Simple Earn flexible rows as SPOT holdings, the whole {@code totalAmount} locked; empty rows left out. */
    static List<Holding> earnHoldings(VenueId venue, VenueAccountId account, JsonNode rows) {
        List<Holding> holdings = new ArrayList<>();
        for (JsonNode row : rows) {
            BigDecimal amount = decimal(venue, row, "totalAmount");
            if (amount.signum() > 0) {
                holdings.add(new Holding(account, venue, AccountKind.SPOT, asset(venue, row, "asset"), BigDecimal.ZERO,
                        amount));
            }
        }
        return holdings;
    }

    /**
     * What the key may do. READ: the signed account call worked. TRADE: the account {@code canTrade} and, when the
     * key's own restrictions are known ({@code GET /sapi/v1/account/apiRestrictions}), the key has
     * {@code enableSpotAndMarginTrading}. WITHDRAW: the key's {@code enableWithdrawals}; without its restrictions
     * (the testnet has no {@code /sapi}), the account-level {@code canWithdraw}, so a key is refused rather than
     * trusted when in doubt. The account-level flag alone is not the key's: most accounts can withdraw, most keys not.
     */
    static CredentialCheck credentials(VenueId venue, JsonNode accountInfo, @Nullable JsonNode restrictions) {
        Set<Permission> permissions = EnumSet.of(Permission.READ);
        boolean keyTrades = restrictions == null || optionalBool(restrictions, "enableSpotAndMarginTrading", true);
        if (bool(venue, accountInfo, "canTrade") && keyTrades) {
            permissions.add(Permission.TRADE);
        }
        boolean withdraws = restrictions != null ? optionalBool(restrictions, "enableWithdrawals", true)
                : bool(venue, accountInfo, "canWithdraw");
        if (withdraws) {
            permissions.add(Permission.WITHDRAW);
        }
        return CredentialCheck.valid(permissions);
    }

    /** A flag that may be missing: then {@code otherwise}, which is the cautious reading. */
    private static boolean optionalBool(JsonNode node, String field, boolean otherwise) {
        JsonNode value = node.get(field);
        return value != null && value.isBoolean() ? value.booleanValue() : otherwise;
    }

    /** The parameters of {@code POST /api/v3/order} for a request, in the order they are signed and sent. */
    static Map<String, String> orderParameters(OrderRequest request) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("symbol", symbol(request.instrument()));
        params.put("side", request.side().name());
        params.put("type", switch (request.type()) {
            case MARKET -> "MARKET";
            case LIMIT -> "LIMIT";
            case STOP_MARKET -> "STOP_LOSS";
            case STOP_LIMIT -> "STOP_LOSS_LIMIT";
            case TAKE_PROFIT -> "TAKE_PROFIT";
            case TAKE_PROFIT_LIMIT -> "TAKE_PROFIT_LIMIT";
            case TRAILING_STOP -> throw new IllegalArgumentException("Binance spot trailing stops are not offered here");
        });
        if (request.type().needsLimitPrice()) {
            params.put("timeInForce", request.timeInForce().name());
        }
        switch (request.size()) {
            case OrderSize.OfQuantity(BigDecimal quantity) -> params.put("quantity", quantity.toPlainString());
            case OrderSize.OfQuoteAmount(BigDecimal amount) -> params.put("quoteOrderQty", amount.toPlainString());
        }
        if (request.limitPrice() != null) {
            params.put("price", request.limitPrice().toPlainString());
        }
        if (request.stopPrice() != null) {
            params.put("stopPrice", request.stopPrice().toPlainString());
        }
        params.put("newClientOrderId", request.clientOrderId().value());
        // FULL: the answer carries the fills, so a market order's average price is known at once
        params.put("newOrderRespType", "FULL");
        return params;
    }

    /**
     * The parameters of {@code POST /api/v3/orderList/oco} for a protective pair, in the order they are signed and
     * sent. Binance names the legs by where their trigger lies: for a SELL pair (closing a long) the take-profit is
     * the above leg ({@code TAKE_PROFIT}, triggered at {@code aboveStopPrice}) and the stop the below leg
     * ({@code STOP_LOSS} at {@code belowStopPrice}); a BUY pair (closing a short) is the mirror. Both legs are market
     * orders once triggered, so neither sends a limit price or a time in force. Each leg keeps its own client order
     * id; the list's id is {@link #listClientOrderId derived} from them.
     */
    static Map<String, String> ocoParameters(OcoRequest request) {
        boolean sell = request.side() == OrderSide.SELL;
        String takeProfit = request.takeProfitPrice().toPlainString();
        String stop = request.stopPrice().toPlainString();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("symbol", symbol(request.instrument()));
        params.put("listClientOrderId", listClientOrderId(request));
        params.put("side", request.side().name());
        params.put("quantity", request.quantity().toPlainString());
        params.put("aboveType", sell ? "TAKE_PROFIT" : "STOP_LOSS");
        params.put("aboveClientOrderId", (sell ? request.takeProfitClientOrderId() : request.stopLossClientOrderId()).value());
        params.put("aboveStopPrice", sell ? takeProfit : stop);
        params.put("belowType", sell ? "STOP_LOSS" : "TAKE_PROFIT");
        params.put("belowClientOrderId", (sell ? request.stopLossClientOrderId() : request.takeProfitClientOrderId()).value());
        params.put("belowStopPrice", sell ? stop : takeProfit);
        // FULL, as a single placement: each order report carries its fills
        params.put("newOrderRespType", "FULL");
        return params;
    }

    /**
     * The pair's {@code listClientOrderId}: {@code oco-} and the first 32 hex digits of the SHA-256 of both legs'
     * client order ids, 36 characters of {@code [a-z0-9-]} (inside Binance's client id rule). The same pair always
     * gets the same list id, so a pair sent again while the first is still open is refused as a duplicate rather
     * than placed twice.
     */
    static String listClientOrderId(OcoRequest request) {
        String both = request.takeProfitClientOrderId().value() + "|" + request.stopLossClientOrderId().value();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(both.getBytes(StandardCharsets.UTF_8));
            return "oco-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            // every JDK ships SHA-256
            throw new IllegalStateException("SHA-256 is unavailable in this JDK", e);
        }
    }

    /** The two legs of an {@code orderList/oco} answer, each as {@link #order} reads it. */
    record OcoLegs(String listStatus, Order takeProfit, Order stopLoss) {
    }

    /**
     * The legs of Binance's answer to {@code POST /api/v3/orderList/oco}: an OCO list ({@code contingencyType})
     * whose {@code orderReports} hold exactly the two legs, told apart by the client order ids we sent (not by
     * their place in the list, nor by their type). Anything else is an answer that cannot be read.
     */
    static OcoLegs ocoLegs(VenueId venue, VenueAccountId account, OcoRequest request, JsonNode list,
            Instant fallbackTime) {
        if (!"OCO".equals(text(venue, list, "contingencyType"))) {
            throw malformed(venue, "an order list that is not an OCO");
        }
        String listStatus = text(venue, list, "listOrderStatus");
        JsonNode reports = list.get("orderReports");
        if (reports == null || !reports.isArray() || reports.size() != 2) {
            throw malformed(venue, "an OCO without the reports of its two orders");
        }
        Instant transacted = time(list, "transactionTime").orElse(fallbackTime);
        Order takeProfit = null;
        Order stopLoss = null;
        for (JsonNode report : reports) {
            Order order = order(venue, account, request.instrument(), report, transacted);
            if (order.clientOrderId().equals(request.takeProfitClientOrderId()) && takeProfit == null) {
                takeProfit = order;
            } else if (order.clientOrderId().equals(request.stopLossClientOrderId()) && stopLoss == null) {
                stopLoss = order;
            } else {
                throw malformed(venue, "an OCO with an order that is not one of the pair sent");
            }
        }
        return new OcoLegs(listStatus, takeProfit, stopLoss);
    }

    /**
     * An order as Binance reports it (order query, open orders, cancel, or a RESULT/FULL placement answer). The
     * client order id is {@code origClientOrderId} on a cancel answer (its {@code clientOrderId} is the cancel's
     * own), else {@code clientOrderId}; an order without a usable one is named {@code binance-<orderId>}.
     *
     * @param fallbackTime the time to use where the answer states none
     */
    static Order order(VenueId venue, VenueAccountId account, Instrument instrument, JsonNode node, Instant fallbackTime) {
        ClientOrderId clientOrderId = clientOrderId(venue, node);
        OrderType type = switch (text(venue, node, "type")) {
            case "MARKET" -> OrderType.MARKET;
            case "LIMIT", "LIMIT_MAKER" -> OrderType.LIMIT;
            case "STOP_LOSS" -> OrderType.STOP_MARKET;
            case "STOP_LOSS_LIMIT" -> OrderType.STOP_LIMIT;
            case "TAKE_PROFIT" -> OrderType.TAKE_PROFIT;
            case "TAKE_PROFIT_LIMIT" -> OrderType.TAKE_PROFIT_LIMIT;
            default -> throw malformed(venue, "an order of a type this adapter does not know");
        };
        OrderSide side = switch (text(venue, node, "side")) {
            case "BUY" -> OrderSide.BUY;
            case "SELL" -> OrderSide.SELL;
            default -> throw malformed(venue, "an order with an unknown side");
        };
        OrderStatus status = status(venue, text(venue, node, "status"));
        BigDecimal origQty = decimal(venue, node, "origQty");
        OrderSize size = origQty.signum() > 0 ? OrderSize.quantity(origQty)
                : OrderSize.quoteAmount(decimal(venue, node, "origQuoteOrderQty"));
        BigDecimal limitPrice = type.needsLimitPrice() ? decimal(venue, node, "price") : null;
        BigDecimal stopPrice = null;
        if (type.allowsStopPrice() && node.has("stopPrice")) {
            BigDecimal stop = decimal(venue, node, "stopPrice");
            stopPrice = stop.signum() > 0 ? stop : null;
        }
        if (type.needsStopPrice() && stopPrice == null) {
            throw malformed(venue, "a conditional order without its stop price");
        }
        // Binance reports MARKET orders as GTC; the domain knows a market order as IOC by nature
        TimeInForce timeInForce = type.needsLimitPrice() ? timeInForce(venue, text(venue, node, "timeInForce"))
                : type.defaultTimeInForce();
        BigDecimal executed = decimal(venue, node, "executedQty");
        BigDecimal average = averagePrice(venue, node, executed);
        Instant created = time(node, "time").orElseGet(() -> time(node, "transactTime")
                .orElseGet(() -> time(node, "workingTime").orElse(fallbackTime)));
        Instant updated = time(node, "updateTime").orElseGet(() -> time(node, "transactTime").orElse(created));
        if (updated.isBefore(created)) {
            updated = created;
        }
        OrderId id = VenueGateway.orderIdOf(account, clientOrderId);
        try {
            return new Order(id, clientOrderId, account, instrument, side, type, size, limitPrice, stopPrice, null,
                    timeInForce, status, executed, executed.signum() > 0 ? average : null, created, updated);
        } catch (IllegalArgumentException e) {
            throw malformed(venue, "an order that does not hold together (" + e.getMessage() + ")");
        }
    }

    /** One of {@code GET /api/v3/myTrades}: the account's side is {@code isBuyer}; the fee in its own asset. */
    static Fill fill(VenueId venue, Instrument instrument, OrderId orderId, JsonNode trade) {
        try {
            return new Fill(Long.toString(integer(venue, trade, "id")), orderId, instrument,
                    bool(venue, trade, "isBuyer") ? OrderSide.BUY : OrderSide.SELL, decimal(venue, trade, "price"),
                    decimal(venue, trade, "qty"),
                    new Money(decimal(venue, trade, "commission"), asset(venue, trade, "commissionAsset")),
                    Instant.ofEpochMilli(integer(venue, trade, "time")));
        } catch (IllegalArgumentException e) {
            throw malformed(venue, "a trade that does not hold together (" + e.getMessage() + ")");
        }
    }

    static ClientOrderId clientOrderId(VenueId venue, JsonNode node) {
        String value = node.hasNonNull("origClientOrderId") ? node.get("origClientOrderId").asText()
                : node.path("clientOrderId").asText("");
        if (CLIENT_ORDER_ID.matcher(value).matches()) {
            return new ClientOrderId(value);
        }
        return new ClientOrderId("binance-" + integer(venue, node, "orderId"));
    }

    static OrderStatus status(VenueId venue, String status) {
        return switch (status) {
            case "NEW", "PENDING_NEW" -> OrderStatus.ACCEPTED;
            case "PARTIALLY_FILLED" -> OrderStatus.PARTIALLY_FILLED;
            case "FILLED" -> OrderStatus.FILLED;
            case "CANCELED", "PENDING_CANCEL" -> OrderStatus.CANCELLED;
            case "REJECTED" -> OrderStatus.REJECTED;
            case "EXPIRED", "EXPIRED_IN_MATCH" -> OrderStatus.EXPIRED;
            default -> throw malformed(venue, "an order status this adapter does not know");
        };
    }

    private static TimeInForce timeInForce(VenueId venue, String value) {
        return switch (value) {
            case "GTC" -> TimeInForce.GTC;
            case "IOC" -> TimeInForce.IOC;
            case "FOK" -> TimeInForce.FOK;
            default -> throw malformed(venue, "an order with an unknown time in force");
        };
    }

    /**
     * The average fill price: from the fills of a FULL answer when there are any (quantity-weighted), else the
     * cumulative quote quantity over the executed quantity.
     */
    private static @Nullable BigDecimal averagePrice(VenueId venue, JsonNode node, BigDecimal executed) {
        if (executed.signum() == 0) {
            return null;
        }
        JsonNode fills = node.get("fills");
        if (fills != null && fills.isArray() && !fills.isEmpty()) {
            BigDecimal quantity = BigDecimal.ZERO;
            BigDecimal notional = BigDecimal.ZERO;
            for (JsonNode fill : fills) {
                BigDecimal qty = decimal(venue, fill, "qty");
                quantity = quantity.add(qty);
                notional = notional.add(qty.multiply(decimal(venue, fill, "price")));
            }
            if (quantity.signum() > 0) {
                return Decimals.divide(notional, quantity);
            }
        }
        BigDecimal quote = decimal(venue, node, "cummulativeQuoteQty");
        if (quote.signum() <= 0) {
            throw malformed(venue, "a filled order without what it cost");
        }
        return Decimals.divide(quote, executed);
    }

    static java.util.Optional<Instant> time(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.canConvertToLong() && value.asLong() > 0
                ? java.util.Optional.of(Instant.ofEpochMilli(value.asLong())) : java.util.Optional.empty();
    }

    private static int precision(VenueId venue, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt() || value.asInt() < 0 || value.asInt() > 30) {
            throw malformed(venue, "exchangeInfo symbol without its " + field);
        }
        return value.asInt();
    }

    static String text(VenueId venue, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw malformed(venue, "an answer without its " + field);
        }
        return value.asText();
    }

    static BigDecimal decimal(VenueId venue, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value != null && value.isNumber()) {
            return value.decimalValue();
        }
        if (value != null && value.isTextual()) {
            try {
                return new BigDecimal(value.asText().trim());
            } catch (NumberFormatException e) {
                throw malformed(venue, "an answer whose " + field + " is not a number");
            }
        }
        throw malformed(venue, "an answer without its " + field);
    }

    static long integer(VenueId venue, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value != null && value.isIntegralNumber()) {
            return value.longValue();
        }
        throw malformed(venue, "an answer without its " + field);
    }

    static boolean bool(VenueId venue, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isBoolean()) {
            throw malformed(venue, "an answer without its " + field);
        }
        return value.booleanValue();
    }

    static Asset asset(VenueId venue, JsonNode node, String field) {
        try {
            return Asset.of(text(venue, node, field));
        } catch (IllegalArgumentException e) {
            throw malformed(venue, "an answer with an asset code that is not one");
        }
    }

    static VenueUnavailable malformed(VenueId venue, String what) {
        return new VenueUnavailable(venue, "answered " + what, null);
    }
}
