package dev.bulwark.domain.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class TradeSignalTest {
    static TradeSignal signal(SignalAction action, @Nullable String quantity, @Nullable String stop, @Nullable String take) {
        return new TradeSignal(Candles.T0, action, Candles.BTC, d(quantity), d(stop), d(take));
    }

    static @Nullable BigDecimal d(@Nullable String value) {
        return value == null ? null : new BigDecimal(value);
    }

    @Test
    void keepsNormalizedValues() {
        TradeSignal s = signal(SignalAction.BUY, "0.50", "90.0", "120");
        assertThat(s.quantity()).isEqualTo(new BigDecimal("0.5"));
        assertThat(s.stopLoss()).isEqualTo(new BigDecimal("90"));
        assertThat(TradeSignal.of(Candles.T0, SignalAction.CLOSE, Candles.BTC).quantity()).isNull();
    }

    @Test
    void refusesAmountsThatAreNotPositive() {
        assertThatThrownBy(() -> signal(SignalAction.BUY, "0", null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signal(SignalAction.BUY, null, "-1", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signal(SignalAction.SELL, null, null, "0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCloseProtectsNothing() {
        assertThatThrownBy(() -> signal(SignalAction.CLOSE, null, "90", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signal(SignalAction.CLOSE, "1", null, "90")).isInstanceOf(IllegalArgumentException.class);
        assertThat(signal(SignalAction.CLOSE, "1", null, null).quantity()).isEqualTo(BigDecimal.ONE);
    }

    @Test
    void aStopLossAndATakeProfitLieOnTheirSides() {
        assertThatThrownBy(() -> signal(SignalAction.BUY, null, "120", "90")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("below");
        assertThatThrownBy(() -> signal(SignalAction.SELL, null, "90", "120")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("above");
        assertThatThrownBy(() -> signal(SignalAction.BUY, null, "100", "100")).isInstanceOf(IllegalArgumentException.class);
        assertThat(signal(SignalAction.SELL, null, "120", "90").takeProfit()).isEqualTo(new BigDecimal("90"));
    }
}
