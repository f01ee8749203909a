package dev.bulwark.host.vertx;

import dev.bulwark.host.embedded.BulwarkRuntime;
import dev.bulwark.host.vertx.http.BulwarkServer;
import java.util.Arrays;
import java.util.List;
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
        ServerSettings settings;
        try {
            settings = ServerSettings.fromEnvironment(System.getenv());
        } catch (ServerSettings.InvalidSettings e) {
            System.err.println("Bulwark cannot start; fix these settings (see --help):");
            e.problems().forEach(problem -> System.err.println("  " + problem));
            System.exit(2);
            return;
        }
        Logger log = LoggerFactory.getLogger(Main.class);
        BulwarkRuntime runtime = BulwarkRuntime.builder().start();
        BulwarkServer server;
        try {
            server = BulwarkServer.start(runtime, settings.host(), settings.port());
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
        log.info("Bulwark {} serving http://{}:{}/health", runtime.buildInfo().version(), settings.host(), server.port());
        stopped.await();
    }
}
