package dev.bulwark.application.events;

import dev.bulwark.domain.events.LoggedEvent;
import dev.bulwark.ports.driven.events.EventLog;
import dev.bulwark.ports.driving.accounts.Principal;
import dev.bulwark.ports.driving.events.FollowEvents;
import dev.bulwark.ports.errors.Forbidden;
import dev.bulwark.ports.errors.Invalid;
import dev.bulwark.ports.errors.Invalid.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads the event log for followers. A client reads only its principal's workspace; the whole log is read only
 * by the host's own fan-out, which hands each client its workspace's events.
 */
final class EventsService implements FollowEvents {
    static final int MAX_LIMIT = 1_000;

    private final EventLog events;

    EventsService(EventLog events) {
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public List<LoggedEvent> after(Principal principal, long afterSequence, int limit) {
        if (!principal.canRead()) {
            throw new Forbidden("following events needs the READ scope");
        }
        check(afterSequence, limit);
        return events.after(principal.workspace(), afterSequence, limit);
    }

    @Override
    public List<LoggedEvent> allAfter(long afterSequence, int limit) {
        check(afterSequence, limit);
        return events.after(null, afterSequence, limit);
    }

    @Override
    public long lastSequence() {
        return events.lastSequence();
    }

    @Override
    public long firstSequence() {
        return events.firstSequence();
    }

    private static void check(long afterSequence, int limit) {
        List<FieldError> errors = new ArrayList<>();
        if (afterSequence < 0) {
            errors.add(new FieldError("afterSequence", "0 or more"));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            errors.add(new FieldError("limit", "1 to " + MAX_LIMIT));
        }
        if (!errors.isEmpty()) {
            throw new Invalid("events are read after a sequence of 0 or more, 1 to " + MAX_LIMIT + " at a time", errors);
        }
    }
}
