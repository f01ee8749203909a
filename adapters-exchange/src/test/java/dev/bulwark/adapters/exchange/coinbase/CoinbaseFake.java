package dev.bulwark.adapters.exchange.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.bulwark.ports.driven.system.TimeSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Coinbase Advanced Trade on 127.0.0.1. Every request must carry a JWT that verifies with the key's PUBLIC key
 * (ES256, raw R||S) and whose header and claims are as Coinbase's SDK makes them (alg, kid, nonce, typ; iss cdp,
 * sub the key name, nbf now by the test clock, exp nbf + 120, uri "METHOD host:port/path"); anything else is
 * answered 401 as Coinbase does. It keeps orders (create, list, get, batch cancel) and serves documented bodies.
 */
final class CoinbaseFake implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    record Request(String method, String path, Map<String, String> query, JsonNode body, JsonNode jwtHeader,
            JsonNode jwtClaims) {
    }

    record Reply(int status, String body, Map<String, String> headers, Duration delay, int cutAfter) {
        static Reply ok(String body) {
            return new Reply(200, body, Map.of("Content-Type", "application/json"), Duration.ZERO, -1);
        }

        static Reply of(int status, String body) {
            return new Reply(status, body, Map.of("Content-Type", "application/json"), Duration.ZERO, -1);
        }

        Reply after(Duration wait) {
            return new Reply(status, body, headers, wait, cutAfter);
        }

        Reply header(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Reply(status, body, more, delay, cutAfter);
        }

        Reply cutAfter(int bytes) {
            return new Reply(status, body, headers, delay, bytes);
        }
    }

    private final String keyName;
    private final PublicKey publicKey;
    private final TimeSource clock;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Function<Request, Reply>> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private final Map<String, ObjectNode> orders = new LinkedHashMap<>();
    private final Set<String> nonces = ConcurrentHashMap.newKeySet();
    private final AtomicInteger ids = new AtomicInteger();

    private CoinbaseFake(String keyName, PublicKey publicKey, TimeSource clock) throws IOException {
        this.keyName = keyName;
        this.publicKey = publicKey;
        this.clock = clock;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static CoinbaseFake start(String keyName, PublicKey publicKey, TimeSource clock) {
        try {
            return new CoinbaseFake(keyName, publicKey, clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    CoinbaseFake on(String path, Function<Request, Reply> handler) {
        routes.put(path, handler);
        return this;
    }

    CoinbaseFake on(String path, Reply reply) {
        return on(path, request -> reply);
    }

    void off(String path) {
        routes.remove(path);
    }

    List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    Request last(String path) {
        return requests(path).getLast();
    }

    /** Why requests were refused with 401: empty when every token was right. */
    List<String> refusals() {
        return List.copyOf(refusals);
    }

    synchronized int orderCount() {
        return orders.size();
    }

    synchronized void putOrder(ObjectNode order) {
        orders.put(order.path("order_id").asText(), order);
    }

    synchronized void setStatus(String clientOrderId, String status) {
        orders.values().stream().filter(o -> o.path("client_order_id").asText().equals(clientOrderId))
                .forEach(o -> o.put("status", status));
    }

    static String resource(String name) {
        try (InputStream in = CoinbaseFake.class.getResourceAsStream("/dev/bulwark/adapters/exchange/coinbase/" + name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String raw;
            try (InputStream in = exchange.getRequestBody()) {
                raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            URI uri = exchange.getRequestURI();
            String method = exchange.getRequestMethod();
            JsonNode[] jwt = new JsonNode[2];
            String refusal = verify(method, uri.getPath(), exchange.getRequestHeaders().getFirst("Authorization"), jwt);
            Request request = new Request(method, uri.getPath(), decode(uri.getRawQuery()),
                    raw.isBlank() ? JSON.createObjectNode() : JSON.readTree(raw), jwt[0], jwt[1]);
            requests.add(request);
            Reply reply;
            if (refusal != null) {
                refusals.add(refusal);
                reply = Reply.of(401, "{\"error\":\"UNAUTHENTICATED\",\"message\":\"Unauthorized\"}");
            } else {
                reply = answer(request);
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
                OutputStream out = exchange.getResponseBody();
                if (reply.cutAfter() >= 0) {
                    out.write(bytes, 0, Math.min(reply.cutAfter(), bytes.length));
                    out.flush();
                    return;
                }
                out.write(bytes);
            }
        } catch (IOException e) {
            // a cut connection or a client that gave up
        }
    }

    /** Null when the token is right, else why not. */
    private String verify(String method, String path, String authorization, JsonNode[] decoded) {
        try {
            if (authorization == null || !authorization.startsWith("Bearer ")) {
                return "no bearer token";
            }
            String[] parts = authorization.substring(7).split("\\.");
            if (parts.length != 3) {
                return "not a JWS";
            }
            Base64.Decoder url = Base64.getUrlDecoder();
            JsonNode header = JSON.readTree(url.decode(parts[0]));
            JsonNode claims = JSON.readTree(url.decode(parts[1]));
            decoded[0] = header;
            decoded[1] = claims;
            byte[] signature = url.decode(parts[2]);
            if (signature.length != 64) {
                return "signature is not raw R||S (" + signature.length + " bytes)";
            }
            Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
            verifier.initVerify(publicKey);
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(signature)) {
                return "signature does not verify";
            }
            if (!"ES256".equals(header.path("alg").asText()) || !keyName.equals(header.path("kid").asText())
                    || !"JWT".equals(header.path("typ").asText()) || header.path("nonce").asText().length() < 16) {
                return "header " + header;
            }
            if (!nonces.add(header.path("nonce").asText())) {
                return "nonce reused";
            }
            long now = clock.now().getEpochSecond();
            if (!"cdp".equals(claims.path("iss").asText()) || !keyName.equals(claims.path("sub").asText())
                    || claims.path("nbf").asLong() != now || claims.path("exp").asLong() != now + 120) {
                return "claims " + claims;
            }
            if (!(method + " " + host() + path).equals(claims.path("uri").asText())) {
                return "uri " + claims.path("uri").asText();
            }
            return null;
        } catch (Exception e) {
            return "unreadable token: " + e;
        }
    }

    private Reply answer(Request request) {
        Function<Request, Reply> route = routes.get(request.path());
        if (route != null) {
            Reply reply = route.apply(request);
            if (reply != null) {
                return reply;
            }
        }
        String path = request.path();
        if (path.equals("/api/v3/brokerage/accounts")) {
            return Reply.ok(resource("accounts.json"));
        }
        if (path.equals("/api/v3/brokerage/key_permissions")) {
            return Reply.ok("{\"can_view\":true,\"can_trade\":true,\"can_transfer\":false,"
                    + "\"portfolio_uuid\":\"8bfc20d7-f7c6-4422-bf07-8243ca4169fe\",\"portfolio_type\":\"DEFAULT\"}");
        }
        if (path.equals("/api/v3/brokerage/products/BTC-USD")) {
            return Reply.ok(resource("product.json"));
        }
        if (path.startsWith("/api/v3/brokerage/products/")) {
            return Reply.of(404, "{\"error\":\"NOT_FOUND\",\"error_details\":\"ProductID is invalid\",\"message\":\"ProductID is invalid\"}");
        }
        if (path.equals("/api/v3/brokerage/orders") && request.method().equals("POST")) {
            return createOrder(request);
        }
        if (path.equals("/api/v3/brokerage/orders/historical/batch")) {
            return listOrders(request);
        }
        if (path.equals("/api/v3/brokerage/orders/batch_cancel")) {
            return cancel(request);
        }
        if (path.equals("/api/v3/brokerage/orders/historical/fills")) {
            return Reply.ok(resource("fills.json"));
        }
        if (path.startsWith("/api/v3/brokerage/orders/historical/")) {
            return getOrder(path.substring("/api/v3/brokerage/orders/historical/".length()));
        }
        return Reply.of(404, "{\"error\":\"NOT_FOUND\",\"message\":\"no route\"}");
    }

    synchronized Reply createOrder(Request request) {
        JsonNode body = request.body();
        String clientId = body.path("client_order_id").asText();
        String orderId = "0000-000000-" + String.format("%06d", ids.incrementAndGet());
        ObjectNode order = JSON.createObjectNode();
        order.put("order_id", orderId).put("product_id", body.path("product_id").asText()).put("user_id", "2222-000000-000000");
        order.set("order_configuration", body.path("order_configuration").deepCopy());
        order.put("side", body.path("side").asText()).put("client_order_id", clientId).put("status", "OPEN")
                .put("time_in_force", "GOOD_UNTIL_CANCELLED").put("created_time", "2024-01-15T10:00:00Z")
                .put("completion_percentage", "0").put("filled_size", "0").put("average_filled_price", "0")
                .put("fee", "0").put("number_of_fills", "0").put("filled_value", "0").put("pending_cancel", false)
                .put("size_in_quote", false).put("total_fees", "0").put("order_type", "LIMIT").put("product_type", "SPOT");
        order.putNull("last_fill_time");
        orders.put(orderId, order);
        ObjectNode reply = JSON.createObjectNode();
        reply.put("success", true);
        reply.putObject("success_response").put("order_id", orderId).put("product_id", body.path("product_id").asText())
                .put("side", body.path("side").asText()).put("client_order_id", clientId);
        reply.set("order_configuration", body.path("order_configuration").deepCopy());
        return Reply.ok(reply.toString());
    }

    private synchronized Reply listOrders(Request request) {
        String product = request.query().get("product_ids");
        String status = request.query().get("order_status");
        ObjectNode reply = JSON.createObjectNode();
        ArrayNode list = reply.putArray("orders");
        orders.values().forEach(order -> {
            if ((product == null || product.equals(order.path("product_id").asText()))
                    && (status == null || status.equals(order.path("status").asText()))) {
                list.add(order);
            }
        });
        reply.put("sequence", "0").put("has_next", false).put("cursor", "");
        return Reply.ok(reply.toString());
    }

    private synchronized Reply getOrder(String orderId) {
        ObjectNode order = orders.get(orderId);
        if (order == null) {
            return Reply.of(404, "{\"error\":\"NOT_FOUND\",\"message\":\"order not found\"}");
        }
        return Reply.ok("{\"order\":" + order + "}");
    }

    private synchronized Reply cancel(Request request) {
        ObjectNode reply = JSON.createObjectNode();
        ArrayNode results = reply.putArray("results");
        for (JsonNode id : request.body().path("order_ids")) {
            ObjectNode order = orders.get(id.asText());
            boolean open = order != null && order.path("status").asText().equals("OPEN");
            if (open) {
                order.put("status", "CANCELLED");
            }
            results.addObject().put("success", open)
                    .put("failure_reason", open ? "UNKNOWN_CANCEL_FAILURE_REASON" : "UNKNOWN_CANCEL_ORDER")
                    .put("order_id", id.asText());
        }
        return Reply.ok(reply.toString());
    }

    private static Map<String, String> decode(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            values.put(URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(equals < 0 ? "" : pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
