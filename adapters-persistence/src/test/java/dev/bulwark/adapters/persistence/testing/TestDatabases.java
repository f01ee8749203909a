package dev.bulwark.adapters.persistence.testing;

import dev.bulwark.adapters.persistence.Database;
import dev.bulwark.adapters.persistence.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        return Database.open(new DatabaseSettings(PostgresServer.url(), null, null, schemaName("t"), 8));
    }

    /**
     * A test schema's name: {@code prefix}, the second it was named, 12 random hex digits. The time lets a later run
     * drop what earlier runs left behind ({@link PostgresServer#sweep}) without touching a run still going on.
     */
    static String schemaName(String prefix) {
        return prefix + "_" + Instant.now().getEpochSecond() + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** The JDBC URL of the test PostgreSQL server (credentials included), starting it when needed. */
    public static String postgresUrl() {
        return PostgresServer.url();
    }

    /** An empty schema of the test PostgreSQL server, and the JDBC URL whose connections work in it. */
    public record PostgresSchema(String name, String url) {
    }

    /**
     * Creates an empty schema on the test PostgreSQL server, named by {@link #schemaName}, for a test that starts whole
     * runtimes on it (they migrate it themselves). Left in place: the test drops it when it wants to, and a run
     * {@link #LEFT_FOR} later drops it if it did not.
     */
    public static PostgresSchema newPostgresSchema(String prefix) throws SQLException {
        String server = PostgresServer.url();
        String name = schemaName(prefix);
        try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + name);
        }
        return new PostgresSchema(name, server + (server.contains("?") ? "&" : "?") + "currentSchema=" + name);
    }

    /** How long a test schema is kept before a later test run drops it: far longer than any run takes. */
    static final Duration LEFT_FOR = Duration.ofHours(6);
    /** A name {@link #schemaName} gave: prefix, creation second, random part. */
    private static final Pattern TEST_SCHEMA = Pattern.compile("[a-z][a-z0-9]*_([0-9]{10})_[0-9a-f]{12}");

    /**
     * The test schemas on a server that were named before {@code cutoff}: what earlier runs left (each test class
     * gets schemas of its own and most leave them, so a developer's database would otherwise grow run after run).
     */
    static List<String> leftBehind(List<String> schemas, Instant cutoff) {
        List<String> old = new ArrayList<>();
        for (String schema : schemas) {
            Matcher m = TEST_SCHEMA.matcher(schema);
            if (m.matches() && Instant.ofEpochSecond(Long.parseLong(m.group(1))).isBefore(cutoff)) {
                old.add(schema);
            }
        }
        return old;
    }

    /** Lazily found or started once per JVM; an explicitly given server is swept of old test schemas once. */
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
                sweep(given);
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

        /**
         * Drops the test schemas earlier runs left on the server, {@link #LEFT_FOR} old or more. Best effort: a schema
         * another session still holds a lock on is left for the next run (a short lock timeout), and a failure here
         * never fails the tests.
         */
        private static void sweep(String url) {
            try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
                statement.execute("SET lock_timeout = '2s'");
                List<String> schemas = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery("SELECT nspname FROM pg_namespace")) {
                    while (rows.next()) {
                        schemas.add(rows.getString(1));
                    }
                }
                for (String schema : leftBehind(schemas, Instant.now().minus(LEFT_FOR))) {
                    try {
                        statement.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
                    } catch (SQLException busy) {
                        // in use or locked: the next run tries again
                    }
                }
            } catch (SQLException e) {
                // only housekeeping: the tests go on with the schemas left in place
            }
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
