package dev.bulwark.adapters.exchange.okx;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.adapters.exchange.support.VenueJson;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
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
import dev.bulwark.domain.venues.Permission;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.domain.venues.VenueId;
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
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * OKX's wire JSON to and from the domain's records; the one place that knows OKX's instrument ids
 * ({@code BTC-USDT}), order types and states. Stateless.
 */
final class OkxAdapters {
    static final VenueId VENUE = new VenueId("okx");
    static final VenueJson FIELDS = new VenueJson(VENUE);
    /** OKX's {@code clOrdId}: 1 to 32 letters and digits. */
    private static final Pattern WIRE_ID = Pattern.compile("[A-Za-z0-9]{1,32}");

    private OkxAdapters() {
    }

    static String instId(Instrument instrument) {
        return instrument.base().code() + "-" + instrument.quote().code();
    }

    static @Nullable Instrument instrumentOf(String instId) {
        int dash = instId.indexOf('-');
        if (dash <= 0 || dash != instId.lastIndexOf('-')) {
            return null; // not a spot pair (swaps and futures have more parts)
        }
        try {
            return new Instrument(Asset.of(instId.substring(0, dash)), Asset.of(instId.substring(dash + 1)), Market.SPOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The {@code clOrdId} OKX is sent for a client order id: the id itself when OKX accepts it (letters and digits,
     * at most 32), else a stable digest of it ("b" and 31 hex digits), so the same id always maps to the same
     * {@code clOrdId} and can be looked up again. Such an order listed without its id (open orders, fills) is
     * reported under the digest.
     */
    static String wireId(ClientOrderId clientOrderId) {
        String value = clientOrderId.value();
        if (WIRE_ID.matcher(value).matches()) {
            return value;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return "b" + HexFormat.of().formatHex(digest).substring(0, 31);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    /** The body of {@code POST /api/v5/trade/order}, in a fixed order (it is signed as sent). */
    static Map<String, String> orderBody(OrderRequest request) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("instId", instId(request.instrument()));
        body.put("tdMode", "cash");
        body.put("clOrdId", wireId(request.clientOrderId()));
        body.put("side", request.side() == OrderSide.BUY ? "buy" : "sell");
        body.put("ordType", request.type() == OrderType.MARKET ? "market" : switch (request.timeInForce()) {
            case GTC -> "limit";
            case IOC -> "ioc";
            case FOK -> "fok";
        });
        if (request.limitPrice() != null) {
            body.put("px", request.limitPrice().toPlainString());
        }
        switch (request.size()) {
            case OrderSize.OfQuantity quantity -> {
                body.put("sz", quantity.quantity().toPlainString());
                if (request.type() == OrderType.MARKET) {
                    // a spot market buy is sized in the quote currency unless told otherwise
                    body.put("tgtCcy", "base_ccy");
                }
            }
            case OrderSize.OfQuoteAmount amount -> {
                body.put("sz", amount.amount().toPlainString());
                body.put("tgtCcy", "quote_ccy");
            }
        }
        return body;
    }

    /** Balances of {@code GET /api/v5/account/balance}: available and frozen apart. */
    static List<Holding> holdings(VenueAccountId account, JsonNode data) {
        List<Holding> holdings = new ArrayList<>();
        for (JsonNode balance : data) {
            for (JsonNode detail : balance.path("details")) {
                BigDecimal frozen = optionalDecimal(detail.get("frozenBal")).orElse(BigDecimal.ZERO).max(BigDecimal.ZERO);
                BigDecimal available = optionalDecimal(detail.get("availBal"))
                        .orElseGet(() -> decimal(detail.get("cashBal"), "cashBal").subtract(frozen)).max(BigDecimal.ZERO);
                if (available.signum() == 0 && frozen.signum() == 0) {
                    continue;
                }
                holdings.add(new Holding(account, VENUE, AccountKind.SPOT, Asset.of(text(detail.get("ccy"), "ccy")),
                        available, frozen));
            }
        }
        return List.copyOf(holdings);
    }

    /**
     * One order of {@code GET /api/v5/trade/order} or {@code orders-pending}. {@code known} is the client order id
     * the caller asked for, reported when the wire id is its {@link #wireId}.
     */
    static Optional<Order> order(VenueAccountId account, JsonNode node, @Nullable ClientOrderId known) {
        Instrument instrument = instrumentOf(text(node.get("instId"), "instId"));
        Optional<ClientOrderId> clientOrderId = clientOrderIdOf(node, known);
        if (instrument == null || clientOrderId.isEmpty()) {
            return Optional.empty();
        }
        OrderSide side = switch (text(node.get("side"), "side")) {
            case "buy" -> OrderSide.BUY;
            case "sell" -> OrderSide.SELL;
            default -> throw malformed("an order side it does not document");
        };
        String ordType = text(node.get("ordType"), "ordType");
        OrderType type = switch (ordType) {
            case "market", "optimal_limit_ioc" -> OrderType.MARKET;
            case "limit", "post_only", "fok", "ioc" -> OrderType.LIMIT;
            default -> throw malformed("an order type it does not document here");
        };
        TimeInForce timeInForce = switch (ordType) {
            case "market", "optimal_limit_ioc", "ioc" -> TimeInForce.IOC;
            case "fok" -> TimeInForce.FOK;
            default -> TimeInForce.GTC;
        };
        BigDecimal sz = decimal(node.get("sz"), "sz");
        boolean quoteSized = type == OrderType.MARKET && "quote_ccy".equals(node.path("tgtCcy").asText(""));
        OrderSize size = quoteSized ? OrderSize.quoteAmount(sz) : OrderSize.quantity(sz);
        BigDecimal limitPrice = type == OrderType.LIMIT ? decimal(node.get("px"), "px") : null;
        BigDecimal filled = optionalDecimal(node.get("accFillSz")).orElse(BigDecimal.ZERO);
        OrderStatus status = switch (text(node.get("state"), "state")) {
            case "live", "canceling" -> OrderStatus.ACCEPTED;
            case "partially_filled" -> OrderStatus.PARTIALLY_FILLED;
            case "filled" -> OrderStatus.FILLED;
            case "canceled", "mmp_canceled" -> OrderStatus.CANCELLED;
            default -> throw malformed("an order state it does not document");
        };
        VenueJson.Progress progress = FIELDS.progress(status, filled, quoteSized ? null : sz,
                () -> optionalDecimal(node.get("avgPx")).filter(p -> p.signum() > 0));
        status = progress.status();
        BigDecimal average = progress.average();
        Instant created = millis(node.get("cTime"), "cTime");
        Instant updated = optionalDecimal(node.get("uTime")).map(ms -> Instant.ofEpochMilli(ms.longValue())).orElse(created);
        try {
            return Optional.of(new Order(VenueGateway.orderIdOf(account, clientOrderId.get()), clientOrderId.get(), account,
                    instrument, side, type, size, limitPrice, null, null, timeInForce, status,
                    quoteSized ? filled : filled.min(sz), average, created, updated.isBefore(created) ? created : updated));
        } catch (IllegalArgumentException e) {
            throw malformed("an order that does not hold together");
        }
    }

    /** One fill of {@code GET /api/v5/trade/fills-history}; OKX reports a charged fee as a negative number. */
    static Optional<Fill> fill(VenueAccountId account, Instrument instrument, JsonNode node) {
        Optional<ClientOrderId> clientOrderId = clientOrderIdOf(node, null);
        if (clientOrderId.isEmpty()) {
            return Optional.empty();
        }
        OrderSide side = "buy".equals(text(node.get("side"), "side")) ? OrderSide.BUY : OrderSide.SELL;
        BigDecimal fee = optionalDecimal(node.get("fee")).orElse(BigDecimal.ZERO);
        String feeCcy = node.path("feeCcy").asText("");
        Asset feeAsset = feeCcy.isBlank() ? instrument.quote() : Asset.of(feeCcy);
        return Optional.of(new Fill(text(node.get("tradeId"), "tradeId"), VenueGateway.orderIdOf(account, clientOrderId.get()),
                instrument, side, decimal(node.get("fillPx"), "fillPx"), decimal(node.get("fillSz"), "fillSz"),
                new Money(fee.signum() < 0 ? fee.negate() : BigDecimal.ZERO, feeAsset), millis(node.get("ts"), "ts")));
    }

    /** The rules of one spot instrument of {@code GET /api/v5/public/instruments}; OKX states no minimum notional. */
    static TradingRules rules(JsonNode instrument) {
        BigDecimal min = decimal(instrument.get("minSz"), "minSz");
        BigDecimal max = optionalDecimal(instrument.get("maxLmtSz")).filter(m -> m.compareTo(min) > 0).orElse(null);
        return new TradingRules(decimal(instrument.get("tickSz"), "tickSz"), decimal(instrument.get("lotSz"), "lotSz"), min,
                max, BigDecimal.ZERO);
    }

    /** What the key may do, from {@code perm} of {@code GET /api/v5/account/config} ("read_only,withdraw,trade"). */
    static Set<Permission> permissions(JsonNode config) {
        Set<Permission> permissions = EnumSet.of(Permission.READ);
        for (String perm : config.path(0).path("perm").asText("").split(",")) {
            switch (perm.strip()) {
                case "trade" -> permissions.add(Permission.TRADE);
                case "withdraw" -> permissions.add(Permission.WITHDRAW);
                default -> {
                    // read_only, or a permission that does not matter here
                }
            }
        }
        return permissions;
    }

    static Optional<ClientOrderId> clientOrderIdOf(JsonNode node, @Nullable ClientOrderId known) {
        String wire = node.path("clOrdId").asText("");
        if (known != null && wire.equals(wireId(known))) {
            return Optional.of(known);
        }
        return VenueJson.firstClientOrderId(List.of(wire, node.path("ordId").asText("")));
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
