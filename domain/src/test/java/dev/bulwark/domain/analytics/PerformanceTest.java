package dev.bulwark.domain.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.market.Instrument;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Performance figures against numbers worked out by hand. */
class PerformanceTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Instrument BTC = Instrument.spot("BTC", "USDT");

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    static Instant t(int day) {
        return T0.plusSeconds(86_400L * day);
    }

    static List<EquityPoint> curve(String... equities) {
        List<EquityPoint> points = new ArrayList<>();
        for (int i = 0; i < equities.length; i++) {
            points.add(new EquityPoint(t(i), d(equities[i])));
        }
        return points;
    }

    static ClosedTrade trade(String pnl) {
        return new ClosedTrade(BTC, t(0), d("100"), t(1), d("110"), d("1"), d(pnl));
    }

    @Test
    void measuresReturnDrawdownAndTrades() {
        // +40 %; falls of 300/1200 = 0.25 (day 1 to 2) and 260/1300 = 0.2 (day 4 to 5): the first is the deepest
        Performance p = Performance.of(curve("1000", "1200", "900", "1100", "1300", "1040", "1400"),
                List.of(trade("200"), trade("-100"), trade("50"), trade("0"), trade("-50")));
        assertThat(p.totalReturn()).isEqualTo(d("0.4"));
        assertThat(p.maxDrawdown()).isEqualTo(new Drawdown(d("0.25"), t(1), d("1200"), t(2), d("900")));
        assertThat(p.tradeCount()).isEqualTo(5);
        assertThat(p.wins()).isEqualTo(2);
        assertThat(p.losses()).isEqualTo(2);
        assertThat(p.winRate()).isEqualTo(d("0.4"));
        assertThat(p.grossProfit()).isEqualTo(d("250"));
        assertThat(p.grossLoss()).isEqualTo(d("150"));
        // 250 / 150 = 1.666… at 18 decimals, half even
        assertThat(p.profitFactor()).isEqualTo(d("1.666666666666666667"));
        assertThat(p.netProfit()).isEqualTo(d("100"));
    }

    @Test
    void aReturnToThePeakStartsTheNextDrawdownFromThere() {
        // 1000 → 800 (0.2), back to 1000 on day 2, then 700: 0.3 from the day-2 peak, not from day 0
        Performance p = Performance.of(curve("1000", "800", "1000", "700"), List.of());
        assertThat(p.maxDrawdown()).isEqualTo(new Drawdown(d("0.3"), t(2), d("1000"), t(3), d("700")));
        assertThat(p.totalReturn()).isEqualTo(d("-0.3"));
    }

    @Test
    void aCurveThatNeverFallsHasNoDrawdown() {
        Performance p = Performance.of(curve("100", "100", "150"), List.of());
        assertThat(p.maxDrawdown()).isEqualTo(Drawdown.none(t(0), d("100")));
        assertThat(p.totalReturn()).isEqualTo(d("0.5"));
        assertThat(Performance.of(curve("100"), List.of()).totalReturn()).isEqualTo(BigDecimal.ZERO);
    }

    @Test
    void losingEverythingIsADrawdownOfOne() {
        Performance p = Performance.of(curve("500", "0"), List.of());
        assertThat(p.maxDrawdown().share()).isEqualTo(BigDecimal.ONE);
        assertThat(p.totalReturn()).isEqualTo(d("-1"));
    }

    @Test
    void ratesThatWouldDivideByZeroAreAbsentNotZero() {
        Performance none = Performance.of(curve("100"), List.of());
        assertThat(none.winRate()).isNull();
        assertThat(none.profitFactor()).isNull();
        assertThat(none.tradeCount()).isZero();
        Performance allWins = Performance.of(curve("100"), List.of(trade("5"), trade("7")));
        assertThat(allWins.winRate()).isEqualTo(BigDecimal.ONE);
        assertThat(allWins.profitFactor()).isNull();
        Performance oneThird = Performance.of(curve("100"), List.of(trade("5"), trade("-7"), trade("-1")));
        assertThat(oneThird.winRate()).isEqualTo(d("0.333333333333333333"));
        assertThat(oneThird.profitFactor()).isEqualTo(d("0.625"));
        assertThat(oneThird.netProfit()).isEqualTo(d("-3"));
    }

    @Test
    void refusesACurveThatCannotBeMeasured() {
        assertThatThrownBy(() -> Performance.of(List.of(), List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Performance.of(curve("0", "10"), List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capital");
        List<EquityPoint> backwards = List.of(new EquityPoint(t(1), d("1")), new EquityPoint(t(0), d("1")));
        assertThatThrownBy(() -> Performance.of(backwards, List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("increasing");
        List<EquityPoint> twice = List.of(new EquityPoint(t(0), d("1")), new EquityPoint(t(0), d("2")));
        assertThatThrownBy(() -> Performance.of(twice, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recordsRefuseValuesThatContradictThemselves() {
        assertThatThrownBy(() -> new EquityPoint(T0, d("-1"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClosedTrade(BTC, t(1), d("1"), t(0), d("1"), d("1"), d("0")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClosedTrade(BTC, t(0), d("1"), t(1), d("1"), d("0"), d("0")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Drawdown(d("0.5"), t(0), d("100"), t(1), d("60")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.4");
        assertThatThrownBy(() -> new Drawdown(d("0"), t(1), d("100"), t(0), d("100"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Drawdown(d("0"), t(0), d("100"), t(1), d("120"))).isInstanceOf(IllegalArgumentException.class);
        Drawdown dd = Drawdown.none(T0, d("1"));
        assertThatThrownBy(() -> new Performance(d("-1.5"), dd, 0, 0, 0, null, d("0"), d("0"), null, d("0")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Performance(d("0"), dd, 1, 1, 1, d("1"), d("1"), d("1"), d("1"), d("0")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Performance(d("0"), dd, 0, 0, 0, d("0"), d("0"), d("0"), null, d("0")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Performance(d("0"), dd, 1, 1, 0, d("1"), d("1"), d("0"), d("1"), d("1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Performance(d("0"), dd, 1, 1, 0, d("1"), d("1"), d("0"), null, d("2")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
