package dev.bulwark.adapters.exchange.kraken;

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
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Kraken's wire values to Bulwark's records and back; the only place that knows Kraken's spelling. Assets: the
 * legacy X/Z-prefixed codes ({@code XXBT}, {@code ZUSD}) and Kraken's own names ({@code XBT} for BTC, {@code XDG}
 * for DOGE) become the common codes; balances of earn products (suffixes {@code .S}, {@code .M}, {@code .F},
 * {@code .B}, {@code .T}) are not spot funds and are left out. Pairs: asked by their alternative name
 * ({@code XBTUSD}), read by either name ({@code XXBTZUSD} too) through the list of {@code AssetPairs}.
 *
 * <p>Stateless; every method is a pure function. Malformed values throw {@link IllegalArgumentException}, which
 * the gateway reports as an unreadable answer.
 */
final class KrakenAdapters {
    /** Kraken's own names for assets whose codes differ from everyone else's. */
    private static final Map<String, String> TO_KRAKEN = Map.of("BTC", "XBT", "DOGE", "XDG");
    private static final Map<String, String> FROM_KRAKEN = Map.of("XBT", "BTC", "XDG", "DOGE");
    /**
     * Legacy four-letter codes: X for crypto assets listed before 2015, Z for fiat. Newer assets carry no prefix
     * ({@code USDT}, {@code DOT}, {@code CHF}), so the prefix is stripped only from these.
     */
    private static final Pattern LEGACY = Pattern.compile("X(XBT|ETH|XRP|LTC|XLM|XMR|ZEC|ETC|REP|MLN|XDG|ICN|NMC|DAO|VEN)"
            + "|Z(USD|EUR|GBP|JPY|CAD|AUD)");
    /**
     * Kraken's cl_ord_id formats (docs.kraken.com, Spot Client Order Identifiers): a UUID with or without its
     * hyphens, or free text of at most 18 printable characters.
     */
    private static final Pattern CL_ORD_ID = Pattern.compile(
            "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}|[0-9A-Fa-f]{32}|[\\x21-\\x7E]{1,18}");

    /** One Kraken pair: both its names, the instrument and the rules it publishes. */
    record PairInfo(String name, String altname, Instrument instrument, TradingRules rules) {
    }

    private KrakenAdapters() {
    }

    /** Kraken's name of an asset in a pair's alternative name: {@code XBT}, {@code XDG}, else the code. */
    static String krakenAsset(Asset asset) {
        return TO_KRAKEN.getOrDefault(asset.code(), asset.code());
    }

    /** The alternative name of a spot pair: {@code BTC/USD} is {@code XBTUSD}. */
    static String pair(Instrument instrument) {
        return krakenAsset(instrument.base()) + krakenAsset(instrument.quote());
    }

    /** The common asset of a Kraken asset code; empty for balances of earn products, which are not spot funds. */
    static Optional<Asset> asset(String code) {
        if (code.contains(".")) {
            return Optional.empty();
        }
        String plain = LEGACY.matcher(code).matches() ? code.substring(1) : code;
        String common = FROM_KRAKEN.getOrDefault(plain, plain);
        try {
            return Optional.of(Asset.of(common));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether Kraken takes this client order id as its {@code cl_ord_id}. */
    static boolean fitsClOrdId(ClientOrderId id) {
        return CL_ORD_ID.matcher(id.value()).matches();
    }

    /** Kraken compares UUIDs without regard to case and may echo them in lower case. */
    static boolean sameClientId(ClientOrderId id, @Nullable String venueValue) {
        return venueValue != null && venueValue.equalsIgnoreCase(id.value());
    }

    /**
     * The AddOrder parameters of a request, in Kraken's documented names; {@code nonce} is added by the client.
     */
    static Map<String, String> addOrder(OrderRequest request) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("ordertype", switch (request.type()) {
            case MARKET -> "market";
            case LIMIT -> "limit";
            case STOP_MARKET -> "stop-loss";
            case STOP_LIMIT -> "stop-loss-limit";
            case TAKE_PROFIT -> "take-profit";
            case TAKE_PROFIT_LIMIT -> "take-profit-limit";
            case TRAILING_STOP -> throw new IllegalArgumentException("Kraken trailing stops are not offered here");
        });
        params.put("type", request.side() == OrderSide.BUY ? "buy" : "sell");
        if (!(request.size() instanceof OrderSize.OfQuantity(BigDecimal quantity))) {
            throw new IllegalArgumentException("Kraken orders are sized by quantity here");
        }
        params.put("volume", quantity.toPlainString());
        params.put("pair", pair(request.instrument()));
        if (request.stopPrice() != null) {
            // conditional orders: price is the trigger, price2 the limit
            params.put("price", request.stopPrice().toPlainString());
            if (request.limitPrice() != null) {
                params.put("price2", request.limitPrice().toPlainString());
            }
        } else if (request.limitPrice() != null) {
            params.put("price", request.limitPrice().toPlainString());
        }
        if (request.type().needsLimitPrice() && request.timeInForce() != TimeInForce.GTC) {
            params.put("timeinforce", request.timeInForce().name());
        }
        params.put("cl_ord_id", request.clientOrderId().value());
        return params;
    }

    /** The pairs of an {@code AssetPairs} result, by both of their names. Pairs that are not spot pairs are skipped. */
    static Map<String, PairInfo> pairs(JsonNode result) {
        Map<String, PairInfo> byName = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = result.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode info = entry.getValue();
            String wsname = info.path("wsname").asText("");
            String altname = info.path("altname").asText("");
            int slash = wsname.indexOf('/');
            if (slash <= 0 || altname.isEmpty() || altname.endsWith(".d")) {
                continue; // dark pools and pairs without a readable name are not traded here
            }
            Optional<Asset> base = asset(wsname.substring(0, slash));
            Optional<Asset> quote = asset(wsname.substring(slash + 1));
            if (base.isEmpty() || quote.isEmpty() || base.get().equals(quote.get())) {
                continue;
            }
            Instrument instrument = new Instrument(base.get(), quote.get(), Market.SPOT);
            PairInfo pair = new PairInfo(entry.getKey(), altname, instrument, rules(info));
            byName.put(entry.getKey(), pair);
            byName.put(altname, pair);
        }
        return Map.copyOf(byName);
    }

