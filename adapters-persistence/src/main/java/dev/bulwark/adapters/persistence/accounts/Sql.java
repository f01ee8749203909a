package dev.bulwark.adapters.persistence.accounts;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.exception.DataAccessException;
import org.jspecify.annotations.Nullable;

/** What the account stores share: time in UTC, and telling a missing parent row from other failures. */
final class Sql {
    // PostgreSQL reports a missing parent as 23503; H2 uses 23506 for it (its 23503 is "child exists")
    private static final String PG_FOREIGN_KEY = "23503";
    private static final String H2_PARENT_MISSING = "23506";

    private Sql() {
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static @Nullable OffsetDateTime utcOrNull(@Nullable Instant instant) {
        return instant == null ? null : utc(instant);
    }

    static @Nullable Instant instantOrNull(@Nullable OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    /** A row referenced a parent (user, workspace) that does not exist. */
    static boolean isMissingParent(DataAccessException e) {
        String state = e.sqlState();
        return PG_FOREIGN_KEY.equals(state) || H2_PARENT_MISSING.equals(state);
    }
}
