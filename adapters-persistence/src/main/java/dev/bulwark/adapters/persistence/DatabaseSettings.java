package dev.bulwark.adapters.persistence;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where the database is. {@code url} is a JDBC URL ({@code jdbc:postgresql://…} or {@code jdbc:h2:…});
 * {@code schema}, when given, is where the tables live (created if missing). The password is never printed.
 */
public record DatabaseSettings(String url, @Nullable String user, @Nullable String password, @Nullable String schema,
                               int maxPoolSize) {
    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("the database URL must start with jdbc:postgresql: or jdbc:h2:");
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize is at least 1");
        }
    }

    /** The embedded default: an H2 file database in {@code directory} (created on first start). */
    public static DatabaseSettings embeddedH2(String directory) {
        return new DatabaseSettings("jdbc:h2:file:" + directory + "/bulwark;" + H2_MODE, null, null, null, 10);
    }

    /** A private in-memory H2 database, alive until the last connection closes the pool. */
    public static DatabaseSettings inMemoryH2(String name) {
        return new DatabaseSettings("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;" + H2_MODE, null, null, null, 10);
    }

    /** H2 behaving as close to PostgreSQL as it can: the migrations are written once for both. */
    static final String H2_MODE = "MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    @Override
    public String toString() {
        // the URL may carry a password parameter: show only what identifies the database
        int query = url.indexOf('?');
        return "DatabaseSettings[" + (query < 0 ? url.replaceAll("(?i)password=[^;]*", "password=****") : url.substring(0, query))
                + (schema != null ? ", schema=" + schema : "") + "]";
    }
}
