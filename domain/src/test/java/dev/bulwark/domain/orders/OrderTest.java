package dev.bulwark.domain.orders;

import static dev.bulwark.domain.orders.FillBuilder.aFillOf;
import static dev.bulwark.domain.orders.OrderBuilder.T0;
import static dev.bulwark.domain.orders.OrderBuilder.aMarketOrder;
import static dev.bulwark.domain.orders.OrderBuilder.anOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.market.OrderSide;
import java.math.BigDecimal;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class OrderTest {
    static final BigDecimal PRICE = new BigDecimal("40000");
    static final BigDecimal STOP = new BigDecimal("39000");
    static final TrailingOffset ONE_PERCENT = new TrailingOffset.ByPercent(BigDecimal.ONE);

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    /** An order of {@code type} with exactly the prices it needs and its default time in force. */
    static OrderBuilder wellFormed(OrderType type) {
        return anOrder().type(type)
                .limitPrice(type.needsLimitPrice() ? PRICE : null)
                .stopPrice(type.needsStopPrice() ? STOP : null)
                .trailing(type.needsTrailingOffset() ? ONE_PERCENT : null)
                .timeInForce(type.defaultTimeInForce());
    }

    @Nested
    class Creation {
        @Test
        void aNewOrderIsNewWithNothingFilled() {
            Order order = Order.create(new OrderId(new UUID(0, 7)), new ClientOrderId("abc"), OrderBuilder.ACCOUNT,
                    OrderBuilder.BTC_USDT, OrderSide.BUY, OrderType.LIMIT, OrderSize.quantity(d("0.5")), d("40000.10"),
                    null, null, TimeInForce.GTC, T0);
            assertThat(order.status()).isEqualTo(OrderStatus.NEW);
            assertThat(order.filledQuantity()).isZero();
            assertThat(order.averageFillPrice()).isNull();
            assertThat(order.createdAt()).isEqualTo(T0);
            assertThat(order.updatedAt()).isEqualTo(T0);
            assertThat(order.remainingQuantity()).contains(d("0.5"));
            assertThat(order.limitPrice()).isEqualTo(d("40000.1"));
        }

        @ParameterizedTest
        @EnumSource(OrderType.class)
        void everyTypeCanBeBuiltWithExactlyThePricesItNeeds(OrderType type) {
            assertThat(wellFormed(type).build().type()).isEqualTo(type);
        }

        @Test
        void aTrailingStopMayCarryAnActivationPrice() {
            assertThat(wellFormed(OrderType.TRAILING_STOP).stopPrice(STOP).build().stopPrice()).isEqualTo(STOP);
        }

        @Test
        void aMarketOrderMayBeSizedByAQuoteAmount() {
            Order order = aMarketOrder().size(OrderSize.quoteAmount(d("100"))).build();
            assertThat(order.remainingQuantity()).isEmpty();
        }

        @ParameterizedTest
        @EnumSource(TimeInForce.class)
        void limitPricedOrdersTakeAnyTimeInForce(TimeInForce tif) {
            for (OrderType type : OrderType.values()) {
                if (type.needsLimitPrice()) {
                    assertThat(wellFormed(type).timeInForce(tif).build().timeInForce()).isEqualTo(tif);
                }
            }
        }
    }

    @Nested
    class ConstructorRejects {
        static Stream<Arguments> pricesThatDoNotFitTheType() {
            return Stream.of(
                    Arguments.of(OrderType.LIMIT, null, null, null, "needs a limit price"),
                    Arguments.of(OrderType.STOP_LIMIT, null, STOP, null, "needs a limit price"),
                    Arguments.of(OrderType.TAKE_PROFIT_LIMIT, null, STOP, null, "needs a limit price"),
                    Arguments.of(OrderType.MARKET, PRICE, null, null, "has no limit price"),
                    Arguments.of(OrderType.STOP_MARKET, PRICE, STOP, null, "has no limit price"),
                    Arguments.of(OrderType.TAKE_PROFIT, PRICE, STOP, null, "has no limit price"),
                    Arguments.of(OrderType.TRAILING_STOP, PRICE, null, ONE_PERCENT, "has no limit price"),
                    Arguments.of(OrderType.STOP_MARKET, null, null, null, "needs a stop"),
                    Arguments.of(OrderType.STOP_LIMIT, PRICE, null, null, "needs a stop"),
                    Arguments.of(OrderType.TAKE_PROFIT, null, null, null, "needs a stop"),
                    Arguments.of(OrderType.TAKE_PROFIT_LIMIT, PRICE, null, null, "needs a stop"),
                    Arguments.of(OrderType.MARKET, null, STOP, null, "has no stop price"),
                    Arguments.of(OrderType.LIMIT, PRICE, STOP, null, "has no stop price"),
                    Arguments.of(OrderType.TRAILING_STOP, null, null, null, "needs a trailing offset"),
                    Arguments.of(OrderType.LIMIT, PRICE, null, ONE_PERCENT, "has no trailing offset"),
                    Arguments.of(OrderType.STOP_MARKET, null, STOP, ONE_PERCENT, "has no trailing offset"),
                    Arguments.of(OrderType.LIMIT, d("0"), null, null, "limitPrice must be positive"),
                    Arguments.of(OrderType.LIMIT, d("-1"), null, null, "limitPrice must be positive"),
                    Arguments.of(OrderType.STOP_MARKET, null, d("0"), null, "stopPrice must be positive"),
                    Arguments.of(OrderType.TRAILING_STOP, null, d("-5"), ONE_PERCENT, "stopPrice must be positive"));
        }

        @ParameterizedTest(name = "{0} limit={1} stop={2} trailing={3}: {4}")
        @MethodSource("pricesThatDoNotFitTheType")
        void pricesThatDoNotFitTheType(OrderType type, @Nullable BigDecimal limit, @Nullable BigDecimal stop,
                @Nullable TrailingOffset trailing, String why) {
            OrderBuilder builder = anOrder().type(type).limitPrice(limit).stopPrice(stop).trailing(trailing)
                    .timeInForce(type.defaultTimeInForce());
            assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(why);
        }

        @ParameterizedTest
        @EnumSource(value = OrderType.class, names = "MARKET", mode = EnumSource.Mode.EXCLUDE)
        void aQuoteAmountOnAnythingButAMarketOrder(OrderType type) {
            assertThatThrownBy(() -> wellFormed(type).size(OrderSize.quoteAmount(d("100"))).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("quote amount");
        }

        static Stream<Arguments> timesInForceThatDecideNothing() {
            return Stream.of(
                    Arguments.of(OrderType.MARKET, TimeInForce.GTC),
                    Arguments.of(OrderType.MARKET, TimeInForce.FOK),
                    Arguments.of(OrderType.STOP_MARKET, TimeInForce.IOC),
                    Arguments.of(OrderType.STOP_MARKET, TimeInForce.FOK),
                    Arguments.of(OrderType.TAKE_PROFIT, TimeInForce.IOC),
                    Arguments.of(OrderType.TAKE_PROFIT, TimeInForce.FOK),
                    Arguments.of(OrderType.TRAILING_STOP, TimeInForce.IOC),
                    Arguments.of(OrderType.TRAILING_STOP, TimeInForce.FOK));
        }

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource("timesInForceThatDecideNothing")
        void aTimeInForceTheTypeCannotHave(OrderType type, TimeInForce tif) {
            assertThatThrownBy(() -> wellFormed(type).timeInForce(tif).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(type.defaultTimeInForce().name());
        }

        @Test
        void moreFilledThanOrdered() {
            assertThatThrownBy(() -> anOrder().quantity("1").status(OrderStatus.FILLED).filled("1.1", "40000").build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds");
        }

        @Test
        void aNegativeFilledQuantity() {
            assertThatThrownBy(() -> anOrder().filled("-0.1", null).build()).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void allFilledButNotFilled() {
            assertThatThrownBy(() -> anOrder().quantity("1").status(OrderStatus.PARTIALLY_FILLED).filled("1", "40000").build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FILLED");
        }

        @ParameterizedTest
        @EnumSource(value = OrderStatus.class, names = {"NEW", "ACCEPTED", "REJECTED"})
        void somethingFilledInAStateBeforeAnyFill(OrderStatus status) {
            assertThatThrownBy(() -> anOrder().status(status).filled("0.5", "40000").build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nothing filled");
        }

        @Test
        void anAveragePriceWithoutAFill() {
            assertThatThrownBy(() -> anOrder().filled("0", "40000").build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("average fill price");
        }

        @Test
        void aFillWithoutAnAveragePrice() {
            assertThatThrownBy(() -> anOrder().status(OrderStatus.PARTIALLY_FILLED).filled("0.5", null).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("average fill price");
        }

        @Test
        void aNonPositiveAveragePrice() {
            assertThatThrownBy(() -> anOrder().status(OrderStatus.PARTIALLY_FILLED).filled("0.5", "0").build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("averageFillPrice");
        }

        @Test
        void anUpdateBeforeTheCreation() {
            assertThatThrownBy(() -> anOrder().updatedAt(T0.minusMillis(1)).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before createdAt");
        }

        @Test
        void missingComponents() {
            assertThatThrownBy(() -> anOrder().id(null).build()).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> anOrder().size(null).build()).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> anOrder().status(null).build()).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> anOrder().timeInForce(null).build()).isInstanceOf(NullPointerException.class);
        }
    }

    @Nested
    class Fills {
        final Order order = anOrder().quantity("1").build();

        @Test
        void aPartialFillAndTheRestFillTheOrderAtTheWeightedAverage() {
            Order partly = order.apply(aFillOf(order).quantity("0.4").price("100").time(T0.plusSeconds(1)).build());
            assertThat(partly.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
            assertThat(partly.filledQuantity()).isEqualTo(d("0.4"));
            assertThat(partly.averageFillPrice()).isEqualTo(d("100"));
            assertThat(partly.remainingQuantity()).contains(d("0.6"));

            Order filled = partly.apply(aFillOf(order).tradeId("t-2").quantity("0.6").price("110").time(T0.plusSeconds(2)).build());
            assertThat(filled.status()).isEqualTo(OrderStatus.FILLED);
            assertThat(filled.filledQuantity()).isEqualTo(d("1"));
            assertThat(filled.averageFillPrice()).isEqualTo(d("106"));
            assertThat(filled.updatedAt()).isEqualTo(T0.plusSeconds(2));
        }

        @Test
        void anAverageThatDoesNotTerminateIsKeptAtTheDivisionScale() {
            Order three = anOrder().quantity("3").build();
            Order after = three.apply(aFillOf(three).quantity("1").price("1").build())
                    .apply(aFillOf(three).quantity("2").price("2").build());
            assertThat(after.averageFillPrice()).isEqualTo(d("1.666666666666666667"));
        }

        @Test
        void aSingleFillOfEverythingFillsANewOrderAtOnce() {
            Order filled = order.apply(aFillOf(order).quantity("1").price("39999.5").build());
            assertThat(filled.status()).isEqualTo(OrderStatus.FILLED);
            assertThat(filled.averageFillPrice()).isEqualTo(d("39999.5"));
        }

        @Test
        void aLateFillDoesNotMoveUpdatedAtBack() {
            Order moved = order.transitionTo(OrderStatus.ACCEPTED, T0.plusSeconds(10));
            Order partly = moved.apply(aFillOf(order).quantity("0.1").time(T0.plusSeconds(5)).build());
            assertThat(partly.updatedAt()).isEqualTo(T0.plusSeconds(10));
        }

        @Test
        void aQuoteAmountOrderStaysPartlyFilledUntilTheVenueSaysFilled() {
            Order quote = aMarketOrder().size(OrderSize.quoteAmount(d("100"))).build();
            Order partly = quote.apply(aFillOf(quote).quantity("0.0025").price("40000").build());
            assertThat(partly.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
            assertThat(partly.filledQuantity()).isEqualTo(d("0.0025"));
            assertThat(partly.transitionTo(OrderStatus.FILLED, T0.plusSeconds(2)).status()).isEqualTo(OrderStatus.FILLED);
        }

        @Test
        void refusesAnOverfill() {
            Order partly = order.apply(aFillOf(order).quantity("0.7").build());
            assertThatThrownBy(() -> partly.apply(aFillOf(order).tradeId("t-2").quantity("0.30000001").build()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overfill");
        }

        @Test
        void refusesAFillOfAnotherOrder() {
            Fill other = aFillOf(order).orderId(new OrderId(new UUID(9, 9))).build();
            assertThatThrownBy(() -> order.apply(other)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not " + order.id());
        }

        @Test
        void refusesAFillOfAnotherInstrumentOrSide() {
            assertThatThrownBy(() -> order.apply(aFillOf(order).instrument(OrderBuilder.BTC_USDT_PERP).build()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> order.apply(aFillOf(order).side(OrderSide.SELL).build()))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @ParameterizedTest
        @EnumSource(value = OrderStatus.class, names = {"FILLED", "CANCELLED", "REJECTED", "EXPIRED", "FAILED"})
        void refusesAFillOnATerminalOrder(OrderStatus terminal) {
            Order done = anOrder().status(terminal).build();
            assertThatThrownBy(() -> done.apply(aFillOf(done).build()))
                    .isInstanceOfSatisfying(IllegalOrderTransition.class, e -> assertThat(e.from()).isEqualTo(terminal));
        }

        @Test
        void aCancelledOrderKeepsItsPartialFills() {
            Order cancelled = order.apply(aFillOf(order).quantity("0.3").build()).transitionTo(OrderStatus.CANCELLED, T0.plusSeconds(3));
            assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
            assertThat(cancelled.filledQuantity()).isEqualTo(d("0.3"));
        }

        @Test
        void aStatusReportNeverMovesUpdatedAtBack() {
            Order accepted = order.transitionTo(OrderStatus.ACCEPTED, T0.plusSeconds(10));
            assertThat(accepted.transitionTo(OrderStatus.CANCELLED, T0.plusSeconds(4)).updatedAt()).isEqualTo(T0.plusSeconds(10));
        }
    }
}
