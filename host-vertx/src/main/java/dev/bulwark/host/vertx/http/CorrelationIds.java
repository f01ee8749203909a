package dev.bulwark.host.vertx.http;

import dev.bulwark.ports.driven.system.IdGenerator;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/**
 * {@code X-Correlation-Id}: taken from the request when it is a sane token, created otherwise, returned on
 * every response and put in every log line of the request.
 */
final class CorrelationIds {
    static final String HEADER = "X-Correlation-Id";
    static final String MDC_KEY = "correlationId";
    private static final String KEY = "bulwark.correlationId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private CorrelationIds() {
    }

    static void install(Router router, IdGenerator ids) {
        router.route().order(-1_000).handler(ctx -> {
            String given = ctx.request().getHeader(HEADER);
            String id = given != null && SANE.matcher(given).matches() ? given : ids.newId().toString();
            ctx.put(KEY, id);
            ctx.response().putHeader(HEADER, id);
            ctx.next();
        });
    }

    static String of(RoutingContext ctx) {
        String id = ctx.get(KEY);
        return id != null ? id : "none";
    }
}
