package dev.bulwark.host.embedded;

import dev.bulwark.adapters.persistence.DatabaseSettings;
import dev.bulwark.adapters.persistence.vault.MasterKey;
import dev.bulwark.adapters.persistence.vault.MasterKeyRing;
import java.security.SecureRandom;
import dev.bulwark.domain.accounts.Plan;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
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
 * @param keys          the master keys from the environment; null: the key file {@code master.key} in
 *                      {@code dataDirectory}, created on first start with owner-only permissions
 * @param marketData    where prices and candles come from
 * @param assumedEurUsd the USD price of one EUR when no market gives it
 * @param syncInterval  how often every active venue account's holdings are synced
 * @param defaultPlan   the plan of a workspace that has none set: a self-hosted instance is UNLIMITED unless told
 * @param webhooksPerMinute how many webhooks one bot may receive in a minute, on every plan; 0 for no limit
 * @param signalWorkers how many workers process signals in this process; 0: it only receives them (another
 *                      process on the same database processes them)
 */
public record RuntimeSettings(Path dataDirectory, DatabaseSettings database, @Nullable MasterKeyRing keys,
                              MarketDataSource marketData, BigDecimal assumedEurUsd, Duration syncInterval,
                              Plan defaultPlan, int webhooksPerMinute, int signalWorkers) {

    /** Where prices come from: the shipped real history (no network), or the venues' public endpoints. */
    public enum MarketDataSource {
        REPLAY,
        LIVE
    }

    /** The EUR rate used when no market gives one (offline), flagged as assumed wherever it is used. */
    public static final BigDecimal DEFAULT_EUR_USD = new BigDecimal("1.08");

    public static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofMinutes(5);

    public static final int DEFAULT_WEBHOOKS_PER_MINUTE = 10;

    public static final int DEFAULT_SIGNAL_WORKERS = 4;

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
              BULWARK_MARKET_DATA           replay (shipped real history, no network) or live (Binance,
                                            Coinbase, Kraken public prices, cached, falling back in turn)  default replay
              BULWARK_EUR_USD               USD per EUR when no market gives it (flagged assumed)  default 1.08
              BULWARK_SYNC_MINUTES          minutes between portfolio syncs of every active account  default 5
              BULWARK_DEFAULT_PLAN          plan of workspaces without one: free, basic, pro, elite or
                                            unlimited (bots, live trading, webhooks a day)        default unlimited
              BULWARK_WEBHOOKS_PER_MINUTE   webhooks one bot may receive a minute (0: no limit)   default 10
              BULWARK_SIGNAL_WORKERS        signal workers in this process (0-64; 0: it only receives
                                            webhooks, another process on the database processes them)  default 4
            """;

    private static final java.util.concurrent.atomic.AtomicLong IN_MEMORY = new java.util.concurrent.atomic.AtomicLong();

    public RuntimeSettings {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(defaultPlan, "defaultPlan");
        if (webhooksPerMinute < 0) {
            throw new IllegalArgumentException("webhooks a minute is 0 (no limit) or more");
        }
        if (signalWorkers < 0 || signalWorkers > 64) {
            throw new IllegalArgumentException("0 to 64 signal workers, was " + signalWorkers);
        }
    }

    /** A private in-memory database and a fresh in-memory key: for tests and demos that keep nothing. */
    public static RuntimeSettings inMemory(Path scratchDirectory) {
        return new RuntimeSettings(scratchDirectory, DatabaseSettings.inMemoryH2("bulwark-" + IN_MEMORY.incrementAndGet()),
                MasterKeyRing.of(MasterKey.generate(new SecureRandom())), MarketDataSource.REPLAY, DEFAULT_EUR_USD,
                DEFAULT_SYNC_INTERVAL, Plan.UNLIMITED, DEFAULT_WEBHOOKS_PER_MINUTE, DEFAULT_SIGNAL_WORKERS);
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
        MasterKeyRing keys = null;
        if (blankToNull(env.get(MasterKeyRing.MASTER_KEY_VARIABLE)) != null) {
            try {
                keys = MasterKeyRing.fromEnvironment(env);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage()); // the vault's messages name the variable, never its value
            }
        } else if (blankToNull(env.get(MasterKeyRing.RETIRING_KEYS_VARIABLE)) != null) {
            problems.add(MasterKeyRing.RETIRING_KEYS_VARIABLE + " needs " + MasterKeyRing.MASTER_KEY_VARIABLE
                    + ": rotating means naming the new key there and listing the old ones as retiring");
        }
        MarketDataSource source = MarketDataSource.REPLAY;
        String rawSource = blankToNull(env.get("BULWARK_MARKET_DATA"));
        if (rawSource != null) {
            try {
                source = MarketDataSource.valueOf(rawSource.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("BULWARK_MARKET_DATA must be replay or live, was '" + rawSource + "'");
            }
        }
        BigDecimal eurUsd = DEFAULT_EUR_USD;
        String rawEur = blankToNull(env.get("BULWARK_EUR_USD"));
        if (rawEur != null) {
            try {
                eurUsd = new BigDecimal(rawEur);
            } catch (NumberFormatException e) {
                eurUsd = BigDecimal.ZERO;
            }
            if (eurUsd.signum() <= 0 || eurUsd.compareTo(BigDecimal.TEN) > 0) {
                problems.add("BULWARK_EUR_USD must be a positive number of US dollars per euro (e.g. 1.08), was '" + rawEur + "'");
                eurUsd = DEFAULT_EUR_USD;
            }
        }
        Duration syncInterval = DEFAULT_SYNC_INTERVAL;
        String rawSync = blankToNull(env.get("BULWARK_SYNC_MINUTES"));
        if (rawSync != null) {
            long minutes = -1;
            try {
                minutes = Long.parseLong(rawSync);
            } catch (NumberFormatException e) {
                minutes = -1;
            }
            if (minutes < 1 || minutes > 1_440) {
                problems.add("BULWARK_SYNC_MINUTES must be a whole number of minutes from 1 to 1440, was '" + rawSync + "'");
            } else {
                syncInterval = Duration.ofMinutes(minutes);
            }
        }
        Plan plan = Plan.UNLIMITED;
        String rawPlan = blankToNull(env.get("BULWARK_DEFAULT_PLAN"));
        if (rawPlan != null) {
            try {
                plan = Plan.valueOf(rawPlan.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("BULWARK_DEFAULT_PLAN must be free, basic, pro, elite or unlimited, was '" + rawPlan + "'");
            }
        }
        int perMinute = DEFAULT_WEBHOOKS_PER_MINUTE;
        String rawPerMinute = blankToNull(env.get("BULWARK_WEBHOOKS_PER_MINUTE"));
        if (rawPerMinute != null) {
            try {
                perMinute = Integer.parseInt(rawPerMinute.trim());
            } catch (NumberFormatException e) {
                perMinute = -1;
            }
            if (perMinute < 0 || perMinute > 100_000) {
                problems.add("BULWARK_WEBHOOKS_PER_MINUTE must be a whole number from 0 (no limit) to 100000, was '" + rawPerMinute + "'");
            }
        }
        int workers = DEFAULT_SIGNAL_WORKERS;
        String rawWorkers = blankToNull(env.get("BULWARK_SIGNAL_WORKERS"));
        if (rawWorkers != null) {
            try {
                workers = Integer.parseInt(rawWorkers.trim());
            } catch (NumberFormatException e) {
                workers = -1;
            }
            if (workers < 0 || workers > 64) {
                problems.add("BULWARK_SIGNAL_WORKERS must be a whole number from 0 (receive only) to 64, was '" + rawWorkers + "'");
                workers = DEFAULT_SIGNAL_WORKERS;
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettings(problems);
        }
        return new RuntimeSettings(dataDirectory, Objects.requireNonNull(database), keys, source, eurUsd, syncInterval, plan,
                perMinute, workers);
    }

    /** Where the embedded default keeps its generated master key. */
    public Path keyFile() {
        return dataDirectory.resolve("master.key");
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
