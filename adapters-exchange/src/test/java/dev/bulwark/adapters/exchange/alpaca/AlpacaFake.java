package dev.bulwark.adapters.exchange.alpaca;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Alpaca's trading (or data) API on 127.0.0.1: every request must carry the test key in {@code APCA-API-KEY-ID} and
 * the test secret in {@code APCA-API-SECRET-KEY} (Alpaca's whole authentication), else it is answered as Alpaca
 * answers an unknown key (401). It records every request (method, path, query, headers, body), answers routes as
 * the test says, and keeps a small order book so placing, finding and cancelling behave as on Alpaca.
 */
final class AlpacaFake implements AutoCloseable {
    static final String KEY = "PKTESTKEY0123456789AB";
    static final String SECRET = "s3cr3t-Alpaca-Secret-Value-0123456789abcdef";
    static final ObjectMapper JSON = new ObjectMapper();

    record Request(String method, String path, Map<String, String> query, Map<String, String> headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    record Reply(int status, String body, Map<String, String> headers, Duration delay, int cutAfter) {
        static Reply json(int status, String body) {
            return new Reply(status, body, Map.of("Content-Type", "application/json"), Duration.ZERO, -1);
        }

        static Reply text500() {
            return new Reply(500, "<html>internal error</html>", Map.of("Content-Type", "text/html"), Duration.ZERO, -1);
        }

        static Reply ok(String body) {
            return json(200, body);
        }

        static Reply error(int status, long code, String message) {
            ObjectNode node = JSON.createObjectNode().put("code", code).put("message", message);
            return json(status, node.toString());
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

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Function<Request, Reply>> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    /** The order book: client order id to Alpaca's order object. */
    final Map<String, ObjectNode> orders = new ConcurrentHashMap<>();
    volatile Duration placementDelay = Duration.ZERO;
    /** What a DELETE leaves an order in: canceled at once, or pending_cancel as Alpaca often answers first. */
    volatile String cancelTo = "canceled";

    AlpacaFake() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        on("POST /v2/orders", this::placeOrder);
        on("GET /v2/orders:by_client_order_id", request -> {
            ObjectNode order = orders.get(request.query().getOrDefault("client_order_id", ""));
            return order == null ? Reply.error(404, 40410000, "order not found") : Reply.ok(unnested(order).toString());
        });
        on("DELETE /v2/orders/", request -> {
            String id = request.path().substring("/v2/orders/".length());
            ObjectNode order = orders.values().stream().filter(o -> o.path("id").asText().equals(id)).findFirst().orElse(null);
            if (order == null) {
                return Reply.error(404, 40410000, "order not found");
            }
            String status = order.path("status").asText();
            if (List.of("filled", "canceled", "expired", "rejected").contains(status)) {
                return Reply.error(422, 42210000, "order is not cancelable");
            }
            order.put("status", cancelTo);
            legsOf(order).forEach(leg -> leg.put("status", cancelTo)); // an OCO's leg goes with its parent
            return new Reply(204, "", Map.of(), Duration.ZERO, -1);
        });
        on("GET /v2/orders/", request -> {
            String id = request.path().substring("/v2/orders/".length());
            boolean nested = "true".equals(request.query().get("nested"));
            return orders.values().stream().filter(o -> o.path("id").asText().equals(id)).findFirst()
                    .map(o -> Reply.ok(nested ? withLegs(o).toString() : unnested(o).toString()))
                    .orElse(Reply.error(404, 40410000, "order not found"));
        });
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers {@code "METHOD /path"} (a path ending in '/' matches every path under it). */
    AlpacaFake on(String route, Reply reply) {
        return on(route, request -> reply);
    }

    AlpacaFake on(String route, Function<Request, Reply> handler) {
        routes.put(route, handler);
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    long count(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).count();
    }

    Request last(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).reduce((a, b) -> b).orElseThrow();
    }

    /** An order as Alpaca would keep it, from the documented example with the fields of {@code body}. */
    ObjectNode addOrder(String clientOrderId, String symbol, String side, String type, String qty, String status,
            String filledQty, String filledAvgPrice) {
        ObjectNode order = (ObjectNode) read(AlpacaGatewayTest.resource("order-notional-market.json"));
        order.put("id", UUID.nameUUIDFromBytes(clientOrderId.getBytes(StandardCharsets.UTF_8)).toString());
        order.put("client_order_id", clientOrderId);
        order.put("symbol", symbol);
        order.put("side", side);
        order.put("type", type);
        order.put("order_type", type);
        order.put("qty", qty);
        order.putNull("notional");
        order.put("status", status);
        order.put("filled_qty", filledQty);
        if (filledAvgPrice == null) {
            order.putNull("filled_avg_price");
        } else {
            order.put("filled_avg_price", filledAvgPrice);
        }
        orders.put(clientOrderId, order);
        return order;
    }

    /** The order's legs (an OCO parent's stop), the very objects kept in the book. */
    List<ObjectNode> legsOf(ObjectNode order) {
        List<ObjectNode> legs = new java.util.ArrayList<>();
        order.path("legs").forEach(leg -> legs.add(orders.get(leg.path("client_order_id").asText())));
        return legs;
    }

    /** The order as Alpaca answers it unless asked {@code nested=true}: its legs left out. */
    private ObjectNode unnested(ObjectNode order) {
        ObjectNode copy = order.deepCopy();
        copy.putNull("legs");
        return copy;
    }

    /** The order with its legs as they are now (the book keeps each leg as an order of its own too). */
    private ObjectNode withLegs(ObjectNode order) {
        ObjectNode copy = order.deepCopy();
        if (order.path("legs").isArray()) {
            copy.putArray("legs").addAll(legsOf(order));
        }
        return copy;
    }

    /**
     * An {@code oco} order as Alpaca's orders documentation describes it: a limit order at the take-profit's price
     * (the parent, under the client order id sent) and a stop order at the stop-loss's price (its leg, named by Alpaca).
     */
    private Reply placeOco(JsonNode body, String clientOrderId) {
        ObjectNode parent = (ObjectNode) read(AlpacaGatewayTest.resource("order-notional-market.json"));
        parent.put("id", UUID.nameUUIDFromBytes(clientOrderId.getBytes(StandardCharsets.UTF_8)).toString());
        parent.put("client_order_id", clientOrderId);
        ObjectNode leg = parent.deepCopy();
        String legClientId = UUID.nameUUIDFromBytes(("leg-" + clientOrderId).getBytes(StandardCharsets.UTF_8)).toString();
        leg.put("id", UUID.nameUUIDFromBytes(legClientId.getBytes(StandardCharsets.UTF_8)).toString());
        leg.put("client_order_id", legClientId);
        for (ObjectNode order : List.of(parent, leg)) {
            order.put("symbol", body.path("symbol").asText());
            order.put("side", body.path("side").asText());
            order.put("qty", body.path("qty").asText());
            order.putNull("notional");
            order.put("time_in_force", body.path("time_in_force").asText());
            order.put("order_class", "oco");
            order.put("status", "accepted");
        }
        parent.put("type", "limit");
        parent.put("order_type", "limit");
        parent.put("limit_price", body.path("take_profit").path("limit_price").asText());
        leg.put("type", "stop");
        leg.put("order_type", "stop");
        leg.put("stop_price", body.path("stop_loss").path("stop_price").asText());
        leg.put("status", "held"); // Alpaca holds the other leg of an OCO until one of them fills
        parent.putArray("legs").add(JSON.createObjectNode().put("client_order_id", legClientId)); // the book's link
        orders.put(clientOrderId, parent);
        orders.put(legClientId, leg);
        return Reply.ok(withLegs(parent).toString());
    }

    private Reply placeOrder(Request request) {
        JsonNode body = request.json();
        String clientOrderId = body.path("client_order_id").asText();
        if (orders.containsKey(clientOrderId)) {
            return Reply.error(422, 40010001, "client_order_id must be unique");
        }
        if ("oco".equals(body.path("order_class").asText())) {
            return placeOco(body, clientOrderId);
        }
        ObjectNode order = (ObjectNode) read(AlpacaGatewayTest.resource("order-notional-market.json"));
        order.put("id", UUID.nameUUIDFromBytes(clientOrderId.getBytes(StandardCharsets.UTF_8)).toString());
        order.put("client_order_id", clientOrderId);
        order.put("symbol", body.path("symbol").asText());
        order.put("side", body.path("side").asText());
        order.put("type", body.path("type").asText());
        order.put("order_type", body.path("type").asText());
        order.put("time_in_force", body.path("time_in_force").asText());
        for (String field : List.of("qty", "notional", "limit_price", "stop_price", "trail_price", "trail_percent")) {
            if (body.hasNonNull(field)) {
                order.put(field, body.get(field).asText());
            } else {
                order.putNull(field);
            }
        }
        order.put("extended_hours", body.path("extended_hours").asBoolean(false));
        order.put("status", "accepted");
        orders.put(clientOrderId, order);
        if (!placementDelay.isZero()) {
            try {
                Thread.sleep(placementDelay); // the order exists; the answer comes too late
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return Reply.ok(order.toString());
    }

    static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            URI uri = exchange.getRequestURI();
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            Request request = new Request(exchange.getRequestMethod(), uri.getPath(), query(uri.getRawQuery()), headers, body);
            requests.add(request);
            Reply reply;
            if (!KEY.equals(headers.get("apca-api-key-id")) || !SECRET.equals(headers.get("apca-api-secret-key"))) {
                reply = Reply.error(401, 40110000, "request is not authorized");
            } else {
                Function<Request, Reply> route = routes.get(request.method() + " " + request.path());
                if (route == null) {
                    route = routes.entrySet().stream()
                            .filter(e -> e.getKey().endsWith("/") && (request.method() + " " + request.path()).startsWith(e.getKey()))
                            .map(Map.Entry::getValue).findFirst().orElse(null);
                }
                reply = route == null ? new Reply(404, "<html>no such route</html>", Map.of("Content-Type", "text/html"), Duration.ZERO, -1)
                        : route.apply(request);
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

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            query.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return query;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    static String require(String s) {
        return Objects.requireNonNull(s);
    }
}
