package dev.bulwark.host.vertx.http;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

import dev.bulwark.host.embedded.InvalidSettings;
import dev.bulwark.host.embedded.RuntimeSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The server's settings, read from environment variables and validated at start: every wrong value is
 * reported, one clear line each, before anything starts.
 *
 * @param tlsCert PEM certificate chain file; with {@code tlsKey}, the server speaks HTTPS (and sends HSTS, and marks
 *     cookies Secure)
 * @param corsOrigins the browser origins allowed to call the API from another site; none by default
 * @param behindTls the server is reached through a TLS-terminating proxy: cookies Secure and HSTS as with TLS
 */
public record ServerSettings(String host, int port, @Nullable Path tlsCert, @Nullable Path tlsKey, List<String> corsOrigins,
                             boolean behindTls) {

    /** What {@code --help} prints: every setting, its default and what it means. */
    public static final String HELP = """
            Bulwark server: a risk-first trading and portfolio engine.

            Usage: java -jar bulwark-server.jar [--help]

            Settings (environment variables):
              BULWARK_PORT                  TCP port to listen on (0-65535; 0 picks a free one)  default 8080
              BULWARK_HOST                  address to bind; 0.0.0.0 serves other machines       default 127.0.0.1
              BULWARK_TLS_CERT              PEM certificate (chain) file: serve HTTPS with ...
              BULWARK_TLS_KEY               ... this PEM private key file (both or neither)      default plain HTTP
              BULWARK_BEHIND_TLS            true when a proxy terminates TLS in front            default false
              BULWARK_CORS_ORIGINS          comma-separated origins allowed cross-site            default none
            """ + RuntimeSettings.HELP + """

            With nothing set, the server starts on its embedded default and serves http://127.0.0.1:8080/health.
            """;

    public ServerSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is blank");
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("TLS needs both a certificate and a key");
        }
        corsOrigins = List.copyOf(corsOrigins);
    }

    /** Plain settings: address and port only (tests, embedding). */
    public ServerSettings(String host, int port) {
        this(host, port, null, null, List.of(), false);
    }

    /** Whether clients reach this server over TLS (directly or through a proxy). */
    public boolean tls() {
        return tlsCert != null || behindTls;
    }

    /** Reads and validates the settings; throws {@link InvalidSettings} listing every wrong value. */
    public static ServerSettings fromEnvironment(Map<String, String> environment) {
        List<String> problems = new ArrayList<>();
        int port = 8080;
        String rawPort = environment.get("BULWARK_PORT");
        if (rawPort != null) {
            try {
                port = Integer.parseInt(rawPort.trim());
                if (port < 0 || port > 65_535) {
                    problems.add("BULWARK_PORT must be a port number from 0 to 65535, was " + rawPort.trim());
                }
            } catch (NumberFormatException e) {
                problems.add("BULWARK_PORT must be a port number from 0 to 65535, was '" + rawPort + "'");
            }
        }
        String host = environment.getOrDefault("BULWARK_HOST", "127.0.0.1").trim();
        if (host.isEmpty()) {
            problems.add("BULWARK_HOST must be an address to bind (e.g. 127.0.0.1 or 0.0.0.0), was empty");
        }
        Path cert = file(environment, "BULWARK_TLS_CERT", problems);
        Path key = file(environment, "BULWARK_TLS_KEY", problems);
        if ((cert == null) != (key == null) && problems.isEmpty()) {
            problems.add("BULWARK_TLS_CERT and BULWARK_TLS_KEY go together: set both (HTTPS) or neither");
        }
        List<String> origins = new ArrayList<>();
        String rawOrigins = environment.getOrDefault("BULWARK_CORS_ORIGINS", "").trim();
        if (!rawOrigins.isEmpty()) {
            for (String origin : rawOrigins.split(",")) {
                String o = origin.trim();
                if (!ORIGIN.matcher(o).matches()) {
                    problems.add("BULWARK_CORS_ORIGINS must list origins like https://app.example.com (scheme://host[:port], no path), was '" + o + "'");
                } else {
                    origins.add(o);
                }
            }
        }
        String rawBehind = environment.getOrDefault("BULWARK_BEHIND_TLS", "false").trim().toLowerCase(java.util.Locale.ROOT);
        if (!rawBehind.equals("true") && !rawBehind.equals("false")) {
            problems.add("BULWARK_BEHIND_TLS must be true or false, was '" + rawBehind + "'");
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettings(problems);
        }
        return new ServerSettings(host, port, cert, key, origins, rawBehind.equals("true"));
    }

    private static final java.util.regex.Pattern ORIGIN = java.util.regex.Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?");

    private static @Nullable Path file(Map<String, String> environment, String name, List<String> problems) {
        String raw = environment.get(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        Path path = Path.of(raw.trim());
        if (!Files.isReadable(path)) {
            problems.add(name + " must name a readable PEM file, was " + raw.trim());
            return null;
        }
        return path;
    }
}
