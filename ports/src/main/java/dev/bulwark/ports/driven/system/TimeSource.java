package dev.bulwark.ports.driven.system;

import java.time.Instant;
import org.apiguardian.api.API;

/** The current time. The only way the application and its adapters learn what time it is. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
@FunctionalInterface
public interface TimeSource {
    Instant now();
}
