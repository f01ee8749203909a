package dev.bulwark.adapters.exchange.marketdata.testing;

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
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A venue's public API on 127.0.0.1 and a free port: answers each path as the test says (status, body,
 * headers, an optional delay, or a connection cut mid-body) and records every request it received, so a test
 * checks what was asked (method, path, query) and how often.
 */
public final class FakeVenue implements AutoCloseable {

    /** One request as received: the query decoded, in order. */
    public record Request(String method, String path, Map<String, String> query) {
    }

    /** What to answer. {@code cutAfter >= 0} declares the whole body but sends only that many bytes, then hangs up. */
    public record Reply(int status, String body, Map<String, String> headers, Duration delay, int cutAfter) {
        public static Reply json(int status, String body) {
            return new Reply(status, body, Map.of("Content-Type", "application/json"), Duration.ZERO, -1);
        }

        public static Reply ok(String body) {
            return json(200, body);
        }

        public static Reply text(int status, String body) {
            return new Reply(status, body, Map.of("Content-Type", "text/html"), Duration.ZERO, -1);
        }

        public Reply after(Duration wait) {
            return new Reply(status, body, headers, wait, cutAfter);
        }

        public Reply header(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Reply(status, body, more, delay, cutAfter);
        }

        public Reply cutAfter(int bytes) {
            return new Reply(status, body, headers, delay, bytes);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Function<Request, Reply>> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private FakeVenue() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeVenue start() {
        try {
            return new FakeVenue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers {@code path} with {@code reply} every time. */
    public FakeVenue on(String path, Reply reply) {
        return on(path, request -> reply);
    }

    /** Answers {@code path} as {@code handler} decides from the request. */
    public FakeVenue on(String path, Function<Request, Reply> handler) {
        routes.put(path, handler);
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public long count(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).count();
    }

    public Request last() {
        return requests.getLast();
    }

    public void forget() {
        requests.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            URI uri = exchange.getRequestURI();
            Request request = new Request(exchange.getRequestMethod(), uri.getPath(), query(uri.getRawQuery()));
            requests.add(request);
            Function<Request, Reply> route = routes.get(request.path());
            Reply reply = route == null ? Reply.text(404, "<html>no such route</html>") : route.apply(request);
            if (!reply.delay().isZero()) {
                try {
                    Thread.sleep(reply.delay());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                OutputStream out = exchange.getResponseBody();
                if (reply.cutAfter() >= 0) {
                    out.write(body, 0, Math.min(reply.cutAfter(), body.length));
                    out.flush();
                    // closing short of the declared length makes the server drop the connection
                    return;
                }
                out.write(body);
            }
        } catch (IOException e) {
            // a cut connection or a client that gave up: nothing to answer
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

    /** A test resource's text, for the venues' documented bodies kept next to the tests. */
    public static String resource(String name) {
        try (InputStream in = FakeVenue.class.getResourceAsStream("/dev/bulwark/adapters/exchange/marketdata/venues/" + name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
