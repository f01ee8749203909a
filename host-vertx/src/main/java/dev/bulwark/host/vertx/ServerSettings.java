package dev.bulwark.host.vertx;

import dev.bulwark.host.embedded.InvalidSettings;
import dev.bulwark.host.embedded.RuntimeSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The server's settings, read from environment variables and validated at start: every wrong value is
 * reported, one clear line each, before anything starts.
 */
public record ServerSettings(String host, int port) {

    /** What {@code --help} prints: every setting, its default and what it means. */
    public static final String HELP = """
            Bulwark server: a risk-first trading and portfolio engine.

            Usage: java -jar bulwark-server.jar [--help]

            Settings (environment variables):
              BULWARK_PORT                  TCP port to listen on (0-65535; 0 picks a free one)  default 8080
              BULWARK_HOST                  address to bind; 0.0.0.0 serves other machines       default 127.0.0.1
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
        if (!problems.isEmpty()) {
            throw new InvalidSettings(problems);
        }
        return new ServerSettings(host, port);
    }
}
