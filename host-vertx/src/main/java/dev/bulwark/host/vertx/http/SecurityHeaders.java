package dev.bulwark.host.vertx.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.CorsHandler;
import java.util.List;
import java.util.Set;

/**
 * Headers every answer carries: no sniffing, no framing (clickjacking), a strict content security policy (scripts
 * and styles from this server only, images also as {@code data:} for QR codes), no referrer, and HSTS when clients
 * reach the server over TLS. Cross-origin calls are allowed only from the configured origins (none by default).
 */
final class SecurityHeaders {
    static final String CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; "
            + "base-uri 'none'; form-action 'self'";

    private SecurityHeaders() {
    }

    static void install(Router router, boolean tls, List<String> corsOrigins) {
        router.route().order(-950).handler(ctx -> {
            var headers = ctx.response().headers();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Content-Security-Policy", CSP);
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("Cross-Origin-Opener-Policy", "same-origin");
            if (tls) {
                headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
            }
            ctx.next();
        });
        if (!corsOrigins.isEmpty()) {
            router.route().order(-940).handler(CorsHandler.create().addOrigins(corsOrigins).allowCredentials(true)
                    .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE))
                    .allowedHeaders(Set.of("Authorization", "Content-Type", Auth.CSRF_HEADER, CorrelationIds.HEADER,
                            Auth.WORKSPACE_HEADER, "Last-Event-ID"))
                    .exposedHeaders(Set.of(CorrelationIds.HEADER, "Retry-After")).maxAgeSeconds(600));
        }
    }
}
