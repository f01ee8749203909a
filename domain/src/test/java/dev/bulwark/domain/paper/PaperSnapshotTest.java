package dev.bulwark.domain.paper;

import static dev.bulwark.domain.market.OrderSide.BUY;
import static dev.bulwark.domain.market.OrderSide.SELL;
import static dev.bulwark.domain.paper.Paper.BTC;
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

import dev.bulwark.domain.orders.TrailingOffset;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A paper venue persists the snapshot and restores it after a restart: state in, same state out. */
class PaperSnapshotTest {

    private static PaperAccount busySpotAccount() {
        PaperAccount paper = spot(spotProfile().withFees(FeeSchedule.of("2", "10")).withMaxVolumeShare(bd("0.1")), "10000", "3");
        paper.place(market(BUY, "1").build(), new MarketSnapshot(bd("100"), null, null, bd("100")), T0);
        paper.place(limit(BUY, "5", "95").build(), at("100"), T0);
        paper.placeOco(stop(SELL, "1", "90").build(), limit(SELL, "1", "110").build(), at("100"), T0);
        paper.place(trailing(SELL, "1", new TrailingOffset.ByPercent(bd("3"))).build(), at("100"), T0);
        paper.onCandle(BTC_USDT, candle(0, "100", "102", "94.5", "96", "20"));
        return paper;
    }

    @Test
    void aRestoredAccountSnapshotsToTheSameState() {
        PaperAccount paper = busySpotAccount();
        PaperSnapshot snapshot = paper.snapshot();

        PaperAccount restored = PaperAccount.restore(snapshot);

        assertThat(restored.snapshot()).isEqualTo(snapshot);
        assertThat(restored.balances()).isEqualTo(paper.balances());
        assertThat(restored.openOrders()).isEqualTo(paper.openOrders());
        assertThat(restored.fills()).isEqualTo(paper.fills());
        assertThat(restored.positions()).isEqualTo(paper.positions());
        assertThat(snapshot.workingOrders()).isNotEmpty();
        assertThat(snapshot.fills()).isNotEmpty();
    }

    @Test
    void aRestoredAccountCarriesOnExactlyAsTheOriginal() {
        PaperAccount paper = busySpotAccount();
        PaperAccount restored = PaperAccount.restore(paper.snapshot());

        for (int minute = 1; minute <= 3; minute++) {
            var next = candle(minute, "96", "112", "89", "100", "50");
            assertThat(restored.onCandle(BTC_USDT, next)).isEqualTo(paper.onCandle(BTC_USDT, next));
        }
        assertThat(restored.snapshot()).isEqualTo(paper.snapshot());
    }

    @Test
    void aFuturesAccountWithAPositionRoundTripsToo() {
        PaperAccount paper = futures(futuresProfile(), "1000");
        paper.setLeverage(BTC_PERP, bd("5"));
        paper.place(market(SELL, "2").on(BTC_PERP).build(), at("100"), T0);
        paper.onMark(BTC_PERP, bd("101"), T0.plusSeconds(1));

        PaperSnapshot snapshot = paper.snapshot();
        PaperAccount restored = PaperAccount.restore(snapshot);

        assertThat(restored.snapshot()).isEqualTo(snapshot);
        assertThat(restored.liquidationPrice(BTC_PERP)).isEqualTo(paper.liquidationPrice(BTC_PERP));
        assertThat(restored.leverage(BTC_PERP)).isEqualByComparingTo("5");
        assertThat(restored.unrealizedPnl(BTC_PERP)).isEqualTo(paper.unrealizedPnl(BTC_PERP));
    }

    @Test
    void resetDropsEverythingAndFundsAfresh() {
        PaperAccount paper = busySpotAccount();

        paper.reset(Map.of(USDT, bd("500")));

        assertThat(paper.balances()).isEqualTo(Map.of(USDT, new Balance(bd("500"), BigDecimal.ZERO)));
        assertThat(paper.openOrders()).isEmpty();
        assertThat(paper.orders()).isEmpty();
        assertThat(paper.fills()).isEmpty();
        assertThat(paper.positions()).isEmpty();
        assertThat(paper.snapshot().sequence()).isPositive();
    }

    @Test
    void fundingAddsToTheFreeBalance() {
        PaperAccount paper = spot("0", "0");

        paper.fund(BTC, bd("0.5"));

        assertThat(paper.balance(BTC)).isEqualTo(new Balance(bd("0.5"), BigDecimal.ZERO));
        assertThatThrownBy(() -> paper.fund(BTC, BigDecimal.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSnapshotRefusesWorkingOrdersThatDisagreeWithTheirOrders() {
        PaperSnapshot snapshot = busySpotAccount().snapshot();
        WorkingOrder first = snapshot.workingOrders().getFirst();

        assertThatThrownBy(() -> new PaperSnapshot(snapshot.account(), snapshot.profile(), snapshot.free(),
                snapshot.absorbedLosses(), snapshot.workingOrders(), List.of(), snapshot.fills(), snapshot.positions(),
                snapshot.margins(), snapshot.leverages(), snapshot.lastPrices(), snapshot.marks(), snapshot.sequence()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PaperSnapshot(snapshot.account(), snapshot.profile(), snapshot.free(),
                snapshot.absorbedLosses(), List.of(first, first), snapshot.orders(), snapshot.fills(), snapshot.positions(),
                snapshot.margins(), snapshot.leverages(), snapshot.lastPrices(), snapshot.marks(), snapshot.sequence()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
