package dev.bulwark.domain.risk;

import dev.bulwark.domain.money.Decimals;
import java.math.BigDecimal;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One broken rule: the profile's limit, the value the order reached, and a sentence for the user.
 *
 * @param actual the value beyond the limit; {@code null} only when it cannot be computed (a share of an equity
 *     that is zero or negative), which the reason then says
 */
public record Violation(RiskRule rule, BigDecimal limit, @Nullable BigDecimal actual, String reason) {

    public Violation {
        Objects.requireNonNull(rule, "rule");
        limit = Decimals.normalize(Objects.requireNonNull(limit, "limit"));
        actual = actual == null ? null : Decimals.normalize(actual);
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("a violation says why, in words");
        }
    }
}
