package dev.bulwark.host.vertx.http;

import dev.bulwark.domain.venues.VenueCircuit;
import dev.bulwark.ports.driven.venues.VenueProvider;
import dev.bulwark.ports.driving.health.CheckReadiness;
import dev.bulwark.ports.driving.health.ReadinessReport;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code GET /metrics} in Prometheus text format: request timings by route template (never by raw path, so ids do
 * not explode the series), job queue depth, lag and dead letters, each venue's circuit breaker (0 closed, 1 half
 * open, 2 open) and the failures it counts, live event streams. Webhook outcomes and order latency are registered
 * by the webhook pipeline through {@link #registry()}.
 */
final class HttpMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicReference<ReadinessReport> lastReadiness = new AtomicReference<>();
    private final CheckReadiness readiness;
    /** Route templates and statuses are few: the map stays as small as the series Prometheus scrapes. */
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

    HttpMetrics(Collection<VenueProvider> venues, CheckReadiness readiness, EventStream events) {
        Gauge.builder("bulwark_queue_depth", lastReadiness, r -> r.get() == null ? 0 : r.get().queueDepth())
                .description("jobs due now").register(registry);
        Gauge.builder("bulwark_queue_lag_seconds", lastReadiness,
                        r -> r.get() == null ? 0 : r.get().queueLag().toMillis() / 1000.0)
                .description("how long the oldest due job has waited").register(registry);
        Gauge.builder("bulwark_queue_dead", lastReadiness, r -> r.get() == null ? 0 : r.get().deadJobs())
                .description("dead-lettered jobs").register(registry);
        Gauge.builder("bulwark_ready", lastReadiness, r -> r.get() != null && r.get().ready() ? 1 : 0)
                .description("1 when the database and the job queue answer").register(registry);
        Gauge.builder("bulwark_event_streams", events, EventStream::connected)
                .description("connected live event streams").register(registry);
        for (VenueProvider provider : venues) {
            for (VenueCircuit circuit : provider.circuits()) {
                String venue = circuit.venue().toString();
                Gauge.builder("bulwark_venue_circuit_state", provider, p -> state(p, venue))
                        .tag("venue", venue).description("0 closed, 1 half open, 2 open").register(registry);
                Gauge.builder("bulwark_venue_circuit_failures", provider, p -> failures(p, venue))
                        .tag("venue", venue).description("failures the breaker counts now").register(registry);
            }
        }
        this.readiness = readiness;
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Times every request by method, route template and status (installed first, so it sees every answer). */
    void install(Router router, UseCases useCases) {
        router.route().order(-900).handler(ctx -> {
            long start = System.nanoTime();
            ctx.addEndHandler(v -> record(ctx, System.nanoTime() - start));
            ctx.next();
        });
        router.get("/metrics").handler(ctx -> {
            ctx.put(Api.ROUTE_KEY, "/metrics");
            useCases.run(ctx, () -> {
                lastReadiness.set(readiness.check());
                return registry.scrape();
            }, (c, text) -> c.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .putHeader("Cache-Control", "no-store").end(text));
        });
    }

    private void record(RoutingContext ctx, long nanos) {
        String route = ctx.get(Api.ROUTE_KEY);
        if (route == null) {
            route = ctx.currentRoute() != null && ctx.currentRoute().getPath() != null ? ctx.currentRoute().getPath() : "unmatched";
        }
        // a timer per method, route template and status, found again by a plain map lookup: building and registering
        // it on every request was a twentieth of the event loop's time at 1,000 webhooks a second
        timers.computeIfAbsent(new TimerKey(ctx.request().method().name(), route, ctx.response().getStatusCode()),
                key -> Timer.builder("bulwark_http_requests").tag("method", key.method()).tag("route", key.route())
                        .tag("status", Integer.toString(key.status())).publishPercentiles(0.5, 0.99).register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    private record TimerKey(String method, String route, int status) {
    }

    private static double state(VenueProvider provider, String venue) {
        return provider.circuits().stream().filter(c -> c.venue().toString().equals(venue)).findFirst()
                .map(c -> switch (c.state()) {
                    case CLOSED -> 0.0;
                    case HALF_OPEN -> 1.0;
                    case OPEN -> 2.0;
                }).orElse(0.0);
    }

    private static double failures(VenueProvider provider, String venue) {
        return provider.circuits().stream().filter(c -> c.venue().toString().equals(venue)).findFirst()
                .map(c -> (double) c.failures()).orElse(0.0);
    }
}
