package dev.bulwark.application.backtest;

import static dev.bulwark.application.backtest.Fixtures.T0;
import static dev.bulwark.application.backtest.Fixtures.command;
import static dev.bulwark.application.backtest.Fixtures.dec;
import static dev.bulwark.application.backtest.Fixtures.hourly;
import static dev.bulwark.application.backtest.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.bulwark.domain.analytics.ClosedTrade;
import dev.bulwark.domain.analytics.EquityPoint;
import dev.bulwark.domain.backtest.SignalAction;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.money.Decimals;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.OrderStatus;
import dev.bulwark.ports.driving.backtest.BacktestReport;
import dev.bulwark.ports.driving.backtest.CostOverrides;
import dev.bulwark.ports.driving.backtest.SignalDecision;
import dev.bulwark.ports.driving.backtest.StrategySpec;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Each built-in strategy on candles small enough to check by hand. */
class BacktestStrategiesTest {

    private static Instant hour(int h) {
        return T0.plusSeconds(3600L * h);
    }

    /*
     * SMA 2 over 3 on closes 10 9 8 9 11 12 10 8 7: below after the third close, above after the fifth (fast 10 >
     * slow 9.33: buy at 11), equal after the seventh (11 = 11: no cross), below after the eighth (9 < 10: sell at 8).
     */
    private static final String[] CROSSING = {"10", "9", "8", "9", "11", "12", "10", "8", "7"};

    @Test
    void smaCrossBuysOnTheGoldenCrossAndSellsOnTheDeathCrossAtTheCloses() {
        BacktestReport report = service(hourly(CROSSING)).run(command().build());

        assertThat(report.candlesProcessed()).isEqualTo(9);
        assertThat(report.decisions()).extracting(SignalDecision::action, SignalDecision::actedAt)
                .containsExactly(tuple(SignalAction.BUY, hour(5)),
                        tuple(SignalAction.SELL, hour(8)));
        assertThat(report.decisions()).allSatisfy(d -> assertThat(d.outcome()).isInstanceOf(SignalDecision.Placed.class));
        assertThat(report.fills()).extracting(Fill::side, Fill::price, Fill::quantity, Fill::time).containsExactly(
                tuple(OrderSide.BUY, dec("11"), dec("1"), hour(5)),
                tuple(OrderSide.SELL, dec("8"), dec("1"), hour(8)));
        assertThat(report.trades()).containsExactly(new ClosedTrade(Fixtures.BTC_USDT, hour(5), dec("11"), hour(8),
                dec("8"), dec("1"), dec("-3")));
        assertThat(report.equityCurve()).extracting(EquityPoint::equity).containsExactly(dec("1000"), dec("1000"),
                dec("1000"), dec("1000"), dec("1000"), dec("1000"), dec("1001"), dec("999"), dec("997"), dec("997"));
        assertThat(report.equityCurve().getFirst().at()).isEqualTo(T0);
        assertThat(report.equityCurve().getLast().at()).isEqualTo(hour(9));

        var performance = report.performance();
        assertThat(performance.totalReturn()).isEqualByComparingTo("-0.003");
        assertThat(performance.tradeCount()).isEqualTo(1);
        assertThat(performance.losses()).isEqualTo(1);
        assertThat(performance.winRate()).isEqualByComparingTo("0");
        assertThat(performance.maxDrawdown().peakAt()).isEqualTo(hour(6));
        assertThat(performance.maxDrawdown().troughAt()).isEqualTo(hour(8));
        assertThat(performance.maxDrawdown().share()).isEqualTo(Decimals.divide(dec("4"), dec("1001")));
    }

