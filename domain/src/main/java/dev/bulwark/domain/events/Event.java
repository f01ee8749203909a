package dev.bulwark.domain.events;

import dev.bulwark.domain.accounts.WorkspaceId;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One live event of a workspace, before it is logged: its kind, when, and its data as plain key/value text (amounts
 * as plain decimal strings), which must never hold a secret. At most 50 entries, keys up to 100 and values up to
 * 2,000 characters.
 */
public record Event(WorkspaceId workspace, EventType type, Instant at, Map<String, String> data) {
    public static final int MAX_ENTRIES = 50;

    public Event {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(data, "data");
        if (data.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("an event has at most " + MAX_ENTRIES + " data entries");
        }
        data.forEach((key, value) -> {
            Objects.requireNonNull(key, "data key");
            Objects.requireNonNull(value, "data value");
            if (key.isBlank() || key.length() > 100 || value.length() > 2_000) {
                throw new IllegalArgumentException("event data keys are 1 to 100 characters, values at most 2,000");
            }
        });
        data = Collections.unmodifiableMap(new TreeMap<>(data));
    }
}
