package dev.bulwark.domain.paper;

import static dev.bulwark.domain.market.OrderSide.BUY;
import static dev.bulwark.domain.market.OrderSide.SELL;
import static dev.bulwark.domain.paper.Paper.BTC_PERP;
import static dev.bulwark.domain.paper.Paper.BTC_USDT;
import static dev.bulwark.domain.paper.Paper.T0;
import static dev.bulwark.domain.paper.Paper.USDT;
import static dev.bulwark.domain.paper.Paper.at;
import static dev.bulwark.domain.paper.Paper.bd;
import static dev.bulwark.domain.paper.Paper.candle;
import static dev.bulwark.domain.paper.Paper.futures;
import static dev.bulwark.domain.paper.Paper.futuresProfile;
import static dev.bulwark.domain.paper.Paper.limit;
import static dev.bulwark.domain.paper.Paper.market;
import static dev.bulwark.domain.paper.Paper.spot;
import static dev.bulwark.domain.paper.Paper.spotProfile;
import static dev.bulwark.domain.paper.Paper.stop;
import static dev.bulwark.domain.paper.Paper.trailing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderStatus;
import dev.bulwark.domain.orders.TrailingOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A keeper takes what is final out of the engine, so the snapshot holds only what is live. */
class PaperSettledTest {

    @Test
    void aFilledMarketOrderAndItsFillAreHandedOverOnceAndLeaveTheSnapshot() {
        PaperAccount paper = spot("10000", "0");
        Order buy = market(BUY, "1").build();
        paper.place(buy, at("100"), T0);
        var balances = paper.balances();

        Settled settled = paper.takeSettled();

        assertThat(settled.orders()).singleElement().satisfies(o -> {
            assertThat(o.id()).isEqualTo(buy.id());
            assertThat(o.status()).isEqualTo(OrderStatus.FILLED);
        });
        assertThat(settled.fills()).singleElement().extracting(Fill::orderId).isEqualTo(buy.id());
        PaperSnapshot snapshot = paper.snapshot();
        assertThat(snapshot.orders()).isEmpty();
        assertThat(snapshot.fills()).isEmpty();
        assertThat(paper.balances()).isEqualTo(balances);
        assertThat(paper.position(BTC_USDT).orElseThrow().quantity()).isEqualByComparingTo("1");
        assertThat(paper.takeSettled()).isEqualTo(Settled.NONE);
    }

    @Test
    void theAccountForgetsWhatItHandedOverSoTheKeeperAnswersForIt() {
        PaperAccount paper = spot("10000", "0");
        Order buy = market(BUY, "1").build();
        paper.place(buy, at("100"), T0);
        paper.takeSettled();

        assertThat(paper.order(buy.id())).isEmpty();
        assertThat(paper.order(buy.clientOrderId())).isEmpty();
        assertThat(paper.fills()).isEmpty();
        assertThat(paper.cancel(buy.id(), T0)).isEqualTo(new CancelResult.Unknown(buy.id()));
    }

