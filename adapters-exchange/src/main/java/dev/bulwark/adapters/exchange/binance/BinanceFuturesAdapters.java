package dev.bulwark.adapters.exchange.binance;

import static dev.bulwark.adapters.exchange.binance.BinanceAdapters.asset;
import static dev.bulwark.adapters.exchange.binance.BinanceAdapters.bool;
import static dev.bulwark.adapters.exchange.binance.BinanceAdapters.decimal;
import static dev.bulwark.adapters.exchange.binance.BinanceAdapters.integer;
import static dev.bulwark.adapters.exchange.binance.BinanceAdapters.malformed;
import static dev.bulwark.adapters.exchange.binance.BinanceAdapters.text;
import static dev.bulwark.adapters.exchange.binance.BinanceAdapters.time;

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
import dev.bulwark.domain.positions.Position;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.venues.OrderRequest;
import dev.bulwark.ports.driven.venues.VenueGateway;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Binance USD-M futures JSON ({@code /fapi}) to domain records and back; static, stateless. Only perpetual
 * contracts are instruments here: {@code BTC/USDT} on {@link Market#USDM_FUTURES} is {@code BTCUSDT}; quarterly
 * contracts ({@code BTCUSDT_250328}) are not listed. Missing or malformed fields are
 * {@link dev.bulwark.ports.errors.VenueUnavailable}, as for spot.
 */
final class BinanceFuturesAdapters {
    private BinanceFuturesAdapters() {
    }

    static String symbol(Instrument instrument) {
        return instrument.base().code() + instrument.quote().code();
    }

    /** The perpetual contracts of a futures exchangeInfo answer, by their Binance symbol. */
    static Map<String, Instrument> perpetuals(VenueId venue, JsonNode exchangeInfo) {
        JsonNode symbols = exchangeInfo.get("symbols");
        if (symbols == null || !symbols.isArray()) {
            throw malformed(venue, "exchangeInfo without its symbols");
        }
        Map<String, Instrument> bySymbol = new LinkedHashMap<>();
        for (JsonNode symbol : symbols) {
            if ("PERPETUAL".equals(symbol.path("contractType").asText(""))) {
                bySymbol.put(text(venue, symbol, "symbol"), new Instrument(asset(venue, symbol, "baseAsset"),
                        asset(venue, symbol, "quoteAsset"), Market.USDM_FUTURES));
            }
        }
        return bySymbol;
    }

    /**
     * The trading rules of one futures symbol: PRICE_FILTER's tick, LOT_SIZE's step and bounds, MIN_NOTIONAL's
     * {@code notional} (futures name the field {@code notional}, spot {@code minNotional}).
     */
    static TradingRules rules(VenueId venue, JsonNode symbol) {
        BigDecimal tick = null;
        BigDecimal step = null;
        BigDecimal minQty = BigDecimal.ZERO;
        BigDecimal maxQty = null;
        BigDecimal minNotional = BigDecimal.ZERO;
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
                case "MIN_NOTIONAL" -> minNotional = decimal(venue, filter, "notional");
                default -> {
                    // MARKET_LOT_SIZE, MAX_NUM_ORDERS, PERCENT_PRICE...: Binance checks them itself
                }
            }
        }
        if (tick == null || tick.signum() == 0) {
            tick = BigDecimal.ONE.movePointLeft(precision(venue, symbol, "pricePrecision"));
        }
        if (step == null || step.signum() == 0) {
            step = BigDecimal.ONE.movePointLeft(precision(venue, symbol, "quantityPrecision"));
        }
        return new TradingRules(tick, step, minQty, maxQty, minNotional);
    }

    /**
     * {@code GET /fapi/v2/balance}: per margin asset, {@code availableBalance} is free and the rest of the wallet
     * {@code balance} (margin held by positions and orders) locked. Unrealized P&amp;L is not a balance: it is in the
     * positions. Empty assets are left out.
     */
    static List<Holding> balances(VenueId venue, VenueAccountId account, JsonNode balances) {
        if (!balances.isArray()) {
            throw malformed(venue, "futures balances that are not a list");
        }
        List<Holding> holdings = new ArrayList<>();
        for (JsonNode balance : balances) {
            BigDecimal wallet = decimal(venue, balance, "balance");
            BigDecimal available = decimal(venue, balance, "availableBalance");
            // available can exceed the wallet (unrealized profit counts in cross margin) or go negative (a loss)
            BigDecimal free = available.max(BigDecimal.ZERO).min(wallet.max(BigDecimal.ZERO));
            BigDecimal locked = wallet.subtract(free).max(BigDecimal.ZERO);
            if (free.signum() > 0 || locked.signum() > 0) {
                holdings.add(new Holding(account, venue, AccountKind.FUTURES, asset(venue, balance, "asset"),
                        Decimals.normalize(free), Decimals.normalize(locked)));
            }
        }
        holdings.sort(Comparator.comparing(Holding::asset));
        return holdings;
    }

    /**
     * One entry of {@code GET /fapi/v2/positionRisk} as a position: {@code positionAmt} signed (negative short),
     * cost basis {@code |positionAmt| × entryPrice}, the symbol's leverage. Realized P&amp;L is not part of this
     * answer (it is in the trades' {@code realizedPnl}), so it is zero here. Null for a flat entry.
     */
    static @Nullable Position position(VenueId venue, VenueAccountId account, Instrument instrument, JsonNode entry) {
        BigDecimal quantity = decimal(venue, entry, "positionAmt");
        if (quantity.signum() == 0) {
            return null;
        }
        BigDecimal entryPrice = decimal(venue, entry, "entryPrice");
        BigDecimal leverage = decimal(venue, entry, "leverage");
        Asset quote = instrument.quote();
        try {
            return new Position(account, instrument, quantity, new Money(quantity.abs().multiply(entryPrice), quote),
                    Money.zero(quote), leverage.max(BigDecimal.ONE));
        } catch (IllegalArgumentException e) {
            throw malformed(venue, "a position that does not hold together (" + e.getMessage() + ")");
        }
    }

    /** The parameters of {@code POST /fapi/v1/order}, in the order they are signed and sent. */
    static Map<String, String> orderParameters(OrderRequest request) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("symbol", symbol(request.instrument()));
        params.put("side", request.side().name());
        params.put("type", switch (request.type()) {
            case MARKET -> "MARKET";
            case LIMIT -> "LIMIT";
            case STOP_MARKET -> "STOP_MARKET";
            case STOP_LIMIT -> "STOP";
            case TAKE_PROFIT -> "TAKE_PROFIT_MARKET";
            case TAKE_PROFIT_LIMIT -> "TAKE_PROFIT";
            case TRAILING_STOP -> throw new IllegalArgumentException("Binance futures trailing stops are not offered here");
        });
        if (request.type().needsLimitPrice()) {
            params.put("timeInForce", request.timeInForce().name());
        }
        if (!(request.size() instanceof OrderSize.OfQuantity(BigDecimal quantity))) {
            throw new IllegalArgumentException("Binance futures orders are sized by quantity");
        }
        params.put("quantity", quantity.toPlainString());
        if (request.limitPrice() != null) {
            params.put("price", request.limitPrice().toPlainString());
        }
        if (request.stopPrice() != null) {
            params.put("stopPrice", request.stopPrice().toPlainString());
        }
        if (request.reduceOnly()) {
            params.put("reduceOnly", "true");
        }
        params.put("newClientOrderId", request.clientOrderId().value());
        // RESULT: the answer carries the executed quantity and average price of what matched at once
        params.put("newOrderRespType", "RESULT");
        return params;
    }

    /**
     * A futures order as Binance reports it (placement RESULT, query, open orders, cancel). Futures answers carry
     * {@code avgPrice} and, on a query, {@code time}; the client order id is always {@code clientOrderId}.
     */
    static Order order(VenueId venue, VenueAccountId account, Instrument instrument, JsonNode node, Instant fallbackTime) {
        ClientOrderId clientOrderId = BinanceAdapters.clientOrderId(venue, node);
        String venueType = node.hasNonNull("origType") ? text(venue, node, "origType") : text(venue, node, "type");
        OrderType type = switch (venueType) {
            case "MARKET" -> OrderType.MARKET;
            case "LIMIT" -> OrderType.LIMIT;
            case "STOP_MARKET" -> OrderType.STOP_MARKET;
            case "STOP" -> OrderType.STOP_LIMIT;
            case "TAKE_PROFIT_MARKET" -> OrderType.TAKE_PROFIT;
            case "TAKE_PROFIT" -> OrderType.TAKE_PROFIT_LIMIT;
            default -> throw malformed(venue, "a futures order of a type this adapter does not know");
        };
        OrderSide side = switch (text(venue, node, "side")) {
            case "BUY" -> OrderSide.BUY;
            case "SELL" -> OrderSide.SELL;
            default -> throw malformed(venue, "an order with an unknown side");
        };
        OrderStatus status = BinanceAdapters.status(venue, text(venue, node, "status"));
        BigDecimal limitPrice = type.needsLimitPrice() ? decimal(venue, node, "price") : null;
        BigDecimal stopPrice = null;
        if (type.allowsStopPrice() && node.has("stopPrice")) {
            BigDecimal stop = decimal(venue, node, "stopPrice");
            stopPrice = stop.signum() > 0 ? stop : null;
        }
        if (type.needsStopPrice() && stopPrice == null) {
            throw malformed(venue, "a conditional order without its stop price");
        }
        TimeInForce timeInForce = type.defaultTimeInForce();
        if (type.needsLimitPrice()) {
            timeInForce = switch (text(venue, node, "timeInForce")) {
                case "GTC", "GTX", "GTD" -> TimeInForce.GTC;
                case "IOC" -> TimeInForce.IOC;
                case "FOK" -> TimeInForce.FOK;
                default -> throw malformed(venue, "an order with an unknown time in force");
            };
        }
        BigDecimal executed = decimal(venue, node, "executedQty");
        BigDecimal average = null;
        if (executed.signum() > 0) {
            average = decimal(venue, node, "avgPrice");
            if (average.signum() <= 0) {
                throw malformed(venue, "a filled order without its average price");
            }
        }
        Instant created = time(node, "time").orElseGet(() -> time(node, "updateTime").orElse(fallbackTime));
        Instant updated = time(node, "updateTime").orElse(created);
        if (updated.isBefore(created)) {
            updated = created;
        }
        OrderId id = VenueGateway.orderIdOf(account, clientOrderId);
        try {
            return new Order(id, clientOrderId, account, instrument, side, type,
                    OrderSize.quantity(decimal(venue, node, "origQty")), limitPrice, stopPrice, null, timeInForce,
                    status, executed, average, created, updated);
        } catch (IllegalArgumentException e) {
            throw malformed(venue, "an order that does not hold together (" + e.getMessage() + ")");
        }
    }

    /**
     * One of {@code GET /fapi/v1/userTrades}. Its side is {@code side}; a negative commission is a maker rebate,
     * which is not a fee: the fill's fee is then zero (the rebate reaches the wallet balance).
     */
    static Fill fill(VenueId venue, Instrument instrument, OrderId orderId, JsonNode trade) {
        try {
            BigDecimal commission = decimal(venue, trade, "commission");
            return new Fill(Long.toString(integer(venue, trade, "id")), orderId, instrument,
                    switch (text(venue, trade, "side")) {
                        case "BUY" -> OrderSide.BUY;
                        case "SELL" -> OrderSide.SELL;
                        default -> throw malformed(venue, "a trade with an unknown side");
                    }, decimal(venue, trade, "price"), decimal(venue, trade, "qty"),
                    new Money(commission.max(BigDecimal.ZERO), asset(venue, trade, "commissionAsset")),
                    Instant.ofEpochMilli(integer(venue, trade, "time")));
        } catch (IllegalArgumentException e) {
            throw malformed(venue, "a trade that does not hold together (" + e.getMessage() + ")");
        }
    }

    /** Whether a futures order answer says it was placed reduce-only. */
    static boolean reduceOnly(VenueId venue, JsonNode node) {
        return node.has("reduceOnly") && bool(venue, node, "reduceOnly");
    }

    private static int precision(VenueId venue, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt() || value.asInt() < 0 || value.asInt() > 30) {
            throw malformed(venue, "exchangeInfo symbol without its " + field);
        }
        return value.asInt();
    }
}
