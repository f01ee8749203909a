package dev.bulwark.ports.driven.events;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.events.Event;
import dev.bulwark.domain.events.LoggedEvent;
import java.time.Instant;
import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Live events, kept in one order for every process on the database. Appending joins the caller's transaction, so an
 * event is visible exactly when the change it reports commits. Sequences are handed out so that commit order and
 * sequence order agree: a reader that saw sequence {@code n} and later reads "after n" misses nothing, even with
 * many writers (a store serializes appends, e.g. on one counter row). Thread-safe.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface EventLog {
    /** Logs the event; returns its sequence. */
    long append(Event event);

    /**
     * Logs the events in order, as {@link #append} would one by one, in one round of statements: what a transaction
     * that reports several changes uses. Returns their sequences, in order.
     */
    default List<Long> appendAll(List<Event> events) {
        List<Long> sequences = new java.util.ArrayList<>(events.size());
        for (Event event : events) {
            sequences.add(append(event));
        }
        return sequences;
    }

    /**
     * Events after {@code afterSequence}, oldest first, at most {@code limit}: of one workspace, or of all with
     * {@code null} (what a host's fan-out reads).
     */
    List<LoggedEvent> after(@Nullable WorkspaceId workspace, long afterSequence, int limit);

    /** The highest sequence logged so far, 0 when none: where a new follower starts. */
    long lastSequence();

    /** The lowest sequence still kept (0 when empty): a follower asking for older events has missed some. */
    long firstSequence();

    /** Forgets events logged before {@code cutoff}; returns how many. */
    int forgetBefore(Instant cutoff);
}
