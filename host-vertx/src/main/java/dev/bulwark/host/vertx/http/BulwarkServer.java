package dev.bulwark.host.vertx.http;

import dev.bulwark.host.embedded.BulwarkRuntime;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP server over one {@link BulwarkRuntime}. Event loops only parse and answer; every use case runs on a
 * virtual thread ({@link UseCases}). {@link #close()} shuts down gracefully: it stops accepting, lets requests in
 * flight finish (up to 10 seconds), ends the live event streams, then stops the virtual threads.
 */
public final class BulwarkServer implements AutoCloseable {
    /** The largest request body the API reads; larger bodies are refused with 413 before they are buffered whole. */
    public static final long MAX_BODY_BYTES = 64 * 1024;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DRAIN = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final HttpServer server;
    private final ExecutorService virtualThreads;
    private final UseCases useCases;
    private final EventStream events;
    private final HttpMetrics metrics;

    private BulwarkServer(Vertx vertx, HttpServer server, ExecutorService virtualThreads, UseCases useCases,
                          EventStream events, HttpMetrics metrics) {
        this.vertx = vertx;
        this.server = server;
        this.virtualThreads = virtualThreads;
        this.useCases = useCases;
        this.events = events;
        this.metrics = metrics;
    }

    /** Starts listening on plain HTTP and returns once the port is bound; throws when it cannot be. */
    public static BulwarkServer start(BulwarkRuntime runtime, String host, int port) {
        return start(runtime, new ServerSettings(host, port));
    }

    /** Starts listening and returns once the port is bound; throws when it cannot be. */
    public static BulwarkServer start(BulwarkRuntime runtime, ServerSettings settings) {
        Vertx vertx = Vertx.vertx();
        ExecutorService virtualThreads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("bulwark-uc-", 0).factory());
        UseCases useCases = new UseCases(virtualThreads);
        List<Operation> operations = ApiOperations.all(runtime, settings.tls());
        EventStream events = new EventStream(runtime.followEvents(), runtime.manageAccounts(), useCases);
        HttpMetrics metrics = new HttpMetrics(runtime.venues().providers().values(), runtime.checkReadiness(), events);
        Router router = Router.router(vertx);
        CorrelationIds.install(router, runtime.ids());
        SecurityHeaders.install(router, settings.tls(), settings.corsOrigins());
        metrics.install(router, useCases);
        router.route("/api/*").order(-800).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        // the hot path first: a webhook is matched before the API's hundred-odd routes are tried against its path
        WebhookRoutes.install(router, runtime.receiveSignals(), useCases, metrics.registry());
        HealthRoutes.install(router, runtime.checkHealth(), useCases);
        PageRoutes.install(router, runtime.checkReadiness(), useCases, operations, runtime.buildInfo().version());
        events.install(router);
        Api.install(router, operations, runtime.manageAccounts(), useCases);
        Problems.install(router);
        try {
            HttpServerOptions options = new HttpServerOptions().setHost(settings.host()).setMaxHeaderSize(16 * 1024);
            if (settings.tlsCert() != null && settings.tlsKey() != null) {
                options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                        .setCertPath(settings.tlsCert().toString()).setKeyPath(settings.tlsKey().toString()));
            }
            HttpServer server = vertx.createHttpServer(options)
                    .requestHandler(router)
                    .listen(settings.port())
                    .toCompletionStage().toCompletableFuture()
                    .get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return new BulwarkServer(vertx, server, virtualThreads, useCases, events, metrics);
        } catch (ExecutionException | TimeoutException e) {
            events.close();
            vertx.close();
            virtualThreads.shutdownNow();
            throw new IllegalStateException("cannot listen on " + settings.host() + ":" + settings.port() + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            events.close();
            vertx.close();
            virtualThreads.shutdownNow();
            throw new IllegalStateException("interrupted while starting", e);
        }
    }

    /** The bound port (the real one when the settings asked for 0). */
    public int port() {
        return server.actualPort();
    }

    /** The meter registry: a host adds its own meters (webhook outcomes, order latency) here. */
    public PrometheusMeterRegistry meters() {
        return metrics.registry();
    }

    @Override
    public void close() {
        events.close();
        try {
            // stops accepting; waits for the requests in flight to end, up to the drain time
            server.shutdown(DRAIN.toMillis(), TimeUnit.MILLISECONDS).toCompletionStage().toCompletableFuture().get(DRAIN.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // closing anyway: the Vert.x instance below releases the socket
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            long deadline = System.nanoTime() + DRAIN.toNanos();
            while (useCases.inFlight() > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            virtualThreads.shutdown();
            try {
                virtualThreads.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            vertx.close();
        }
    }
}
