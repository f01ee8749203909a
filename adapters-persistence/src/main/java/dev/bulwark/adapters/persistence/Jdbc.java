package dev.bulwark.adapters.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jspecify.annotations.Nullable;

/**
 * Fixed SQL text run over plain JDBC, for the statements a signal runs on its hot path (the intake, the workers).
 * jOOQ renders a statement's SQL anew every time it runs: for the two dozen statements of a signal, jOOQ was half of
 * the workers' CPU and its rendering alone 28 % (JFR, sixth session), against 11 % in the driver. A fixed text is
 * parsed once per connection by the driver and prepared once by PostgreSQL. Everything else stays jOOQ.
 *
 * <p>Runs on the transaction open on this thread (see {@link Db#inTransaction}), or on a pooled connection that
 * commits the statement on its own. Values bind by their Java type: {@link Instant} as a UTC timestamp with time zone
 * truncated to the microsecond, {@link UUID}, {@link String}, numbers, {@code null}, {@link SqlArray}. A failure becomes the jOOQ exception the stores already catch
 * ({@link IntegrityConstraintViolationException} for a constraint), its message the SQL state only: never the SQL
 * text or a bound value, which may hold a secret.
 */
public final class Jdbc {
    private final Db db;
    private final boolean postgres;

    Jdbc(Db db, boolean postgres) {
        this.db = db;
        this.postgres = postgres;
    }

    /** Reads one row of a result. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * A PostgreSQL array of {@code type} ({@code uuid}, {@code int4}, or a type read from text: {@code text},
     * {@code timestamptz}), bound as one value: with {@code unnest} a batch's rows go in one fixed statement, whatever
     * their number. Instants become their UTC text to the microsecond; null elements stay null.
     */
    public record SqlArray(String type, Object[] elements) {
    }

    public static SqlArray array(String type, List<?> elements) {
        Object[] values = switch (type) {
            case "uuid" -> new UUID[elements.size()];
            case "int4" -> new Integer[elements.size()];
            default -> new String[elements.size()];
        };
        for (int i = 0; i < values.length; i++) {
            Object element = elements.get(i);
            values[i] = element instanceof Instant instant ? instant.truncatedTo(ChronoUnit.MICROS).toString()
                    : values instanceof String[] && element != null ? element.toString() : element;
        }
        return new SqlArray(type, values);
    }

    /** Which engine the text must be written for (the few statements whose SQL differs). */
    public boolean postgres() {
        return postgres;
    }

    /** Runs an INSERT, UPDATE or DELETE; answers its row count. */
    public int update(String sql, @Nullable Object... values) {
        return run(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, values);
                return statement.executeUpdate();
            }
        });
    }

    /** Runs one statement once per row of values, sent together; answers each row's count. */
    public int[] batch(String sql, List<@Nullable Object[]> rows) {
        if (rows.isEmpty()) {
            return new int[0];
        }
        return run(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (Object[] row : rows) {
                    bind(statement, row);
                    statement.addBatch();
                }
                return statement.executeBatch();
            }
        });
    }

    /** Runs a query (or a statement that returns rows); answers its rows, read by {@code row}. */
    public <T> List<T> query(String sql, Row<T> row, @Nullable Object... values) {
        return run(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, values);
                statement.executeQuery();
                return rows(statement, row);
            }
        });
    }

    /** A statement that answers rows, with its values and how a row is read: one of several sent together. */
    public record Query<T>(String sql, List<@Nullable Object> values, Row<T> row) {
    }

    /** What {@link #queryBoth} answered: each statement's rows. */
    public record Both<A, B>(List<A> first, List<B> second) {
    }

    /**
     * Sends two statements in one round trip (PostgreSQL: one text, each statement parsed, bound and run in turn
     * before a single Sync) and answers each one's rows. The second starts after the first ended, so under READ COMMITTED
     * it reads a snapshot taken after the first's locks. In the transaction open on this thread they join it; outside
     * one PostgreSQL runs both as one implicit transaction. PostgreSQL only.
     */
    public <A, B> Both<A, B> queryBoth(Query<A> first, Query<B> second) {
        if (!postgres) {
            throw new UnsupportedOperationException("two statements in one round trip are PostgreSQL's");
        }
        return run(connection -> {
            List<@Nullable Object> values = new ArrayList<>(first.values());
            values.addAll(second.values());
            try (PreparedStatement statement = connection.prepareStatement(first.sql() + ";\n" + second.sql())) {
                bind(statement, values.toArray());
                statement.execute();
                List<A> a = rows(statement, first.row());
                if (!statement.getMoreResults()) {
                    throw new SQLException("the second statement answered no rows", "XX000");
                }
                return new Both<>(a, rows(statement, second.row()));
            }
        });
    }

    private static <T> List<T> rows(PreparedStatement statement, Row<T> row) throws SQLException {
        try (ResultSet rs = statement.getResultSet()) {
            List<T> found = new ArrayList<>();
            while (rs.next()) {
                found.add(row.read(rs));
            }
            return found;
        }
    }

    /** Runs a {@link Query}; answers its rows. */
    public <T> List<T> query(Query<T> query) {
        return query(query.sql(), query.row(), query.values().toArray());
    }

    /** As {@link #query}, for at most one row. */
    public <T> Optional<T> queryOne(String sql, Row<T> row, @Nullable Object... values) {
        List<T> found = query(sql, row, values);
        if (found.size() > 1) {
            throw new IllegalStateException("one row expected, " + found.size() + " found");
        }
        return found.stream().findFirst();
    }

    /** A column as an instant ({@code null} stays null). */
    public static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    /** A column as a UUID ({@code null} stays null). */
    public static @Nullable UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    /** {@code n} comma-separated placeholders, for an IN list. */
    public static String marks(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("at least one placeholder");
        }
        return "?" + ", ?".repeat(n - 1);
    }

    private <T> T run(Work<T> work) {
        Connection open = db.connection();
        try {
            if (open != null) {
                return work.run(open);
            }
            Connection pooled = db.acquire();
            try {
                return work.run(pooled);
            } finally {
                db.release(pooled);
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(translate(e));
        }
    }

    private static DataAccessException translate(SQLException e) {
        String state = e.getSQLState();
        String message = "a statement failed (SQL state " + state + ")";
        return state != null && state.startsWith("23")
                ? new IntegrityConstraintViolationException(message, e)
                : new DataAccessException(message, e);
    }

    private static void bind(PreparedStatement statement, @Nullable Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value instanceof Instant instant) {
                // to the microsecond, truncated (what both engines keep): a compare-and-set compares what was written
                statement.setObject(i + 1, instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC));
            } else if (value instanceof SqlArray array) {
                statement.setArray(i + 1, statement.getConnection().createArrayOf(array.type(), array.elements()));
            } else if (value instanceof Enum<?> constant) {
                statement.setString(i + 1, constant.name());
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }
}
