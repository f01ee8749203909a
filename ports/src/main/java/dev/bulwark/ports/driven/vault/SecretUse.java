package dev.bulwark.ports.driven.vault;

import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/** Why a secret is opened, for the audit entry every opening writes: who, for what, in which request. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record SecretUse(String actor, String purpose, @Nullable String correlationId) {
    public SecretUse {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(purpose, "purpose");
        if (actor.isBlank() || purpose.isBlank()) {
            throw new IllegalArgumentException("a secret use names its actor and purpose");
        }
    }
}
