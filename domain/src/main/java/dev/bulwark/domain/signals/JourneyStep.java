package dev.bulwark.domain.signals;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One step of a signal's journey (received, parsed, sized, risk, placed, filled, rejected, failed, ...), with the
 * inputs its decision used as plain key/value text (prices and amounts as exact decimal strings, each risk rule's
 * limit and value, the bot's configuration version), so the decision can be re-run and explained. Never a secret.
 */
public record JourneyStep(String step, Instant at, Map<String, String> details) {
    public JourneyStep {
        Objects.requireNonNull(step, "step");
        if (!step.matches("[a-z][a-z0-9.-]{0,39}")) {
            throw new IllegalArgumentException("a journey step is a lower-case word of at most 40 characters");
        }
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(details, "details");
        if (details.size() > 100) {
            throw new IllegalArgumentException("a journey step has at most 100 details");
        }
        details.forEach((k, v) -> {
            if (k == null || v == null || k.isBlank() || k.length() > 100 || v.length() > 2_000) {
                throw new IllegalArgumentException("journey details are keys of 1 to 100 and values of at most 2,000 characters");
            }
        });
        details = Collections.unmodifiableMap(new TreeMap<>(details));
    }
}
