package dev.bulwark.ports.driving.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.domain.analytics.EquityPoint;
import dev.bulwark.domain.analytics.Performance;
import dev.bulwark.domain.backtest.SignalAction;
import dev.bulwark.domain.market.CandleInterval;
import dev.bulwark.domain.market.Instrument;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BacktestReportTest {
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private static BacktestReport report(String reason) {
        List<EquityPoint> curve = List.of(new EquityPoint(T0, new BigDecimal("1000.00")),
                new EquityPoint(T0.plusSeconds(3600), new BigDecimal("1000")));
        return new BacktestReport(Instrument.spot("BTC", "USDT"), CandleInterval.H1, T0, T0.plusSeconds(3600),
                "sma-cross fast=2 slow=3", List.of("fees: none"), new BigDecimal("1000"), 1,
                List.of(new SignalDecision(T0, null, 2, SignalAction.SELL, null, new SignalDecision.Ignored(reason))),
                List.of(), List.of(), curve, Performance.of(curve, List.of()));
    }

    @Test
    void rendersSectionsWithPlainNumbersAndEmptyCellsForWhatIsAbsent() {
        String text = report("nothing held").render();

        assertThat(text).isEqualTo("""
                # backtest
                key,value
                symbol,BTC/USDT
                market,SPOT
                interval,H1
                from,2024-01-01T00:00:00Z
                to,2024-01-01T01:00:00Z
                strategy,sma-cross fast=2 slow=3
                initialEquity,1000
                finalEquity,1000
                candles,1

                # settings
                setting
                fees: none

                # performance
                figure,value
                totalReturn,0
                maxDrawdown,0
                maxDrawdownPeakAt,2024-01-01T00:00:00Z
                maxDrawdownPeak,1000
                maxDrawdownTroughAt,2024-01-01T00:00:00Z
                maxDrawdownTrough,1000
                trades,0
                wins,0
                losses,0
                winRate,
                grossProfit,0
                grossLoss,0
                profitFactor,
                netProfit,0

                # decisions
                at,actedAt,csvLine,action,quantity,outcome,orderId,status,filled,averagePrice,detail
                2024-01-01T00:00:00Z,,2,SELL,,ignored,,,,,nothing held

                # fills
                time,tradeId,orderId,side,price,quantity,fee,feeAsset

                # trades
                entryTime,entryPrice,exitTime,exitPrice,quantity,pnl

                # equity
                at,equity
                2024-01-01T00:00:00Z,1000
                2024-01-01T01:00:00Z,1000
                """);
    }

    @Test
    void quotesACellHoldingACommaAQuoteOrALineBreak() {
        assertThat(report("a, \"b\"\nc").render()).contains(",ignored,,,,,\"a, \"\"b\"\"\nc\"\n");
    }

    @Test
    void theSameReportRendersTheSameTextAndEqualReportsAreEqual() {
        assertThat(report("x")).isEqualTo(report("x"));
        assertThat(report("x").render()).isEqualTo(report("x").render());
    }
}