    /** tick_size (or 10^-pair_decimals), 10^-lot_decimals, ordermin, costmin. */
    static TradingRules rules(JsonNode info) {
        BigDecimal tick = info.hasNonNull("tick_size") ? decimal(info.get("tick_size"), "tick_size")
                : BigDecimal.ONE.movePointLeft(integer(info.get("pair_decimals"), "pair_decimals"));
        BigDecimal step = BigDecimal.ONE.movePointLeft(integer(info.get("lot_decimals"), "lot_decimals"));
        BigDecimal minQuantity = info.hasNonNull("ordermin") ? decimal(info.get("ordermin"), "ordermin") : step;
        BigDecimal minNotional = info.hasNonNull("costmin") ? decimal(info.get("costmin"), "costmin") : BigDecimal.ZERO;
        return new TradingRules(tick, step, minQuantity, null, minNotional);
    }

    /**
     * Holdings from {@code BalanceEx}: {@code {"ZUSD": {"balance": "25435.21", "hold_trade": "8249.76"}, ...}}.
     * Free is the balance less what open orders hold; empty balances are left out.
     */
    static List<Holding> holdings(VenueAccountId account, VenueId venue, JsonNode result) {
        Map<Asset, BigDecimal[]> sums = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = result.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            Optional<Asset> asset = asset(entry.getKey());
            if (asset.isEmpty()) {
                continue;
            }
            JsonNode value = entry.getValue();
            BigDecimal balance = value.isObject() ? decimal(value.get("balance"), "balance") : decimal(value, "balance");
            BigDecimal held = value.isObject() && value.hasNonNull("hold_trade") ? decimal(value.get("hold_trade"), "hold_trade")
                    : BigDecimal.ZERO;
            BigDecimal locked = held.min(balance).max(BigDecimal.ZERO);
            BigDecimal free = balance.subtract(locked).max(BigDecimal.ZERO);
            // XBT.F and XXBT both end as BTC: a legacy and a new code of one asset add up
            sums.merge(asset.get(), new BigDecimal[] {free, locked},
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

    /**
     * One order of {@code OpenOrders}, {@code ClosedOrders} or {@code QueryOrders}; empty for an order type Bulwark
     * does not model (trailing stops, settle-position), which it then neither shows nor touches.
     */
    static Optional<Order> order(VenueAccountId account, String txid, JsonNode info, Instrument instrument) {
        JsonNode descr = info.path("descr");
        Optional<OrderType> type = switch (descr.path("ordertype").asText("")) {
            case "market" -> Optional.of(OrderType.MARKET);
            case "limit" -> Optional.of(OrderType.LIMIT);
            case "stop-loss" -> Optional.of(OrderType.STOP_MARKET);
            case "stop-loss-limit" -> Optional.of(OrderType.STOP_LIMIT);
            case "take-profit" -> Optional.of(OrderType.TAKE_PROFIT);
            case "take-profit-limit" -> Optional.of(OrderType.TAKE_PROFIT_LIMIT);
            default -> Optional.empty();
        };
        if (type.isEmpty()) {
            return Optional.empty();
        }
        OrderSide side = switch (descr.path("type").asText("")) {
            case "buy" -> OrderSide.BUY;
            case "sell" -> OrderSide.SELL;
            default -> throw new IllegalArgumentException("an order side that is neither buy nor sell");
        };
        BigDecimal volume = decimal(info.get("vol"), "vol");
        BigDecimal executed = decimal(info.get("vol_exec"), "vol_exec");
        BigDecimal price = positiveOrNull(descr.get("price"));
        BigDecimal price2 = positiveOrNull(descr.get("price2"));
        BigDecimal limit = null;
        BigDecimal stop = null;
        switch (type.get()) {
            case LIMIT -> limit = price;
            case STOP_MARKET, TAKE_PROFIT -> stop = price;
            case STOP_LIMIT, TAKE_PROFIT_LIMIT -> {
                stop = price;
                limit = price2;
            }
            default -> {
            }
        }
        String clOrdId = info.hasNonNull("cl_ord_id") ? info.get("cl_ord_id").asText() : "";
        ClientOrderId clientOrderId = clOrdId.isEmpty() ? outsideId(txid) : new ClientOrderId(clOrdId);
        Instant opened = time(info.get("opentm"), "opentm");
        Instant closed = info.hasNonNull("closetm") && decimal(info.get("closetm"), "closetm").signum() > 0
                ? time(info.get("closetm"), "closetm") : opened;
        OrderStatus status = switch (info.path("status").asText("")) {
            case "pending" -> OrderStatus.ACCEPTED;
            case "open" -> executed.signum() > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.ACCEPTED;
            // "closed" is Kraken's filled; an IOC closed short of its volume let the rest expire
            case "closed" -> executed.compareTo(volume) >= 0 ? OrderStatus.FILLED : OrderStatus.EXPIRED;
            case "canceled" -> OrderStatus.CANCELLED;
            case "expired" -> OrderStatus.EXPIRED;
            default -> throw new IllegalArgumentException("an order status Kraken does not document");
        };
        BigDecimal average = null;
        if (executed.signum() > 0) {
            // "price" is the average fill price; cost / executed where Kraken left it at zero
            BigDecimal reported = info.hasNonNull("price") ? decimal(info.get("price"), "price") : BigDecimal.ZERO;
            average = reported.signum() > 0 ? reported : Decimals.divide(decimal(info.get("cost"), "cost"), executed);
        }
        OrderType orderType = type.get();
        return Optional.of(new Order(VenueGateway.orderIdOf(account, clientOrderId), clientOrderId, account, instrument,
                side, orderType, OrderSize.quantity(volume), limit, stop, null, orderType.defaultTimeInForce(), status,
                executed, average, opened, closed.isBefore(opened) ? opened : closed));
    }

    /**
     * The client order id an order placed outside Bulwark (without cl_ord_id) is reported under: made from its
     * Kraken id, the same on every call.
     */
    static ClientOrderId outsideId(String txid) {
        String id = "kraken-" + txid.replaceAll("[^A-Za-z0-9._:/-]", "");
        return new ClientOrderId(id.length() > 36 ? id.substring(0, 36) : id);
    }

    /** One trade of {@code TradesHistory} as a fill of the order with {@code clientOrderId}. */
    static Fill fill(VenueAccountId account, String tradeId, JsonNode trade, Instrument instrument, ClientOrderId clientOrderId) {
        OrderSide side = switch (trade.path("type").asText("")) {
            case "buy" -> OrderSide.BUY;
            case "sell" -> OrderSide.SELL;
            default -> throw new IllegalArgumentException("a trade side that is neither buy nor sell");
        };
        // Kraken charges in the quote currency unless the order asked otherwise (fcib), which Bulwark never does
        return new Fill(tradeId, VenueGateway.orderIdOf(account, clientOrderId), instrument, side,
                decimal(trade.get("price"), "price"), decimal(trade.get("vol"), "vol"),
                new Money(decimal(trade.get("fee"), "fee"), instrument.quote()), time(trade.get("time"), "time"));
    }

    static Instant time(@Nullable JsonNode node, String what) {
        BigDecimal seconds = decimal(node, what);
        long whole = seconds.longValue();
        int nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
        return Instant.ofEpochSecond(whole, nanos);
    }

    static BigDecimal decimal(@Nullable JsonNode node, String what) {
        if (node != null && node.isNumber()) {
            return node.decimalValue();
        }
        if (node != null && node.isTextual()) {
            try {
                return new BigDecimal(node.asText().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a " + what + " that is not a number");
            }
        }
        throw new IllegalArgumentException("no " + what);
    }

    private static int integer(@Nullable JsonNode node, String what) {
        if (node != null && node.canConvertToInt()) {
            return node.intValue();
        }
        throw new IllegalArgumentException("no whole " + what);
    }

    private static @Nullable BigDecimal positiveOrNull(@Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        BigDecimal value = decimal(node, "price");
        return value.signum() > 0 ? value : null;
    }
}
