package dev.bulwark.domain.paper;

import static dev.bulwark.domain.market.OrderSide.BUY;
import static dev.bulwark.domain.market.OrderSide.SELL;
import static dev.bulwark.domain.paper.Paper.BTC_PERP;
import static dev.bulwark.domain.paper.Paper.T0;
import static dev.bulwark.domain.paper.Paper.USDT;
import static dev.bulwark.domain.paper.Paper.at;
import static dev.bulwark.domain.paper.Paper.bd;
import static dev.bulwark.domain.paper.Paper.candle;
import static dev.bulwark.domain.paper.Paper.futures;
import static dev.bulwark.domain.paper.Paper.futuresProfile;
import static dev.bulwark.domain.paper.Paper.limit;
import static dev.bulwark.domain.paper.Paper.market;
import static dev.bulwark.domain.paper.Paper.stop;
import static dev.bulwark.domain.paper.Paper.takeProfit;
import static dev.bulwark.domain.paper.PaperOrdersTest.fillsIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.money.Money;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderStatus;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.positions.Position;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** USD-M futures: isolated margin with leverage, mark price, unrealized P&L, liquidation. */
class PaperFuturesTest {

    private final PaperAccount paper = futures(futuresProfile(), "1000");

    private void open(String side, String quantity, String price, String leverage) {
        assertThat(paper.setLeverage(BTC_PERP, bd(leverage))).isTrue();
        Order order = market(side.equals("long") ? BUY : SELL, quantity).on(BTC_PERP).build();
        assertThat(paper.place(order, at(price), T0)).isInstanceOf(PlaceResult.Accepted.class);
    }

    @Test
    void openingTakesInitialMarginOfNotionalOverLeverageFromTheQuoteBalance() {
        open("long", "1", "100", "10");

        assertThat(paper.margin(BTC_PERP)).isEqualByComparingTo("10");
        assertThat(paper.balance(USDT)).isEqualTo(new Balance(bd("990"), bd("10")));
        Position position = paper.position(BTC_PERP).orElseThrow();
        assertThat(position.quantity()).isEqualByComparingTo("1");
        assertThat(position.leverage()).isEqualByComparingTo("10");
    }

    @Test
    void aLongIsLiquidatedAtBasisLessMarginOverQuantityTimesOneLessTheMaintenanceRate() {
        open("long", "1", "100", "10");

        // (100 − 10) / (1 × (1 − 0.005))
        assertThat(paper.liquidationPrice(BTC_PERP)).contains(bd("90.452261306532663317"));
    }

    @Test
    void aShortIsLiquidatedAtBasisPlusMarginOverQuantityTimesOnePlusTheMaintenanceRate() {
        open("short", "1", "100", "10");

        // (100 + 10) / (1 × (1 + 0.005))
        assertThat(paper.liquidationPrice(BTC_PERP)).contains(bd("109.452736318407960199"));
        assertThat(paper.position(BTC_PERP).orElseThrow().quantity()).isEqualByComparingTo("-1");
    }

    @Test
    void anUnleveragedLongCannotBeLiquidated() {
        open("long", "1", "100", "1");

        assertThat(paper.liquidationPrice(BTC_PERP)).isEmpty();
        assertThat(paper.onMark(BTC_PERP, bd("0.01"), T0)).isEmpty();
    }

    @Test
    void unrealizedPnlIsAtTheMark() {
        open("long", "2", "100", "10");

        paper.onMark(BTC_PERP, bd("104"), T0.plusSeconds(1));

        assertThat(paper.markPrice(BTC_PERP)).contains(bd("104"));
        assertThat(paper.unrealizedPnl(BTC_PERP)).isEqualTo(Money.of("8", "USDT"));
    }

