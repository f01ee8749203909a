package dev.bulwark.adapters.persistence;

import dev.bulwark.ports.driven.storage.Transactions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.RecordMapper;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConnectionProvider;
import org.jspecify.annotations.Nullable;

/**
 * The jOOQ context every store uses, bound to the current transaction when one is open on this thread. This is
 * how several stores write atomically: {@link #inTransaction} binds a transactional context, and each store's
 * {@link #ctx()} picks it up. Outside a transaction each statement commits on its own.
 *
 * <p>A transaction is a pooled connection with auto-commit off, committed or rolled back here: jOOQ's transaction
 * provider asks the driver for the isolation level at every begin, which PgJDBC answers with a round trip (a third
 * of a signal's transactions' statements were that question). {@link #savepoint} nests a part that may fail alone.
 */
public final class Db implements Transactions {
    private final DSLContext root;
    private final ThreadLocal<Open> current = new ThreadLocal<>();

    private record Open(DSLContext ctx, Connection connection) {
    }

    private final Jdbc jdbc;

    Db(DSLContext root) {
        this.root = Objects.requireNonNull(root, "root");
        this.jdbc = new Jdbc(this, root.dialect().family() == SQLDialect.POSTGRES);
    }

    /** The context of the open transaction on this thread, or the auto-committing root. */
    public DSLContext ctx() {
        Open open = current.get();
        return open != null ? open.ctx() : root;
    }

    public boolean inTransaction() {
        return current.get() != null;
    }

    /** Fixed SQL over JDBC, on this thread's transaction or a pooled connection (the hot path's statements). */
    public Jdbc jdbc() {
        return jdbc;
    }

    /** The connection of the transaction open on this thread, if any. */
    @Nullable Connection connection() {
        Open open = current.get();
        return open == null ? null : open.connection();
    }

    /** A pooled connection in auto-commit, for one statement outside a transaction; {@link #release} it after. */
    Connection acquire() {
        return root.configuration().connectionProvider().acquire();
    }

    void release(Connection connection) {
        root.configuration().connectionProvider().release(connection);
    }

    /**
     * The rows of {@code table} whose {@code id} column is among {@code ids} and whose {@code workspace} column holds
     * {@code workspace}, mapped, in no particular order: one query (none for no ids). How a store reads a batch.
     */
    public <R extends Record, T> List<T> findAll(Table<R> table, Field<UUID> workspaceColumn, Field<UUID> idColumn,
                                                 UUID workspace, Collection<UUID> ids, RecordMapper<? super R, T> mapper) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return ctx().selectFrom(table).where(workspaceColumn.eq(workspace).and(idColumn.in(new LinkedHashSet<>(ids))))
                .fetch(mapper);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (current.get() != null) {
            return work.get(); // join the open transaction
        }
        var provider = root.configuration().connectionProvider();
        Connection connection = provider.acquire();
        try {
            connection.setAutoCommit(false);
            current.set(new Open(DSL.using(root.configuration().derive(new DefaultConnectionProvider(connection))),
                    connection));
            T result;
            try {
                result = work.get();
            } catch (DataAccessException e) {
                rollback(connection, e);
                throw SqlErrors.translate(e);
            } catch (RuntimeException | Error e) {
                rollback(connection, e);
                throw e;
            } finally {
                current.remove();
            }
            try {
                connection.commit();
            } catch (SQLException e) {
                rollback(connection, e);
                throw SqlErrors.translate(new DataAccessException("commit failed: " + e.getMessage(), e));
            }
            return result;
        } catch (SQLException e) {
            throw SqlErrors.translate(new DataAccessException("could not begin a transaction: " + e.getMessage(), e));
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the pool resets or evicts a connection it cannot use
            }
            provider.release(connection);
        }
    }

    /** How often {@link #upsert} runs a statement that keeps losing H2's race before it gives up. */
    private static final int UPSERT_TRIES = 5;

    /**
     * Runs an {@code INSERT ... ON CONFLICT} statement and answers its row count, again when it lost H2's race: H2
     * runs ON CONFLICT as a MERGE that a concurrent writer of the same new key can beat to the insert, then fails
     * with a key violation and rolls back that statement only, so the next try finds the row. PostgreSQL's upsert is
     * atomic: a key violation there is real, and thrown like one on H2's last try.
     */
    public int upsert(Supplier<Integer> statement) {
        for (int attempt = 1; ; attempt++) {
            try {
                return statement.get();
            } catch (IntegrityConstraintViolationException raced) {
                if (ctx().dialect().family() != SQLDialect.H2 || attempt == UPSERT_TRIES) {
                    throw raced;
                }
            }
        }
    }

    /**
     * Runs {@code work} under a savepoint of the open transaction: when it throws, what it wrote is rolled back and
     * the exception rethrown (a jOOQ error translated), and the transaction goes on. Outside a transaction it is
     * {@link #inTransaction}.
     */
    public <T> T savepoint(Supplier<T> work) {
        Open open = current.get();
        if (open == null) {
            return inTransaction(work);
        }
        Savepoint savepoint;
        try {
            savepoint = open.connection().setSavepoint();
        } catch (SQLException e) {
            throw SqlErrors.translate(new DataAccessException("could not set a savepoint: " + e.getMessage(), e));
        }
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            try {
                open.connection().rollback(savepoint);
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            if (e instanceof DataAccessException dae) {
                throw SqlErrors.translate(dae);
            }
            throw e;
        }
        try {
            open.connection().releaseSavepoint(savepoint);
        } catch (SQLException e) {
            throw SqlErrors.translate(new DataAccessException("could not release a savepoint: " + e.getMessage(), e));
        }
        return result;
    }

    private static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
