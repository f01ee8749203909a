package dev.bulwark.domain.positions;

import static dev.bulwark.domain.orders.OrderBuilder.ACCOUNT;
import static dev.bulwark.domain.orders.OrderBuilder.BTC_USDT;
import static dev.bulwark.domain.orders.OrderBuilder.BTC_USDT_PERP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.money.Money;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.FillBuilder;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.positions.PositionChange.Effect;
import java.math.BigDecimal;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PositionTest {

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    static Money usdt(String amount) {
        return Money.of(amount, "USDT");
    }

    static Fill buy(Instrument instrument, String quantity, String price) {
        return FillBuilder.fill(instrument, OrderSide.BUY, quantity, price);
    }

    static Fill sell(Instrument instrument, String quantity, String price) {
        return FillBuilder.fill(instrument, OrderSide.SELL, quantity, price);
    }

    static void assertChange(PositionChange change, Effect effect, String quantity, String basis, String realizedHere, String realizedTotal) {
        assertThat(change.effect()).isEqualTo(effect);
        assertThat(change.position().quantity()).isEqualTo(d(quantity));
        assertThat(change.position().costBasis()).isEqualTo(usdt(basis));
        assertThat(change.realizedPnl()).isEqualTo(usdt(realizedHere));
        assertThat(change.position().realizedPnl()).isEqualTo(usdt(realizedTotal));
    }

    @Nested
    class LongPosition {
        final Position flat = Position.flat(ACCOUNT, BTC_USDT_PERP);

        @Test
        void opensIncreasesReducesAndClosesRealizingOnlyWhatItTakesOff() {
            PositionChange opened = flat.apply(buy(BTC_USDT_PERP, "2", "100"));
            assertChange(opened, Effect.OPENED, "2", "200", "0", "0");
            assertThat(opened.position().side()).isEqualTo(PositionSide.LONG);
            assertThat(opened.position().averageEntryPrice()).contains(d("100"));

            PositionChange increased = opened.position().apply(buy(BTC_USDT_PERP, "1", "130"));
            assertChange(increased, Effect.INCREASED, "3", "330", "0", "0");
            assertThat(increased.position().averageEntryPrice()).contains(d("110"));

            PositionChange reduced = increased.position().apply(sell(BTC_USDT_PERP, "1", "150"));
            assertChange(reduced, Effect.REDUCED, "2", "220", "40", "40");

            PositionChange closed = reduced.position().apply(sell(BTC_USDT_PERP, "2", "90"));
            assertChange(closed, Effect.CLOSED, "0", "0", "-40", "0");
            assertThat(closed.position().side()).isEqualTo(PositionSide.FLAT);
            assertThat(closed.position().averageEntryPrice()).isEmpty();
        }

        @Test
        void flipsToShortRealizingTheWholeLongAndOpeningTheRestAtTheFillPrice() {
            Position longOne = flat.apply(buy(BTC_USDT_PERP, "1", "100")).position();
            PositionChange flipped = longOne.apply(sell(BTC_USDT_PERP, "3", "110"));
            assertChange(flipped, Effect.FLIPPED, "-2", "220", "10", "10");
            assertThat(flipped.position().side()).isEqualTo(PositionSide.SHORT);
            assertThat(flipped.position().averageEntryPrice()).contains(d("110"));
        }

        @Test
        void unrealizedPnlIsTheValueAtTheMarkMinusTheBasis() {
            Position position = flat.apply(buy(BTC_USDT_PERP, "2", "100")).position();
            assertThat(position.unrealizedPnl(d("110"))).isEqualTo(usdt("20"));
            assertThat(position.unrealizedPnl(d("95.5"))).isEqualTo(usdt("-9"));
        }
    }

    @Nested
    class ShortPosition {
        final Position flat = Position.flat(ACCOUNT, BTC_USDT_PERP, d("10"));

        @Test
        void opensReducesAndClosesWithProfitWhenThePriceFalls() {
            PositionChange opened = flat.apply(sell(BTC_USDT_PERP, "2", "100"));
            assertChange(opened, Effect.OPENED, "-2", "200", "0", "0");
            assertThat(opened.position().side()).isEqualTo(PositionSide.SHORT);

            PositionChange increased = opened.position().apply(sell(BTC_USDT_PERP, "2", "110"));
            assertChange(increased, Effect.INCREASED, "-4", "420", "0", "0");

            PositionChange reduced = increased.position().apply(buy(BTC_USDT_PERP, "1", "80"));
            assertChange(reduced, Effect.REDUCED, "-3", "315", "25", "25");

            PositionChange closed = reduced.position().apply(buy(BTC_USDT_PERP, "3", "120"));
            assertChange(closed, Effect.CLOSED, "0", "0", "-45", "-20");
            // Proceeds 200 + 220 against costs 80 + 360.
            assertThat(closed.position().leverage()).isEqualTo(d("10"));
        }

        @Test
        void flipsToLongRealizingTheWholeShort() {
            Position shortTwo = flat.apply(sell(BTC_USDT_PERP, "2", "50")).position();
            PositionChange flipped = shortTwo.apply(buy(BTC_USDT_PERP, "5", "40"));
            assertChange(flipped, Effect.FLIPPED, "3", "120", "20", "20");
            assertThat(flipped.position().side()).isEqualTo(PositionSide.LONG);
        }

        @Test
        void unrealizedPnlIsTheBasisMinusTheValueAtTheMark() {
            Position position = flat.apply(sell(BTC_USDT_PERP, "2", "100")).position();
            assertThat(position.unrealizedPnl(d("110"))).isEqualTo(usdt("-20"));
            assertThat(position.unrealizedPnl(d("90"))).isEqualTo(usdt("20"));
        }
    }

    @Nested
    class CostBasis {
        @Test
        void aReductionRemovesItsShareAndTheCloseRemovesTheRestSoRoundingNeverLeaks() {
            Position position = Position.flat(ACCOUNT, BTC_USDT)
                    .apply(buy(BTC_USDT, "1", "10")).position()
                    .apply(buy(BTC_USDT, "2", "10.01")).position();
            assertThat(position.costBasis()).isEqualTo(usdt("30.02"));

            PositionChange reduced = position.apply(sell(BTC_USDT, "1", "10"));
            // 30.02 / 3 does not terminate: the share removed is rounded at the 18th decimal...
            assertChange(reduced, Effect.REDUCED, "2", "20.013333333333333333", "-0.006666666666666667", "-0.006666666666666667");

            PositionChange closed = reduced.position().apply(sell(BTC_USDT, "2", "10"));
            // ...and the close takes whatever is left, so the round trip realizes exactly 30 - 30.02.
            assertChange(closed, Effect.CLOSED, "0", "0", "-0.013333333333333333", "-0.02");
        }

        @Test
        void feesAreNotNettedIntoPnl() {
            Fill withFee = FillBuilder.aFill().instrument(BTC_USDT).side(OrderSide.BUY).quantity("1").price("100")
                    .fee(Money.of("0.1", "BNB")).build();
            Fill exit = FillBuilder.aFill().instrument(BTC_USDT).side(OrderSide.SELL).quantity("1").price("101")
                    .fee(Money.of("0.101", "USDT")).build();
            PositionChange closed = Position.flat(ACCOUNT, BTC_USDT).apply(withFee).position().apply(exit);
            assertThat(closed.realizedPnl()).isEqualTo(usdt("1"));
        }

        @Test
        void leverageDoesNotChangePnl() {
            Position one = Position.flat(ACCOUNT, BTC_USDT_PERP).apply(buy(BTC_USDT_PERP, "1", "100")).position();
            Position twenty = one.withLeverage(d("20"));
            assertThat(twenty.apply(sell(BTC_USDT_PERP, "1", "120")).realizedPnl())
                    .isEqualTo(one.apply(sell(BTC_USDT_PERP, "1", "120")).realizedPnl());
            assertThat(twenty.unrealizedPnl(d("90"))).isEqualTo(one.unrealizedPnl(d("90")));
        }

        @Test
        void aFlatPositionHasNoUnrealizedPnl() {
            assertThat(Position.flat(ACCOUNT, BTC_USDT).unrealizedPnl(d("123"))).isEqualTo(usdt("0"));
        }
    }

    @Nested
    class Refused {
        final Position spot = Position.flat(ACCOUNT, BTC_USDT);

        @Test
        void aSpotSellFromFlat() {
            assertThatThrownBy(() -> spot.apply(sell(BTC_USDT, "0.1", "100")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("below zero");
        }

        @Test
        void aSpotSellOfMoreThanIsHeld() {
            Position held = spot.apply(buy(BTC_USDT, "1", "100")).position();
            assertThatThrownBy(() -> held.apply(sell(BTC_USDT, "1.00000001", "100")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SPOT does not allow shorts");
            assertThat(held.apply(sell(BTC_USDT, "1", "100")).effect()).isEqualTo(Effect.CLOSED);
        }

        @Test
        void aFillOfAnotherInstrument() {
            assertThatThrownBy(() -> spot.apply(buy(BTC_USDT_PERP, "1", "100")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is for");
        }

        @Test
        void aNonPositiveMarkPrice() {
            assertThatThrownBy(() -> spot.unrealizedPnl(d("0"))).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void leverageBelowOneOrOnAMarketWithout() {
            assertThatThrownBy(() -> Position.flat(ACCOUNT, BTC_USDT_PERP, d("0.5")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
            assertThatThrownBy(() -> Position.flat(ACCOUNT, BTC_USDT, d("2")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no leverage");
            assertThat(Position.flat(ACCOUNT, BTC_USDT, d("1.000")).leverage()).isEqualTo(d("1"));
            assertThat(Position.flat(ACCOUNT, BTC_USDT_PERP, d("125")).leverage()).isEqualTo(d("125"));
        }

        @Test
        void aShortOnAMarketWithoutShorts() {
            assertThatThrownBy(() -> new Position(ACCOUNT, BTC_USDT, d("-1"), usdt("100"), usdt("0"), BigDecimal.ONE))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no short");
        }

        @Test
        void amountsOutsideTheQuoteAsset() {
            Money usd = Money.zero(Asset.USD);
            assertThatThrownBy(() -> new Position(ACCOUNT, BTC_USDT, d("1"), Money.of("100", "USD"), usdt("0"), BigDecimal.ONE))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("costBasis");
            assertThatThrownBy(() -> new Position(ACCOUNT, BTC_USDT, d("0"), usdt("0"), usd, BigDecimal.ONE))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("realizedPnl");
        }

        @Test
        void aNegativeBasisOrABasisWhenFlat() {
            assertThatThrownBy(() -> new Position(ACCOUNT, BTC_USDT, d("1"), usdt("-100"), usdt("0"), BigDecimal.ONE))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("magnitude");
            assertThatThrownBy(() -> new Position(ACCOUNT, BTC_USDT, d("0"), usdt("5"), usdt("0"), BigDecimal.ONE))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("flat");
        }

        @Test
        void aChangeThatContradictsItself() {
            Position flat = Position.flat(ACCOUNT, BTC_USDT);
            Position open = flat.apply(buy(BTC_USDT, "1", "100")).position();
            assertThatThrownBy(() -> new PositionChange(open, Effect.OPENED, usdt("1")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("realizes nothing");
            assertThatThrownBy(() -> new PositionChange(open, Effect.CLOSED, usdt("1")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("flat");
            assertThatThrownBy(() -> new PositionChange(flat, Effect.REDUCED, usdt("1")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("flat");
            assertThatThrownBy(() -> new PositionChange(flat, Effect.CLOSED, Money.of("1", "USD")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quote");
        }
    }
}
