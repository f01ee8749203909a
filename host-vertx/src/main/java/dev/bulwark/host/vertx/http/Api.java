package dev.bulwark.host.vertx.http;

import dev.bulwark.ports.driving.accounts.ManageAccounts;
import dev.bulwark.ports.driving.accounts.Principal;
import dev.bulwark.ports.errors.Invalid;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Registers the {@link Operation}s under {@code /api/v1}. For each request, on the event loop: read the credentials
 * and the body; then on a virtual thread: authenticate (and check CSRF), bind the body to the command (unknown
 * fields, wrong types and bad JSON are 400), run the use case (the runtime validates the command); back on the
 * event loop: answer JSON, or Problem+JSON through the failure handler.
 */
final class Api {
    static final String PREFIX = "/api/v1";
    static final String ROUTE_KEY = "bulwark.route";
    /** An answer a use case wants to shape itself: cookies, a status (the sign-in). */
    @FunctionalInterface
    interface Custom {
        void answer(RoutingContext ctx);
    }

    private Api() {
    }

    static void install(Router router, List<Operation> operations, ManageAccounts accounts, UseCases useCases) {
        for (Operation operation : operations) {
            router.route(operation.method(), PREFIX + operation.path()).handler(ctx -> handle(ctx, operation, accounts, useCases));
        }
    }

    private static void handle(RoutingContext ctx, Operation operation, ManageAccounts accounts, UseCases useCases) {
        ctx.put(ROUTE_KEY, PREFIX + operation.path());
        Auth.Presented presented = Auth.presented(ctx);
        byte[] body = ctx.body() != null && ctx.body().buffer() != null ? ctx.body().buffer().getBytes() : new byte[0];
        if (operation.body() != null && !isJson(ctx)) {
            Problems.answer(ctx, 415, "unsupported-media-type", "Unsupported Media Type",
                    "Send the body as application/json.");
            return;
        }
        Map<String, String> pathParams = Map.copyOf(ctx.pathParams());
        Map<String, String> query = firstValues(ctx.queryParams());
        String ip = ctx.request().remoteAddress() != null ? ctx.request().remoteAddress().hostAddress() : null;
        String userAgent = ctx.request().getHeader("User-Agent");
        String correlationId = CorrelationIds.of(ctx);
        useCases.run(ctx, () -> {
            Principal principal = operation.authenticated() ? Auth.authenticate(accounts, presented) : null;
            Record command = operation.body() != null ? CommandBinder.bind(JsonReader.readObject(body), operation.body()) : null;
            Call call = new Call(principal, command, pathParams, query, ip, userAgent, correlationId);
            return new Answer(operation.action().run(call));
        }, (c, answer) -> send(c, operation, answer.value()));
    }

    private record Answer(@Nullable Object value) {
    }

    private static boolean isJson(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        return type != null && type.toLowerCase(java.util.Locale.ROOT).strip().startsWith("application/json");
    }

    private static Map<String, String> firstValues(MultiMap params) {
        Map<String, String> first = new LinkedHashMap<>();
        params.forEach(entry -> first.putIfAbsent(entry.getKey(), entry.getValue()));
        return Map.copyOf(first);
    }

    static void send(RoutingContext ctx, Operation operation, @Nullable Object value) {
        if (value instanceof Custom custom) {
            custom.answer(ctx);
            return;
        }
        ctx.response().putHeader("Cache-Control", "no-store");
        if (value == null) {
            ctx.response().setStatusCode(operation.status() == 200 ? 204 : operation.status()).end();
            return;
        }
        Object json = JsonViews.value(value instanceof Collection<?> c ? List.copyOf(c) : value);
        String encoded = json instanceof JsonObject o ? o.encode() : json instanceof JsonArray a ? a.encode()
                : new JsonObject().put("value", json).encode();
        ctx.response().setStatusCode(operation.status()).putHeader("Content-Type", "application/json").end(encoded);
    }

    static Invalid invalid(String field, String message) {
        return new Invalid("1 field is invalid", List.of(new Invalid.FieldError(field, message)));
    }
}
