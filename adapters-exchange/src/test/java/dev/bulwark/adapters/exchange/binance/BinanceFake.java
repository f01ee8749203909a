package dev.bulwark.adapters.exchange.binance;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Binance's REST API on 127.0.0.1 and a free port, as strict as Binance about signed requests: it recomputes the
 * HMAC-SHA256 of the parameter string (query string then body) with the account's secret and refuses a mismatch
 * with -1022, refuses an unknown X-MBX-APIKEY with -2015, and checks the timestamp against its own clock and the
 * recvWindow with -1021 — so a request signed or timed wrongly fails the test. It records every request (method,
 * path, raw query, raw body, headers, decoded parameters) and answers each "METHOD path" as the test says.
 */
final class BinanceFake implements AutoCloseable {
    static final Set<String> PUBLIC = Set.of("/api/v3/time", "/api/v3/exchangeInfo", "/api/v3/ticker/price",
            "/fapi/v1/time", "/fapi/v1/exchangeInfo", "/fapi/v1/ticker/price");

    record Request(String method, String path, String rawQuery, String body, Map<String, List<String>> headers,
            Map<String, String> params) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    record Reply(int status, String body, Map<String, String> headers, Duration delay) {
        static Reply json(int status, String body) {
            return new Reply(status, body, Map.of("Content-Type", "application/json"), Duration.ZERO);
        }

        static Reply ok(String body) {
            return json(200, body);
        }

        static Reply error(int status, int code, String msg) {
            return json(status, "{\"code\":" + code + ",\"msg\":\"" + msg + "\"}");
        }

        Reply header(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Reply(status, body, more, delay);
        }

        Reply after(Duration wait) {
            return new Reply(status, body, headers, wait);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Function<Request, Reply>> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final String apiKey;
    private final String secret;
    private final LongSupplier clientClockMillis;
    /** How far the fake's own clock runs ahead of the client's. */
    final AtomicLong serverAheadMillis = new AtomicLong();

    BinanceFake(String apiKey, String secret, LongSupplier clientClockMillis) {
        this.apiKey = apiKey;
        this.secret = secret;
        this.clientClockMillis = clientClockMillis;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        on("GET /api/v3/time", request -> Reply.ok("{\"serverTime\":" + serverTime() + "}"));
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    long serverTime() {
        return clientClockMillis.getAsLong() + serverAheadMillis.get();
    }

    BinanceFake on(String route, Reply reply) {
        return on(route, request -> reply);
    }

    BinanceFake on(String route, Function<Request, Reply> handler) {
        routes.put(route, handler);
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(String route) {
        return requests.stream().filter(r -> (r.method() + " " + r.path()).equals(route)).toList();
    }

    Request last(String route) {
        return requests(route).getLast();
    }

    void forget() {
        requests.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String rawQuery = Objects.requireNonNullElse(exchange.getRequestURI().getRawQuery(), "");
            Map<String, String> params = new LinkedHashMap<>(decode(rawQuery));
            params.putAll(decode(body));
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), rawQuery, body,
                    Map.copyOf(exchange.getRequestHeaders()), params);
            requests.add(request);
            Reply reply = refusal(request);
            if (reply == null) {
                Function<Request, Reply> route = routes.get(request.method() + " " + request.path());
                reply = route == null ? new Reply(404, "<html>no such route</html>", Map.of("Content-Type", "text/html"),
                        Duration.ZERO) : route.apply(request);
            }
            if (!reply.delay().isZero()) {
                try {
                    Thread.sleep(reply.delay());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (IOException e) {
            // the client gave up (a timeout test): nothing to answer
        }
    }

    /** Binance's own checks of a signed request, before any route sees it. */
    private Reply refusal(Request request) {
        if (PUBLIC.contains(request.path())) {
            return null;
        }
        if (!apiKey.equals(request.header("X-MBX-APIKEY"))) {
            return Reply.error(401, -2015, "Invalid API-key, IP, or permissions for action.");
        }
        String query = request.rawQuery();
        String body = request.body();
        String signature = request.params().get("signature");
        if (signature == null) {
            return Reply.error(400, -1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.");
        }
        String payload = strip(query) + strip(body);
        if (!hmac(secret, payload).equalsIgnoreCase(signature)) {
            return Reply.error(400, -1022, "Signature for this request is not valid.");
        }
        long timestamp = Long.parseLong(request.params().get("timestamp"));
        long recvWindow = Long.parseLong(request.params().getOrDefault("recvWindow", "5000"));
        long now = serverTime();
        if (!(timestamp < now + 1000 && now - timestamp <= recvWindow)) {
            return Reply.error(400, -1021, "Timestamp for this request is outside of the recvWindow.");
        }
        return null;
    }

    private static String strip(String parameters) {
        int at = parameters.indexOf("signature=");
        if (at < 0) {
            return parameters;
        }
        String before = parameters.substring(0, at);
        return before.endsWith("&") ? before.substring(0, before.length() - 1) : before;
    }

    static String hmac(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> decode(String raw) {
        Map<String, String> decoded = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return decoded;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            decoded.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return decoded;
    }

    static String resource(String name) {
        try (InputStream in = BinanceFake.class.getResourceAsStream("/dev/bulwark/adapters/exchange/binance/" + name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
