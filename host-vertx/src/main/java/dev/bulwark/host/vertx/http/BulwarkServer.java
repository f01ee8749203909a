package dev.bulwark.host.vertx.http;

import dev.bulwark.host.embedded.BulwarkRuntime;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP server over one {@link BulwarkRuntime}. Event loops only parse and answer; every use case runs on a
 * virtual thread ({@link UseCases}). {@link #close()} stops accepting, then stops the virtual threads.
 */
public final class BulwarkServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final HttpServer server;
    private final ExecutorService virtualThreads;

    private BulwarkServer(Vertx vertx, HttpServer server, ExecutorService virtualThreads) {
        this.vertx = vertx;
        this.server = server;
        this.virtualThreads = virtualThreads;
    }

    /** Starts listening and returns once the port is bound; throws when it cannot be. */
    public static BulwarkServer start(BulwarkRuntime runtime, String host, int port) {
        Vertx vertx = Vertx.vertx();
        ExecutorService virtualThreads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("bulwark-uc-", 0).factory());
        UseCases useCases = new UseCases(virtualThreads);
        Router router = Router.router(vertx);
        CorrelationIds.install(router, runtime.ids());
        HealthRoutes.install(router, runtime.checkHealth(), useCases);
        Problems.install(router);
        try {
            HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(host))
                    .requestHandler(router)
                    .listen(port)
                    .toCompletionStage().toCompletableFuture()
                    .get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return new BulwarkServer(vertx, server, virtualThreads);
        } catch (ExecutionException | TimeoutException e) {
            vertx.close();
            virtualThreads.shutdownNow();
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            vertx.close();
            virtualThreads.shutdownNow();
            throw new IllegalStateException("interrupted while starting", e);
        }
    }

    /** The bound port (the real one when the settings asked for 0). */
    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        try {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // closing anyway: the Vert.x instance below releases the socket
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
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
