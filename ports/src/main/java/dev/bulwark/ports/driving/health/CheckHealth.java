package dev.bulwark.ports.driving.health;

import org.apiguardian.api.API;

/** Is the engine alive, and which version is it. Cheap enough to call every second; touches no storage. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface CheckHealth {
    HealthReport health();
}
