package dev.bulwark.ports.driven.jobs;

import java.util.Objects;
import java.util.UUID;
import org.apiguardian.api.API;

/** A job in the durable queue. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record JobId(UUID value) {
    public JobId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
