package dev.bulwark.host.embedded;

import dev.bulwark.adapters.persistence.DatabaseSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the engine needs from its environment, validated at start with one line per wrong value. With nothing
 * set: an H2 database and a generated master key file under {@code ./data}.
 *
 * @param dataDirectory where the embedded database and the key file live
 * @param database      where everything is stored
 * @param masterKey     base64 of the 32-byte master key; null: the key file in {@code dataDirectory}
 * @param retiringKeys  base64 keys that still open old secrets until they are re-sealed; may be null
 */
public record RuntimeSettings(Path dataDirectory, DatabaseSettings database, @Nullable String masterKey,
                              @Nullable String retiringKeys) {

    /** Every setting, its default and meaning: part of the server's {@code --help}. */
    public static final String HELP = """
              BULWARK_DATA_DIR              where the embedded database and key file live      default ./data
              BULWARK_DB_URL                JDBC URL (jdbc:postgresql://host:5432/db or jdbc:h2:...)
                                            default: an H2 file database in BULWARK_DATA_DIR
              BULWARK_DB_USER               database user                                        default none
              BULWARK_DB_PASSWORD           database password (never logged)                     default none
              BULWARK_DB_POOL_SIZE          connections in the pool (1-200)                      default 10
              BULWARK_MASTER_KEY            base64 of 32 random bytes sealing every secret
                                            default: BULWARK_DATA_DIR/master.key, created once (rw-------)
              BULWARK_MASTER_KEYS_RETIRING  comma-separated base64 keys still accepted to open old secrets
            """;

    private static final java.util.concurrent.atomic.AtomicLong IN_MEMORY = new java.util.concurrent.atomic.AtomicLong();

    public RuntimeSettings {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(database, "database");
    }

    /** A private in-memory database and a fresh in-memory key: for tests and demos that keep nothing. */
    public static RuntimeSettings inMemory(Path scratchDirectory) {
        return new RuntimeSettings(scratchDirectory, DatabaseSettings.inMemoryH2("bulwark-" + IN_MEMORY.incrementAndGet()), null, null);
    }

    /** Reads the settings; throws {@link InvalidSettings} listing every wrong value. */
    public static RuntimeSettings fromEnvironment(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Path dataDirectory = Path.of(env.getOrDefault("BULWARK_DATA_DIR", "data").trim()).toAbsolutePath().normalize();
        int poolSize = 10;
        String rawPool = env.get("BULWARK_DB_POOL_SIZE");
        if (rawPool != null) {
            try {
                poolSize = Integer.parseInt(rawPool.trim());
            } catch (NumberFormatException e) {
                poolSize = -1;
            }
            if (poolSize < 1 || poolSize > 200) {
                problems.add("BULWARK_DB_POOL_SIZE must be a whole number from 1 to 200, was '" + rawPool + "'");
                poolSize = 10;
            }
        }
        String url = env.get("BULWARK_DB_URL");
        DatabaseSettings database = null;
        if (url == null || url.isBlank()) {
            database = DatabaseSettings.embeddedH2(dataDirectory.toString());
        } else if (!url.trim().startsWith("jdbc:postgresql:") && !url.trim().startsWith("jdbc:h2:")) {
            problems.add("BULWARK_DB_URL must start with jdbc:postgresql: or jdbc:h2:");
        } else {
            database = new DatabaseSettings(url.trim(), blankToNull(env.get("BULWARK_DB_USER")),
                    blankToNull(env.get("BULWARK_DB_PASSWORD")), null, poolSize);
        }
        String masterKey = blankToNull(env.get("BULWARK_MASTER_KEY"));
        if (masterKey != null && !isBase64Of32Bytes(masterKey)) {
            problems.add("BULWARK_MASTER_KEY must be the base64 of exactly 32 bytes (e.g. openssl rand -base64 32)");
        }
        String retiring = blankToNull(env.get("BULWARK_MASTER_KEYS_RETIRING"));
        if (retiring != null) {
            for (String key : retiring.split(",")) {
                if (!isBase64Of32Bytes(key.trim())) {
                    problems.add("BULWARK_MASTER_KEYS_RETIRING must list base64 keys of exactly 32 bytes, separated by commas");
                    break;
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettings(problems);
        }
        return new RuntimeSettings(dataDirectory, Objects.requireNonNull(database), masterKey, retiring);
    }

    private static boolean isBase64Of32Bytes(String value) {
        try {
            return java.util.Base64.getDecoder().decode(value.trim()).length == 32;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
