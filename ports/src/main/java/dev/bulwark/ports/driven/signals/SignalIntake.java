package dev.bulwark.ports.driven.signals;

import dev.bulwark.domain.signals.Signal;
import dev.bulwark.ports.driven.jobs.NewJob;
import java.time.Duration;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The webhook's durable step: records a signal exactly as {@link Signals#record} does and, when it is
 * {@link SignalRecording.Recorded}, enqueues {@code job} in the same transaction; returns only once that transaction
 * committed. An implementation may group-commit: the signals of concurrent callers in one transaction, each
 * isolated as if under its own savepoint, so one caller's failure (a duplicate key, a constraint) never touches
 * another's, each caller answered after the shared commit. Thread-safe, across processes too.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface SignalIntake {
    /** Records the signal (and enqueues its job) with nothing to log. */
    default SignalRecording accept(Signal signal, Duration window, NewJob job) {
        return accept(signal, window, job, null);
    }

    /**
     * As {@link #accept(Signal, Duration, NewJob)}, and writes the request's webhook log row in the same transaction
     * when {@code logged} is given and the signal is stored or found a duplicate: {@code logged} with outcome
     * {@code accepted} and this signal's id, or {@code duplicate} and the first signal's id (status 200). When the
     * signal is not stored (an exception), nothing is logged and the caller logs the failure. One commit per accepted
     * webhook instead of two.
     */
    SignalRecording accept(Signal signal, Duration window, NewJob job, WebhookLog.@Nullable Attempt logged);

    /** The log row {@code logged} becomes for {@code recording}: what an implementation writes. */
    static WebhookLog.Attempt logRow(WebhookLog.Attempt logged, SignalRecording recording) {
        return switch (recording) {
            case SignalRecording.Recorded recorded -> new WebhookLog.Attempt(logged.bot(), logged.workspace(), logged.at(),
                    "accepted", 200, recorded.id().toString(), logged.ip());
            case SignalRecording.Duplicate duplicate -> new WebhookLog.Attempt(logged.bot(), logged.workspace(),
                    logged.at(), "duplicate", 200, duplicate.first().toString(), logged.ip());
        };
    }
}
