package dev.bulwark.domain.portfolio;

import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.money.Decimals;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * What one asset of a portfolio is worth: its total quantity, its value in USD and in EUR (each empty when the
 * price table cannot convert it: unpriced, never zero), whether a stablecoin peg was assumed for either value,
 * and its share of the portfolio's USD total (4 decimals, empty when unpriced in USD or the total is zero).
 */
public record AssetValuation(Asset asset, BigDecimal total, Optional<BigDecimal> usd, Optional<BigDecimal> eur,
        boolean assumed, Optional<BigDecimal> allocation) {

    public AssetValuation {
        Objects.requireNonNull(asset, "asset");
        total = Decimals.requireNonNegative(total, "total");
        usd = Objects.requireNonNull(usd, "usd").map(v -> Decimals.requireNonNegative(v, "usd"));
        eur = Objects.requireNonNull(eur, "eur").map(v -> Decimals.requireNonNegative(v, "eur"));
        allocation = Objects.requireNonNull(allocation, "allocation").map(v -> Decimals.requireNonNegative(v, "allocation"));
        if (allocation.isPresent() && usd.isEmpty()) {
            throw new IllegalArgumentException("an allocation is a share of USD value, and " + asset + " has none");
        }
        if (allocation.isPresent() && allocation.get().compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("an allocation is at most 1, was " + allocation.get().toPlainString());
        }
        if (assumed && usd.isEmpty() && eur.isEmpty()) {
            throw new IllegalArgumentException("a peg can only be assumed for a value, and " + asset + " has none");
        }
    }

    /** Whether the asset has a value in both USD and EUR. */
    public boolean priced() {
        return usd.isPresent() && eur.isPresent();
    }
}
