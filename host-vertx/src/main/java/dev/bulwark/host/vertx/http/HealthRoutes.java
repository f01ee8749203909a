package dev.bulwark.host.vertx.http;

import dev.bulwark.ports.driving.health.CheckHealth;
import dev.bulwark.ports.driving.health.HealthReport;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/** {@code GET /health}: alive, and which version. No storage is touched; readiness is a separate route. */
final class HealthRoutes {
    private HealthRoutes() {
    }

    static void install(Router router, CheckHealth checkHealth, UseCases useCases) {
        router.get("/health").handler(ctx -> useCases.run(ctx, checkHealth::health, (c, report) -> c.response()
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(toJson(report).encode())));
    }

    static JsonObject toJson(HealthReport report) {
        return new JsonObject()
                .put("status", report.status().name())
                .put("version", report.version())
                .put("startedAt", report.startedAt().toString())
                .put("uptimeSeconds", report.uptime().toSeconds());
    }
}
