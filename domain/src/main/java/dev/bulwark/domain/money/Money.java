package dev.bulwark.domain.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * An exact amount of an asset. Arithmetic refuses to mix assets; the amount is kept normalized so that
 * {@code equals} is numeric equality. Amounts may be negative (a loss, a debit).
 */
public record Money(BigDecimal amount, Asset asset) implements Comparable<Money> {

    public Money {
        Objects.requireNonNull(asset, "asset");
        amount = Decimals.normalize(Objects.requireNonNull(amount, "amount"));
    }

    public static Money of(String amount, String asset) {
        return new Money(new BigDecimal(amount), Asset.of(asset));
    }

    public static Money zero(Asset asset) {
        return new Money(BigDecimal.ZERO, asset);
    }

    public Money plus(Money other) {
        return new Money(amount.add(sameAsset(other).amount), asset);
    }

    public Money minus(Money other) {
        return new Money(amount.subtract(sameAsset(other).amount), asset);
    }

    public Money times(BigDecimal factor) {
        return new Money(amount.multiply(factor), asset);
    }

    public Money negate() {
        return new Money(amount.negate(), asset);
    }

    /** This amount at {@code scale} decimals, for display or settlement; the domain keeps exact values. */
    public Money rounded(int scale, RoundingMode mode) {
        return new Money(amount.setScale(scale, mode), asset);
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    @Override
    public int compareTo(Money other) {
        return amount.compareTo(sameAsset(other).amount);
    }

    private Money sameAsset(Money other) {
        if (!asset.equals(other.asset)) {
            throw new IllegalArgumentException("cannot combine " + asset + " with " + other.asset);
        }
        return other;
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + asset;
    }
}
