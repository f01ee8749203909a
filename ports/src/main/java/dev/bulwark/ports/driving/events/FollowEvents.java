package dev.bulwark.ports.driving.events;

import dev.bulwark.domain.events.LoggedEvent;
import dev.bulwark.ports.driving.accounts.Principal;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Live events. A host fans out one process-wide read ({@link #allAfter}) to its connected clients, each of whom sees
 * only their workspace's events; a client reconnecting with the last sequence it saw first replays what it missed
 * ({@link #after}). Events are kept 24 hours.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface FollowEvents {
    /** The principal's workspace's events after {@code afterSequence}, oldest first, at most {@code limit} (1..1000). */
    List<LoggedEvent> after(Principal principal, long afterSequence, int limit);

    /** Every workspace's events after {@code afterSequence}: for the host's own fan-out only, never a client. */
    List<LoggedEvent> allAfter(long afterSequence, int limit);

    /** The last sequence logged: where a new follower starts. */
    long lastSequence();

    /** The oldest sequence still kept: a client asking for anything older has missed events (it should reload). */
    long firstSequence();
}