    @Test
    void aTradesPnlIsNetOfTheEntryAndExitFees() {
        var command = command();
        command.costs = new CostOverrides(BigDecimal.ZERO, new BigDecimal("10"), BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ONE);

        BacktestReport report = service(hourly(CROSSING)).run(command.build());

        // 8 − 11 less 0.1% of each side: 0.011 to buy, 0.008 to sell
        assertThat(report.fills()).extracting(f -> f.fee().amount()).containsExactly(dec("0.011"), dec("0.008"));
        assertThat(report.trades()).singleElement().satisfies(t -> assertThat(t.pnl()).isEqualByComparingTo("-3.019"));
        assertThat(report.finalEquity()).isEqualByComparingTo("996.981");
        assertThat(report.performance().netProfit()).isEqualByComparingTo("-3.019");
    }

    @Test
    void dcaBuysItsAmountEveryIntervalAndHoldsWithoutTrades() {
        String[] flat = new String[12];
        java.util.Arrays.fill(flat, "50");
        var command = command().strategy(new StrategySpec.DcaSpec(Duration.ofHours(4), new BigDecimal("100")));

        BacktestReport report = service(hourly(flat)).run(command.build());

        assertThat(report.fills()).extracting(Fill::side, Fill::price, Fill::quantity, Fill::time).containsExactly(
                tuple(OrderSide.BUY, dec("50"), dec("2"), hour(1)),
                tuple(OrderSide.BUY, dec("50"), dec("2"), hour(5)),
                tuple(OrderSide.BUY, dec("50"), dec("2"), hour(9)));
        assertThat(report.decisions()).extracting(SignalDecision::quantity).containsOnly(dec("2"));
        assertThat(report.trades()).isEmpty();
        assertThat(report.performance().winRate()).isNull();
        assertThat(report.finalEquity()).isEqualByComparingTo("1000");
        assertThat(report.strategy()).isEqualTo("dca every=PT4H quoteAmount=100");
    }

    @Test
    void gridBuysLevelsOnTheWayDownAndSellsThemALevelHigher() {
        // levels 90, 100, 110: 99 crosses 100 (buy), 89 crosses 90 (buy), 101 crosses 100 (sell), 111 crosses 110 (sell)
        var command = command().strategy(new StrategySpec.GridSpec(new BigDecimal("90"), new BigDecimal("110"), 3,
                BigDecimal.ONE));

        BacktestReport report = service(hourly("105", "99", "89", "101", "111")).run(command.build());

        assertThat(report.fills()).extracting(Fill::side, Fill::price, Fill::time).containsExactly(
                tuple(OrderSide.BUY, dec("99"), hour(2)),
                tuple(OrderSide.BUY, dec("89"), hour(3)),
                tuple(OrderSide.SELL, dec("101"), hour(4)),
                tuple(OrderSide.SELL, dec("111"), hour(5)));
        // first in first out: the 99 lot goes at 101, the 89 lot at 111
        assertThat(report.trades()).extracting(ClosedTrade::entryPrice, ClosedTrade::exitPrice, ClosedTrade::pnl)
                .containsExactly(tuple(dec("99"), dec("101"), dec("2")),
                        tuple(dec("89"), dec("111"), dec("22")));
        assertThat(report.performance().winRate()).isEqualByComparingTo("1");
        assertThat(report.finalEquity()).isEqualByComparingTo("1024");
    }

    @Test
    void aSellThatTheVolumeCapCutsShortLeavesTheRestHeldAndTheOrderExpired() {
        var command = command();
        command.costs = new CostOverrides(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                new BigDecimal("0.005")); // half a unit of each candle's 100

        BacktestReport report = service(hourly(CROSSING)).run(command.build());

        SignalDecision.Placed buy = (SignalDecision.Placed) report.decisions().getFirst().outcome();
        assertThat(buy.order().status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(buy.order().filledQuantity()).isEqualByComparingTo("0.5");
        assertThat(report.fills()).extracting(Fill::quantity).containsExactly(dec("0.5"), dec("0.5"));
        assertThat(report.trades()).extracting(ClosedTrade::quantity).containsExactly(dec("0.5"));
        assertThat(report.finalEquity()).isEqualByComparingTo("998.5");
    }
}
