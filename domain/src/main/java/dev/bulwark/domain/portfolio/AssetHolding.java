package dev.bulwark.domain.portfolio;

import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.money.Decimals;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One asset across every venue account: the sums of free, locked and total, with the holdings they come from
 * kept as the per-venue breakdown (ordered by venue, account, wallet), so a total can always be explained.
 */
public record AssetHolding(Asset asset, BigDecimal free, BigDecimal locked, BigDecimal total,
        List<Holding> breakdown) {

    public AssetHolding {
        Objects.requireNonNull(asset, "asset");
        free = Decimals.requireNonNegative(free, "free");
        locked = Decimals.requireNonNegative(locked, "locked");
        total = Decimals.requireNonNegative(total, "total");
        Objects.requireNonNull(breakdown, "breakdown");
        if (breakdown.isEmpty()) {
            throw new IllegalArgumentException("an asset holding comes from at least one holding of " + asset);
        }
        BigDecimal freeSum = BigDecimal.ZERO;
        BigDecimal lockedSum = BigDecimal.ZERO;
        for (Holding holding : breakdown) {
            if (!holding.asset().equals(asset)) {
                throw new IllegalArgumentException("the breakdown of " + asset + " holds " + holding.asset());
            }
            freeSum = freeSum.add(holding.free());
            lockedSum = lockedSum.add(holding.locked());
        }
        // The sums are stated and checked rather than only derived, so a record built by hand cannot disagree
        // with its own breakdown.
        if (free.compareTo(freeSum) != 0 || locked.compareTo(lockedSum) != 0
                || total.compareTo(free.add(locked)) != 0) {
            throw new IllegalArgumentException("the sums of " + asset + " do not match its breakdown");
        }
        List<Holding> sorted = new ArrayList<>(breakdown);
        sorted.sort(Holding.ORDER);
        breakdown = List.copyOf(sorted);
    }

    /** Sums the given holdings, all of {@code asset}. */
    public static AssetHolding of(Asset asset, List<Holding> holdings) {
        BigDecimal free = BigDecimal.ZERO;
        BigDecimal locked = BigDecimal.ZERO;
        for (Holding holding : holdings) {
            free = free.add(holding.free());
            locked = locked.add(holding.locked());
        }
        return new AssetHolding(asset, free, locked, free.add(locked), holdings);
    }
}