    @Test
    void aRestingOrderStaysAndAPartlyFilledOneStaysUntilItIsFinalWhileItsFillsGoAtOnce() {
        PaperAccount paper = spot(spotProfile().withMaxVolumeShare(bd("0.1")), "10000", "0");
        Order resting = limit(BUY, "1", "50").build();
        Order working = limit(BUY, "5", "95").build();
        paper.place(resting, at("100"), T0);
        paper.place(working, at("100"), T0);
        assertThat(paper.takeSettled()).isEqualTo(Settled.NONE);

        paper.onCandle(BTC_USDT, candle(0, "100", "100", "94.5", "96", "20")); // 2 of 5 within the volume cap
        Settled first = paper.takeSettled();

        assertThat(first.orders()).isEmpty();
        assertThat(first.fills()).singleElement().satisfies(f -> {
            assertThat(f.orderId()).isEqualTo(working.id());
            assertThat(f.quantity()).isEqualByComparingTo("2");
        });
        assertThat(paper.order(working.id()).orElseThrow().status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(paper.snapshot().orders()).extracting(Order::id).containsExactly(resting.id(), working.id());

        paper.onCandle(BTC_USDT, candle(1, "96", "96", "94", "95.5", "30"));
        Settled second = paper.takeSettled();

        assertThat(second.orders()).singleElement().satisfies(o -> {
            assertThat(o.id()).isEqualTo(working.id());
            assertThat(o.status()).isEqualTo(OrderStatus.FILLED);
            assertThat(o.filledQuantity()).isEqualByComparingTo("5");
        });
        assertThat(second.fills()).extracting(Fill::tradeId).containsExactly(working.id() + "-2");
        PaperSnapshot snapshot = paper.snapshot();
        assertThat(snapshot.orders()).containsExactlyElementsOf(snapshot.workingOrders().stream().map(WorkingOrder::order).toList());
        assertThat(snapshot.orders()).extracting(Order::id).containsExactly(resting.id());
    }

    @Test
    void anOcoPairStaysWhileALegWorksAndGoesInPlacementOrderOnceBothAreFinal() {
        PaperAccount paper = spot("0", "1");
        Order stopLeg = stop(SELL, "1", "95").build();
        Order limitLeg = limit(SELL, "1", "105").build();
        paper.placeOco(stopLeg, limitLeg, at("100"), T0);
        assertThat(paper.takeSettled()).isEqualTo(Settled.NONE);

        paper.onCandle(BTC_USDT, candle(0, "100", "106", "99", "104"));
        Settled settled = paper.takeSettled();

        assertThat(settled.orders()).extracting(Order::id, Order::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(stopLeg.id(), OrderStatus.CANCELLED),
                org.assertj.core.groups.Tuple.tuple(limitLeg.id(), OrderStatus.FILLED));
        assertThat(settled.fills()).singleElement().extracting(Fill::orderId).isEqualTo(limitLeg.id());
        assertThat(paper.snapshot().orders()).isEmpty();
        assertThat(paper.snapshot().workingOrders()).isEmpty();
    }

    @Test
    void aLiquidationHandsOverTheOrdersItCancelledTheVenuesOwnOrderAndItsFill() {
        PaperAccount paper = futures(futuresProfile(), "1000");
        paper.setLeverage(BTC_PERP, bd("10"));
        paper.place(market(BUY, "1").on(BTC_PERP).build(), at("100"), T0);
        assertThat(paper.takeSettled().fills()).hasSize(1);
        Order takeProfit = limit(SELL, "1", "120").on(BTC_PERP).build();
        paper.place(takeProfit, at("100"), T0);

        paper.onCandle(BTC_PERP, candle(0, "100", "100", "89", "90"));
        Settled settled = paper.takeSettled();

        assertThat(settled.orders()).hasSize(2);
        assertThat(settled.orders().getFirst().id()).isEqualTo(takeProfit.id());
        assertThat(settled.orders().getFirst().status()).isEqualTo(OrderStatus.CANCELLED);
        Order liquidation = settled.orders().get(1);
        assertThat(liquidation.clientOrderId().value()).startsWith("autoclose-");
        assertThat(liquidation.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(settled.fills()).singleElement().extracting(Fill::orderId).isEqualTo(liquidation.id());
        assertThat(paper.snapshot().orders()).isEmpty();
        assertThat(paper.position(BTC_PERP).orElseThrow().isFlat()).isTrue();
    }

    @Test
    void aRejectedOrderIsSettledAtOnce() {
        PaperAccount paper = spot("10", "0");
        Order tooBig = market(BUY, "1").build();

        assertThat(paper.place(tooBig, at("100"), T0)).isInstanceOf(PlaceResult.Rejected.class);

        assertThat(paper.takeSettled().orders()).singleElement().extracting(Order::status).isEqualTo(OrderStatus.REJECTED);
        assertThat(paper.snapshot().orders()).isEmpty();
    }

    @Test
    void anAccountRestoredAfterATakeCarriesOnExactlyAsTheOriginal() {
        PaperAccount paper = spot(spotProfile().withFees(FeeSchedule.of("2", "10")).withMaxVolumeShare(bd("0.1")), "10000", "3");
        paper.place(market(BUY, "1").build(), new MarketSnapshot(bd("100"), null, null, bd("100")), T0);
        paper.place(limit(BUY, "5", "95").build(), at("100"), T0);
        paper.placeOco(stop(SELL, "1", "90").build(), limit(SELL, "1", "110").build(), at("100"), T0);
        paper.place(trailing(SELL, "1", new TrailingOffset.ByPercent(bd("3"))).build(), at("100"), T0);
        paper.onCandle(BTC_USDT, candle(0, "100", "102", "94.5", "96", "20"));
        paper.takeSettled();

        PaperSnapshot snapshot = paper.snapshot();
        PaperAccount restored = PaperAccount.restore(snapshot);

        assertThat(restored.snapshot()).isEqualTo(snapshot);
        for (int minute = 1; minute <= 3; minute++) {
            var next = candle(minute, "96", "112", "89", "100", "50");
            assertThat(restored.onCandle(BTC_USDT, next)).isEqualTo(paper.onCandle(BTC_USDT, next));
            assertThat(restored.takeSettled()).isEqualTo(paper.takeSettled());
        }
        assertThat(restored.snapshot()).isEqualTo(paper.snapshot());
    }

    @Test
    void takingNeverChangesWhatTheAccountDoesNext() {
        PaperAccount taking = spot(spotProfile().withMaxVolumeShare(bd("0.1")), "10000", "3");
        PaperAccount keeping = spot(spotProfile().withMaxVolumeShare(bd("0.1")), "10000", "3");
        List<Order> orders = List.of(limit(BUY, "5", "95").build(), market(SELL, "1").build(),
                limit(SELL, "2", "103").build());
        for (Order order : orders) {
            assertThat(taking.place(order, at("100"), T0)).isEqualTo(keeping.place(order, at("100"), T0));
            taking.takeSettled();
        }
        for (int minute = 0; minute < 4; minute++) {
            var next = candle(minute, "100", "104", "94", "99", "30");
            assertThat(taking.onCandle(BTC_USDT, next)).isEqualTo(keeping.onCandle(BTC_USDT, next));
            taking.takeSettled();
        }
        assertThat(taking.balances()).isEqualTo(keeping.balances());
        assertThat(taking.openOrders()).isEqualTo(keeping.openOrders());
        assertThat(taking.positions()).isEqualTo(keeping.positions());
    }

    @Test
    void aResetLeavesNothingToTake() {
        PaperAccount paper = spot("10000", "0");
        paper.place(market(BUY, "1").build(), at("100"), T0);

        paper.reset(Map.of(USDT, bd("500")));

        assertThat(paper.takeSettled()).isEqualTo(Settled.NONE);
    }

    @Test
    void onlyFinalOrdersAreSettled() {
        Order open = limit(BUY, "1", "95").build();
        assertThatThrownBy(() -> new Settled(List.of(open), List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMarketsLastPricesAndMarksAreNotOwnedStateButATrailingStopsBestPriceIs() {
        PaperAccount paper = spot("10000", "1");
        paper.place(limit(BUY, "1", "90").build(), at("100"), T0);
        PaperSnapshot before = paper.snapshot();

        paper.onPrice(BTC_USDT, bd("101"), T0.plusSeconds(1));
        PaperSnapshot moved = paper.snapshot();

        assertThat(moved).isNotEqualTo(before);
        assertThat(moved.sameOwnedState(before)).isTrue();

        paper.place(trailing(SELL, "1", new TrailingOffset.ByPercent(bd("3"))).build(), at("101"), T0.plusSeconds(2));
        PaperSnapshot withTrailing = paper.snapshot();
        paper.onPrice(BTC_USDT, bd("102"), T0.plusSeconds(3));

        assertThat(paper.snapshot().sameOwnedState(withTrailing)).isFalse();
        assertThat(withTrailing.sameOwnedState(moved)).isFalse();
    }
}
