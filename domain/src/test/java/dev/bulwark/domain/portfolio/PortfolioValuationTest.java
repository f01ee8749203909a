package dev.bulwark.domain.portfolio;

import static dev.bulwark.domain.portfolio.Holdings.BINANCE_MAIN;
import static dev.bulwark.domain.portfolio.Holdings.KRAKEN;
import static dev.bulwark.domain.portfolio.Holdings.futures;
import static dev.bulwark.domain.portfolio.Holdings.spot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.venues.VenueAccountId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class PortfolioValuationTest {
    private static final Asset SOL = Asset.of("SOL");
    private static final Asset DAI = Asset.of("DAI");
    /** Never has a price in any generated table. */
    private static final Asset XYZ = Asset.of("XYZ");

    private static final List<Asset> ASSETS =
            List.of(Asset.BTC, Asset.ETH, SOL, Asset.USDT, Asset.USDC, DAI, Asset.EUR, Asset.USD, XYZ);
    private static final List<VenueAccountId> ACCOUNTS =
            List.of(Holdings.BINANCE_MAIN, Holdings.BINANCE_SUB, Holdings.KRAKEN, Holdings.PAPER);
    /** Pairs a generated table may quote: direct, inverse-only, crosses, stablecoins with and without a USD price. */
    private static final List<List<Asset>> PAIRS = List.of(
            List.of(Asset.BTC, Asset.USDT), List.of(Asset.ETH, Asset.BTC), List.of(Asset.ETH, Asset.USDT),
            List.of(SOL, Asset.ETH), List.of(Asset.USDT, Asset.USD), List.of(Asset.USDC, Asset.USD),
            List.of(Asset.EUR, Asset.USD), List.of(Asset.BTC, Asset.EUR), List.of(DAI, Asset.USDT),
            List.of(Asset.USD, Asset.USDC));

    // --- generators -----------------------------------------------------------------------------------------

    /** Positive decimals of up to {@code maxScale} places, from tiny to large. */
    private static Gen<BigDecimal> positive(long maxUnscaled, int maxScale) {
        return longs().between(1, maxUnscaled).zip(integers().between(0, maxScale), BigDecimal::valueOf);
    }

    private static Gen<BigDecimal> nonNegative(long maxUnscaled, int maxScale) {
        return longs().between(0, maxUnscaled).zip(integers().between(0, maxScale), BigDecimal::valueOf);
    }

    private static Gen<Holding> holdings() {
        Gen<VenueAccountId> accounts = integers().between(0, ACCOUNTS.size() - 1).map(ACCOUNTS::get);
        Gen<AccountKind> kinds = integers().between(0, 1).map(i -> AccountKind.values()[i]);
        Gen<Asset> assets = integers().between(0, ASSETS.size() - 1).map(ASSETS::get);
        Gen<BigDecimal> amounts = nonNegative(1_000_000_000L, 8);
        return in -> {
            VenueAccountId account = accounts.generate(in);
            return new Holding(account, Holdings.venueOf(account), kinds.generate(in), assets.generate(in),
                    amounts.generate(in), amounts.generate(in));
        };
    }

    /** Up to 15 balance lines, at most one per wallet and asset. */
    private static Gen<List<Holding>> holdingLists() {
        Gen<Integer> sizes = integers().between(0, 15);
        Gen<Holding> lines = holdings();
        return in -> {
            int size = sizes.generate(in);
            List<Holding> result = new ArrayList<>();
            Set<List<Object>> keys = new HashSet<>();
            for (int i = 0; i < size; i++) {
                Holding line = lines.generate(in);
                if (keys.add(List.of(line.account(), line.kind(), line.asset()))) {
                    result.add(line);
                }
            }
            return List.copyOf(result);
        };
    }

    private static Gen<PriceTable> tables() {
        Gen<Boolean> present = integers().between(0, 1).map(i -> i == 1);
        Gen<BigDecimal> values = positive(10_000_000L, 4);
        return in -> {
            List<Price> prices = new ArrayList<>();
            for (List<Asset> pair : PAIRS) {
                if (present.generate(in)) {
                    prices.add(new Price(pair.get(0), pair.get(1), values.generate(in)));
                }
            }
            return PriceTable.of(prices);
        };
    }

    /** Which accounts go to the first part of a split: one bit per account. */
    private static Gen<Integer> splits() {
        return integers().between(0, (1 << ACCOUNTS.size()) - 1);
    }

    // --- properties -----------------------------------------------------------------------------------------

    @Test
    void valuationIsAdditiveAcrossVenueAccounts() {
        qt().withExamples(3_000).forAll(holdingLists(), tables(), splits()).checkAssert((lines, table, split) -> {
            List<Holding> a = new ArrayList<>();
            List<Holding> b = new ArrayList<>();
            for (Holding line : lines) {
                (((split >> ACCOUNTS.indexOf(line.account())) & 1) == 1 ? a : b).add(line);
            }
            PortfolioValuation whole = PortfolioValuation.of(new Portfolio(lines), table);
            PortfolioValuation partA = PortfolioValuation.of(new Portfolio(a), table);
            PortfolioValuation partB = PortfolioValuation.of(new Portfolio(b), table);

            assertThat(whole.totalUsd()).isEqualByComparingTo(partA.totalUsd().add(partB.totalUsd()));
            assertThat(whole.totalEur()).isEqualByComparingTo(partA.totalEur().add(partB.totalEur()));
            for (AssetValuation asset : whole.assets()) {
                Optional<AssetValuation> inA = partA.asset(asset.asset());
                Optional<AssetValuation> inB = partB.asset(asset.asset());
                assertThat(asset.usd().map(v -> v.compareTo(usdOf(inA).add(usdOf(inB))) == 0)).isIn(
                        Optional.empty(), Optional.of(true));
                assertThat(asset.eur().map(v -> v.compareTo(eurOf(inA).add(eurOf(inB))) == 0)).isIn(
                        Optional.empty(), Optional.of(true));
            }
            Set<Asset> unpricedParts = new HashSet<>(partA.unpriced());
            unpricedParts.addAll(partB.unpriced());
            assertThat(whole.unpriced()).containsExactlyInAnyOrderElementsOf(unpricedParts);
            assertThat(whole.assumed()).isEqualTo(partA.assumed() || partB.assumed());
        });
    }

    @Test
    void anAssetWithoutAPriceIsUnpricedNeverZero() {
        Gen<BigDecimal> amounts = positive(1_000_000_000L, 8);
        qt().withExamples(3_000).forAll(holdingLists(), tables(), amounts).checkAssert((lines, table, amount) -> {
            List<Holding> withUnknown = new ArrayList<>(lines);
            withUnknown.removeIf(h -> h.account().equals(Holdings.PAPER) && h.asset().equals(XYZ)
                    && h.kind() == AccountKind.SPOT);
            withUnknown.add(new Holding(Holdings.PAPER, Holdings.venueOf(Holdings.PAPER), AccountKind.SPOT, XYZ,
                    amount, BigDecimal.ZERO));

            PortfolioValuation valuation = PortfolioValuation.of(new Portfolio(withUnknown), table);

            AssetValuation unknown = valuation.asset(XYZ).orElseThrow();
            assertThat(unknown.usd()).isEmpty();
            assertThat(unknown.eur()).isEmpty();
            assertThat(unknown.allocation()).isEmpty();
            assertThat(unknown.assumed()).isFalse();
            assertThat(valuation.unpriced()).contains(XYZ);
            BigDecimal pricedUsd = BigDecimal.ZERO;
            for (AssetValuation asset : valuation.assets()) {
                assertThat(asset.usd().isPresent()).isEqualTo(table.rate(asset.asset(), Asset.USD).isPresent());
                assertThat(valuation.unpriced().contains(asset.asset())).isEqualTo(!asset.priced());
                if (asset.total().signum() > 0) {
                    asset.usd().ifPresent(v -> assertThat(v).isPositive());
                    asset.eur().ifPresent(v -> assertThat(v).isPositive());
                }
                pricedUsd = pricedUsd.add(asset.usd().orElse(BigDecimal.ZERO));
            }
            assertThat(valuation.totalUsd()).isEqualByComparingTo(pricedUsd);
        });
    }

    private static BigDecimal usdOf(Optional<AssetValuation> valuation) {
        return valuation.flatMap(AssetValuation::usd).orElse(BigDecimal.ZERO);
    }

    private static BigDecimal eurOf(Optional<AssetValuation> valuation) {
        return valuation.flatMap(AssetValuation::eur).orElse(BigDecimal.ZERO);
    }

    // --- examples -------------------------------------------------------------------------------------------

    @Test
    void aStablecoinWithItsOwnMarketPriceIsValuedAtItAndNotFlagged() {
        PortfolioValuation valuation = PortfolioValuation.of(
                new Portfolio(List.of(spot(BINANCE_MAIN, "USDT", "1000", "0"))),
                PriceTable.of(Price.of("USDT", "USD", "0.9990")));

        AssetValuation usdt = valuation.asset(Asset.USDT).orElseThrow();
        assertThat(usdt.usd()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("999"));
        assertThat(usdt.assumed()).isFalse();
        assertThat(valuation.assumed()).isFalse();
    }

    @Test
    void aStablecoinWithoutAMarketPriceIsValuedAtItsPegAndFlagged() {
        PortfolioValuation valuation = PortfolioValuation.of(
                new Portfolio(List.of(spot(BINANCE_MAIN, "USDT", "1000", "0"))), PriceTable.of());

        AssetValuation usdt = valuation.asset(Asset.USDT).orElseThrow();
        assertThat(usdt.usd()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1000"));
        assertThat(usdt.assumed()).isTrue();
        assertThat(valuation.assumed()).isTrue();
        // No EUR rate at all: the value in EUR is unknown, so USDT is reported as unpriced there.
        assertThat(usdt.eur()).isEmpty();
        assertThat(valuation.unpriced()).containsExactly(Asset.USDT);
        assertThat(valuation.totalEur()).isEqualByComparingTo("0");
    }

    @Test
    void valuesInEurThroughEurUsd() {
        PortfolioValuation valuation = PortfolioValuation.of(
                new Portfolio(List.of(spot(BINANCE_MAIN, "BTC", "1", "0"), spot(KRAKEN, "EUR", "500", "0"))),
                PriceTable.of(Price.of("BTC", "USD", "60000"), Price.of("EUR", "USD", "1.25")));

        assertThat(valuation.asset(Asset.BTC).orElseThrow().eur())
                .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("48000"));
        assertThat(valuation.asset(Asset.EUR).orElseThrow().usd())
                .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("625"));
        assertThat(valuation.totalUsd()).isEqualByComparingTo("60625");
        assertThat(valuation.totalEur()).isEqualByComparingTo("48500");
        assertThat(valuation.unpriced()).isEmpty();
    }

    @Test
    void valuesThroughACross() {
        PortfolioValuation valuation = PortfolioValuation.of(
                new Portfolio(List.of(futures(BINANCE_MAIN, "ETH", "2", "0.5"))),
                PriceTable.of(Price.of("ETH", "BTC", "0.05"), Price.of("BTC", "USD", "60000")));

        assertThat(valuation.asset(Asset.ETH).orElseThrow().usd())
                .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("7500"));
        assertThat(valuation.assumed()).isFalse();
    }

    @Test
    void valuesInEurThroughTheUsdAnchorWhenNoShorterChainExists() {
        // SOL→ETH→BTC→USD is three hops; EUR is a fourth, reached through the USD value.
        PortfolioValuation valuation = PortfolioValuation.of(
                new Portfolio(List.of(spot(BINANCE_MAIN, "SOL", "10", "0"))),
                PriceTable.of(Price.of("SOL", "ETH", "0.05"), Price.of("ETH", "BTC", "0.05"),
                        Price.of("BTC", "USD", "60000"), Price.of("EUR", "USD", "1.25")));

        AssetValuation sol = valuation.asset(SOL).orElseThrow();
        assertThat(sol.usd()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1500"));
        assertThat(sol.eur()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1200"));
    }

    @Test
    void allocationIsTheShareOfTheUsdTotalAtFourDecimals() {
        PortfolioValuation valuation = PortfolioValuation.of(
                new Portfolio(List.of(spot(BINANCE_MAIN, "BTC", "1", "0"), spot(BINANCE_MAIN, "USDT", "20000", "0"),
                        spot(KRAKEN, "ETH", "1", "0"), spot(KRAKEN, "XYZ", "5", "0"))),
                PriceTable.of(Price.of("BTC", "USD", "60000"), Price.of("USDT", "USD", "1"),
                        Price.of("ETH", "USD", "10000"), Price.of("EUR", "USD", "1.25")));

        assertThat(valuation.assets()).extracting(AssetValuation::asset)
                .containsExactly(Asset.BTC, Asset.ETH, Asset.USDT, XYZ);
        assertThat(valuation.assets()).extracting(AssetValuation::allocation).containsExactly(
                Optional.of(new BigDecimal("0.6667")), Optional.of(new BigDecimal("0.1111")),
                Optional.of(new BigDecimal("0.2222")), Optional.empty());
        assertThat(valuation.unpriced()).containsExactly(XYZ);
    }

    @Test
    void anEmptyOrWorthlessPortfolioHasNoAllocation() {
        PortfolioValuation empty = PortfolioValuation.of(Portfolio.empty(), PriceTable.of());
        assertThat(empty.totalUsd()).isEqualByComparingTo("0");
        assertThat(empty.assets()).isEmpty();

        PortfolioValuation zero = PortfolioValuation.of(new Portfolio(List.of(spot(BINANCE_MAIN, "BTC", "0", "0"))),
                PriceTable.of(Price.of("BTC", "USD", "60000")));
        assertThat(zero.asset(Asset.BTC).orElseThrow().usd()).hasValue(BigDecimal.ZERO);
        assertThat(zero.asset(Asset.BTC).orElseThrow().allocation()).isEmpty();
    }
}
