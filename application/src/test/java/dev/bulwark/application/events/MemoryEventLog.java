package dev.bulwark.application.events;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.events.Event;
import dev.bulwark.domain.events.LoggedEvent;
import dev.bulwark.ports.driven.events.EventLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The event log in a list: sequences from 1, forgetting from the front. */
public final class MemoryEventLog implements EventLog {
    private final List<LoggedEvent> logged = new ArrayList<>();
    private long last;
    private int appends;

    @Override
    public synchronized long append(Event event) {
        appends++;
        logged.add(new LoggedEvent(++last, event));
        return last;
    }

    @Override
    public synchronized List<Long> appendAll(List<Event> events) {
        appends++;
        List<Long> sequences = new ArrayList<>(events.size());
        for (Event event : events) {
            logged.add(new LoggedEvent(++last, event));
            sequences.add(last);
        }
        return sequences;
    }

    /** How many appends (single or batch) were made: each takes the real log's sequence lock once. */
    public synchronized int appends() {
        return appends;
    }

    @Override
    public synchronized List<LoggedEvent> after(@Nullable WorkspaceId workspace, long afterSequence, int limit) {
        return logged.stream().filter(e -> e.sequence() > afterSequence)
                .filter(e -> workspace == null || e.event().workspace().equals(workspace)).limit(limit).toList();
    }

    @Override
    public synchronized long lastSequence() {
        return last;
    }

    @Override
    public synchronized long firstSequence() {
        return logged.isEmpty() ? 0 : logged.getFirst().sequence();
    }

    @Override
    public synchronized int forgetBefore(Instant cutoff) {
        int before = logged.size();
        logged.removeIf(e -> e.event().at().isBefore(cutoff));
        return before - logged.size();
    }

    public synchronized List<Event> events() {
        return logged.stream().map(LoggedEvent::event).toList();
    }
}
