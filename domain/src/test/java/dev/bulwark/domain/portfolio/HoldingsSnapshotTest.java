package dev.bulwark.domain.portfolio;

import static dev.bulwark.domain.portfolio.Holdings.BINANCE_MAIN;
import static dev.bulwark.domain.portfolio.Holdings.BINANCE_SUB;
import static dev.bulwark.domain.portfolio.Holdings.futures;
import static dev.bulwark.domain.portfolio.Holdings.spot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.venues.VenueId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HoldingsSnapshotTest {
    static final UUID ID = new UUID(7, 7);
    static final WorkspaceId WORKSPACE = new WorkspaceId(new UUID(0, 9));
    static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void keepsTheLinesInOneOrderSoTheSameLinesAreEqual() {
        var btc = spot(BINANCE_MAIN, "BTC", "1", "0");
        var usdt = spot(BINANCE_MAIN, "USDT", "100", "5");
        var margin = futures(BINANCE_MAIN, "USDT", "50", "0");
        var one = new HoldingsSnapshot(ID, WORKSPACE, BINANCE_MAIN, T0, List.of(margin, usdt, btc));
        var two = new HoldingsSnapshot(ID, WORKSPACE, BINANCE_MAIN, T0, List.of(btc, margin, usdt));
        assertThat(one).isEqualTo(two);
        assertThat(one.holdings()).containsExactly(btc, usdt, margin);
        assertThat(one.portfolio().asset(Asset.USDT).orElseThrow().total()).isEqualByComparingTo("155");
    }

    @Test
    void copiesTheLines() {
        List<Holding> lines = new ArrayList<>(List.of(spot(BINANCE_MAIN, "BTC", "1", "0")));
        var snapshot = new HoldingsSnapshot(ID, WORKSPACE, BINANCE_MAIN, T0, lines);
        lines.clear();
        assertThat(snapshot.holdings()).hasSize(1);
    }

    @Test
    void mayBeEmpty() {
        assertThat(new HoldingsSnapshot(ID, WORKSPACE, BINANCE_MAIN, T0, List.of()).holdings()).isEmpty();
    }

    @Test
    void refusesALineOfAnotherAccount() {
        assertThatThrownBy(() -> new HoldingsSnapshot(ID, WORKSPACE, BINANCE_MAIN, T0,
                List.of(spot(BINANCE_MAIN, "BTC", "1", "0"), spot(BINANCE_SUB, "ETH", "1", "0"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds a line of account");
    }

    @Test
    void refusesTwoLinesForOneWalletAndAsset() {
        assertThatThrownBy(() -> new HoldingsSnapshot(ID, WORKSPACE, BINANCE_MAIN, T0,
                List.of(spot(BINANCE_MAIN, "BTC", "1", "0"), spot(BINANCE_MAIN, "BTC", "2", "0"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two lines");
    }

    @Test
    void refusesTwoVenuesForOneAccount() {
        var other = new Holding(BINANCE_MAIN, new VenueId("kraken"), AccountKind.SPOT, Asset.ETH, BigDecimal.ONE, BigDecimal.ZERO);
        assertThatThrownBy(() -> new HoldingsSnapshot(ID, WORKSPACE, BINANCE_MAIN, T0,
                List.of(spot(BINANCE_MAIN, "BTC", "1", "0"), other)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesNulls() {
        assertThatThrownBy(() -> new HoldingsSnapshot(null, WORKSPACE, BINANCE_MAIN, T0, List.of())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new HoldingsSnapshot(ID, null, BINANCE_MAIN, T0, List.of())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new HoldingsSnapshot(ID, WORKSPACE, null, T0, List.of())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new HoldingsSnapshot(ID, WORKSPACE, BINANCE_MAIN, null, List.of())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new HoldingsSnapshot(ID, WORKSPACE, BINANCE_MAIN, T0, null)).isInstanceOf(NullPointerException.class);
        List<Holding> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> new HoldingsSnapshot(ID, WORKSPACE, BINANCE_MAIN, T0, withNull)).isInstanceOf(NullPointerException.class);
    }
}
