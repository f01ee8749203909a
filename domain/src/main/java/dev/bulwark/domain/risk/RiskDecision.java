package dev.bulwark.domain.risk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The risk engine's verdict on an order: data, not an exception, so a rejection is recorded and shown, never
 * retried.
 */
public sealed interface RiskDecision {

    /** Whether the order may go ahead; switch on the two records to read why. */
    boolean isApproved();

    /**
     * No rule broken.
     *
     * @param checked the rules that applied to this order, in {@link RiskRule} order (a reducing order is checked
     *     against fewer)
     */
    record Approved(List<RiskRule> checked) implements RiskDecision {
        public Approved {
            checked = inRuleOrder(checked, r -> r, "checked");
        }

        @Override
        public boolean isApproved() {
            return true;
        }
    }

    /**
     * At least one rule broken.
     *
     * @param violations every rule broken, one violation each, in {@link RiskRule} order
     */
    record Rejected(List<Violation> violations) implements RiskDecision {
        public Rejected {
            violations = inRuleOrder(violations, Violation::rule, "violations");
        }

        /** The broken rules, in {@link RiskRule} order. */
        public List<RiskRule> rules() {
            return violations.stream().map(Violation::rule).toList();
        }

        @Override
        public boolean isApproved() {
            return false;
        }
    }

    private static <T> List<T> inRuleOrder(List<T> items, Function<T, RiskRule> rule, String name) {
        List<T> sorted = new ArrayList<>(Objects.requireNonNull(items, name));
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException(name + " cannot be empty");
        }
        sorted.sort(Comparator.comparing(rule));
        Set<RiskRule> seen = EnumSet.noneOf(RiskRule.class);
        for (T item : sorted) {
            if (!seen.add(rule.apply(item))) {
                throw new IllegalArgumentException(name + " name " + rule.apply(item) + " twice");
            }
        }
        return List.copyOf(sorted);
    }
}
