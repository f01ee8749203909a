package dev.bulwark.domain.portfolio;

import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.money.Decimals;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * How much one unit of the first asset of {@code path} is worth in the last, and how that was found: the path
 * lists every asset the conversion went through ({@code [ETH, BTC, USD]} for a cross; one asset for the
 * identity). {@code assumed} says a USD stablecoin was taken at its peg for want of a market price.
 */
public record Rate(BigDecimal value, boolean assumed, List<Asset> path) {

    public Rate {
        value = Decimals.requirePositive(value, "value");
        path = List.copyOf(Objects.requireNonNull(path, "path"));
        if (path.isEmpty()) {
            throw new IllegalArgumentException("a rate's path names at least the asset it converts");
        }
    }

    public Asset from() {
        return path.getFirst();
    }

    public Asset to() {
        return path.getLast();
    }

    /** {@code quantity} of {@link #from()} in {@link #to()}, exact: no rounding, so sums stay additive. */
    public BigDecimal convert(BigDecimal quantity) {
        return Decimals.normalize(quantity.multiply(value));
    }

    /** This conversion followed by {@code next}, which must start where this one ends. */
    public Rate then(Rate next) {
        if (!to().equals(next.from())) {
            throw new IllegalArgumentException("cannot chain " + this + " with " + next);
        }
        List<Asset> joined = new ArrayList<>(path);
        joined.addAll(next.path.subList(1, next.path.size()));
        return new Rate(value.multiply(next.value), assumed || next.assumed, joined);
    }

    @Override
    public String toString() {
        return path.stream().map(Asset::code).collect(Collectors.joining("→")) + " " + value.toPlainString()
                + (assumed ? " (peg assumed)" : "");
    }
}
