package dev.bulwark.domain.portfolio;

import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.domain.venues.VenueId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything a user holds across venue accounts, as balance lines, read by asset. Holdings are kept in one
 * deterministic order (venue, account, wallet, asset). A wallet has one line per asset, and an account belongs
 * to one venue: a second line or a second venue would be double counting or a mix-up upstream, so both are
 * refused rather than silently summed.
 */
public record Portfolio(List<Holding> holdings) {

    public Portfolio {
        Objects.requireNonNull(holdings, "holdings");
        Set<List<Object>> lines = new HashSet<>();
        Map<VenueAccountId, VenueId> venues = new HashMap<>();
        for (Holding holding : holdings) {
            if (!lines.add(List.of(holding.account(), holding.kind(), holding.asset()))) {
                throw new IllegalArgumentException("two lines for " + holding.asset() + " in the " + holding.kind()
                        + " wallet of account " + holding.account());
            }
            VenueId known = venues.putIfAbsent(holding.account(), holding.venue());
            if (known != null && !known.equals(holding.venue())) {
                throw new IllegalArgumentException("account " + holding.account() + " is on " + known
                        + " and on " + holding.venue());
            }
        }
        List<Holding> sorted = new ArrayList<>(holdings);
        sorted.sort(Holding.ORDER);
        holdings = List.copyOf(sorted);
    }

    public static Portfolio empty() {
        return new Portfolio(List.of());
    }

    /** Both portfolios' holdings together (the venue accounts of the two must not share a wallet line). */
    public Portfolio plus(Portfolio other) {
        List<Holding> all = new ArrayList<>(holdings);
        all.addAll(other.holdings);
        return new Portfolio(all);
    }

    /** One entry per asset, ordered by asset code, each with its per-venue breakdown. */
    public List<AssetHolding> assets() {
        Map<Asset, List<Holding>> byAsset = new TreeMap<>();
        for (Holding holding : holdings) {
            byAsset.computeIfAbsent(holding.asset(), a -> new ArrayList<>()).add(holding);
        }
        List<AssetHolding> assets = new ArrayList<>(byAsset.size());
        byAsset.forEach((asset, lines) -> assets.add(AssetHolding.of(asset, lines)));
        return List.copyOf(assets);
    }

    /** The asset across every venue account, or empty when no account holds a line of it. */
    public Optional<AssetHolding> asset(Asset asset) {
        return assets().stream().filter(a -> a.asset().equals(asset)).findFirst();
    }
}
