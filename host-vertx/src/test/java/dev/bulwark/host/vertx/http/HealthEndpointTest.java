package dev.bulwark.host.vertx.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.host.embedded.BulwarkRuntime;
import dev.bulwark.host.embedded.RuntimeSettings;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server in this JVM on a free port, spoken to over real HTTP. */
class HealthEndpointTest {
    private static final AtomicReference<Instant> CLOCK = new AtomicReference<>(Instant.parse("2026-11-21T08:00:00Z"));
    private static final UUID FIXED_ID = UUID.fromString("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
    private static BulwarkRuntime runtime;
    private static BulwarkServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        runtime = BulwarkRuntime.builder().settings(RuntimeSettings.inMemory(java.nio.file.Path.of("target")))
                .time(CLOCK::get).ids(() -> FIXED_ID).start();
        server = BulwarkServer.start(runtime, "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.close();
        runtime.close();
    }

    @Test
    void healthAnswersUpWithTheStampedVersionAndUptime() throws Exception {
        CLOCK.set(CLOCK.get().plusSeconds(42));

        HttpResponse<String> response = get("/health", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonObject body = new JsonObject(response.body());
        assertThat(body.getString("status")).isEqualTo("UP");
        assertThat(body.getString("version")).isEqualTo(runtime.buildInfo().version()).isNotBlank();
        assertThat(body.getLong("uptimeSeconds")).isEqualTo(42L);
    }

    @Test
    void aCorrelationIdIsCreatedWhenNoneIsGiven() throws Exception {
        assertThat(get("/health", null).headers().firstValue("X-Correlation-Id")).hasValue(FIXED_ID.toString());
    }

    @Test
    void aSaneCorrelationIdIsEchoedAndAnInsaneOneReplaced() throws Exception {
        assertThat(get("/health", "req-123.abc").headers().firstValue("X-Correlation-Id")).hasValue("req-123.abc");
        assertThat(get("/health", "<script>alert(1)</script>").headers().firstValue("X-Correlation-Id"))
                .hasValue(FIXED_ID.toString());
    }

    @Test
    void anUnknownPathIsAProblemJson404WithTheCorrelationId() throws Exception {
        HttpResponse<String> response = get("/no/such/thing", "trace-1");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonObject problem = new JsonObject(response.body());
        assertThat(problem.getString("type")).isEqualTo("https://bulwark.dev/problems/not-found");
        assertThat(problem.getInteger("status")).isEqualTo(404);
        assertThat(problem.getString("correlationId")).isEqualTo("trace-1");
        assertThat(problem.getString("instance")).isEqualTo("/no/such/thing");
    }

    @Test
    void aWrongMethodIsAProblemJson405() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/health"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(new JsonObject(response.body()).getString("type")).isEqualTo("https://bulwark.dev/problems/method-not-allowed");
    }

    private static HttpResponse<String> get(String path, String correlationId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (correlationId != null) {
            request.header("X-Correlation-Id", correlationId);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
