package dev.bulwark.domain.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.money.Decimals;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriceTableTest {
    private static final Asset SOL = Asset.of("SOL");

    @Test
    void anAssetIsWorthOneOfItself() {
        Rate rate = PriceTable.of().rate(Asset.BTC, Asset.BTC).orElseThrow();
        assertThat(rate.value()).isEqualByComparingTo("1");
        assertThat(rate.assumed()).isFalse();
        assertThat(rate.path()).containsExactly(Asset.BTC);
    }

    @Test
    void usesAPairInEitherDirection() {
        PriceTable table = PriceTable.of(Price.of("BTC", "USD", "50000"));

        assertThat(table.rate(Asset.BTC, Asset.USD).orElseThrow().value()).isEqualByComparingTo("50000");
        assertThat(table.rate(Asset.USD, Asset.BTC).orElseThrow().value()).isEqualByComparingTo("0.00002");
    }

    @Test
    void theInverseOfAPriceIsRoundedAtTheDivisionScale() {
        Rate rate = PriceTable.of(Price.of("EUR", "USD", "3")).rate(Asset.USD, Asset.EUR).orElseThrow();
        assertThat(rate.value()).isEqualTo(Decimals.divide(BigDecimal.ONE, new BigDecimal("3")));
        assertThat(rate.value().scale()).isEqualTo(Decimals.DIVISION_SCALE);
    }

    @Test
    void aPriceGivenInTheNeededDirectionBeatsTheInverseOfTheOther() {
        PriceTable table = PriceTable.of(Price.of("EUR", "USD", "1.1"), Price.of("USD", "EUR", "0.9"));
        assertThat(table.rate(Asset.USD, Asset.EUR).orElseThrow().value()).isEqualByComparingTo("0.9");
        assertThat(table.rate(Asset.EUR, Asset.USD).orElseThrow().value()).isEqualByComparingTo("1.1");
    }

    @Test
    void crossesThroughAnIntermediateAsset() {
        PriceTable table = PriceTable.of(Price.of("ETH", "BTC", "0.05"), Price.of("BTC", "USD", "60000"));

        Rate rate = table.rate(Asset.ETH, Asset.USD).orElseThrow();

        assertThat(rate.value()).isEqualByComparingTo("3000");
        assertThat(rate.path()).containsExactly(Asset.ETH, Asset.BTC, Asset.USD);
        assertThat(rate.assumed()).isFalse();
    }

    @Test
    void takesTheShortestChain() {
        PriceTable table = PriceTable.of(Price.of("ETH", "BTC", "0.05"), Price.of("BTC", "USD", "60000"),
                Price.of("ETH", "USD", "2990"));
        assertThat(table.rate(Asset.ETH, Asset.USD).orElseThrow().path()).containsExactly(Asset.ETH, Asset.USD);
    }

    @Test
    void breaksTiesBetweenEqualChainsByAssetCode() {
        // SOL reaches USD through BTC or through ETH, two hops either way: BTC comes first in code order.
        PriceTable table = PriceTable.of(Price.of("SOL", "ETH", "0.05"), Price.of("ETH", "USD", "3000"),
                Price.of("SOL", "BTC", "0.0025"), Price.of("BTC", "USD", "60000"));
        PriceTable reordered = PriceTable.of(table.prices().reversed());

        assertThat(table.rate(SOL, Asset.USD).orElseThrow().path()).containsExactly(SOL, Asset.BTC, Asset.USD);
        assertThat(reordered.rate(SOL, Asset.USD)).isEqualTo(table.rate(SOL, Asset.USD));
    }

    @Test
    void stopsAfterThreeHops() {
        PriceTable table = PriceTable.of(Price.of("SOL", "ETH", "0.05"), Price.of("ETH", "BTC", "0.05"),
                Price.of("BTC", "EUR", "55000"), Price.of("EUR", "USD", "1.1"));

        assertThat(table.rate(SOL, Asset.EUR)).isPresent();
        assertThat(table.rate(SOL, Asset.USD)).isEmpty();
    }

    @Test
    void aStablecoinWithAMarketPriceIsValuedAtItAndNotAssumed() {
        PriceTable table = PriceTable.of(Price.of("USDT", "USD", "0.9990"));

        Rate rate = table.rate(Asset.USDT, Asset.USD).orElseThrow();

        assertThat(rate.value()).isEqualByComparingTo("0.999");
        assertThat(rate.assumed()).isFalse();
    }

    @Test
    void aStablecoinWithoutAMarketPriceIsTakenAtItsPegAndFlagged() {
        PriceTable table = PriceTable.of(Price.of("BTC", "USDT", "60000"));

        Rate usdt = table.rate(Asset.USDT, Asset.USD).orElseThrow();
        Rate btc = table.rate(Asset.BTC, Asset.USD).orElseThrow();

        assertThat(usdt.value()).isEqualByComparingTo("1");
        assertThat(usdt.assumed()).isTrue();
        assertThat(btc.value()).isEqualByComparingTo("60000");
        assertThat(btc.path()).containsExactly(Asset.BTC, Asset.USDT, Asset.USD);
        assertThat(btc.assumed()).isTrue();
    }

    @Test
    void aMarketChainIsPreferredToAShorterPeggedOne() {
        PriceTable table = PriceTable.of(Price.of("BTC", "USDT", "60000"), Price.of("BTC", "EUR", "55000"),
                Price.of("EUR", "USD", "1.1"));

        Rate rate = table.rate(Asset.BTC, Asset.USD).orElseThrow();

        assertThat(rate.path()).containsExactly(Asset.BTC, Asset.EUR, Asset.USD);
        assertThat(rate.assumed()).isFalse();
    }

    @Test
    void aNonStablecoinIsNeverPegged() {
        assertThat(PriceTable.of().rate(Asset.of("XYZ"), Asset.USD)).isEmpty();
        assertThat(PriceTable.of().rate(Asset.EUR, Asset.USD)).isEmpty();
    }

    @Test
    void refusesTwoPricesForTheSamePair() {
        assertThatThrownBy(() -> PriceTable.of(Price.of("BTC", "USD", "1"), Price.of("BTC", "USD", "2")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPriceIsPositiveBetweenTwoAssets() {
        assertThatThrownBy(() -> Price.of("BTC", "USD", "0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Price.of("BTC", "BTC", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThat(PriceTable.of(List.of(Price.of("B", "USD", "2.50")))).isEqualTo(PriceTable.of(Price.of("B", "USD", "2.5")));
    }

    @Test
    void ratesChainWhereOneEndsAndTheNextBegins() {
        Rate toUsd = new Rate(new BigDecimal("2"), true, List.of(Asset.USDT, Asset.USD));
        Rate toEur = new Rate(new BigDecimal("0.5"), false, List.of(Asset.USD, Asset.EUR));

        Rate chained = toUsd.then(toEur);

        assertThat(chained.value()).isEqualByComparingTo("1");
        assertThat(chained.assumed()).isTrue();
        assertThat(chained.path()).containsExactly(Asset.USDT, Asset.USD, Asset.EUR);
        assertThatThrownBy(() -> toEur.then(toUsd)).isInstanceOf(IllegalArgumentException.class);
    }
}
