package dev.bulwark.domain.paper;

import static dev.bulwark.domain.paper.Paper.BTC_PERP;
import static dev.bulwark.domain.paper.Paper.BTC_USDT;
import static dev.bulwark.domain.paper.Paper.RULES;
import static dev.bulwark.domain.paper.Paper.T0;
import static dev.bulwark.domain.paper.Paper.USDT;
import static dev.bulwark.domain.paper.Paper.bd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderBuilder;
import dev.bulwark.domain.orders.OrderStatus;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.orders.TimeInForce;
import dev.bulwark.domain.portfolio.AccountKind;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The paper package's value records refuse what cannot be, and normalize what they keep. */
class PaperValuesTest {

    @Test
    void feesAreNonNegativeBasisPointsBelowTheWholeNotional() {
        assertThatThrownBy(() -> FeeSchedule.of("-1", "10")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FeeSchedule.of("2", "10000")).isInstanceOf(IllegalArgumentException.class);
        FeeSchedule fees = FeeSchedule.of("2.50", "10");
        assertThat(fees.makerBps()).isEqualTo(bd("2.5"));
        assertThat(fees.rate(Liquidity.MAKER)).isEqualByComparingTo("0.00025");
        assertThat(fees.rate(Liquidity.TAKER)).isEqualByComparingTo("0.001");
        assertThat(fees.maxRate()).isEqualByComparingTo("0.001");
        assertThat(fees.spotBuyFeeAsset()).isEqualTo(FeeAsset.QUOTE);
    }

    @Test
    void slippageIsBasisPointsBelowTheWholePriceAndAShareOfTheRangeUpToAll() {
        assertThatThrownBy(() -> new SlippageModel(bd("-1"), BigDecimal.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SlippageModel(bd("10000"), BigDecimal.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SlippageModel(BigDecimal.ZERO, bd("1.01"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(new SlippageModel(bd("10"), bd("0.5")).amount(bd("100"), bd("4"))).isEqualByComparingTo("2.1");
    }

    @Test
    void aSnapshotsPriceLiesWithinItsRangeAndItsVolumeIsNotNegative() {
        assertThatThrownBy(() -> new MarketSnapshot(bd("100"), bd("101"), bd("102"), null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MarketSnapshot(bd("100"), bd("99"), null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MarketSnapshot(bd("100"), null, null, bd("-1"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MarketSnapshot.at("0")).isInstanceOf(IllegalArgumentException.class);
        assertThat(MarketSnapshot.of(Paper.candle(0, "99", "102", "98", "100.50", "3")))
                .isEqualTo(new MarketSnapshot(bd("100.5"), bd("98"), bd("102"), bd("3")));
        assertThat(MarketSnapshot.at("100").range()).isZero();
    }

    @Test
    void aProfileKeepsItsNumbersInBoundsAndListsOnlyWhatItsWalletTrades() {
        PaperProfile spot = PaperProfile.spot(Map.of(BTC_USDT, RULES));
        PaperProfile futures = PaperProfile.usdmFutures(Map.of(BTC_PERP, RULES));
        assertThat(spot.kind()).isEqualTo(AccountKind.SPOT);
        assertThat(futures.maintenanceMarginRate()).isEqualByComparingTo("0.005");

        assertThatThrownBy(() -> PaperProfile.spot(Map.of(BTC_PERP, RULES))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PaperProfile.usdmFutures(Map.of(BTC_USDT, RULES))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> spot.withMaxVolumeShare(bd("1.5"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> spot.withMaxVolumeShare(BigDecimal.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> spot.withDefaultLeverage(bd("2"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> futures.withDefaultLeverage(bd("126"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> futures.withDefaultLeverage(bd("0.5"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PaperProfile(AccountKind.FUTURES, futures.fees(), futures.slippage(), null,
                LimitFillRule.TOUCH, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.TEN, Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBalanceIsNeverNegative() {
        assertThatThrownBy(() -> new Balance(bd("-0.1"), BigDecimal.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Balance(BigDecimal.ZERO, bd("-0.1"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Balance(bd("1.50"), bd("2")).total()).isEqualTo(bd("3.5"));
    }

    @Test
    void aWorkingOrderIsOpenHasSomethingLeftAndWaitsOnlyIfItHasATrigger() {
        Order accepted = OrderBuilder.anOrder().status(OrderStatus.ACCEPTED).build();
        Order filled = OrderBuilder.anOrder().status(OrderStatus.FILLED).filled("1", "40000").build();

        WorkingOrder ok = new WorkingOrder(accepted, 1, T0, bd("1"), USDT, bd("40000"), bd("40000"), true, true, null, null, 0);
        assertThat(ok.remaining()).isEqualTo(bd("1"));
        assertThatThrownBy(() -> new WorkingOrder(filled, 1, T0, bd("1"), USDT, BigDecimal.ZERO, bd("1"), true, true, null, null, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorkingOrder(accepted, 1, T0, bd("1"), USDT, bd("-1"), bd("1"), true, true, null, null, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorkingOrder(accepted, 1, T0, bd("1"), USDT, BigDecimal.ZERO, bd("1"), false, false, null, null, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorkingOrder(accepted, 1, T0, bd("1"), USDT, BigDecimal.ZERO, bd("1"), true, false, bd("5"), null, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resultsAndExecutionsSayWhatStateTheirOrderIsIn() {
        Order accepted = OrderBuilder.anOrder().type(OrderType.LIMIT).timeInForce(TimeInForce.GTC).status(OrderStatus.ACCEPTED).build();

        assertThatThrownBy(() -> new PlaceResult.Rejected(accepted, RejectReason.INSUFFICIENT_BALANCE, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Execution.Cancelled(accepted, CancelReason.REQUESTED, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Execution.Expired(accepted, ExpiryReason.FILL_OR_KILL, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CancelResult.Cancelled(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
