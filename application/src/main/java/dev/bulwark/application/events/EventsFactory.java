package dev.bulwark.application.events;

import dev.bulwark.ports.driven.events.EventLog;
import dev.bulwark.ports.driving.events.FollowEvents;

/** Creates the live events use case; its service stays package-private. */
public final class EventsFactory {
    private EventsFactory() {
    }

    public static FollowEvents followEvents(EventLog events) {
        return new EventsService(events);
    }
}
