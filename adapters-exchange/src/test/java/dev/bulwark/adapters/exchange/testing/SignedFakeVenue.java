package dev.bulwark.adapters.exchange.testing;

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
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A private venue API on 127.0.0.1 and a free port: each request is recorded whole (method, path, raw query,
 * headers, body) and first shown to a {@code guard} (the venue's signature check, which answers a refusal), then
 * answered by the route for its method and path.
 */
public final class SignedFakeVenue implements AutoCloseable {

    public record Request(String method, String path, String rawQuery, Map<String, String> query, Map<String, String> headers,
            String body) {
        public String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }
    }

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
    private final Function<Request, Optional<Reply>> guard;

    private SignedFakeVenue(Function<Request, Optional<Reply>> guard) throws IOException {
        this.guard = guard;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static SignedFakeVenue start(Function<Request, Optional<Reply>> guard) {
        try {
            return new SignedFakeVenue(guard);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public SignedFakeVenue on(String method, String path, Reply reply) {
        return on(method, path, request -> reply);
    }

    public SignedFakeVenue on(String method, String path, Function<Request, Reply> handler) {
        routes.put(method + " " + path, handler);
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    public long count(String path) {
        return requests(path).size();
    }

    public Request last() {
        return requests.getLast();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            URI uri = exchange.getRequestURI();
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.getFirst()));
            String raw = uri.getRawQuery() == null ? "" : uri.getRawQuery();
            Request request = new Request(exchange.getRequestMethod(), uri.getPath(), raw, query(raw), headers, body);
            requests.add(request);
            Reply reply = guard.apply(request).orElseGet(() -> {
                Function<Request, Reply> route = routes.get(request.method() + " " + request.path());
                return route == null ? Reply.text(404, "<html>no such route</html>") : route.apply(request);
            });
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
            // a cut connection or a client that gave up: nothing to answer
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw.isEmpty()) {
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

    /** A documented body kept next to the tests of {@code anchor} (resolved relative to its package). */
    public static String resource(Class<?> anchor, String name) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
