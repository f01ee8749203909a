package dev.bulwark.domain.portfolio;

import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.money.Decimals;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One unit of {@code base} is worth {@code value} units of {@code quote}: a market price ({@code BTC/USDT}) or
 * an FX rate ({@code EUR/USD}); the table treats both alike.
 */
public record Price(Asset base, Asset quote, BigDecimal value) {

    public Price {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(quote, "quote");
        if (base.equals(quote)) {
            throw new IllegalArgumentException("a price needs two different assets, was " + base + "/" + quote);
        }
        value = Decimals.requirePositive(value, "value");
    }

    public static Price of(String base, String quote, String value) {
        return new Price(Asset.of(base), Asset.of(quote), new BigDecimal(value));
    }

    @Override
    public String toString() {
        return base + "/" + quote + " " + value.toPlainString();
    }
}
