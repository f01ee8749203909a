package dev.bulwark.domain.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.money.Money;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The small value types of an order: ids, sizes, trailing offsets, fills. */
class OrderValuesTest {

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    @Nested
    class ClientOrderIds {
        @ParameterizedTest
        @ValueSource(strings = {"a", "x-AbC.1_2:3/4", "web_0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f", "123456789012345678901234567890123456"})
        void acceptsBinancesAlphabetUpTo36(String value) {
            assertThat(new ClientOrderId(value).value()).isEqualTo(value);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "1234567890123456789012345678901234567", "has space", "hash#", "caf\u00e9", "a+b", "tab\t"})
        void refusesAnythingElse(String value) {
            assertThatThrownBy(() -> new ClientOrderId(value)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("1 to 36");
        }

        @Test
        void refusesNull() {
            assertThatThrownBy(() -> new ClientOrderId(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> new OrderId(null)).isInstanceOf(NullPointerException.class);
        }

        @Test
        void orderIdsPrintAsTheirUuid() {
            UUID uuid = new UUID(0x0190a1b2c3d47e5fL, 0x8a9b0c1d2e3f4a5bL);
            assertThat(new OrderId(uuid)).hasToString(uuid.toString());
        }
    }

    @Nested
    class Sizes {
        @Test
        void areComparedNumerically() {
            assertThat(OrderSize.quantity(d("1.50"))).isEqualTo(OrderSize.quantity(d("1.5")));
            assertThat(OrderSize.quoteAmount(d("100.00"))).isEqualTo(OrderSize.quoteAmount(d("100")));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-1", "-0.00000001"})
        void arePositive(String value) {
            assertThatThrownBy(() -> OrderSize.quantity(d(value))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> OrderSize.quoteAmount(d(value))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class TrailingOffsets {
        @ParameterizedTest
        @ValueSource(strings = {"0.01", "1", "99.99"})
        void aPercentIsStrictlyBetweenZeroAndAHundred(String value) {
            assertThat(new TrailingOffset.ByPercent(d(value)).percent()).isEqualByComparingTo(value);
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-1", "100", "100.0", "250"})
        void refusesAPercentOutside(String value) {
            assertThatThrownBy(() -> new TrailingOffset.ByPercent(d(value))).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void anAmountIsPositive() {
            assertThat(new TrailingOffset.ByAmount(d("25.0"))).isEqualTo(new TrailingOffset.ByAmount(d("25")));
            assertThatThrownBy(() -> new TrailingOffset.ByAmount(d("0"))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Fills {
        @Test
        void theNotionalIsPriceTimesQuantity() {
            Fill fill = FillBuilder.aFill().price("40000.5").quantity("0.002").build();
            assertThat(fill.notional()).isEqualTo(d("80.001"));
        }

        @Test
        void aFeeMayBeInAnyAssetAndZero() {
            assertThat(FillBuilder.aFill().fee(Money.of("0.0001", "BNB")).build().fee().asset().code()).isEqualTo("BNB");
            assertThat(FillBuilder.aFill().fee(Money.of("0", "USDT")).build().fee().isZero()).isTrue();
        }

        @Test
        void refusesANegativeFee() {
            assertThatThrownBy(() -> FillBuilder.aFill().fee(Money.of("-0.01", "USDT")).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fee");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-1"})
        void refusesANonPositivePriceOrQuantity(String value) {
            assertThatThrownBy(() -> FillBuilder.aFill().price(value).build()).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> FillBuilder.aFill().quantity(value).build()).isInstanceOf(IllegalArgumentException.class);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "  "})
        void refusesABlankTradeId(String value) {
            assertThatThrownBy(() -> FillBuilder.aFill().tradeId(value).build()).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void refusesMissingParts() {
            assertThatThrownBy(() -> FillBuilder.aFill().time(null).build()).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> FillBuilder.aFill().fee(null).build()).isInstanceOf(NullPointerException.class);
        }
    }
}
