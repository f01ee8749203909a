package dev.bulwark.host.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar as a user starts it ({@code java -jar bulwark-server.jar}), in its own process, spoken to
 * over HTTP: what the README's start command gives.
 */
class ServerJarIT {
    private static final Path JAR = Path.of(System.getProperty("bulwark.server.jar", "target/bulwark-server.jar"));
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path workDir;

    @Test
    void startsOnTheEmbeddedDefaultAndAnswersHealth() throws Exception {
        int port = freePort();
        Process server = start(List.of(), port);
        try {
            HttpResponse<String> health = awaitHealth(port, Duration.ofSeconds(60));

            assertThat(health.statusCode()).isEqualTo(200);
            JsonObject body = new JsonObject(health.body());
            assertThat(body.getString("status")).isEqualTo("UP");
            assertThat(body.getString("version")).isEqualTo(System.getProperty("bulwark.expected.version"));
        } finally {
            server.destroy();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("the server stops on SIGTERM").isTrue();
        }
        assertThat(output()).contains("serving http://127.0.0.1:" + port + "/health", "runtime stopped",
                "No account exists yet. Create the first one at: http://127.0.0.1:" + port + "/setup?token=");
    }

    @Test
    void helpListsTheSettingsAndExitsZero() throws Exception {
        Process help = start(List.of("--help"), 0);
        assertThat(help.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(help.exitValue()).isZero();
        assertThat(output()).contains("BULWARK_PORT", "BULWARK_HOST");
    }

    @Test
    void aWrongSettingStopsTheStartWithOneClearLineAndExitCode2() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(JAVA, "-jar", JAR.toString())
                .redirectErrorStream(true).redirectOutput(workDir.resolve("out.log").toFile()).directory(workDir.toFile());
        builder.environment().put("BULWARK_PORT", "eighty");
        Process wrong = builder.start();

        assertThat(wrong.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(wrong.exitValue()).isEqualTo(2);
        assertThat(output()).contains("BULWARK_PORT must be a port number from 0 to 65535, was 'eighty'");
    }

    @Test
    void aPortInUseFailsTheStartWithExitCode1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Process server = start(List.of(), taken.getLocalPort());
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(server.exitValue()).isEqualTo(1);
            assertThat(output()).contains("could not start", "cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    private Process start(List<String> args, int port) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(JAVA, "-jar", JAR.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("out.log").toFile())
                .directory(workDir.toFile());
        builder.environment().put("BULWARK_PORT", Integer.toString(port));
        return builder.start();
    }

    private String output() throws IOException {
        return Files.readString(workDir.resolve("out.log"), StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> awaitHealth(int port, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        Instant deadline = Instant.now().plus(timeout);
        IOException last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                last = e; // not listening yet: poll again shortly, bounded by the deadline
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
        }
        throw new AssertionError("the server did not answer /health within " + timeout, last);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
