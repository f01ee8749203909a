package dev.bulwark.domain.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TradingRulesTest {

    /** BTCUSDT on Binance spot, as its exchangeInfo filters published it. */
    static final TradingRules BINANCE_BTCUSDT = new TradingRules(d("0.01"), d("0.00001"), d("0.00001"), d("9000"), d("5"));

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    static Fit fit(OrderSide side, String wanted, String price, String held) {
        return BINANCE_BTCUSDT.fit(side, d(wanted), d(price), held == null ? null : d(held));
    }

    @Nested
    class Fitting {
        @Test
        void aBuyRoundsItsQuantityAndItsPriceDown() {
            assertThat(fit(OrderSide.BUY, "0.123456789", "43210.129", null))
                    .isEqualTo(new Fit.Fitted(d("0.12345"), d("43210.12")));
        }

        @Test
        void aSellRoundsItsQuantityDownAndItsPriceUp() {
            assertThat(fit(OrderSide.SELL, "0.123456789", "43210.121", null))
                    .isEqualTo(new Fit.Fitted(d("0.12345"), d("43210.13")));
        }

        @Test
        void valuesAlreadyOnTheGridAreKeptAndComparedNumerically() {
            assertThat(fit(OrderSide.BUY, "0.50000", "43210.10", null))
                    .isEqualTo(new Fit.Fitted(d("0.5"), d("43210.1")));
        }

        @Test
        void aSellIsCappedAtWhatIsHeldRoundedDownToTheStep() {
            assertThat(fit(OrderSide.SELL, "1", "40000", "0.5000099"))
                    .isEqualTo(new Fit.Fitted(d("0.5"), d("40000")));
        }

        @Test
        void aSellBelowWhatIsHeldIsNotRaisedToIt() {
            assertThat(fit(OrderSide.SELL, "0.2", "40000", "0.5")).isEqualTo(new Fit.Fitted(d("0.2"), d("40000")));
        }

        @Test
        void aBuyIgnoresTheHeldQuantity() {
            assertThat(fit(OrderSide.BUY, "1", "40000", "0")).isEqualTo(new Fit.Fitted(d("1"), d("40000")));
        }

        @Test
        void theMaximumQuantityItselfIsAccepted() {
            assertThat(fit(OrderSide.BUY, "9000", "1", null)).isEqualTo(new Fit.Fitted(d("9000"), d("1")));
        }

        @Test
        void theMinimumNotionalItselfIsAccepted() {
            assertThat(fit(OrderSide.BUY, "0.0001", "50000", null)).isEqualTo(new Fit.Fitted(d("0.0001"), d("50000")));
        }

        @Test
        void aFittedOrderKnowsItsNotional() {
            assertThat(new Fit.Fitted(d("0.12345"), d("40000.00")).notional()).isEqualTo(d("4938"));
        }

        @Test
        void unboundedRulesTakeAnyQuantity() {
            TradingRules rules = TradingRules.unbounded(d("0.01"), d("1"), d("1"), d("0"));
            assertThat(rules.maxQuantity()).isNull();
            assertThat(rules.fit(OrderSide.BUY, d("123456789012"), d("1"), null))
                    .isEqualTo(new Fit.Fitted(d("123456789012"), d("1")));
        }
    }

    @Nested
    class Refusals {
        @Test
        void aQuantityAboveTheMaximumIsRefusedNotCapped() {
            assertThat(fit(OrderSide.BUY, "9000.5", "1", null))
                    .isEqualTo(new Fit.Unfittable(Fit.Reason.ABOVE_MAX_QUANTITY, d("9000"), d("9000.5")));
        }

        @Test
        void aQuantityBelowTheMinimumIsRefusedWithTheRoundedQuantity() {
            TradingRules rules = new TradingRules(d("0.01"), d("0.00001"), d("0.001"), d("9000"), d("5"));
            assertThat(rules.fit(OrderSide.BUY, d("0.000999999"), d("40000"), null))
                    .isEqualTo(new Fit.Unfittable(Fit.Reason.BELOW_MIN_QUANTITY, d("0.001"), d("0.00099")));
        }

        @Test
        void lessThanOneStepIsRefusedAsZeroAfterRounding() {
            assertThat(fit(OrderSide.BUY, "0.000009", "40000", null))
                    .isEqualTo(new Fit.Unfittable(Fit.Reason.ZERO_QUANTITY_AFTER_ROUNDING, d("0.00001"), d("0.000009")));
        }

        @Test
        void aSellHoldingLessThanOneStepIsRefusedAsNothingHeld() {
            assertThat(fit(OrderSide.SELL, "1", "40000", "0.000009"))
                    .isEqualTo(new Fit.Unfittable(Fit.Reason.NOTHING_HELD, d("0.00001"), d("0.000009")));
            assertThat(fit(OrderSide.SELL, "1", "40000", "0"))
                    .isEqualTo(new Fit.Unfittable(Fit.Reason.NOTHING_HELD, d("0.00001"), d("0")));
        }

        @Test
        void aNotionalBelowTheMinimumIsRefused() {
            assertThat(fit(OrderSide.BUY, "0.0001", "40000", null))
                    .isEqualTo(new Fit.Unfittable(Fit.Reason.BELOW_MIN_NOTIONAL, d("5"), d("4")));
        }

        @Test
        void theNotionalIsJudgedAtTheRoundedPrice() {
            // 0.0001 × 49999.999 = 4.9999999 before rounding; the buy rounds down to 49999.99, still below 5.
            assertThat(fit(OrderSide.BUY, "0.0001", "49999.999", null))
                    .isEqualTo(new Fit.Unfittable(Fit.Reason.BELOW_MIN_NOTIONAL, d("5"), d("4.999999")));
            // The same sell rounds up to 50000.00 and clears it.
            assertThat(fit(OrderSide.SELL, "0.0001", "49999.999", null)).isEqualTo(new Fit.Fitted(d("0.0001"), d("50000")));
        }

        @Test
        void aBuyPriceBelowOneTickIsRefused() {
            assertThat(fit(OrderSide.BUY, "1", "0.009", null))
                    .isEqualTo(new Fit.Unfittable(Fit.Reason.ZERO_PRICE_AFTER_ROUNDING, d("0.01"), d("0.009")));
        }

        @Test
        void aSellPriceBelowOneTickRoundsUpToOneTick() {
            TradingRules noMinimum = new TradingRules(d("0.01"), d("1"), d("0"), null, d("0"));
            assertThat(noMinimum.fit(OrderSide.SELL, d("1"), d("0.001"), null)).isEqualTo(new Fit.Fitted(d("1"), d("0.01")));
        }

        @Test
        void callerBugsAreExceptionsNotRefusals() {
            assertThatThrownBy(() -> fit(OrderSide.BUY, "0", "1", null)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> fit(OrderSide.BUY, "-1", "1", null)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> fit(OrderSide.BUY, "1", "0", null)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> fit(OrderSide.SELL, "1", "1", "-0.1")).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void aRefusalCannotStateSomethingFalse() {
            assertThatThrownBy(() -> new Fit.Unfittable(Fit.Reason.BELOW_MIN_QUANTITY, d("1"), d("1")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Fit.Unfittable(Fit.Reason.ABOVE_MAX_QUANTITY, d("10"), d("9")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Fit.Unfittable(Fit.Reason.BELOW_MIN_NOTIONAL, d("5"), d("-1")))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void aFittedOrderIsPositive() {
            assertThatThrownBy(() -> new Fit.Fitted(d("0"), d("1"))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Fit.Fitted(d("1"), d("0"))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class PricesAlone {
        @Test
        void aStopPriceRoundsToTheTickInTheModeTheCallerNames() {
            assertThat(BINANCE_BTCUSDT.roundToTick(d("43210.125"), RoundingMode.HALF_UP)).isEqualTo(d("43210.13"));
            assertThat(BINANCE_BTCUSDT.roundToTick(d("43210.125"), RoundingMode.HALF_EVEN)).isEqualTo(d("43210.12"));
            assertThat(BINANCE_BTCUSDT.roundToTick(d("43210.121"), RoundingMode.CEILING)).isEqualTo(d("43210.13"));
            assertThat(BINANCE_BTCUSDT.roundToTick(d("43210.129"), RoundingMode.FLOOR)).isEqualTo(d("43210.12"));
        }

        @Test
        void aCoarseTickRoundsToItsMultiples() {
            TradingRules fiveCents = new TradingRules(d("0.05"), d("1"), d("1"), null, d("0"));
            assertThat(fiveCents.roundToTick(d("10.07"), RoundingMode.FLOOR)).isEqualTo(d("10.05"));
            assertThat(fiveCents.roundToTick(d("10.07"), RoundingMode.CEILING)).isEqualTo(d("10.1"));
            assertThat(fiveCents.isOnTick(d("10.10"))).isTrue();
            assertThat(fiveCents.isOnTick(d("10.07"))).isFalse();
        }

        @Test
        void aPriceThatRoundsToZeroIsNoPrice() {
            assertThatThrownBy(() -> BINANCE_BTCUSDT.roundToTick(d("0.004"), RoundingMode.HALF_UP))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("rounds");
            assertThatThrownBy(() -> BINANCE_BTCUSDT.roundToTick(d("0"), RoundingMode.HALF_UP))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void quantitiesRoundDownToTheStep() {
            assertThat(BINANCE_BTCUSDT.roundQuantityDown(d("1.234567"))).isEqualTo(d("1.23456"));
            assertThat(BINANCE_BTCUSDT.roundQuantityDown(d("0.000001"))).isEqualTo(d("0"));
            assertThat(BINANCE_BTCUSDT.isOnStep(d("1.23456"))).isTrue();
            assertThat(BINANCE_BTCUSDT.isOnStep(d("1.234567"))).isFalse();
        }
    }

    @Nested
    class Construction {
        @Test
        void equalRulesWrittenDifferentlyAreEqual() {
            assertThat(new TradingRules(d("0.010"), d("0.000010"), d("0.00001000"), d("9000.00"), d("5.0")))
                    .isEqualTo(BINANCE_BTCUSDT);
        }

        @Test
        void tickAndStepArePositive() {
            assertThatThrownBy(() -> new TradingRules(d("0"), d("1"), d("0"), null, d("0"))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new TradingRules(d("0.01"), d("-1"), d("0"), null, d("0"))).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void minimumsAreNotNegative() {
            assertThatThrownBy(() -> new TradingRules(d("0.01"), d("1"), d("-1"), null, d("0"))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new TradingRules(d("0.01"), d("1"), d("0"), null, d("-5"))).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void theMaximumIsAboveTheMinimum() {
            assertThatThrownBy(() -> new TradingRules(d("0.01"), d("1"), d("10"), d("10"), d("0")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("maxQuantity");
            assertThatThrownBy(() -> new TradingRules(d("0.01"), d("1"), d("0"), d("0"), d("0"))).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void nullsAreRefused() {
            assertThatThrownBy(() -> new TradingRules(null, d("1"), d("0"), null, d("0"))).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> BINANCE_BTCUSDT.fit(null, d("1"), d("1"), null)).isInstanceOf(NullPointerException.class);
        }
    }
}