    @Test
    void whenTheCloseCrossesTheLiquidationPriceThePositionClosesThereAndExactlyItsMarginIsLost() {
        open("long", "1", "100", "10");
        Order takeProfit = limit(SELL, "1", "120").on(BTC_PERP).build();
        paper.place(takeProfit, at("100"), T0);

        List<Execution> executions = paper.onCandle(BTC_PERP, candle(0, "100", "100", "89", "90"));

        assertThat(executions).hasSize(2);
        Execution.Cancelled cancelled = (Execution.Cancelled) executions.getFirst();
        assertThat(cancelled.order().id()).isEqualTo(takeProfit.id());
        assertThat(cancelled.reason()).isEqualTo(CancelReason.LIQUIDATION);
        Execution.Liquidated liquidated = (Execution.Liquidated) executions.get(1);
        assertThat(liquidated.fill().price()).isEqualByComparingTo("90.452261306532663317");
        assertThat(liquidated.fill().fee()).isEqualTo(Money.of("0.452261306532663317", "USDT"));
        assertThat(liquidated.marginLost()).isEqualTo(Money.of("10", "USDT"));
        assertThat(liquidated.position().isFlat()).isTrue();
        assertThat(liquidated.order().type()).isEqualTo(OrderType.MARKET);
        assertThat(liquidated.order().side()).isEqualTo(SELL);
        assertThat(liquidated.order().status()).isEqualTo(OrderStatus.FILLED);
        assertThat(liquidated.order().clientOrderId().value()).startsWith("autoclose-");
        assertThat(paper.orders()).contains(liquidated.order());
        assertThat(paper.fills()).contains(liquidated.fill());
        assertThat(paper.balance(USDT)).isEqualTo(new Balance(bd("990"), BigDecimal.ZERO));
        assertThat(paper.margin(BTC_PERP)).isZero();
        assertThat(paper.openOrders()).isEmpty();
    }

    @Test
    void theMarkIsTheCloseSoAWickBelowTheLiquidationPriceDoesNotLiquidate() {
        open("long", "1", "100", "10");

        assertThat(paper.onCandle(BTC_PERP, candle(0, "100", "100", "85", "95"))).isEmpty();
        assertThat(paper.position(BTC_PERP).orElseThrow().quantity()).isEqualByComparingTo("1");
    }

    @Test
    void aShortIsLiquidatedWhenAGivenMarkRisesToItsLiquidationPrice() {
        open("short", "1", "100", "10");

        List<Execution> executions = paper.onMark(BTC_PERP, bd("110"), T0.plusSeconds(5));

        Execution.Liquidated liquidated = (Execution.Liquidated) executions.getFirst();
        assertThat(liquidated.fill().side()).isEqualTo(BUY);
        assertThat(liquidated.fill().fee()).isEqualTo(Money.of("0.547263681592039801", "USDT"));
        assertThat(paper.balance(USDT)).isEqualTo(new Balance(bd("990"), BigDecimal.ZERO));
    }

    @Test
    void closingReleasesTheMarginAndSettlesTheRealizedPnl() {
        open("long", "1", "100", "10");

        paper.place(market(SELL, "1").on(BTC_PERP).build(), at("110"), T0.plusSeconds(1));

        assertThat(paper.balance(USDT)).isEqualTo(new Balance(bd("1010"), BigDecimal.ZERO));
        assertThat(paper.position(BTC_PERP).orElseThrow().realizedPnl()).isEqualTo(Money.of("10", "USDT"));
        assertThat(paper.margin(BTC_PERP)).isZero();
    }

    @Test
    void reducingReleasesMarginInProportion() {
        open("long", "2", "100", "10");

        paper.place(market(SELL, "0.5").on(BTC_PERP).build(), at("110"), T0.plusSeconds(1));

        assertThat(paper.margin(BTC_PERP)).isEqualByComparingTo("15");
        assertThat(paper.balance(USDT)).isEqualTo(new Balance(bd("990"), bd("15")));
    }

    @Test
    void aFillThroughZeroClosesTheSideHeldAndOpensTheOtherWithFreshMargin() {
        open("long", "1", "100", "10");

        paper.place(market(SELL, "2").on(BTC_PERP).build(), at("100"), T0.plusSeconds(1));

        assertThat(paper.position(BTC_PERP).orElseThrow().quantity()).isEqualByComparingTo("-1");
        assertThat(paper.margin(BTC_PERP)).isEqualByComparingTo("10");
        assertThat(paper.balance(USDT)).isEqualTo(new Balance(bd("990"), bd("10")));
    }

    @Test
    void anOrderThatOnlyReducesNeedsNoMarginButOneThatOpensDoes() {
        PaperAccount small = futures(futuresProfile(), "10");
        small.setLeverage(BTC_PERP, bd("10"));
        small.place(market(BUY, "1").on(BTC_PERP).build(), at("100"), T0);
        assertThat(small.balance(USDT)).isEqualTo(new Balance(BigDecimal.ZERO, bd("10")));

        PlaceResult protect = small.place(stop(SELL, "1", "95").on(BTC_PERP).build(), at("100"), T0);
        PlaceResult flip = small.place(limit(SELL, "2", "120").on(BTC_PERP).build(), at("100"), T0);

        assertThat(protect).isInstanceOf(PlaceResult.Accepted.class);
        assertThat(((PlaceResult.Rejected) flip).reason()).isEqualTo(RejectReason.INSUFFICIENT_BALANCE);
        assertThat(fillsIn(small.onCandle(BTC_PERP, candle(0, "100", "100", "94", "96")))).extracting(Fill::price)
                .containsExactly(bd("95"));
        assertThat(small.balance(USDT)).isEqualTo(new Balance(bd("5"), BigDecimal.ZERO));
    }

