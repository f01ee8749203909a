package dev.bulwark.ports.driven.signals;

import dev.bulwark.domain.signals.Signal;
import dev.bulwark.domain.signals.SignalId;
import java.time.Instant;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Where a page of signals ended: the next page holds the signals after it, newest first. Keyed on the receipt
 * time and the id, so signals received in the same microsecond are neither skipped nor repeated.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record SignalCursor(Instant receivedAt, SignalId id) {
    public SignalCursor {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(id, "id");
    }

    /** The cursor after {@code last}, the last signal of a page. */
    public static SignalCursor after(Signal last) {
        return new SignalCursor(last.receivedAt(), last.id());
    }
}
