package dev.bulwark.host.vertx.http;

import dev.bulwark.ports.errors.BulwarkException;
import dev.bulwark.ports.errors.Invalid;
import dev.bulwark.ports.errors.RateLimited;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Every error leaves as RFC 9457 Problem+JSON: a stable {@code type}, {@code title}, {@code status},
 * {@code detail}, field errors where there are any, and the correlation id. An unexpected failure is logged
 * with its correlation id and answered with a generic detail: internals never reach the client.
 */
final class Problems {
    static final String CONTENT_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://bulwark.dev/problems/";
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    private Problems() {
    }

    static void install(Router router) {
        router.route().failureHandler(Problems::answerFailure);
        router.errorHandler(404, ctx -> answer(ctx, 404, "not-found", "Not Found", "No resource at " + safePath(ctx)));
        router.errorHandler(413, ctx -> answer(ctx, 413, "payload-too-large", "Payload Too Large",
                "The body is larger than " + BulwarkServer.MAX_BODY_BYTES / 1024 + " KiB."));
        router.errorHandler(405, ctx -> answer(ctx, 405, "method-not-allowed", "Method Not Allowed",
                ctx.request().method() + " is not allowed on " + safePath(ctx)));
    }

    private static void answerFailure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof BulwarkException known) {
            answerKnown(ctx, known);
            return;
        }
        int status = ctx.statusCode() >= 400 ? ctx.statusCode() : 500;
        if (status >= 500) {
            MDC.put(CorrelationIds.MDC_KEY, CorrelationIds.of(ctx));
            LOG.error("unexpected failure on {} {}", ctx.request().method(), safePath(ctx), failure);
            MDC.remove(CorrelationIds.MDC_KEY);
            answer(ctx, status, "internal", "Internal Server Error",
                    "Something went wrong on our side; quote the correlation id " + CorrelationIds.of(ctx) + " when reporting it.");
        } else if (status == 413) {
            answer(ctx, 413, "payload-too-large", "Payload Too Large",
                    "The body is larger than " + BulwarkServer.MAX_BODY_BYTES / 1024 + " KiB.");
        } else {
            answer(ctx, status, "http-" + status, "HTTP " + status, "The request could not be served.");
        }
    }

    private static void answerKnown(RoutingContext ctx, BulwarkException e) {
        int status = switch (e.code()) {
            case "not-found" -> 404;
            case "conflict" -> 409;
            case "invalid" -> 400;
            case "forbidden" -> 403;
            case "unauthorized" -> 401;
            case "rate-limited" -> 429;
            case "venue-unavailable" -> 502;
            case "unavailable" -> 503;
            default -> 500;
        };
        JsonObject problem = problem(ctx, status, e.code(), titleOf(e.code()), e.getMessage());
        if (e instanceof Invalid invalid && !invalid.fieldErrors().isEmpty()) {
            JsonArray errors = new JsonArray();
            invalid.fieldErrors().forEach(f -> errors.add(new JsonObject().put("field", f.field()).put("message", f.message())));
            problem.put("errors", errors);
        }
        if (e instanceof RateLimited limited) {
            long seconds = Math.max(1, limited.retryAfter().toSeconds());
            ctx.response().putHeader("Retry-After", Long.toString(seconds));
            problem.put("limit", limited.limit());
        }
        send(ctx, status, problem);
    }

    static void answer(RoutingContext ctx, int status, String code, String title, String detail) {
        send(ctx, status, problem(ctx, status, code, title, detail));
    }

    private static JsonObject problem(RoutingContext ctx, int status, String code, String title, String detail) {
        return new JsonObject()
                .put("type", TYPE_BASE + code)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", safePath(ctx))
                .put("correlationId", CorrelationIds.of(ctx));
    }

    private static void send(RoutingContext ctx, int status, JsonObject problem) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", CONTENT_TYPE).end(problem.encode());
    }

    private static String titleOf(String code) {
        String words = code.replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /**
     * The request's path as it may be shown and logged: a webhook URL can carry the bot's secret, so webhook paths are
     * named by their route template, never as sent.
     */
    static String safePath(RoutingContext ctx) {
        String path = ctx.request().path();
        if (path != null && path.startsWith("/webhook/")) {
            String route = ctx.get(Api.ROUTE_KEY);
            return route != null ? route : "/webhook/…";
        }
        return path == null ? "" : path;
    }
}
