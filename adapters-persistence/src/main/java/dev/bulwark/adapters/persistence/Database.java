package dev.bulwark.adapters.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.bulwark.ports.driven.storage.Transactions;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One database: a HikariCP pool, the schema migrated by Flyway on open, and the jOOQ context the stores share.
 * Migrations live in {@code db/migration/common} (both engines) and {@code db/migration/{vendor}} (only where
 * PostgreSQL and H2 must differ). Thread-safe; close it once.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final DatabaseSettings settings;
    private final HikariDataSource pool;
    private final SQLDialect dialect;
    private final Db db;

    private Database(DatabaseSettings settings, HikariDataSource pool, SQLDialect dialect) {
        this.settings = settings;
        this.pool = pool;
        this.dialect = dialect;
        Settings jooqSettings = new Settings()
                .withRenderQuotedNames(RenderQuotedNames.NEVER) // lower-case unquoted names read the same on both engines
                .withExecuteLogging(false);
        this.db = new Db(DSL.using(pool, dialect, jooqSettings));
    }

    /** Opens the pool and migrates the schema to the newest version. */
    public static Database open(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.url());
        if (settings.user() != null) {
            config.setUsername(settings.user());
        }
        if (settings.password() != null) {
            config.setPassword(settings.password());
        }
        if (settings.schema() != null) {
            config.setSchema(settings.schema());
        }
        config.setMaximumPoolSize(settings.maxPoolSize());
        config.setPoolName("bulwark-db");
        config.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
        config.setAutoCommit(true);
        HikariDataSource pool = new HikariDataSource(config);
        try {
            migrate(pool, settings);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        SQLDialect dialect = settings.isPostgres() ? SQLDialect.POSTGRES : SQLDialect.H2;
        LOG.info("database ready: {} ({})", settings, dialect);
        Database database = new Database(settings, pool, dialect);
        if (settings.isPostgres()) {
            String autovacuum = database.db().jdbc().queryOne("select current_setting('autovacuum')", rs -> rs.getString(1))
                    .orElse(null);
            autovacuumWarning(autovacuum).ifPresent(LOG::warn);
        }
        return database;
    }

    /**
     * What to tell the operator about PostgreSQL's {@code autovacuum} setting, if anything. Off, the planner never
     * learns how the tables grew (a signal looked up by id read the whole workspace's signals on such a server,
     * 2.2 ms instead of 0.05) and dead rows are never reclaimed; every hot statement slows down.
     */
    static Optional<String> autovacuumWarning(@Nullable String setting) {
        if (setting == null || !setting.strip().equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        return Optional.of("PostgreSQL's autovacuum is off: table statistics go stale and dead rows stay, so queries"
                + " slow down as the tables grow; turn it on (autovacuum = on) or run VACUUM ANALYZE regularly");
    }

    private static void migrate(DataSource pool, DatabaseSettings settings) {
        var flyway = Flyway.configure()
                .dataSource(pool)
                // the vendor folder is named here: Flyway's {vendor} placeholder is not expanded by this edition
                .locations("classpath:db/migration/common", "classpath:" + vendorMigrations(settings))
                .failOnMissingLocations(true);
        if (settings.schema() != null) {
            flyway.schemas(settings.schema()).defaultSchema(settings.schema()).createSchemas(true);
        }
        flyway.load().migrate();
    }

    /** Where the migrations that only this engine runs live. */
    static String vendorMigrations(DatabaseSettings settings) {
        return settings.isPostgres() ? "db/migration/postgresql" : "db/migration/h2";
    }

    /** The context the stores share (bound to the open transaction on this thread). */
    public Db db() {
        return db;
    }

    public Transactions transactions() {
        return db;
    }

    public SQLDialect dialect() {
        return dialect;
    }

    public DSLContext dsl() {
        return db.ctx();
    }

    public DatabaseSettings settings() {
        return settings;
    }

    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }
}
