package dev.bulwark.ports.driven.signals;

import dev.bulwark.domain.signals.Signal;
import dev.bulwark.ports.driven.jobs.NewJob;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * The webhook's durable step: records a signal exactly as {@link Signals#record} does and, when it is
 * {@link SignalRecording.Recorded}, enqueues {@code job} in the same transaction; returns only once that transaction
 * committed. An implementation may group-commit: the signals of concurrent callers in one transaction, each
 * isolated as if under its own savepoint, so one caller's failure (a duplicate key, a constraint) never touches
 * another's, each caller answered after the shared commit. Thread-safe, across processes too.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface SignalIntake {
    SignalRecording accept(Signal signal, Duration window, NewJob job);
}
