package dev.bulwark.ports.driven.signals;

import dev.bulwark.domain.signals.SignalId;
import java.util.Objects;
import org.apiguardian.api.API;

/** What {@link Signals#record} made of a signal: a new one to process, or a repeat of one already recorded. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public sealed interface SignalRecording {

    /** The signal is new: stored as RECEIVED; enqueue its job in the same transaction. */
    record Recorded(SignalId id) implements SignalRecording {
        public Recorded {
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * The signal repeats {@code first} within the window: it was stored as DUPLICATE (every request is kept) and
     * must not be processed; the sender is answered with {@code first}.
     */
    record Duplicate(SignalId first) implements SignalRecording {
        public Duplicate {
            Objects.requireNonNull(first, "first");
        }
    }
}
