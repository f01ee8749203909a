package dev.bulwark.host.vertx.http;

import io.vertx.core.Context;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * Runs a use case off the event loop, on a virtual thread, and answers back on the request's own context.
 * Use cases are synchronous and may block (storage, venues); an event loop must never wait for them. Counts what is
 * in flight, so a graceful shutdown can wait for it.
 */
final class UseCases {
    private final ExecutorService virtualThreads;
    private final AtomicInteger inFlight = new AtomicInteger();

    UseCases(ExecutorService virtualThreads) {
        this.virtualThreads = Objects.requireNonNull(virtualThreads, "virtualThreads");
    }

    <T> void run(RoutingContext ctx, Supplier<T> useCase, BiConsumer<RoutingContext, T> answer) {
        Context context = ctx.vertx().getOrCreateContext();
        String correlationId = CorrelationIds.of(ctx);
        inFlight.incrementAndGet();
        try {
            virtualThreads.execute(() -> {
                MDC.put(CorrelationIds.MDC_KEY, correlationId);
                try {
                    T result = useCase.get();
                    context.runOnContext(v -> answer.accept(ctx, result));
                } catch (RuntimeException e) {
                    context.runOnContext(v -> ctx.fail(e));
                } finally {
                    MDC.remove(CorrelationIds.MDC_KEY);
                    inFlight.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.decrementAndGet();
            ctx.fail(503, e);
        }
    }

    /** Runs work that answers by itself (a stream); failures are the work's own to handle. */
    void runDetached(Runnable work) {
        try {
            virtualThreads.execute(work);
        } catch (RejectedExecutionException e) {
            // shutting down: the stream is being closed anyway
        }
    }

    int inFlight() {
        return inFlight.get();
    }
}
