package dev.bulwark.domain.bots;

import dev.bulwark.domain.money.Decimals;
import java.math.BigDecimal;
import java.util.Objects;

/** What {@link PositionSizer} made of a bot's sizing: a quantity the venue accepts, or why there is none. */
public sealed interface SizingResult {

    /**
     * The order quantity, on the venue's lot step and within its bounds, and how it was reached (for the user and
     * the decision's record).
     */
    record Sized(BigDecimal quantity, String explanation) implements SizingResult {
        public Sized {
            quantity = Decimals.requirePositive(quantity, "quantity");
            Objects.requireNonNull(explanation, "explanation");
            if (explanation.isBlank()) {
                throw new IllegalArgumentException("a sized quantity says how it was reached");
            }
        }
    }

    /** No order can be sized: the reason names the rule or limit that left nothing, with its numbers. */
    record Unsizable(String reason) implements SizingResult {
        public Unsizable {
            Objects.requireNonNull(reason, "reason");
            if (reason.isBlank()) {
                throw new IllegalArgumentException("an unsizable order says why");
            }
        }
    }
}
