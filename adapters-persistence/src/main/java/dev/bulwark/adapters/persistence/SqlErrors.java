package dev.bulwark.adapters.persistence;

import dev.bulwark.ports.errors.Unavailable;
import org.jooq.exception.DataAccessException;

/**
 * Turns database failures into the port failure family. Unique violations are each store's to interpret (it
 * knows what was duplicated); a lost connection or a database that is down is {@link Unavailable}. SQL text and
 * bound values never reach the message: they may hold a secret.
 */
public final class SqlErrors {
    private static final String UNIQUE_VIOLATION = "23505";

    private SqlErrors() {
    }

    public static boolean isUniqueViolation(DataAccessException e) {
        return UNIQUE_VIOLATION.equals(e.sqlState());
    }

    public static RuntimeException translate(DataAccessException e) {
        String state = e.sqlState();
        if (state != null && (state.startsWith("08") || state.startsWith("57") || state.equals("53300"))) {
            return new Unavailable("the database cannot be reached (SQL state " + state + ")");
        }
        return e;
    }
}
