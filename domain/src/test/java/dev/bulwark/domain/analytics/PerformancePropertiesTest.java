package dev.bulwark.domain.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.money.Decimals;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Properties of {@link Performance} over random curves (zeros included) and random trades (breakevens included). */
class PerformancePropertiesTest {
    private static final int EXAMPLES = 5_000;
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Instrument BTC = Instrument.spot("BTC", "USDT");

    /** Equities of 0 to 99.99 in cents after a positive start, 1 to 60 points, a day apart. */
    static Gen<List<EquityPoint>> curves() {
        Gen<BigDecimal> equity = longs().between(0, 9_999).map(c -> BigDecimal.valueOf(c, 2));
        return longs().between(1, 9_999).zip(lists().of(equity).ofSizeBetween(0, 59), (start, rest) -> {
            List<EquityPoint> points = new ArrayList<>();
            points.add(new EquityPoint(T0, BigDecimal.valueOf(start, 2)));
            for (int i = 0; i < rest.size(); i++) {
                points.add(new EquityPoint(T0.plusSeconds(86_400L * (i + 1)), rest.get(i)));
            }
            return points;
        });
    }

    static Gen<List<ClosedTrade>> trades() {
        Gen<ClosedTrade> trade = integers().between(-500, 500).map(pnl ->
                new ClosedTrade(BTC, T0, BigDecimal.TEN, T0, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.valueOf(pnl, 1)));
        return lists().of(trade).ofSizeBetween(0, 40);
    }

    @Test
    void maxDrawdownIsBetweenZeroAndOne() {
        qt().withExamples(EXAMPLES).forAll(curves()).checkAssert(curve -> {
            Drawdown dd = Performance.of(curve, List.of()).maxDrawdown();
            assertThat(dd.share()).isBetween(BigDecimal.ZERO, BigDecimal.ONE);
            assertThat(dd.troughAt()).isAfterOrEqualTo(dd.peakAt());
        });
    }

    /** An oracle over every pair of points: the deepest fall from any point to any later one. */
    @Test
    void maxDrawdownIsTheDeepestFallFromAnyPointToALaterOne() {
        qt().withExamples(EXAMPLES).forAll(curves()).checkAssert(curve -> {
            BigDecimal deepest = BigDecimal.ZERO;
            for (int i = 0; i < curve.size(); i++) {
                BigDecimal from = curve.get(i).equity();
                for (int j = i + 1; j < curve.size(); j++) {
                    BigDecimal to = curve.get(j).equity();
                    if (from.signum() > 0 && to.compareTo(from) < 0) {
                        deepest = deepest.max(Decimals.divide(from.subtract(to), from));
                    }
                }
            }
            assertThat(Performance.of(curve, List.of()).maxDrawdown().share()).isEqualByComparingTo(deepest);
        });
    }

    @Test
    void totalReturnIsLastOverFirstLessOne() {
        qt().withExamples(EXAMPLES).forAll(curves()).checkAssert(curve -> {
            BigDecimal first = curve.getFirst().equity();
            BigDecimal last = curve.getLast().equity();
            assertThat(Performance.of(curve, List.of()).totalReturn())
                    .isEqualByComparingTo(Decimals.divide(last.subtract(first), first));
        });
    }

    @Test
    void winRateIsWinsOverTrades() {
        qt().withExamples(EXAMPLES).forAll(trades()).checkAssert(trades -> {
            Performance p = Performance.of(List.of(new EquityPoint(T0, BigDecimal.ONE)), trades);
            long wins = trades.stream().filter(t -> t.pnl().signum() > 0).count();
            long losses = trades.stream().filter(t -> t.pnl().signum() < 0).count();
            assertThat(p.tradeCount()).isEqualTo(trades.size());
            assertThat(p.wins()).isEqualTo(wins);
            assertThat(p.losses()).isEqualTo(losses);
            if (trades.isEmpty()) {
                assertThat(p.winRate()).isNull();
            } else {
                assertThat(p.winRate()).isEqualByComparingTo(
                        Decimals.divide(BigDecimal.valueOf(wins), BigDecimal.valueOf(trades.size())));
            }
            BigDecimal net = trades.stream().map(ClosedTrade::pnl).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(p.netProfit()).isEqualByComparingTo(net);
        });
    }
}
