package dev.bulwark.host.vertx;

import dev.bulwark.host.embedded.BulwarkRuntime;
import dev.bulwark.host.embedded.InvalidSettings;
import dev.bulwark.host.embedded.RuntimeSettings;
import dev.bulwark.host.vertx.http.BulwarkServer;
import dev.bulwark.host.vertx.http.ServerSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar bulwark-server.jar}: validate settings, start the runtime and the server, stop on a signal. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<String> arguments = Arrays.asList(args);
        if (arguments.contains("--help") || arguments.contains("-h")) {
            System.out.print(ServerSettings.HELP);
            return;
        }
        if (!arguments.isEmpty()) {
            System.err.println("Unknown argument(s): " + String.join(" ", arguments) + ". Settings come from environment variables; see --help.");
            System.exit(2);
        }
        Map<String, String> env = System.getenv();
        List<String> problems = new ArrayList<>();
        ServerSettings settings = null;
        RuntimeSettings runtimeSettings = null;
        try {
            settings = ServerSettings.fromEnvironment(env);
        } catch (InvalidSettings e) {
            problems.addAll(e.problems());
        }
        try {
            runtimeSettings = RuntimeSettings.fromEnvironment(env);
        } catch (InvalidSettings e) {
            problems.addAll(e.problems());
        }
        if (settings == null || runtimeSettings == null) {
            System.err.println("Bulwark cannot start; fix these settings (see --help):");
            problems.forEach(problem -> System.err.println("  " + problem));
            System.exit(2);
            return;
        }
        Logger log = LoggerFactory.getLogger(Main.class);
        BulwarkRuntime runtime;
        try {
            runtime = BulwarkRuntime.builder().settings(runtimeSettings).start();
        } catch (RuntimeException e) {
            log.error("Bulwark could not start: {}", e.getMessage());
            System.exit(1);
            return;
        }
        BulwarkServer server;
        try {
            server = BulwarkServer.start(runtime, settings);
        } catch (RuntimeException e) {
            log.error("Bulwark could not start: {}", e.getMessage());
            runtime.close();
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("bulwark-shutdown").unstarted(() -> {
            server.close();
            runtime.close();
            stopped.countDown();
        }));
        String base = (settings.tlsCert() != null ? "https" : "http") + "://" + settings.host() + ":" + server.port();
        log.info("Bulwark {} serving {}/health (API docs: {}/api/docs)", runtime.buildInfo().version(), base, base);
        try {
            // the first person to open this link creates the first account; it works once, for 24 hours
            runtime.manageAccounts().setupToken().ifPresent(token ->
                    System.out.println("No account exists yet. Create the first one at: " + base + "/setup?token=" + token));
        } catch (RuntimeException e) {
            log.warn("could not issue a setup link: {}", e.getMessage());
        }
        stopped.await();
    }
}