    @Test
    void feesArePaidInTheMarginAsset() {
        PaperAccount paid = futures(futuresProfile().withFees(FeeSchedule.of("2", "5")), "1000");
        paid.setLeverage(BTC_PERP, bd("10"));

        Fill fill = fillsIn(((PlaceResult.Accepted) paid.place(market(BUY, "1").on(BTC_PERP).build(), at("100"), T0))
                .executions()).getFirst();

        assertThat(fill.fee()).isEqualTo(Money.of("0.05", "USDT"));
        assertThat(paid.balance(USDT)).isEqualTo(new Balance(bd("989.95"), bd("10")));
    }

    @Test
    void aLossBeyondTheWholeWalletIsLeftToTheInsuranceFundAndTheBalanceStaysAtZero() {
        PaperAccount small = futures(futuresProfile(), "10");
        small.setLeverage(BTC_PERP, bd("10"));
        small.place(market(BUY, "1").on(BTC_PERP).build(), at("100"), T0);
        small.place(stop(SELL, "1", "95").on(BTC_PERP).build(), at("100"), T0);

        small.onCandle(BTC_PERP, candle(0, "50", "51", "49", "50"));

        assertThat(small.balance(USDT)).isEqualTo(Balance.ZERO);
        assertThat(small.absorbedLosses()).isEqualTo(Map.of(USDT, bd("40")));
        assertThat(small.position(BTC_PERP).orElseThrow().isFlat()).isTrue();
    }

    @Test
    void leverageChangesOnlyWhileFlatWithoutOrdersAndWithinTheProfilesBounds() {
        open("long", "1", "100", "10");

        assertThat(paper.setLeverage(BTC_PERP, bd("20"))).isFalse();
        paper.place(market(SELL, "1").on(BTC_PERP).build(), at("100"), T0);
        assertThat(paper.setLeverage(BTC_PERP, bd("20"))).isTrue();
        assertThat(paper.position(BTC_PERP).orElseThrow().leverage()).isEqualByComparingTo("20");
        paper.place(limit(BUY, "1", "90").on(BTC_PERP).build(), at("100"), T0);
        assertThat(paper.setLeverage(BTC_PERP, bd("5"))).isFalse();
        assertThatThrownBy(() -> paper.setLeverage(BTC_PERP, bd("126"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aShortIsProtectedByABuyStopAboveAndATakeProfitBuyBelow() {
        open("short", "1", "100", "5");
        Order stopLoss = stop(BUY, "1", "104").on(BTC_PERP).build();
        Order target = takeProfit(BUY, "1", "95").on(BTC_PERP).build();
        assertThat(paper.placeOco(stopLoss, target, at("100"), T0)).isInstanceOf(OcoResult.Accepted.class);

        List<Execution> executions = paper.onCandle(BTC_PERP, candle(0, "100", "100.5", "94", "95.5"));

        assertThat(executions).extracting(e -> e.getClass().getSimpleName() + ":" + e.order().type())
                .containsExactly("Triggered:TAKE_PROFIT", "Cancelled:STOP_MARKET", "Filled:TAKE_PROFIT");
        assertThat(fillsIn(executions)).extracting(Fill::price).containsExactly(bd("95"));
        assertThat(paper.position(BTC_PERP).orElseThrow().isFlat()).isTrue();
        assertThat(paper.balance(USDT)).isEqualTo(new Balance(bd("1005"), BigDecimal.ZERO));
    }

    @Test
    void aCandleOfAnotherPairCannotPriceTheInstrument() {
        var eth = new dev.bulwark.domain.market.Candle(dev.bulwark.domain.market.Instrument.spot("ETH", "USDT"), "replay",
                dev.bulwark.domain.market.CandleInterval.M1, T0, bd("1"), bd("1"), bd("1"), bd("1"), bd("1"));

        assertThatThrownBy(() -> paper.onCandle(BTC_PERP, eth)).isInstanceOf(IllegalArgumentException.class);
    }
}
