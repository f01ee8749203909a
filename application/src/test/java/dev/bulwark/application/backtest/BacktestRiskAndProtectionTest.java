package dev.bulwark.application.backtest;

import static dev.bulwark.application.backtest.Fixtures.BTC_USDT;
import static dev.bulwark.application.backtest.Fixtures.NOW;
import static dev.bulwark.application.backtest.Fixtures.T0;
import static dev.bulwark.application.backtest.Fixtures.command;
import static dev.bulwark.application.backtest.Fixtures.dec;
import static dev.bulwark.application.backtest.Fixtures.hourly;
import static dev.bulwark.application.backtest.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.market.TradingRules;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.paper.PaperProfile;
import dev.bulwark.domain.paper.RejectReason;
import dev.bulwark.domain.risk.RiskProfile;
import dev.bulwark.domain.risk.RiskRule;
import dev.bulwark.domain.risk.Violation;
import dev.bulwark.ports.driving.backtest.BacktestReport;
import dev.bulwark.ports.driving.backtest.CostOverrides;
import dev.bulwark.ports.driving.backtest.SignalDecision;
import dev.bulwark.ports.driving.backtest.SizingSpec;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The same risk engine, sizer and protective orders as live trading, with their refusals recorded as decisions. */
class BacktestRiskAndProtectionTest {

    private static Instant at(int h) {
        return T0.plusSeconds(3600L * h);
    }

    private static RiskProfile risk(String maxOrderValue, String maxDailyLoss) {
        RiskProfile loose = Fixtures.looseRisk();
        return new RiskProfile(Set.of(), loose.minOrderSize(), loose.maxOrderSize(), new BigDecimal(maxOrderValue),
                loose.maxPositionValue(), loose.maxPositionShare(), loose.maxLeverage(), loose.maxRiskPerTrade(),
                new BigDecimal(maxDailyLoss), loose.maxOpenPositions());
    }

    @Test
    void aRiskRejectionIsRecordedWithItsViolationsAndNothingTrades() {
        var command = command().csv("time,action,quantity", "2024-01-01T00:30:00Z,buy,1");
        command.riskProfile = risk("50", "1");

        BacktestReport report = service(hourly("100", "100")).run(command.build());

        assertThat(report.decisions()).singleElement().satisfies(d -> {
            assertThat(d.outcome()).isInstanceOf(SignalDecision.RiskRejected.class);
            List<Violation> violations = ((SignalDecision.RiskRejected) d.outcome()).violations();
            assertThat(violations).extracting(Violation::rule, Violation::limit, Violation::actual)
                    .containsExactly(tuple(RiskRule.MAX_ORDER_VALUE, dec("50"), dec("100")));
        });
        assertThat(report.fills()).isEmpty();
        assertThat(report.render()).contains("risk-rejected", "MAX_ORDER_VALUE limit 50 actual 100");
    }

    @Test
    void theDefaultProfileCountsTheWholeOrderAtRiskWithoutAStopAndLessWithOne() {
        // defaults: 2 % of equity at risk per trade. 1000 USDT of equity, a 100 USDT order: 10 % at risk unprotected
        var unprotected = command().csv("time,action,quantity", "2024-01-01T00:30:00Z,buy,1");
        unprotected.riskProfile = null;
        var protectedBy1Percent = command().csv("time,action,quantity", "2024-01-01T00:30:00Z,buy,1");
        protectedBy1Percent.riskProfile = null;
        protectedBy1Percent.stopLossPercent = BigDecimal.ONE;

        BacktestReport refused = service(hourly("100", "100")).run(unprotected.build());
        BacktestReport taken = service(hourly("100", "100")).run(protectedBy1Percent.build());

        assertThat(((SignalDecision.RiskRejected) refused.decisions().getFirst().outcome()).violations())
                .extracting(Violation::rule).contains(RiskRule.MAX_RISK_PER_TRADE);
        assertThat(taken.decisions().getFirst().outcome()).isInstanceOf(SignalDecision.Placed.class);
    }

    @Test
    void aSizingOrAVenueRuleThatLeavesNoQuantityIsRecordedAsSizedOut() {
        TradingRules rules = new TradingRules(dec("0.01"), dec("0.001"), dec("0.001"), null, dec("10"));
        var market = new FakeMarketData(hourly("100", "100"));
        var service = BacktestFactory.runBacktest(market, () -> NOW, PaperProfile.spot(Map.of(BTC_USDT, rules)));
        var command = command().csv("time,action,quantity", "2024-01-01T00:10:00Z,buy,", "2024-01-01T00:20:00Z,buy,0.0004");
        command.sizing = new SizingSpec.FixedQuote(new BigDecimal("5"));

        BacktestReport report = service.run(command.build());

        assertThat(report.decisions()).extracting(SignalDecision::outcome).containsExactly(
                new SignalDecision.SizedOut("5 of the quote asset at 100 buys 0.05; the order's value 5 is below the"
                        + " venue's minimum notional 10"),
                new SignalDecision.SizedOut("the signal's 0.0004 at 100 does not fit the venue's rules: 0.0004 is less"
                        + " than the lot step 0.001"));
        assertThat(report.settings()).contains("rules: tick 0.01, lot step 0.001, min quantity 0.001, max quantity none,"
                + " min notional 10");
    }

