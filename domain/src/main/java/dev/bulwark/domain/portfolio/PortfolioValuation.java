package dev.bulwark.domain.portfolio;

import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.money.Decimals;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A portfolio valued in USD and EUR against a price table.
 *
 * <p>Values are exact (quantity × rate, not rounded), so valuing two sets of venue accounts apart and adding
 * gives exactly the valuation of both together. Each total sums the assets priced in that currency only; an
 * asset missing a value in USD or EUR is listed in {@link #unpriced()} instead of counting as zero, which would
 * understate the portfolio silently. A value in EUR is taken from a chain to EUR, or else from the USD value
 * through the USD→EUR rate (USD is the anchor). {@link #assumed()} says some value took a stablecoin at its peg.
 *
 * @param assets one valuation per asset, ordered by asset code
 * @param unpriced the assets lacking a USD or an EUR value, ordered by code
 */
public record PortfolioValuation(List<AssetValuation> assets, BigDecimal totalUsd, BigDecimal totalEur,
        List<Asset> unpriced, boolean assumed) {
    /** Allocation is for display and rebalancing: basis points of a percent are enough. */
    public static final int ALLOCATION_SCALE = 4;

    public PortfolioValuation {
        assets = List.copyOf(Objects.requireNonNull(assets, "assets"));
        totalUsd = Decimals.requireNonNegative(totalUsd, "totalUsd");
        totalEur = Decimals.requireNonNegative(totalEur, "totalEur");
        unpriced = List.copyOf(Objects.requireNonNull(unpriced, "unpriced"));
    }

    /** Values every asset of {@code portfolio} with {@code prices}. */
    public static PortfolioValuation of(Portfolio portfolio, PriceTable prices) {
        Objects.requireNonNull(portfolio, "portfolio");
        Objects.requireNonNull(prices, "prices");
        Optional<Rate> usdToEur = prices.rate(Asset.USD, Asset.EUR);
        List<AssetHolding> holdings = portfolio.assets();
        List<Optional<Rate>> usdRates = new ArrayList<>();
        List<Optional<Rate>> eurRates = new ArrayList<>();
        BigDecimal totalUsd = BigDecimal.ZERO;
        BigDecimal totalEur = BigDecimal.ZERO;
        for (AssetHolding holding : holdings) {
            Optional<Rate> usd = prices.rate(holding.asset(), Asset.USD);
            Optional<Rate> eur = prices.rate(holding.asset(), Asset.EUR)
                    .or(() -> usd.flatMap(toUsd -> usdToEur.map(toUsd::then)));
            usdRates.add(usd);
            eurRates.add(eur);
            totalUsd = totalUsd.add(usd.map(r -> r.convert(holding.total())).orElse(BigDecimal.ZERO));
            totalEur = totalEur.add(eur.map(r -> r.convert(holding.total())).orElse(BigDecimal.ZERO));
        }
        BigDecimal usdTotal = totalUsd;
        List<AssetValuation> valuations = new ArrayList<>();
        List<Asset> unpriced = new ArrayList<>();
        boolean assumed = false;
        for (int i = 0; i < holdings.size(); i++) {
            AssetHolding holding = holdings.get(i);
            Optional<Rate> usd = usdRates.get(i);
            Optional<Rate> eur = eurRates.get(i);
            Optional<BigDecimal> usdValue = usd.map(r -> r.convert(holding.total()));
            boolean pegged = usd.map(Rate::assumed).orElse(false) || eur.map(Rate::assumed).orElse(false);
            Optional<BigDecimal> allocation = usdTotal.signum() == 0 ? Optional.empty()
                    : usdValue.map(v -> v.divide(usdTotal, ALLOCATION_SCALE, Decimals.ROUNDING));
            AssetValuation valuation = new AssetValuation(holding.asset(), holding.total(), usdValue,
                    eur.map(r -> r.convert(holding.total())), pegged, allocation);
            valuations.add(valuation);
            if (!valuation.priced()) {
                unpriced.add(holding.asset());
            }
            assumed |= pegged;
        }
        return new PortfolioValuation(valuations, totalUsd, totalEur, unpriced, assumed);
    }

    /** The valuation of {@code asset}, or empty when the portfolio holds none of it. */
    public Optional<AssetValuation> asset(Asset asset) {
        return assets.stream().filter(a -> a.asset().equals(asset)).findFirst();
    }
}
