package dev.bulwark.application.backtest;

import static dev.bulwark.application.backtest.Fixtures.T0;
import static dev.bulwark.application.backtest.Fixtures.command;
import static dev.bulwark.application.backtest.Fixtures.dec;
import static dev.bulwark.application.backtest.Fixtures.hourly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.bulwark.domain.analytics.ClosedTrade;
import dev.bulwark.domain.backtest.SignalAction;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.ports.driving.backtest.BacktestReport;
import dev.bulwark.ports.driving.backtest.SignalDecision;
import dev.bulwark.ports.errors.Invalid;
import dev.bulwark.ports.errors.Invalid.FieldError;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A CSV of alerts: read in the application, acted on at the close of the candle each falls in. */
class BacktestSignalsCsvTest {

    private static Instant hour(int h) {
        return T0.plusSeconds(3600L * h);
    }

    @Test
    void alertsAreActedOnInTimeOrderAtTheCloseOfTheirCandle() {
        var market = new FakeMarketData(hourly("100", "101", "102", "103", "104", "105"));
        var command = command().csv(
                "Time,Action,Symbol,Quantity",
                "2023-12-31T23:00:00Z,buy,BTC/USDT,1",
                "2024-01-01T00:30:00Z,BUY,btc/usdt,2",
                "2024-01-01T02:00:00+01:00,sell,,0.5",
                "",
                "2024-01-01T03:15:00Z,Close,,",
                "2024-01-01T04:10:00Z,sell,,",
                "2024-01-01T09:00:00Z,buy,,1",
                "2024-01-01T00:45:00Z,buy,,1");

        BacktestReport report = BacktestFactory.runBacktest(market, () -> Fixtures.NOW).run(command.build());

        assertThat(report.decisions()).extracting(SignalDecision::csvLine, SignalDecision::action,
                SignalDecision::actedAt).containsExactly(
                tuple(2, SignalAction.BUY, null),
                tuple(3, SignalAction.BUY, hour(1)),
                tuple(9, SignalAction.BUY, hour(1)),
                tuple(4, SignalAction.SELL, hour(2)),
                tuple(6, SignalAction.CLOSE, hour(4)),
                tuple(7, SignalAction.SELL, hour(5)),
                tuple(8, SignalAction.BUY, null));
        assertThat(report.decisions().get(0).outcome()).isEqualTo(
                new SignalDecision.Ignored("before the first candle, which opened at 2024-01-01T00:00:00Z"));
        assertThat(report.decisions().get(5).outcome()).isEqualTo(
                new SignalDecision.Ignored("nothing held to sell: no shorting on spot"));
        assertThat(report.decisions().get(6).outcome()).isEqualTo(
                new SignalDecision.Ignored("after the last candle, which closed at 2024-01-01T06:00:00Z"));
        assertThat(report.decisions().get(3).at()).isEqualTo(Instant.parse("2024-01-01T01:00:00Z"));

        assertThat(report.fills()).extracting(Fill::side, Fill::price, Fill::quantity).containsExactly(
                tuple(OrderSide.BUY, dec("100"), dec("2")),
                tuple(OrderSide.BUY, dec("100"), dec("1")),
                tuple(OrderSide.SELL, dec("101"), dec("0.5")),
                tuple(OrderSide.SELL, dec("103"), dec("2.5")));
        // first in first out: the 2-lot sells 0.5 at 101 and 1.5 at 103, the 1-lot 1 at 103
        assertThat(report.trades()).extracting(ClosedTrade::quantity, ClosedTrade::pnl).containsExactly(
                tuple(dec("0.5"), dec("0.5")), tuple(dec("1.5"), dec("4.5")), tuple(dec("1"), dec("3")));
        assertThat(report.finalEquity()).isEqualByComparingTo("1008");
        assertThat(report.strategy()).isEqualTo("signals-csv alerts=7");
    }