    @Test
    void aVenueRejectionIsRecordedWithTheVenuesReason() {
        // all the equity, which the risk profile allows, but not the 0.1 % fee on top that the venue reserves
        var command = command().csv("time,action,quantity", "2024-01-01T00:30:00Z,buy,10");
        command.costs = new CostOverrides(BigDecimal.ZERO, BigDecimal.TEN, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ONE);

        BacktestReport report = service(hourly("100", "100")).run(command.build());

        assertThat(report.decisions().getFirst().outcome()).isInstanceOfSatisfying(SignalDecision.VenueRejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(RejectReason.INSUFFICIENT_BALANCE));
    }

    @Test
    void theStopLegOfTheOcoFillsOnALaterCandleAndCancelsTheTakeProfit() {
        var command = command().csv("time,action,quantity", "2024-01-01T00:30:00Z,buy,2");
        command.stopLossPercent = new BigDecimal("5");
        command.takeProfitPercent = new BigDecimal("10");
        var candles = List.of(
                Fixtures.hour(0, "100", "100", "100", "100"),
                Fixtures.hour(1, "100", "101", "97", "99"),
                Fixtures.hour(2, "99", "99", "94", "96"),
                Fixtures.hour(3, "96", "120", "96", "120"));

        BacktestReport report = service(candles).run(command.build());

        SignalDecision.Placed entry = (SignalDecision.Placed) report.decisions().getFirst().outcome();
        assertThat(entry.protection()).extracting(Order::type, Order::side, Order::stopPrice).containsExactly(
                tuple(OrderType.STOP_MARKET, OrderSide.SELL, dec("95")),
                tuple(OrderType.TAKE_PROFIT, OrderSide.SELL, dec("110")));
        assertThat(report.fills()).extracting(Fill::orderId, Fill::side, Fill::price, Fill::quantity).containsExactly(
                tuple(entry.order().id(), OrderSide.BUY, dec("100"), dec("2")),
                tuple(entry.protection().getFirst().id(), OrderSide.SELL, dec("95"), dec("2")));
        Instant stopped = report.fills().getLast().time();
        assertThat(stopped).isAfter(at(2)).isBefore(at(3));
        assertThat(report.trades()).singleElement().satisfies(t -> assertThat(t.pnl()).isEqualByComparingTo("-10"));
        assertThat(report.finalEquity()).as("the take profit at 110 was cancelled before 120 came").isEqualByComparingTo("990");
    }

    @Test
    void aSellCancelsTheProtectionSoALaterDropSellsNothingMore() {
        var command = command().csv("time,action,quantity,stopLoss", "2024-01-01T00:30:00Z,buy,1,95",
                "2024-01-01T01:30:00Z,sell,,");
        var candles = List.of(
                Fixtures.hour(0, "100", "100", "100", "100"),
                Fixtures.hour(1, "100", "101", "100", "101"),
                Fixtures.hour(2, "101", "101", "80", "85"));

        BacktestReport report = service(candles).run(command.build());

        assertThat(report.fills()).extracting(Fill::side, Fill::price).containsExactly(
                tuple(OrderSide.BUY, dec("100")), tuple(OrderSide.SELL, dec("101")));
        assertThat(report.finalEquity()).isEqualByComparingTo("1001");
    }

    @Test
    void theDailyLossLimitStopsNewBuysUntilTheNextUtcDay() {
        List<String> closes = new ArrayList<>(List.of("100"));
        for (int i = 1; i < 30; i++) {
            closes.add("90");
        }
        var command = command().csv("time,action,quantity",
                "2024-01-01T00:30:00Z,buy,5",
                "2024-01-01T01:30:00Z,buy,1",
                "2024-01-02T00:30:00Z,buy,1");
        command.riskProfile = risk("1000000", "0.02");

        BacktestReport report = service(hourly(closes.toArray(String[]::new))).run(command.build());

        // 500 in at 100, then 90: 50 lost of the day's 1000, above 2 %; the next day starts at 950
        assertThat(report.decisions()).extracting(d -> d.outcome().getClass().getSimpleName())
                .containsExactly("Placed", "RiskRejected", "Placed");
        assertThat(((SignalDecision.RiskRejected) report.decisions().get(1).outcome()).violations())
                .extracting(Violation::rule, Violation::actual)
                .containsExactly(tuple(RiskRule.MAX_DAILY_LOSS, dec("0.05")));
    }
}
