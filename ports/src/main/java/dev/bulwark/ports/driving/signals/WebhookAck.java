package dev.bulwark.ports.driving.signals;

import dev.bulwark.domain.signals.SignalId;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The answer to an accepted webhook, given only after the signal and its job are committed: the signal's id (the
 * first signal's, for a duplicate) and whether it was a duplicate (then nothing more happens).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record WebhookAck(SignalId signalId, boolean duplicate) {
    public WebhookAck {
        Objects.requireNonNull(signalId, "signalId");
    }
}
