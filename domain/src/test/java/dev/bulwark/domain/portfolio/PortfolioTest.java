package dev.bulwark.domain.portfolio;

import static dev.bulwark.domain.portfolio.Holdings.BINANCE_MAIN;
import static dev.bulwark.domain.portfolio.Holdings.BINANCE_SUB;
import static dev.bulwark.domain.portfolio.Holdings.KRAKEN;
import static dev.bulwark.domain.portfolio.Holdings.futures;
import static dev.bulwark.domain.portfolio.Holdings.spot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.venues.VenueId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortfolioTest {

    @Test
    void aHoldingTotalsFreeAndLocked() {
        Holding holding = spot(BINANCE_MAIN, "BTC", "0.50", "0.25");
        assertThat(holding.total()).isEqualByComparingTo("0.75");
        assertThat(holding.free()).isEqualTo(new BigDecimal("0.5"));
    }

    @Test
    void aHoldingRefusesNegativeAmounts() {
        assertThatThrownBy(() -> spot(BINANCE_MAIN, "BTC", "-1", "0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> spot(BINANCE_MAIN, "BTC", "0", "-0.1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aggregatesByAssetAcrossVenuesKeepingThePerVenueBreakdown() {
        Portfolio portfolio = new Portfolio(List.of(
                spot(KRAKEN, "BTC", "0.1", "0"),
                spot(BINANCE_MAIN, "USDT", "100", "50"),
                futures(BINANCE_MAIN, "USDT", "200", "300"),
                spot(BINANCE_MAIN, "BTC", "1", "0.5")));

        List<AssetHolding> assets = portfolio.assets();

        assertThat(assets).extracting(AssetHolding::asset).containsExactly(Asset.BTC, Asset.USDT);
        AssetHolding btc = assets.getFirst();
        assertThat(btc.free()).isEqualByComparingTo("1.1");
        assertThat(btc.locked()).isEqualByComparingTo("0.5");
        assertThat(btc.total()).isEqualByComparingTo("1.6");
        assertThat(btc.breakdown()).extracting(Holding::venue)
                .containsExactly(new VenueId("binance"), new VenueId("kraken"));
        AssetHolding usdt = assets.get(1);
        assertThat(usdt.total()).isEqualByComparingTo("650");
        assertThat(usdt.breakdown()).extracting(Holding::kind).containsExactly(AccountKind.SPOT, AccountKind.FUTURES);
    }

    @Test
    void theOrderDoesNotDependOnTheInputOrder() {
        List<Holding> holdings = new ArrayList<>(List.of(
                spot(KRAKEN, "BTC", "0.1", "0"),
                spot(BINANCE_SUB, "ETH", "2", "0"),
                spot(BINANCE_MAIN, "USDT", "100", "50"),
                futures(BINANCE_MAIN, "USDT", "200", "300"),
                spot(BINANCE_MAIN, "BTC", "1", "0.5")));
        Portfolio first = new Portfolio(holdings);
        Collections.reverse(holdings);
        Portfolio reversed = new Portfolio(holdings);

        assertThat(reversed).isEqualTo(first);
        assertThat(reversed.assets()).isEqualTo(first.assets());
    }

    @Test
    void refusesTwoLinesForTheSameWalletAndAsset() {
        assertThatThrownBy(() -> new Portfolio(List.of(
                spot(BINANCE_MAIN, "BTC", "1", "0"), spot(BINANCE_MAIN, "BTC", "2", "0"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two lines for BTC");
    }

    @Test
    void refusesAnAccountOnTwoVenues() {
        Holding onBinance = spot(BINANCE_MAIN, "BTC", "1", "0");
        Holding sameAccountOnKraken = new Holding(BINANCE_MAIN, new VenueId("kraken"), AccountKind.SPOT, Asset.ETH,
                BigDecimal.ONE, BigDecimal.ZERO);
        assertThatThrownBy(() -> new Portfolio(List.of(onBinance, sameAccountOnKraken)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAssetHoldingMustAgreeWithItsBreakdown() {
        Holding line = spot(BINANCE_MAIN, "BTC", "1", "0");
        assertThatThrownBy(() -> new AssetHolding(Asset.BTC, BigDecimal.TWO, BigDecimal.ZERO, BigDecimal.TWO,
                List.of(line))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AssetHolding(Asset.ETH, BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ONE,
                List.of(line))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPortfolioPlusAnotherHoldsBoth() {
        Portfolio a = new Portfolio(List.of(spot(BINANCE_MAIN, "BTC", "1", "0")));
        Portfolio b = new Portfolio(List.of(spot(KRAKEN, "BTC", "2", "0")));
        assertThat(a.plus(b).asset(Asset.BTC)).get().extracting(AssetHolding::total)
                .isEqualTo(new BigDecimal("3"));
        assertThat(Portfolio.empty().assets()).isEmpty();
    }
}
