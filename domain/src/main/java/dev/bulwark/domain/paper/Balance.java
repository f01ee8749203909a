package dev.bulwark.domain.paper;

import dev.bulwark.domain.money.Decimals;
import java.math.BigDecimal;

/**
 * One asset's balance in a paper account: {@code free} to use, and {@code locked} by open orders' reservations and,
 * on futures, by the isolated margin of open positions. Both are zero or more.
 */
public record Balance(BigDecimal free, BigDecimal locked) {
    public static final Balance ZERO = new Balance(BigDecimal.ZERO, BigDecimal.ZERO);

    public Balance {
        free = Decimals.requireNonNegative(free, "free");
        locked = Decimals.requireNonNegative(locked, "locked");
    }

    public BigDecimal total() {
        return Decimals.normalize(free.add(locked));
    }
}
