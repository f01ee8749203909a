package dev.bulwark.application.signals;

import java.io.Serial;

/** Unwinds a signal's processing to a REJECTED decision with a reason for the user: a decision, never retried. */
final class Refusal extends IllegalArgumentException {
    @Serial
    private static final long serialVersionUID = 1L;

    Refusal(String reason) {
        super(reason);
    }
}
