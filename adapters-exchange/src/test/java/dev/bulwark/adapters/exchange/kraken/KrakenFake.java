package dev.bulwark.adapters.exchange.kraken;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Kraken's REST API on 127.0.0.1: it checks every private request as Kraken does (API-Key, API-Sign recomputed
 * here from the documented algorithm, a nonce above the last accepted one, form-encoded body) and refuses with
 * Kraken's own errors otherwise; it keeps an order book (AddOrder, CancelOrder, OpenOrders, ClosedOrders,
 * QueryOrders) so flows end in exactly the orders they placed; and it serves the documented bodies kept next to
 * the tests. A test may answer any path itself first ({@link #on}), e.g. with a delay, an error or a cut body.
 */
final class KrakenFake implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** A request as received: the form body decoded, in order. */
    record Request(String method, String path, Map<String, String> query, Map<String, String> form,
            Map<String, String> headers, String body) {
    }

    /** An answer: status, body, headers, a delay, or a body cut after some bytes. */
    record Reply(int status, String body, Map<String, String> headers, Duration delay, int cutAfter) {
        static Reply ok(String body) {
            return new Reply(200, body, Map.of("Content-Type", "application/json"), Duration.ZERO, -1);
        }

        static Reply of(int status, String body) {
            return new Reply(status, body, Map.of("Content-Type", "application/json"), Duration.ZERO, -1);
        }

        static Reply errors(String... errors) {
            ObjectNode node = JSON.createObjectNode();
            ArrayNode list = node.putArray("error");
            for (String error : errors) {
                list.add(error);
            }
            return ok(node.toString());
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

    private final String apiKey;
    private final byte[] secret;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Function<Request, Reply>> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, ObjectNode> orders = new LinkedHashMap<>();
    private final AtomicInteger txids = new AtomicInteger();
    private long lastNonce;
    private boolean enforceNonceOrder = true;

    private KrakenFake(String apiKey, String secret) throws IOException {
        this.apiKey = apiKey;
        this.secret = Base64.getDecoder().decode(secret);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static KrakenFake start(String apiKey, String secret) {
        try {
            return new KrakenFake(apiKey, secret);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code path} with {@code handler}; a null answer falls through to the fake's own behaviour. */
    KrakenFake on(String path, Function<Request, Reply> handler) {
        routes.put(path, handler);
        return this;
    }

    KrakenFake on(String path, Reply reply) {
        return on(path, request -> reply);
    }

    void off(String path) {
        routes.remove(path);
    }

    /** Lets nonces arrive in any order (to count concurrent requests without refusing any). */
    void allowAnyNonceOrder() {
        enforceNonceOrder = false;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    Request last(String path) {
        return requests(path).getLast();
    }

    synchronized int orderCount() {
        return orders.size();
    }

    synchronized ObjectNode order(String txid) {
        return orders.get(txid);
    }

    /** Adds an order as Kraken lists it, to be found, cancelled or filled. */
    synchronized String putOrder(ObjectNode order) {
        String txid = "O" + String.format("%05d", txids.incrementAndGet()) + "-KRAKN-FAKE01";
        orders.put(txid, order);
        return txid;
    }

    static String resource(String name) {
        try (InputStream in = KrakenFake.class.getResourceAsStream("/dev/bulwark/adapters/exchange/kraken/" + name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kraken's documented signature, computed here independently of the adapter. */
    static String sign(byte[] secret, String path, String nonce, String body) throws Exception {
        byte[] inner = MessageDigest.getInstance("SHA-256").digest((nonce + body).getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA512");
        mac.init(new SecretKeySpec(secret, "HmacSHA512"));
        mac.update(path.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(mac.doFinal(inner));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            URI uri = exchange.getRequestURI();
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.getFirst()));
            Request request = new Request(exchange.getRequestMethod(), uri.getPath(), decode(uri.getRawQuery()),
                    decode(body), headers, body);
            requests.add(request);
            Reply reply = answer(request);
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

    private Reply answer(Request request) {
        if (request.path().startsWith("/0/private/")) {
            Reply refusal = authenticate(request);
            if (refusal != null) {
                return refusal;
            }
        }
        Function<Request, Reply> route = routes.get(request.path());
        if (route != null) {
            Reply reply = route.apply(request);
            if (reply != null) {
                return reply;
            }
        }
        return switch (request.path()) {
            case "/0/public/AssetPairs" -> Reply.ok(resource("asset-pairs.json"));
            case "/0/public/Ticker" -> "XBTUSD".equals(request.query().get("pair")) ? Reply.ok(resource("ticker.json"))
                    : Reply.errors("EQuery:Unknown asset pair");
            case "/0/private/BalanceEx" -> Reply.ok(resource("balance-ex.json"));
            case "/0/private/AddOrder" -> addOrder(request);
            case "/0/private/CancelOrder" -> cancelOrder(request);
            case "/0/private/OpenOrders" -> listOrders(request, true);
            case "/0/private/ClosedOrders" -> listOrders(request, false);
            case "/0/private/QueryOrders" -> queryOrders(request);
            case "/0/private/TradesHistory" -> Reply.ok(resource("trades-history.json"));
            default -> Reply.of(404, "<html>no such route</html>");
        };
    }

    /** Kraken's checks, in its order: key, signature, nonce. */
    private synchronized Reply authenticate(Request request) {
        if (!"POST".equals(request.method())) {
            return Reply.errors("EGeneral:Invalid arguments");
        }
        if (!String.valueOf(request.headers().get("content-type")).startsWith("application/x-www-form-urlencoded")) {
            return Reply.errors("EGeneral:Invalid arguments");
        }
        if (!apiKey.equals(request.headers().get("api-key"))) {
            return Reply.errors("EAPI:Invalid key");
        }
        String nonce = request.form().get("nonce");
        if (nonce == null || !request.body().startsWith("nonce=")) {
            return Reply.errors("EAPI:Invalid nonce");
        }
        try {
            if (!sign(secret, request.path(), nonce, request.body()).equals(request.headers().get("api-sign"))) {
                return Reply.errors("EAPI:Invalid signature");
            }
        } catch (Exception e) {
            return Reply.errors("EAPI:Invalid signature");
        }
        long value = Long.parseLong(nonce);
        if (enforceNonceOrder && value <= lastNonce) {
            return Reply.errors("EAPI:Invalid nonce");
        }
        lastNonce = Math.max(lastNonce, value);
        return null;
    }

    synchronized Reply addOrder(Request request) {
        Map<String, String> form = request.form();
        String clOrdId = form.get("cl_ord_id");
        for (ObjectNode order : orders.values()) {
            if (clOrdId != null && clOrdId.equalsIgnoreCase(order.path("cl_ord_id").asText())
                    && order.path("status").asText().equals("open")) {
                return Reply.errors("EOrder:Duplicate cl_ord_id");
            }
        }
        ObjectNode order = JSON.createObjectNode();
        order.put("refid", "None").put("userref", 0);
        if (clOrdId != null) {
            order.put("cl_ord_id", clOrdId);
        }
        order.put("status", "open").put("opentm", 1688666559.8974).put("starttm", 0).put("expiretm", 0);
        ObjectNode descr = order.putObject("descr");
        descr.put("pair", form.get("pair")).put("type", form.get("type")).put("ordertype", form.get("ordertype"))
                .put("price", form.getOrDefault("price", "0")).put("price2", form.getOrDefault("price2", "0"))
                .put("leverage", "none").put("order", form.get("type") + " " + form.get("volume") + " " + form.get("pair"))
                .put("close", "");
        order.put("vol", form.get("volume")).put("vol_exec", "0.00000000").put("cost", "0").put("fee", "0")
                .put("price", "0").put("stopprice", "0").put("limitprice", "0").put("misc", "").put("oflags", "fciq");
        String txid = putOrder(order);
        ObjectNode reply = JSON.createObjectNode();
        reply.putArray("error");
        ObjectNode result = reply.putObject("result");
        result.putObject("descr").put("order", descr.path("order").asText());
        result.putArray("txid").add(txid);
        return Reply.ok(reply.toString());
    }

    private synchronized Reply cancelOrder(Request request) {
        String clOrdId = request.form().get("cl_ord_id");
        String txid = request.form().get("txid");
        int count = 0;
        for (Map.Entry<String, ObjectNode> entry : orders.entrySet()) {
            ObjectNode order = entry.getValue();
            boolean match = entry.getKey().equals(txid) || clOrdId != null && clOrdId.equalsIgnoreCase(order.path("cl_ord_id").asText());
            if (match && order.path("status").asText().equals("open")) {
                order.put("status", "canceled").put("closetm", 1688666600.5);
                count++;
            }
        }
        if (count == 0) {
            return Reply.errors("EOrder:Unknown order");
        }
        return Reply.ok("{\"error\":[],\"result\":{\"count\":" + count + "}}");
    }

    private synchronized Reply listOrders(Request request, boolean open) {
        String clOrdId = request.form().get("cl_ord_id");
        ObjectNode reply = JSON.createObjectNode();
        reply.putArray("error");
        ObjectNode list = reply.putObject("result").putObject(open ? "open" : "closed");
        orders.forEach((txid, order) -> {
            boolean isOpen = order.path("status").asText().equals("open") || order.path("status").asText().equals("pending");
            if (isOpen == open && (clOrdId == null || clOrdId.equalsIgnoreCase(order.path("cl_ord_id").asText()))) {
                list.set(txid, order);
            }
        });
        if (!open) {
            ((ObjectNode) reply.get("result")).put("count", list.size());
        }
        return Reply.ok(reply.toString());
    }

    private synchronized Reply queryOrders(Request request) {
        ObjectNode reply = JSON.createObjectNode();
        reply.putArray("error");
        ObjectNode result = reply.putObject("result");
        for (String txid : request.form().getOrDefault("txid", "").split(",")) {
            ObjectNode order = orders.get(txid);
            if (order != null) {
                result.set(txid, order);
            }
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
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            values.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return values;
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
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
