package dev.bulwark.domain.analytics;

import dev.bulwark.domain.money.Decimals;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * An account's equity at one moment, in the run's valuation currency. Never negative: an account that has lost
 * everything stands at zero (a leveraged one is liquidated there), which is what makes a drawdown a share of at
 * most 1.
 */
public record EquityPoint(Instant at, BigDecimal equity) {
    public EquityPoint {
        Objects.requireNonNull(at, "at");
        equity = Decimals.requireNonNegative(equity, "equity");
    }
}
