package dev.bulwark.host.vertx.http;

import dev.bulwark.ports.driving.signals.ReceiveSignals;
import dev.bulwark.ports.driving.signals.WebhookAck;
import dev.bulwark.ports.driving.signals.WebhookRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The webhook door: {@code POST /webhook/{botId}/{secret}} (TradingView can set only a URL and a body) and
 * {@code POST /webhook/{botId}} with the secret in the body's {@code secret} field or an {@code X-Bulwark-Signature}
 * header. It reads the body as it came (JSON as {@code application/json}, anything else TradingView sends as
 * {@code text/plain}) and hands it to {@link ReceiveSignals}, which answers only once the signal is committed.
 * The answer is {@code 200 {"received":true,"signalId","duplicate"}}; failures are Problem+JSON (404 for an unknown
 * bot or a wrong secret alike, 400, 401, 413, 415, 429 with Retry-After). The secret in the path is never logged:
 * the route template, not the path, names the request in metrics and logs.
 */
final class WebhookRoutes {
    static final String ROUTE = "/webhook/:bot_id";
    static final String ROUTE_WITH_SECRET = "/webhook/:bot_id/:secret";

    private WebhookRoutes() {
    }

    static void install(Router router, ReceiveSignals receive, UseCases useCases, MeterRegistry meters) {
        Map<String, Counter> outcomes = new ConcurrentHashMap<>();
        BodyHandler body = BodyHandler.create(false).setBodyLimit(64 * 1024);
        router.post("/webhook/*").order(-800).handler(body);
        router.post(ROUTE_WITH_SECRET).handler(ctx -> handle(ctx, receive, useCases, ctx.pathParam("secret"), ROUTE_WITH_SECRET, outcomes, meters));
        router.post(ROUTE).handler(ctx -> handle(ctx, receive, useCases, null, ROUTE, outcomes, meters));
    }

    private static void handle(RoutingContext ctx, ReceiveSignals receive, UseCases useCases, String pathSecret,
                               String route, Map<String, Counter> outcomes, MeterRegistry meters) {
        ctx.put(Api.ROUTE_KEY, route);
        ctx.addEndHandler(v -> outcomes.computeIfAbsent(outcomeOf(ctx.response().getStatusCode()),
                o -> Counter.builder("bulwark_webhooks").tag("outcome", o).description("webhook requests by outcome")
                        .register(meters)).increment());
        String type = ctx.request().getHeader("Content-Type");
        String media = type == null ? "" : type.toLowerCase(Locale.ROOT).split(";", 2)[0].strip();
        if (!media.isEmpty() && !media.equals("application/json") && !media.equals("text/plain")) {
            Problems.answer(ctx, 415, "unsupported-media-type", "Unsupported Media Type",
                    "Send the alert as application/json or text/plain.");
            return;
        }
        String text = ctx.body() == null || ctx.body().buffer() == null ? ""
                : ctx.body().buffer().toString(StandardCharsets.UTF_8);
        String ip = ctx.request().remoteAddress() != null ? ctx.request().remoteAddress().hostAddress() : null;
        WebhookRequest request = new WebhookRequest(ctx.pathParam("bot_id"), pathSecret,
                ctx.request().getHeader("X-Bulwark-Signature"), text, media.isEmpty() ? null : media, ip);
        useCases.run(ctx, () -> receive.receive(request), WebhookRoutes::answer);
    }

    private static void answer(RoutingContext ctx, WebhookAck ack) {
        ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                .end(new JsonObject().put("received", true).put("signalId", ack.signalId().toString())
                        .put("duplicate", ack.duplicate()).encode());
    }

    private static String outcomeOf(int status) {
        return switch (status) {
            case 200 -> "accepted";
            case 400 -> "invalid";
            case 401 -> "unauthorized";
            case 404 -> "unknown";
            case 413 -> "too-large";
            case 415 -> "wrong-type";
            case 429 -> "rate-limited";
            default -> status >= 500 ? "error" : "other";
        };
    }
}
