package dev.bulwark.domain.paper;

import dev.bulwark.domain.market.Candle;
import dev.bulwark.domain.market.CandleInterval;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.market.TradingRules;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderBuilder;
import dev.bulwark.domain.orders.OrderId;
import dev.bulwark.domain.orders.OrderSize;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.orders.TimeInForce;
import dev.bulwark.domain.orders.TrailingOffset;
import dev.bulwark.domain.portfolio.AccountKind;
import dev.bulwark.domain.venues.VenueAccountId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Test data for the paper engine: BTC/USDT spot and perpetual with a 0.01 tick, 0.001 lot, 0.002 minimum
 * quantity, 1000 maximum and 5 USDT minimum notional; profiles without fees, slippage or volume cap unless a test
 * adds them; candles of one minute from {@link #T0}; orders built through {@link OrderBuilder}.
 */
final class Paper {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final VenueAccountId ACCOUNT = OrderBuilder.ACCOUNT;
    static final Instrument BTC_USDT = OrderBuilder.BTC_USDT;
    static final Instrument BTC_PERP = OrderBuilder.BTC_USDT_PERP;
    static final Asset BTC = Asset.BTC;
    static final Asset USDT = Asset.USDT;
    static final TradingRules RULES = new TradingRules(bd("0.01"), bd("0.001"), bd("0.002"), bd("1000"), bd("5"));
    private static final AtomicLong IDS = new AtomicLong();

    private Paper() {
    }

    static BigDecimal bd(String value) {
        return new BigDecimal(value);
    }

    static PaperProfile spotProfile() {
        return new PaperProfile(AccountKind.SPOT, FeeSchedule.free(), SlippageModel.none(), null,
                LimitFillRule.TRADE_THROUGH, BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ONE, Map.of(BTC_USDT, RULES));
    }

    static PaperProfile futuresProfile() {
        return new PaperProfile(AccountKind.FUTURES, FeeSchedule.free(), SlippageModel.none(), null,
                LimitFillRule.TRADE_THROUGH, bd("0.005"), BigDecimal.ONE, bd("125"), Map.of(BTC_PERP, RULES));
    }

    static PaperAccount spot(String usdt, String btc) {
        return spot(spotProfile(), usdt, btc);
    }

    static PaperAccount spot(PaperProfile profile, String usdt, String btc) {
        return PaperAccount.open(ACCOUNT, profile, Map.of(USDT, bd(usdt), BTC, bd(btc)));
    }

    static PaperAccount futures(PaperProfile profile, String usdt) {
        return PaperAccount.open(ACCOUNT, profile, Map.of(USDT, bd(usdt)));
    }

    static MarketSnapshot at(String price) {
        return MarketSnapshot.at(price);
    }

    /** A one-minute candle opening {@code minute} minutes after {@link #T0}. */
    static Candle candle(int minute, String open, String high, String low, String close, String volume) {
        return new Candle(BTC_USDT, "replay", CandleInterval.M1, T0.plusSeconds(60L * minute), bd(open), bd(high),
                bd(low), bd(close), bd(volume));
    }

    static Candle candle(int minute, String open, String high, String low, String close) {
        return candle(minute, open, high, low, close, "1000");
    }

    static O market(OrderSide side, String quantity) {
        return new O(OrderType.MARKET, side, quantity).tif(TimeInForce.IOC);
    }

    static O limit(OrderSide side, String quantity, String limit) {
        return new O(OrderType.LIMIT, side, quantity).limit(limit);
    }

    static O stop(OrderSide side, String quantity, String stop) {
        return new O(OrderType.STOP_MARKET, side, quantity).stop(stop);
    }

    static O stopLimit(OrderSide side, String quantity, String stop, String limit) {
        return new O(OrderType.STOP_LIMIT, side, quantity).stop(stop).limit(limit);
    }

    static O takeProfit(OrderSide side, String quantity, String stop) {
        return new O(OrderType.TAKE_PROFIT, side, quantity).stop(stop);
    }

    static O takeProfitLimit(OrderSide side, String quantity, String stop, String limit) {
        return new O(OrderType.TAKE_PROFIT_LIMIT, side, quantity).stop(stop).limit(limit);
    }

    static O trailing(OrderSide side, String quantity, TrailingOffset offset) {
        return new O(OrderType.TRAILING_STOP, side, quantity).trailing(offset);
    }

    static OrderId nextId() {
        return new OrderId(new UUID(7, IDS.incrementAndGet()));
    }

    /** A fluent order under construction; {@link #build} gives it a fresh id and client id. */
    static final class O {
        private final OrderBuilder builder = OrderBuilder.anOrder();
        private @Nullable BigDecimal limit;
        private @Nullable BigDecimal stop;

        O(OrderType type, OrderSide side, String quantity) {
            builder.type(type).side(side).quantity(quantity).limitPrice((BigDecimal) null).timeInForce(TimeInForce.GTC)
                    .createdAt(T0).updatedAt(T0);
        }

        O limit(String value) {
            limit = bd(value);
            return this;
        }

        O stop(String value) {
            stop = bd(value);
            return this;
        }

        O trailing(TrailingOffset offset) {
            builder.trailing(offset);
            return this;
        }

        O tif(TimeInForce value) {
            builder.timeInForce(value);
            return this;
        }

        O on(Instrument instrument) {
            builder.instrument(instrument);
            return this;
        }

        O quoteAmount(String amount) {
            builder.size(OrderSize.quoteAmount(bd(amount)));
            return this;
        }

        O at(Instant time) {
            builder.createdAt(time).updatedAt(time);
            return this;
        }

        Order build() {
            return build(nextId());
        }

        /** Builds with {@code id}, so two runs of the same scenario place the very same orders. */
        Order build(OrderId id) {
            return builder.id(id).clientOrderId(new ClientOrderId("c-" + id.value().getLeastSignificantBits()))
                    .limitPrice(limit).stopPrice(stop).build();
        }
    }
}
