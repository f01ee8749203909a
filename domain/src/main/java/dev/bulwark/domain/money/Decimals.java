package dev.bulwark.domain.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * The project's one set of decimal conventions.
 *
 * <p>Domain records store amounts {@linkplain #normalize normalized} (trailing zeros stripped, never a negative
 * scale), so that record equality means numeric equality: {@code 1.50} and {@code 1.5} are the same amount.
 * Divisions always name a scale and a rounding mode; {@link #DIVISION_SCALE} with {@link #ROUNDING} is the
 * default for derived quantities (averages, rates, shares) that are not yet fitted to a venue's rules.
 */
public final class Decimals {
    /** Scale used for divisions whose result is an intermediate (rates, averages, shares of equity). */
    public static final int DIVISION_SCALE = 18;
    /** Banker's rounding: unbiased over many operations. */
    public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;

    private Decimals() {
    }

    /** Strips trailing zeros and never leaves a negative scale ({@code 1E+3} becomes {@code 1000}). */
    public static BigDecimal normalize(BigDecimal value) {
        Objects.requireNonNull(value, "value");
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** {@code dividend / divisor} at {@link #DIVISION_SCALE}, {@link #ROUNDING}, normalized. */
    public static BigDecimal divide(BigDecimal dividend, BigDecimal divisor) {
        if (divisor.signum() == 0) {
            throw new ArithmeticException("division by zero");
        }
        return normalize(dividend.divide(divisor, DIVISION_SCALE, ROUNDING));
    }

    public static BigDecimal requirePositive(BigDecimal value, String name) {
        Objects.requireNonNull(value, name);
        if (value.signum() <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value.toPlainString());
        }
        return normalize(value);
    }

    public static BigDecimal requireNonNegative(BigDecimal value, String name) {
        Objects.requireNonNull(value, name);
        if (value.signum() < 0) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value.toPlainString());
        }
        return normalize(value);
    }

    public static boolean isZero(BigDecimal value) {
        return value.signum() == 0;
    }
}
