package dev.bulwark.domain.events;

import java.util.Objects;

/**
 * An event as the log keeps it: with its sequence, increasing across the whole log in commit order as readers see
 * it (a reader that resumes after sequence {@code n} misses no event committed later with a lower number). The
 * sequence is the SSE event id a client reconnects with.
 */
public record LoggedEvent(long sequence, Event event) {
    public LoggedEvent {
        if (sequence < 1) {
            throw new IllegalArgumentException("an event's sequence is 1 or more");
        }
        Objects.requireNonNull(event, "event");
    }
}
