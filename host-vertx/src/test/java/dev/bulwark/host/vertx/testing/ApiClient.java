package dev.bulwark.host.vertx.testing;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A plain HTTP client for system tests; remembers every answer so a test can check none leaked a secret. */
public final class ApiClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final List<String> seen = new ArrayList<>();

    public ApiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** What one call answered. */
    public record Answer(int status, String body, HttpResponse<String> response) {
        public JsonObject json() {
            return new JsonObject(body);
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        public List<String> cookies() {
            return response.headers().allValues("Set-Cookie");
        }
    }

    /** Creates the first user with the server's setup token and signs in: the session's token. */
    public String firstUser(String setupToken, String email, String password) {
        Answer created = post("/api/v1/accounts", null, new JsonObject().put("email", email).put("password", password)
                .put("setupToken", setupToken).encode());
        if (created.status() != 201) {
            throw new AssertionError("the first user was not created: " + created.status() + " " + created.body());
        }
        return post("/api/v1/sessions", null, new JsonObject().put("email", email).put("password", password).encode())
                .json().getString("token");
    }

    /** A crypto bot on a paper account of its own, buying {@code units} a signal: its id and its webhook path. */
    public PaperBot paperBot(String token, String name, String units) {
        String account = post("/api/v1/venue-accounts", token, new JsonObject().put("venue", "paper")
                .put("label", name).put("environment", "PAPER").encode()).json().getString("id");
        Answer created = post("/api/v1/bots", token, new JsonObject().put("name", name).put("assetType", "CRYPTO")
                .put("account", account).put("mode", "PAPER")
                .put("sizing", new JsonObject().put("kind", "FIXED_UNITS").put("amount", units)).encode());
        if (created.status() != 201) {
            throw new AssertionError("the bot was not created: " + created.status() + " " + created.body());
        }
        String id = created.json().getJsonObject("bot").getString("id");
        return new PaperBot(id, "/webhook/" + id + "/" + created.json().getString("webhookSecret"));
    }

    /** A bot made by {@link #paperBot}: its id, and its webhook's path with the secret in it. */
    public record PaperBot(String id, String webhook) {
    }

    public Answer get(String path, @Nullable String token) {
        return send("GET", path, token, null, "application/json", new String[0]);
    }

    public Answer post(String path, @Nullable String token, @Nullable String body) {
        return send("POST", path, token, body, "application/json", new String[0]);
    }

    public Answer send(String method, String path, @Nullable String token, @Nullable String body, @Nullable String contentType,
                       String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null && contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            synchronized (seen) {
                seen.add(response.headers().map() + "\n" + response.body());
            }
            return new Answer(response.statusCode(), response.body(), response);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every answer so far, headers and body. */
    public List<String> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    public HttpClient http() {
        return http;
    }

    public String base() {
        return base;
    }

    /**
     * Reads the signal's receipt every 50 ms until its status is one of {@code statuses} and answers it; fails the
     * test when {@code within} passes first, saying what the receipt last was.
     */
    public JsonObject awaitSignal(String token, String signalId, Duration within, String... statuses)
            throws InterruptedException {
        List<String> wanted = List.of(statuses);
        long deadline = System.nanoTime() + within.toNanos();
        JsonObject receipt = null;
        while (System.nanoTime() < deadline) {
            Answer answer = get("/api/v1/signals/" + signalId, token);
            if (answer.status() == 200) {
                receipt = answer.json();
                if (wanted.contains(receipt.getJsonObject("signal").getString("status"))) {
                    return receipt;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("signal " + signalId + " did not reach " + String.join("/", statuses) + " within "
                + within + ": " + receipt);
    }
}
