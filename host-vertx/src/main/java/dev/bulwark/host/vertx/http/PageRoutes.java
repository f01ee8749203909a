package dev.bulwark.host.vertx.http;

import dev.bulwark.ports.driving.health.CheckReadiness;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.Map;

/**
 * The small fixed routes: readiness for a load balancer, the OpenAPI document and its docs page, and the one-time
 * setup page the start-up link opens.
 */
final class PageRoutes {
    private PageRoutes() {
    }

    static void install(Router router, CheckReadiness readiness, UseCases useCases, List<Operation> operations, String version) {
        router.get("/ready").handler(ctx -> useCases.run(ctx, readiness::check, (c, report) -> c.response()
                .setStatusCode(report.ready() ? 200 : 503)
                .putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                .end(new JsonObject().put("status", report.ready() ? "READY" : "NOT_READY")
                        .put("database", report.database()).put("jobQueue", report.jobQueue())
                        .put("queueDepth", report.queueDepth()).put("queueLagSeconds", report.queueLag().toSeconds())
                        .put("deadJobs", report.deadJobs()).put("problem", report.problem()).encode())));
        Map<String, Object> document = OpenApi.document(operations, version);
        String yaml = OpenApi.yaml(document);
        router.get("/api/openapi.yaml").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/yaml; charset=utf-8").end(yaml));
        String docs = docsPage(operations, version);
        router.get("/api/docs").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(docs));
        router.get("/setup").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Cache-Control", "no-store").end(SETUP_PAGE));
        router.get("/setup.js").handler(ctx -> ctx.response().putHeader("Content-Type", "text/javascript; charset=utf-8")
                .end(SETUP_SCRIPT));
    }

    private static String docsPage(List<Operation> operations, String version) {
        StringBuilder rows = new StringBuilder();
        for (Operation op : operations) {
            rows.append("<tr><td><code>").append(op.method().name()).append("</code></td><td><code>")
                    .append(escape(Api.PREFIX + op.path().replaceAll(":([a-z_]+)", "{$1}"))).append("</code></td><td>")
                    .append(escape(op.summary())).append("</td><td>")
                    .append(op.body() == null ? "" : "<code>" + escape(OpenApi.schemaName(op.body())) + "</code>")
                    .append("</td><td>").append(op.authenticated() ? "signed in" : "open").append("</td></tr>\n");
        }
        return """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bulwark API</title></head>
                <body><h1>Bulwark API %s</h1>
                <p>The machine-readable document: <a href="/api/openapi.yaml">/api/openapi.yaml</a> (OpenAPI 3.1, with every
                field's constraints). Authenticate with <code>Authorization: Bearer &lt;token&gt;</code> (a session token
                from <code>POST /api/v1/sessions</code> or an API key), or the session cookie plus
                <code>X-CSRF-Token</code> on requests that change something. Errors are RFC 9457 Problem+JSON.
                Live events: <code>GET /api/v1/events</code> (Server-Sent Events, resumable with Last-Event-ID).</p>
                <table border="1" cellpadding="4"><tr><th>Method</th><th>Path</th><th>What</th><th>Body</th><th>Access</th></tr>
                %s</table></body></html>
                """.formatted(escape(version), rows);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final String SETUP_PAGE = """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bulwark setup</title>
            <script src="/setup.js" defer></script></head>
            <body><h1>Set up Bulwark</h1>
            <p>Create the first account of this instance. The link that brought you here works once.</p>
            <form id="setup"><label>Email <input name="email" type="email" required></label><br>
            <label>Password (12 characters or more) <input name="password" type="password" minlength="12" required></label><br>
            <button type="submit">Create account</button></form><p id="result" role="status"></p></body></html>
            """;

    private static final String SETUP_SCRIPT = """
            document.getElementById('setup').addEventListener('submit', async (event) => {
              event.preventDefault();
              const form = new FormData(event.target);
              const setupToken = new URLSearchParams(location.search).get('token');
              const answer = await fetch('/api/v1/accounts', {method: 'POST', headers: {'Content-Type': 'application/json'},
                body: JSON.stringify({email: form.get('email'), password: form.get('password'), setupToken})});
              const body = await answer.json();
              document.getElementById('result').textContent = answer.ok ? 'Account created: sign in with it now.'
                : (body.detail + ' ' + (body.errors || []).map(e => e.field + ': ' + e.message).join('; '));
            });
            """;
}
