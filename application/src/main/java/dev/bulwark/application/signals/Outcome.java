package dev.bulwark.application.signals;

import dev.bulwark.domain.signals.SignalStatus;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** How a signal's processing ended, when it ended in a decision (a transient failure is thrown instead). */
record Outcome(SignalStatus status, @Nullable String reason) {
    Outcome {
        Objects.requireNonNull(status, "status");
        if (status != SignalStatus.COMPLETED && status != SignalStatus.REJECTED && status != SignalStatus.IGNORED) {
            throw new IllegalArgumentException("an outcome is final: COMPLETED, REJECTED or IGNORED, was " + status);
        }
    }

    static Outcome completed(@Nullable String reason) {
        return new Outcome(SignalStatus.COMPLETED, reason);
    }

    static Outcome rejected(String reason) {
        return new Outcome(SignalStatus.REJECTED, reason);
    }

    static Outcome ignored(String reason) {
        return new Outcome(SignalStatus.IGNORED, reason);
    }
}
