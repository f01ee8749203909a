package dev.bulwark.adapters.persistence.testing;

import dev.bulwark.adapters.persistence.Database;
import dev.bulwark.adapters.persistence.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Databases for tests, each fresh and migrated. PostgreSQL comes from, in order: {@code BULWARK_TEST_PG_URL} (a
 * JDBC URL of a server where the user may create schemas; CI sets it), Testcontainers when a Docker engine
 * answers, or the embedded PostgreSQL binaries from Maven Central. A test that needs PostgreSQL never skips: with
 * none of the three it fails, saying what was tried.
 *
 * <p>Each {@link #postgres()} call gets its own schema on the shared server, so tests and test classes never see
 * each other's rows and may run side by side.
 */
public final class TestDatabases {
    /** The two engines every store's contract runs on. */
    public enum Engine {
        POSTGRES,
        H2
    }

    private TestDatabases() {
    }

    public static Database open(Engine engine) {
        return engine == Engine.POSTGRES ? postgres() : h2();
    }

    public static Database h2() {
        return Database.open(DatabaseSettings.inMemoryH2("t" + UUID.randomUUID().toString().replace("-", "")));
    }

    /** A fresh schema on the test PostgreSQL server, migrated. */
    public static Database postgres() {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        return Database.open(new DatabaseSettings(PostgresServer.url(), null, null, schema, 8));
    }

    /** The JDBC URL of the test PostgreSQL server (credentials included), starting it when needed. */
    public static String postgresUrl() {
        return PostgresServer.url();
    }

    /** An empty schema of the test PostgreSQL server, and the JDBC URL whose connections work in it. */
    public record PostgresSchema(String name, String url) {
    }

    /**
     * Creates an empty schema on the test PostgreSQL server, {@code prefix} and 16 random hex digits, for a test that
     * starts whole runtimes on it (they migrate it themselves). Left in place: the test drops it when it wants to.
     */
    public static PostgresSchema newPostgresSchema(String prefix) throws SQLException {
        String server = PostgresServer.url();
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + name);
        }
        return new PostgresSchema(name, server + (server.contains("?") ? "&" : "?") + "currentSchema=" + name);
    }

    /** Lazily found or started once per JVM. */
    private static final class PostgresServer {
        private static final String URL = find();

        static String url() {
            return URL;
        }

        private static String find() {
            List<String> tried = new ArrayList<>();
            String given = System.getenv("BULWARK_TEST_PG_URL");
            if (given != null && !given.isBlank()) {
                check(given); // given explicitly: it must work, no silent fallback
                return given;
            }
            tried.add("BULWARK_TEST_PG_URL is not set");
            try {
                if (org.testcontainers.DockerClientFactory.instance().isDockerAvailable()) {
                    var container = new org.testcontainers.postgresql.PostgreSQLContainer("postgres:16-alpine");
                    container.start();
                    Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
                    return container.getJdbcUrl() + "&user=" + container.getUsername() + "&password=" + container.getPassword();
                }
                tried.add("Testcontainers: no Docker engine answers");
            } catch (RuntimeException | LinkageError e) {
                tried.add("Testcontainers: " + e.getMessage());
            }
            try {
                var embedded = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        embedded.close();
                    } catch (java.io.IOException ignored) {
                        // the JVM is exiting; the temporary cluster goes with it
                    }
                }));
                return embedded.getJdbcUrl("postgres", "postgres");
            } catch (java.io.IOException | RuntimeException e) {
                tried.add("embedded PostgreSQL binaries: " + e.getMessage());
            }
            throw new IllegalStateException("No PostgreSQL for the tests. Tried: " + String.join("; ", tried)
                    + ". Set BULWARK_TEST_PG_URL to a JDBC URL (e.g. jdbc:postgresql://127.0.0.1:5432/bulwark_test?user=postgres),"
                    + " or run Docker, or run the tests as a non-root user so the embedded binaries can start.");
        }

        private static void check(String url) {
            try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
                statement.execute("SELECT 1");
            } catch (SQLException e) {
                throw new IllegalStateException("BULWARK_TEST_PG_URL is set but PostgreSQL does not answer there: "
                        + e.getMessage().toLowerCase(Locale.ROOT), e);
            }
        }
    }
}
