package dev.bulwark.adapters.exchange.bitget;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.adapters.exchange.support.VenueAnswers;
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
import dev.bulwark.ports.errors.VenueUnavailable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Bitget's USDT-M futures ("mix", {@code productType=USDT-FUTURES}) wire JSON to and from the domain's records: the
 * one place that knows its symbols ({@code BTCUSDT}, sometimes lower case in answers), hold sides, order states and
 * contract rules. Stateless. Number and text readers are the spot adapter's rules, failing as this venue.
 */
final class BitgetFuturesAdapters {
    static final VenueId VENUE = new VenueId("bitget-futures");
    static final String PRODUCT_TYPE = "USDT-FUTURES";
    static final String MARGIN_COIN = "USDT";
    /** Orders are placed on the cross margin of the account; Bitget asks for a margin mode on every order. */
    static final String MARGIN_MODE = "crossed";

    private BitgetFuturesAdapters() {
    }

    static String symbol(Instrument instrument) {
        return instrument.base().code() + instrument.quote().code();
    }

    /** The instrument of a USDT-M symbol ({@code BTCUSDT}, {@code ethusdt}); null when it is not one we can name. */
    static @Nullable Instrument instrumentOf(String symbol) {
        String upper = symbol.toUpperCase(Locale.ROOT);
        if (!upper.endsWith(MARGIN_COIN) || upper.length() == MARGIN_COIN.length()) {
            return null;
        }
        try {
            return new Instrument(Asset.of(upper.substring(0, upper.length() - MARGIN_COIN.length())), Asset.USDT,
                    Market.USDM_FUTURES);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The body of {@code POST /api/v2/mix/order/place-order}, in a fixed order (it is signed as sent): one-way
     * position mode (no {@code tradeSide}), so a sell opens or adds to a short unless it is reduce-only.
     */
    static Map<String, String> orderBody(OrderRequest request) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("symbol", symbol(request.instrument()));
        body.put("productType", PRODUCT_TYPE);
        body.put("marginMode", MARGIN_MODE);
        body.put("marginCoin", MARGIN_COIN);
        body.put("size", ((OrderSize.OfQuantity) request.size()).quantity().toPlainString());
        if (request.limitPrice() != null) {
            body.put("price", request.limitPrice().toPlainString());
        }
        body.put("side", request.side() == OrderSide.BUY ? "buy" : "sell");
        body.put("orderType", request.type() == OrderType.MARKET ? "market" : "limit");
        body.put("force", request.timeInForce().name().toLowerCase(Locale.ROOT));
        body.put("clientOid", request.clientOrderId().value());
        body.put("reduceOnly", request.reduceOnly() ? "YES" : "NO");
        return body;
    }

    /** Margin balances of {@code GET /api/v2/mix/account/accounts}: {@code available} free, {@code locked} locked. */
    static List<Holding> holdings(VenueAccountId account, JsonNode data) {
        requireArray(data, "accounts");
        List<Holding> holdings = new ArrayList<>();
        for (JsonNode coin : data) {
            BigDecimal available = decimal(coin.get("available"), "available").max(BigDecimal.ZERO);
            BigDecimal locked = optionalDecimal(coin.get("locked")).orElse(BigDecimal.ZERO).max(BigDecimal.ZERO);
            if (available.signum() == 0 && locked.signum() == 0) {
                continue;
            }
            holdings.add(new Holding(account, VENUE, AccountKind.FUTURES,
                    Asset.of(text(coin.get("marginCoin"), "marginCoin").toUpperCase(Locale.ROOT)), available, locked));
        }
        return List.copyOf(holdings);
    }

    /**
     * The positions of {@code GET /api/v2/mix/position/all-position}, one per instrument: {@code total} signed by
     * {@code holdSide}, cost basis {@code total × openPriceAvg}, realized {@code achievedProfits}. An account in
     * hedge mode may hold a long and a short at once; they are reported netted (quantity long − short, the basis of
     * the larger side scaled to the net, both realized amounts), as the domain keeps one position per instrument.
     */
    static List<Position> positions(VenueAccountId account, JsonNode data) {
        requireArray(data, "positions");
        Map<Instrument, Position> byInstrument = new LinkedHashMap<>();
        for (JsonNode entry : data) {
            Instrument instrument = instrumentOf(text(entry.get("symbol"), "symbol"));
            if (instrument == null) {
                continue;
            }
            BigDecimal total = decimal(entry.get("total"), "total");
            if (total.signum() == 0) {
                continue;
            }
            BigDecimal quantity = switch (text(entry.get("holdSide"), "holdSide")) {
                case "long" -> total.abs();
                case "short" -> total.abs().negate();
                default -> throw malformed("a hold side it does not document");
            };
            BigDecimal entryPrice = decimal(entry.get("openPriceAvg"), "openPriceAvg");
            BigDecimal realized = optionalDecimal(entry.get("achievedProfits")).orElse(BigDecimal.ZERO);
            BigDecimal leverage = optionalDecimal(entry.get("leverage")).orElse(BigDecimal.ONE).max(BigDecimal.ONE);
            Position position = position(account, instrument, quantity, quantity.abs().multiply(entryPrice), realized, leverage);
            byInstrument.merge(instrument, position, BitgetFuturesAdapters::net);
        }
        return byInstrument.values().stream().filter(p -> !p.isFlat() || p.realizedPnl().amount().signum() != 0).toList();
    }

    private static Position net(Position one, Position other) {
        Position larger = one.quantity().abs().compareTo(other.quantity().abs()) >= 0 ? one : other;
        BigDecimal quantity = one.quantity().add(other.quantity());
        BigDecimal basis = quantity.signum() == 0 ? BigDecimal.ZERO
                : Decimals.divide(larger.costBasis().amount().multiply(quantity.abs()), larger.quantity().abs());
        return position(one.account(), one.instrument(), quantity, basis,
                one.realizedPnl().amount().add(other.realizedPnl().amount()), larger.leverage());
    }

    private static Position position(VenueAccountId account, Instrument instrument, BigDecimal quantity, BigDecimal basis,
            BigDecimal realized, BigDecimal leverage) {
        try {
            return new Position(account, instrument, quantity, new Money(basis, instrument.quote()),
                    new Money(realized, instrument.quote()), leverage);
        } catch (IllegalArgumentException e) {
            throw malformed("a position that does not hold together");
        }
    }

    /**
     * One order of {@code GET /api/v2/mix/order/detail} (its state in {@code state}) or {@code orders-pending} (in
     * {@code status}); empty when it has no client id we can use.
     */
    static Optional<Order> order(VenueAccountId account, Instrument instrument, JsonNode node) {
        Optional<ClientOrderId> clientOrderId = BitgetAdapters.clientOrderIdOf(node);
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
        TimeInForce timeInForce = type == OrderType.MARKET ? TimeInForce.IOC
                : switch (node.path("force").asText("gtc").toLowerCase(Locale.ROOT)) {
                    case "ioc" -> TimeInForce.IOC;
                    case "fok" -> TimeInForce.FOK;
                    default -> TimeInForce.GTC; // gtc and post_only rest on the book
                };
        BigDecimal size = decimal(node.get("size"), "size");
        BigDecimal limitPrice = type == OrderType.LIMIT ? decimal(node.get("price"), "price") : null;
        BigDecimal filled = optionalDecimal(node.get("baseVolume")).orElse(BigDecimal.ZERO);
        JsonNode state = node.hasNonNull("state") ? node.get("state") : node.get("status");
        OrderStatus status = switch (text(state, "state")) {
            case "init", "new", "live" -> OrderStatus.ACCEPTED;
            case "partially_filled" -> OrderStatus.PARTIALLY_FILLED;
            case "filled" -> OrderStatus.FILLED;
            case "canceled", "cancelled" -> OrderStatus.CANCELLED;
            default -> throw malformed("an order state it does not document");
        };
        BigDecimal average = null;
        if (filled.signum() > 0) {
            average = optionalDecimal(node.get("priceAvg")).filter(p -> p.signum() > 0)
                    .orElseThrow(() -> malformed("a filled order without its average price"));
            if (status == OrderStatus.ACCEPTED) {
                status = OrderStatus.PARTIALLY_FILLED;
            }
            if (filled.compareTo(size) >= 0) {
                status = OrderStatus.FILLED;
            }
        } else if (status == OrderStatus.PARTIALLY_FILLED || status == OrderStatus.FILLED) {
            throw malformed("a filled order without its filled quantity");
        }
        Instant created = millis(node.get("cTime"), "cTime");
        Instant updated = optionalDecimal(node.get("uTime")).map(ms -> Instant.ofEpochMilli(ms.longValue())).orElse(created);
        try {
            return Optional.of(new Order(VenueGateway.orderIdOf(account, clientOrderId.get()), clientOrderId.get(), account,
                    instrument, side, type, OrderSize.quantity(size), limitPrice, null, null, timeInForce, status,
                    filled.min(size), average, created, updated.isBefore(created) ? created : updated));
        } catch (IllegalArgumentException e) {
            throw malformed("an order that does not hold together");
        }
    }

    /**
     * One fill of {@code GET /api/v2/mix/order/fills}, of the order known by {@code clientOrderId}; the fee is the sum
     * of its fee details (Bitget reports fees as negative amounts), in the first detail's coin.
     */
    static Fill fill(VenueAccountId account, Instrument instrument, ClientOrderId clientOrderId, JsonNode node) {
        OrderSide side = switch (text(node.get("side"), "side")) {
            case "buy" -> OrderSide.BUY;
            case "sell" -> OrderSide.SELL;
            default -> throw malformed("a fill side it does not document");
        };
        BigDecimal fee = BigDecimal.ZERO;
        Asset feeAsset = instrument.quote();
        boolean first = true;
        for (JsonNode detail : node.path("feeDetail")) {
            String coin = detail.path("feeCoin").asText("");
            if (first && !coin.isBlank()) {
                feeAsset = Asset.of(coin.toUpperCase(Locale.ROOT));
            }
            first = false;
            if (coin.isBlank() || coin.equalsIgnoreCase(feeAsset.code())) {
                fee = fee.add(optionalDecimal(detail.get("totalFee")).orElse(BigDecimal.ZERO).abs());
            }
        }
        try {
            return new Fill(text(node.get("tradeId"), "tradeId"), VenueGateway.orderIdOf(account, clientOrderId), instrument,
                    side, decimal(node.get("price"), "price"), decimal(node.get("baseVolume"), "baseVolume"),
                    new Money(fee, feeAsset), millis(node.get("cTime"), "cTime"));
        } catch (IllegalArgumentException e) {
            throw malformed("a fill that does not hold together");
        }
    }

    /**
     * The rules of one contract of {@code GET /api/v2/mix/market/contracts}: tick {@code priceEndStep} at
     * {@code pricePlace} decimals, step {@code sizeMultiplier}, minimum {@code minTradeNum}, minimum notional
     * {@code minTradeUSDT}.
     */
    static TradingRules rules(JsonNode contract) {
        int pricePlace = (int) decimal(contract.get("pricePlace"), "pricePlace").longValue();
        BigDecimal endStep = optionalDecimal(contract.get("priceEndStep")).filter(s -> s.signum() > 0).orElse(BigDecimal.ONE);
        BigDecimal tick = endStep.scaleByPowerOfTen(-pricePlace);
        BigDecimal step = optionalDecimal(contract.get("sizeMultiplier")).filter(s -> s.signum() > 0)
                .orElseGet(() -> BigDecimal.ONE.scaleByPowerOfTen(-(int) decimal(contract.get("volumePlace"), "volumePlace").longValue()));
        BigDecimal min = optionalDecimal(contract.get("minTradeNum")).orElse(BigDecimal.ZERO);
        BigDecimal minNotional = optionalDecimal(contract.get("minTradeUSDT")).orElse(BigDecimal.ZERO);
        try {
            return new TradingRules(tick, step, min, null, minNotional);
        } catch (IllegalArgumentException e) {
            throw malformed("trading rules that do not hold together");
        }
    }

    static void requireArray(JsonNode data, String what) {
        if (!data.isArray()) {
            throw malformed("no list of " + what + " where it documents one");
        }
    }

    // the readers are the spot adapter's; what they find malformed is told as this venue's
    static BigDecimal decimal(@Nullable JsonNode node, String what) {
        return VenueAnswers.readAs(VENUE, () -> BitgetAdapters.decimal(node, what));
    }

    static Optional<BigDecimal> optionalDecimal(@Nullable JsonNode node) {
        return VenueAnswers.readAs(VENUE, () -> BitgetAdapters.optionalDecimal(node));
    }

    static String text(@Nullable JsonNode node, String what) {
        return VenueAnswers.readAs(VENUE, () -> BitgetAdapters.text(node, what));
    }

    static Instant millis(@Nullable JsonNode node, String what) {
        return VenueAnswers.readAs(VENUE, () -> BitgetAdapters.millis(node, what));
    }

    static VenueUnavailable malformed(String what) {
        return new VenueUnavailable(VENUE, "answered with " + what, null);
    }
}
