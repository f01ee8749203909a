package dev.bulwark.ports.driving.health;

import org.apiguardian.api.API;

/** Readiness for a load balancer: never throws; a failing dependency is a report with {@code ready} false. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface CheckReadiness {
    ReadinessReport check();
}
