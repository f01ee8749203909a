package dev.bulwark.domain.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.market.Instrument;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Alerts and their conditions: what a constructor refuses and how it normalizes. */
class AlertTest {
    static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
    static final Instrument BTC = Instrument.spot("BTC", "USDT");

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    static Alert alert(String name, AlertStatus status, Instant triggeredAt, String message) {
        return new Alert(new AlertId(UUID.randomUUID()), new WorkspaceId(UUID.randomUUID()), name,
                new AlertCondition.PriceAbove(BTC, d("100000")), status, T0, triggeredAt, message);
    }

    @Nested
    class Alerts {
        @Test
        void aNameIsStripped() {
            assertThat(alert("  BTC breakout ", AlertStatus.ACTIVE, null, null).name()).isEqualTo("BTC breakout");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "  "})
        void refusesABlankName(String name) {
            assertThatThrownBy(() -> alert(name, AlertStatus.ACTIVE, null, null)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void refusesANameOver100AndAMessageOver1000() {
            assertThatThrownBy(() -> alert("n".repeat(101), AlertStatus.ACTIVE, null, null)).isInstanceOf(IllegalArgumentException.class);
            assertThat(alert("ok", AlertStatus.TRIGGERED, T0, "m".repeat(1000)).lastMessage()).hasSize(1000);
            assertThatThrownBy(() -> alert("ok", AlertStatus.TRIGGERED, T0, "m".repeat(1001))).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void aTriggeredAlertSaysWhen() {
            assertThatThrownBy(() -> alert("ok", AlertStatus.TRIGGERED, null, "fired")).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void aRearmedAlertKeepsItsLastFiring() {
            Alert rearmed = alert("ok", AlertStatus.ACTIVE, T0, "fired at 100001");
            assertThat(rearmed.triggeredAt()).isEqualTo(T0);
            assertThat(rearmed.lastMessage()).isEqualTo("fired at 100001");
        }

        @Test
        void refusesNulls() {
            assertThatThrownBy(() -> new AlertId(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> new Alert(new AlertId(UUID.randomUUID()), new WorkspaceId(UUID.randomUUID()), "n", null,
                    AlertStatus.ACTIVE, T0, null, null)).isInstanceOf(NullPointerException.class).hasMessage("condition");
        }
    }

    @Nested
    class Conditions {
        @Test
        void thresholdsAreNormalized() {
            assertThat(new AlertCondition.PriceAbove(BTC, d("100000.00"))).isEqualTo(new AlertCondition.PriceAbove(BTC, d("1E+5")));
            assertThat(new AlertCondition.PriceBelow(BTC, d("1.50")).price()).isEqualTo(d("1.5"));
            assertThat(new AlertCondition.PortfolioValueBelow(d("2500.0")).usd()).isEqualTo(d("2500"));
            assertThat(new AlertCondition.DailyLossAbove(d("0.050")).share()).isEqualTo(d("0.05"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-1"})
        void thresholdsArePositive(String value) {
            assertThatThrownBy(() -> new AlertCondition.PriceAbove(BTC, d(value))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new AlertCondition.PriceBelow(BTC, d(value))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new AlertCondition.PortfolioValueBelow(d(value))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new AlertCondition.DailyLossAbove(d(value))).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void aDailyLossIsAShareAtMostOne() {
            assertThat(new AlertCondition.DailyLossAbove(d("1")).share()).isEqualTo(d("1"));
            assertThatThrownBy(() -> new AlertCondition.DailyLossAbove(d("1.5"))).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void aPriceConditionNeedsItsInstrument() {
            assertThatThrownBy(() -> new AlertCondition.PriceAbove(null, d("1"))).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> new AlertCondition.PriceBelow(null, d("1"))).isInstanceOf(NullPointerException.class);
        }
    }
}
