package dev.bulwark.domain.paper.bench;

import dev.bulwark.domain.market.Candle;
import dev.bulwark.domain.market.CandleInterval;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.market.TradingRules;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderId;
import dev.bulwark.domain.orders.OrderSize;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.orders.TimeInForce;
import dev.bulwark.domain.paper.MarketSnapshot;
import dev.bulwark.domain.paper.PaperAccount;
import dev.bulwark.domain.paper.PaperProfile;
import dev.bulwark.domain.venues.VenueAccountId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * JMH: orders per second through the paper matching engine. Not part of the suite (the name matches neither
 * *Test nor *IT); run it with
 *
 * <pre>./mvnw -B -q -pl domain -am verify -Dtest=MatchingBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * It runs in the test JVM (forks 0: Surefire's class path does not carry over to a forked JMH JVM), so its
 * figures are indicative, not JMH's most careful.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MatchingBenchmark {
    private static final Instrument BTC = Instrument.spot("BTC", "USDT");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final BigDecimal PRICE = new BigDecimal("30000");
    private static final BigDecimal QUANTITY = new BigDecimal("0.001");

    private PaperAccount account;
    private long n;
    private Instant now;
    private Candle crossing;

    @Setup(Level.Iteration)
    public void freshAccount() {
        TradingRules rules = new TradingRules(new BigDecimal("0.01"), new BigDecimal("0.00001"), new BigDecimal("0.00001"),
                new BigDecimal("9000"), new BigDecimal("5"));
        account = PaperAccount.open(new VenueAccountId(new UUID(1, 1)), PaperProfile.spot(Map.of(BTC, rules)),
                Map.of(Asset.USDT, new BigDecimal("1000000000"), Asset.BTC, new BigDecimal("100000")));
        now = T0;
        n = 0;
    }

    private Order order(OrderSide side, OrderType type, BigDecimal limit, TimeInForce tif) {
        n++;
        return Order.create(new OrderId(new UUID(7, n)), new ClientOrderId("b-" + n), new VenueAccountId(new UUID(1, 1)), BTC,
                side, type, OrderSize.quantity(QUANTITY), limit, null, null, tif, now);
    }

    /** A market order, filled on arrival at the price plus slippage (taker): buys and sells alternate. */
    @Benchmark
    public Object marketOrderFilledOnArrival() {
        OrderSide side = (n & 1) == 0 ? OrderSide.BUY : OrderSide.SELL;
        return account.place(order(side, OrderType.MARKET, null, TimeInForce.IOC), MarketSnapshot.at(PRICE), now);
    }

    /** A resting limit buy, then the next minute's candle crossing it (maker fill along the intra-candle path). */
    @Benchmark
    public List<?> limitOrderRestedThenFilledByACandle() {
        account.place(order(OrderSide.BUY, OrderType.LIMIT, new BigDecimal("29990"), TimeInForce.GTC), MarketSnapshot.at(PRICE), now);
        Instant open = CandleInterval.M1.openOf(now).plusSeconds(60);
        now = open.plusSeconds(60);
        crossing = new Candle(BTC, "bench", CandleInterval.M1, open, PRICE, new BigDecimal("30010"), new BigDecimal("29980"),
                PRICE, new BigDecimal("1000"));
        return account.onCandle(BTC, crossing);
    }

    @Test
    void run() throws Exception {
        Options options = new OptionsBuilder()
                .include(MatchingBenchmark.class.getName() + "\\.")
                .forks(0)
                .warmupIterations(2).warmupTime(TimeValue.seconds(2))
                .measurementIterations(3).measurementTime(TimeValue.seconds(3))
                .build();
        new Runner(options).run();
    }
}