    @Test
    void everyBadLineIsReportedAtOnceNamingItsLine() {
        var market = new FakeMarketData(hourly("100", "101"));
        var command = command().csv(
                "time,action,symbol,quantity,stopLoss,takeProfit",
                "yesterday,buy,,1,,",
                "2024-01-01T00:00:00Z,hold,,1,,",
                "2024-01-01T01:00:00Z,buy,,-1,,",
                "2024-01-01T02:00:00Z,buy,,1",
                "2024-01-01T03:00:00Z,buy,ETH/USDT,1,,",
                "2024-01-01T04:00:00Z,sell,,1,90,",
                "2024-01-01T05:00:00Z,buy,,1,110,100",
                "2024-01-01T06:00:00Z,buy,,lots,,",
                "2024-01-01T07:00:00Z,buy,,1,95,110");

        Invalid invalid = catchThrowableOfType(Invalid.class,
                () -> BacktestFactory.runBacktest(market, () -> Fixtures.NOW).run(command.build()));

        assertThat(invalid.fieldErrors()).extracting(FieldError::field).containsOnly("strategy.csv");
        assertThat(invalid.fieldErrors()).extracting(FieldError::message).containsExactly(
                "line 2: time 'yesterday' is not an ISO-8601 instant such as 2024-03-01T12:00:00Z",
                "line 3: action 'hold' is not buy, sell or close",
                "line 4: quantity -1 must be positive",
                "line 5: expected 6 cells as the header has, found 4",
                "line 6: symbol 'ETH/USDT' is not this backtest's BTC/USDT",
                "line 7: stopLoss and takeProfit protect a buy; a sell on spot opens nothing to protect",
                "line 8: a buy's stopLoss 110 must lie below its takeProfit 100",
                "line 9: quantity 'lots' is not a number");
        assertThat(market.calls).as("nothing is fetched for a command that cannot run").isEmpty();
    }

    @Test
    void aHeaderWithoutTimeOrWithAnUnknownColumnIsRefused() {
        var command = command().csv("when,action,price", "2024-01-01T00:00:00Z,buy,100");

        Invalid invalid = catchThrowableOfType(Invalid.class, () -> Fixtures.service(hourly("100")).run(command.build()));

        assertThat(invalid.fieldErrors()).extracting(FieldError::message).containsExactly(
                "line 1: column 'when' is not one of time, action, symbol, quantity, stopLoss, takeProfit",
                "line 1: column 'price' is not one of time, action, symbol, quantity, stopLoss, takeProfit",
                "line 1: the header has no 'time' column");
    }

    @Test
    void aBuyWithoutQuantityNeedsASizingAndAnEmptyFileIsRefused() {
        var unsized = command().csv("time,action", "2024-01-01T00:00:00Z,buy");
        unsized.sizing = null;
        var empty = command().csv("time,action", "");

        Invalid noSizing = catchThrowableOfType(Invalid.class, () -> Fixtures.service(hourly("100")).run(unsized.build()));
        Invalid noLines = catchThrowableOfType(Invalid.class, () -> Fixtures.service(hourly("100")).run(empty.build()));

        assertThat(noSizing.fieldErrors()).containsExactly(new FieldError("strategy.csv",
                "line 2: the buy names no quantity and the backtest has no sizing to size it"));
        assertThat(noLines.fieldErrors()).containsExactly(new FieldError("strategy.csv",
                "the CSV has a header but no alert lines"));
    }

    @Test
    void windowsLineEndsQuotedCellsAndUnderscoredNamesAreRead() {
        var command = command().csv("\uFEFFtime,action,stop_loss,\"quantity\"\r",
                "\"2024-01-01T00:10:00Z\",buy,90,2\r", "");

        BacktestReport report = Fixtures.service(hourly("100", "100")).run(command.build());

        assertThat(report.fills()).extracting(Fill::quantity).containsExactly(dec("2"));
        SignalDecision.Placed placed = (SignalDecision.Placed) report.decisions().getFirst().outcome();
        assertThat(placed.protection()).singleElement().satisfies(o -> assertThat(o.stopPrice()).isEqualByComparingTo("90"));
    }
}
