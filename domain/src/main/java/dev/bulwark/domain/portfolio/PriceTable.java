package dev.bulwark.domain.portfolio;

import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.money.Decimals;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Prices and FX rates known at one moment, and the conversions they allow between any two assets.
 *
 * <p>A conversion takes the shortest chain of known pairs, at most {@value #MAX_HOPS} hops, each usable in either
 * direction (the inverse of a price is {@code 1 / value} at {@link Decimals#DIVISION_SCALE}; a price given in
 * the needed direction is preferred to the inverse of the other). Among chains of equal length the first in
 * asset-code order wins, so the same table always gives the same answer. Market prices are searched first;
 * only when they give no chain at all is every USD stablecoin taken as worth one US dollar (its peg), and the
 * rate is then marked {@linkplain Rate#assumed() assumed}. So a stablecoin with a market price of its own is
 * valued at that price, a depeg included. Immutable; this class holds an index, which is why it is no record.
 */
public final class PriceTable {
    /** Longer chains compound spreads and stale quotes; three covers coin → coin → stablecoin → dollar. */
    public static final int MAX_HOPS = 3;

    private static final Comparator<Price> ORDER =
            Comparator.comparing(Price::base).thenComparing(Price::quote);

    private final List<Price> prices;
    /** from → to → factor, for market prices only; sorted so the search visits neighbours in code order. */
    private final Map<Asset, SortedMap<Asset, BigDecimal>> market;

    private PriceTable(List<Price> prices) {
        List<Price> sorted = new ArrayList<>(prices);
        sorted.sort(ORDER);
        this.prices = List.copyOf(sorted);
        Map<Asset, SortedMap<Asset, BigDecimal>> edges = new HashMap<>();
        for (Price price : this.prices) {
            BigDecimal known = edges.computeIfAbsent(price.base(), a -> new TreeMap<>()).put(price.quote(), price.value());
            if (known != null) {
                throw new IllegalArgumentException("two prices for " + price.base() + "/" + price.quote() + ": "
                        + known.toPlainString() + " and " + price.value().toPlainString());
            }
        }
        for (Price price : this.prices) {
            edges.computeIfAbsent(price.quote(), a -> new TreeMap<>())
                    .putIfAbsent(price.base(), Decimals.divide(BigDecimal.ONE, price.value()));
        }
        this.market = edges;
    }

    /** A table of the given prices; at most one price per ordered pair (a pair and its inverse may both be given). */
    public static PriceTable of(List<Price> prices) {
        return new PriceTable(List.copyOf(Objects.requireNonNull(prices, "prices")));
    }

    public static PriceTable of(Price... prices) {
        return of(List.of(prices));
    }

    /** The prices, ordered by base then quote. */
    public List<Price> prices() {
        return prices;
    }

    /**
     * How much one {@code from} is worth in {@code to}: the identity for the same asset, otherwise the shortest
     * chain of market prices, otherwise the shortest chain once USD stablecoins are pegged (assumed), otherwise
     * empty. Never a made-up zero.
     */
    public Optional<Rate> rate(Asset from, Asset to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.equals(to)) {
            return Optional.of(new Rate(BigDecimal.ONE, false, List.of(from)));
        }
        Optional<Rate> found = search(from, to, market, false);
        return found.isPresent() ? found : search(from, to, withPegs(from, to), true);
    }

    /**
     * The market edges plus a one-to-one edge between USD and each USD stablecoin that has no market price
     * against USD; a stablecoin that has one keeps it.
     */
    private Map<Asset, SortedMap<Asset, BigDecimal>> withPegs(Asset from, Asset to) {
        Map<Asset, SortedMap<Asset, BigDecimal>> edges = new HashMap<>();
        market.forEach((asset, neighbours) -> edges.put(asset, new TreeMap<>(neighbours)));
        TreeSet<Asset> assets = new TreeSet<>(edges.keySet());
        assets.add(from);
        assets.add(to);
        for (Asset asset : assets) {
            if (asset.isUsdStablecoin()) {
                edges.computeIfAbsent(asset, a -> new TreeMap<>()).putIfAbsent(Asset.USD, BigDecimal.ONE);
                edges.computeIfAbsent(Asset.USD, a -> new TreeMap<>()).putIfAbsent(asset, BigDecimal.ONE);
            }
        }
        return edges;
    }

    private static Optional<Rate> search(Asset from, Asset to, Map<Asset, SortedMap<Asset, BigDecimal>> edges,
            boolean assumed) {
        // Breadth-first: the first time an asset is reached is by a shortest chain; neighbours come in code order.
        Map<Asset, Asset> cameFrom = new HashMap<>();
        Map<Asset, Integer> hops = new HashMap<>();
        Deque<Asset> queue = new ArrayDeque<>();
        hops.put(from, 0);
        queue.add(from);
        while (!queue.isEmpty()) {
            Asset current = queue.removeFirst();
            int depth = hops.get(current);
            if (current.equals(to)) {
                return Optional.of(rateAlong(pathTo(to, cameFrom), edges, assumed));
            }
            if (depth == MAX_HOPS) {
                continue;
            }
            for (Asset next : edges.getOrDefault(current, new TreeMap<>()).keySet()) {
                if (!hops.containsKey(next)) {
                    hops.put(next, depth + 1);
                    cameFrom.put(next, current);
                    queue.addLast(next);
                }
            }
        }
        return Optional.empty();
    }

    private static List<Asset> pathTo(Asset to, Map<Asset, Asset> cameFrom) {
        List<Asset> path = new ArrayList<>();
        for (Asset at = to; at != null; at = cameFrom.get(at)) {
            path.addFirst(at);
        }
        return path;
    }

    private static Rate rateAlong(List<Asset> path, Map<Asset, SortedMap<Asset, BigDecimal>> edges, boolean assumed) {
        // Multiplied exactly: only an inverse was rounded, so a value is the same however its holdings are split.
        BigDecimal value = BigDecimal.ONE;
        for (int i = 1; i < path.size(); i++) {
            value = value.multiply(edges.get(path.get(i - 1)).get(path.get(i)));
        }
        return new Rate(value, assumed, path);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PriceTable table && prices.equals(table.prices);
    }

    @Override
    public int hashCode() {
        return prices.hashCode();
    }

    @Override
    public String toString() {
        return "PriceTable" + prices;
    }
}
