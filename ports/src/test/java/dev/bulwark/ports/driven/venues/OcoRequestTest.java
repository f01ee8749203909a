package dev.bulwark.ports.driven.venues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderSize;
import dev.bulwark.domain.orders.OrderStatus;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.orders.TimeInForce;
import dev.bulwark.domain.venues.VenueAccountId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OcoRequestTest {
    private static final Instrument BTC = Instrument.spot("BTC", "USDT");
    private static final ClientOrderId TP = new ClientOrderId("a-tp");
    private static final ClientOrderId SL = new ClientOrderId("a-sl");

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    @Test
    void aSellPairHasItsTargetAboveItsStopAndSplitsIntoTwoLegs() {
        OcoRequest oco = new OcoRequest(BTC, OrderSide.SELL, d("0.010"), d("52000"), d("49000"), TP, SL, false);
        assertThat(oco.quantity()).isEqualTo(d("0.01"));
        assertThat(oco.takeProfitLeg().type()).isEqualTo(OrderType.TAKE_PROFIT);
        assertThat(oco.takeProfitLeg().stopPrice()).isEqualByComparingTo("52000");
        assertThat(oco.takeProfitLeg().clientOrderId()).isEqualTo(TP);
        assertThat(oco.stopLossLeg().type()).isEqualTo(OrderType.STOP_MARKET);
        assertThat(oco.stopLossLeg().clientOrderId()).isEqualTo(SL);
    }

    @Test
    void aBuyPairProtectsAShortWithItsTargetBelow() {
        Instrument perp = new Instrument(BTC.base(), BTC.quote(), Market.USDM_FUTURES);
        assertThat(new OcoRequest(perp, OrderSide.BUY, d("1"), d("40000"), d("45000"), TP, SL, true).reduceOnly()).isTrue();
    }

    @Test
    void refusesWhatIsNotAPair() {
        assertThatThrownBy(() -> new OcoRequest(BTC, OrderSide.SELL, d("1"), d("49000"), d("52000"), TP, SL, false))
                .hasMessageContaining("take-profit");
        assertThatThrownBy(() -> new OcoRequest(BTC, OrderSide.BUY, d("1"), d("52000"), d("49000"), TP, SL, false))
                .hasMessageContaining("take-profit");
        assertThatThrownBy(() -> new OcoRequest(BTC, OrderSide.SELL, d("1"), d("52000"), d("49000"), TP, TP, false))
                .hasMessageContaining("own client order ids");
        assertThatThrownBy(() -> new OcoRequest(BTC, OrderSide.SELL, d("0"), d("52000"), d("49000"), TP, SL, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OcoRequest(BTC, OrderSide.SELL, d("1"), d("52000"), d("49000"), TP, SL, true))
                .hasMessageContaining("reduce-only");
    }

    @Test
    void aGatewayWithoutNativeOcoRefusesWithoutSending() {
        VenueGateway gateway = (VenueGateway) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {VenueGateway.class}, (proxy, method, args) -> {
                    if (method.isDefault()) {
                        return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    throw new AssertionError("nothing is sent: " + method.getName());
                });
        OcoResult result = gateway.placeOco(new OcoRequest(BTC, OrderSide.SELL, d("1"), d("52000"), d("49000"), TP, SL, false));
        assertThat(result).isInstanceOfSatisfying(OcoResult.Rejected.class,
                r -> assertThat(r.code()).isEqualTo(PlacementResult.Rejected.UNSUPPORTED));
        assertThatThrownBy(() -> new OcoResult.Rejected("has space", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    /** A gateway whose default methods run as written, its own ones answered by {@code own} (name, arguments). */
    private static VenueGateway gateway(java.util.function.BiFunction<String, Object[], Object> own) {
        return (VenueGateway) java.lang.reflect.Proxy.newProxyInstance(OcoRequestTest.class.getClassLoader(),
                new Class<?>[] {VenueGateway.class}, (proxy, method, args) -> method.isDefault()
                        ? java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args)
                        : own.apply(method.getName(), args));
    }

    private static Order leg(ClientOrderId id, OrderType type) {
        return new OrderRequest(BTC, OrderSide.SELL, type, OrderSize.quantity(d("1")), null, d("50000"), null,
                TimeInForce.GTC, id, false, null).toNewOrder(new VenueAccountId(new UUID(0, 1)), Instant.EPOCH);
    }

    @Test
    void byDefaultAPairIsLookedUpLegByLegUnderEachLegsOwnId() {
        Order tp = leg(TP, OrderType.TAKE_PROFIT);
        List<Object> asked = new ArrayList<>();
        VenueGateway gateway = gateway((name, args) -> {
            assertThat(name).isEqualTo("findByClientOrderId");
            asked.add(args[1]);
            return args[1].equals(TP) ? Optional.of(tp) : Optional.empty();
        });

        OcoLegs legs = gateway.findOco(BTC, TP, SL);

        assertThat(asked).containsExactly(TP, SL);
        assertThat(legs.takeProfit()).contains(tp);
        assertThat(legs.stopLoss()).isEmpty();
        assertThat(legs.isEmpty()).isFalse();
        assertThat(new OcoLegs(Optional.empty(), Optional.empty()).isEmpty()).isTrue();
    }

    @Test
    void byDefaultAPairIsCancelledLegByLegAndEachLegAnswersAsTheVenueLeftIt() {
        Order tp = leg(TP, OrderType.TAKE_PROFIT).transitionTo(OrderStatus.ACCEPTED, Instant.EPOCH)
                .transitionTo(OrderStatus.CANCELLED, Instant.EPOCH);
        VenueGateway gateway = gateway((name, args) -> {
            assertThat(name).isEqualTo("cancel");
            return args[1].equals(TP) ? new CancelResult.Cancelled(tp) : new CancelResult.UnknownOrder(SL);
        });

        OcoLegs legs = gateway.cancelOco(BTC, TP, SL);

        assertThat(legs.takeProfit()).contains(tp);
        assertThat(legs.stopLoss()).isEmpty();
    }

    @Test
    void aCancelsAnswerCarriesTheOrderOnlyWhenTheVenueKnewIt() {
        Order ended = leg(SL, OrderType.STOP_MARKET).transitionTo(OrderStatus.ACCEPTED, Instant.EPOCH)
                .transitionTo(OrderStatus.CANCELLED, Instant.EPOCH);
        assertThat(new CancelResult.Cancelled(ended).orderAfter()).contains(ended);
        assertThat(new CancelResult.AlreadyFinal(ended).orderAfter()).contains(ended);
        assertThat(new CancelResult.UnknownOrder(SL).orderAfter()).isEmpty();
        assertThat(new CancelResult.Refused("REFUSED", "the venue said no").orderAfter()).isEmpty();
    }
}
