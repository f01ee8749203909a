package dev.bulwark.adapters.exchange.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.adapters.exchange.support.VenueAnswers;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.market.TradingRules;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.money.Money;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderSize;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.portfolio.AccountKind;
import dev.bulwark.domain.portfolio.Holding;
import dev.bulwark.domain.positions.Position;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.venues.OrderRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Bybit v5 USDT perpetuals ({@code category=linear}, settled in USDT) to and from the domain's records. The order,
 * execution and instrument answers have the spot shapes, so their fields are read by {@link BybitAdapters}; what a
 * malformed answer says is told as this venue's. Stateless.
 */
final class BybitLinearAdapters {
    static final VenueId VENUE = new VenueId("bybit-linear");
    static final String CATEGORY = "linear";
    static final String SETTLE_COIN = "USDT";

    private BybitLinearAdapters() {
    }

    static String symbol(Instrument instrument) {
        return BybitAdapters.symbol(instrument);
    }

    /** The instrument of a USDT perpetual ({@code BTCUSDT}); null for another symbol (USDC perps, dated futures). */
    static @Nullable Instrument instrumentOf(String symbol) {
        if (!symbol.endsWith(SETTLE_COIN) || symbol.length() == SETTLE_COIN.length()) {
            return null;
        }
        try {
            return new Instrument(Asset.of(symbol.substring(0, symbol.length() - SETTLE_COIN.length())), Asset.USDT,
                    Market.USDM_FUTURES);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The body of {@code POST /v5/order/create}, in a fixed order (it is signed as sent). One-way mode
     * ({@code positionIdx} 0); {@code reduceOnly} is the boolean Bybit documents.
     */
    static Map<String, Object> orderBody(OrderRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("category", CATEGORY);
        body.put("symbol", symbol(request.instrument()));
        body.put("side", request.side() == OrderSide.BUY ? "Buy" : "Sell");
        body.put("orderType", request.type() == OrderType.MARKET ? "Market" : "Limit");
        body.put("qty", ((OrderSize.OfQuantity) request.size()).quantity().toPlainString());
        if (request.limitPrice() != null) {
            body.put("price", request.limitPrice().toPlainString());
        }
        body.put("timeInForce", request.timeInForce().name());
        body.put("positionIdx", 0);
        body.put("orderLinkId", request.clientOrderId().value());
        body.put("reduceOnly", request.reduceOnly());
        return body;
    }

    /**
     * The unified wallet of {@code GET /v5/account/wallet-balance}, every coin of which is margin for USDT perpetuals
     * on a unified account, reported as FUTURES balances. The spot venue reads the same wallet: the same key connected
     * as both accounts counts it twice.
     */
    static List<Holding> holdings(VenueAccountId account, JsonNode result) {
        return parsed(() -> {
            List<Holding> holdings = new ArrayList<>();
            for (Holding holding : BybitAdapters.holdings(account, result)) {
                holdings.add(new Holding(account, VENUE, AccountKind.FUTURES, holding.asset(), holding.free(), holding.locked()));
            }
            return List.copyOf(holdings);
        });
    }

    /**
     * One position of {@code GET /v5/position/list}: {@code size} signed by {@code side} (Buy long, Sell short, empty
     * flat), cost basis {@code size × avgPrice}, the realized P&amp;L of the open position ({@code curRealisedPnl},
     * zero where absent: {@code cumRealisedPnl} is all-time), the leverage. Empty when flat or not a USDT perpetual.
     */
    static Optional<Position> position(VenueAccountId account, JsonNode node) {
        return parsed(() -> {
            Instrument instrument = instrumentOf(BybitAdapters.text(node.get("symbol"), "symbol"));
            BigDecimal size = BybitAdapters.optionalDecimal(node.get("size")).orElse(BigDecimal.ZERO).abs();
            String side = node.path("side").asText("");
            if (instrument == null || size.signum() == 0 || side.isEmpty() || side.equals("None")) {
                return Optional.empty();
            }
            BigDecimal quantity = switch (side) {
                case "Buy" -> size;
                case "Sell" -> size.negate();
                default -> throw BybitAdapters.malformed("a position side it does not document");
            };
            BigDecimal entry = BybitAdapters.decimal(node.get("avgPrice"), "avgPrice");
            BigDecimal realized = BybitAdapters.optionalDecimal(node.get("curRealisedPnl")).orElse(BigDecimal.ZERO);
            BigDecimal leverage = BybitAdapters.optionalDecimal(node.get("leverage")).orElse(BigDecimal.ONE).max(BigDecimal.ONE);
            try {
                return Optional.of(new Position(account, instrument, quantity, new Money(size.multiply(entry), Asset.USDT),
                        new Money(realized, Asset.USDT), leverage));
            } catch (IllegalArgumentException e) {
                throw BybitAdapters.malformed("a position that does not hold together");
            }
        });
    }

    static Optional<Order> order(VenueAccountId account, Instrument instrument, JsonNode node) {
        return parsed(() -> BybitAdapters.order(account, instrument, node));
    }

    /** One execution; a linear contract's fee is charged in the settle coin when the answer does not name one. */
    static Optional<Fill> fill(VenueAccountId account, Instrument instrument, JsonNode node) {
        JsonNode withFeeCoin = node;
        if (node.isObject() && node.path("feeCurrency").asText("").isBlank()) {
            withFeeCoin = ((ObjectNode) node.deepCopy()).put("feeCurrency", SETTLE_COIN);
        }
        JsonNode execution = withFeeCoin;
        return parsed(() -> BybitAdapters.fill(account, instrument, execution));
    }

    /** The rules of a linear instrument: tick, {@code qtyStep}, min and max quantity, {@code minNotionalValue}. */
    static TradingRules rules(JsonNode instrument) {
        return parsed(() -> BybitAdapters.rules(instrument));
    }

    static Optional<BigDecimal> optionalDecimal(@Nullable JsonNode node) {
        return parsed(() -> BybitAdapters.optionalDecimal(node));
    }

    static String text(@Nullable JsonNode node, String what) {
        return parsed(() -> BybitAdapters.text(node, what));
    }

    /** Runs a reader of the spot adapter, telling its complaint about a malformed answer as this venue's. */
    static <T> T parsed(Supplier<T> read) {
        return VenueAnswers.readAs(VENUE, read);
    }
}
