package dev.bulwark.adapters.persistence.accounts;

import static dev.bulwark.adapters.persistence.jooq.Tables.SETUP_TOKENS;

import dev.bulwark.adapters.persistence.Db;
import dev.bulwark.adapters.persistence.SqlErrors;
import dev.bulwark.ports.driven.accounts.SetupTokens;
import dev.bulwark.ports.errors.Conflict;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * Setup tokens in SQL. Spending one spends every token, so a consume first locks all unspent tokens in one order
 * (by hash): two consumers, of one token or of two, then run one after the other instead of each holding one row
 * and waiting for the other's (a deadlock), and the second finds nothing left to spend.
 */
public final class JooqSetupTokens implements SetupTokens {
    private static final Pattern HEX_64 = Pattern.compile("[0-9a-f]{64}");

    private final Db db;

    public JooqSetupTokens(Db db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public void create(String tokenHash, Instant createdAt, Instant expiresAt) {
        requireHash(tokenHash);
        Objects.requireNonNull(createdAt, "createdAt");
        if (!expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("a setup token expires after its creation");
        }
        try {
            db.ctx().insertInto(SETUP_TOKENS)
                    .set(SETUP_TOKENS.TOKEN_HASH, tokenHash)
                    .set(SETUP_TOKENS.CREATED_AT, Sql.utc(createdAt))
                    .set(SETUP_TOKENS.EXPIRES_AT, Sql.utc(expiresAt))
                    .execute();
        } catch (DataAccessException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new Conflict("this setup token exists already");
            }
            throw SqlErrors.translate(e);
        }
    }

    @Override
    public boolean consume(String tokenHash, Instant at) {
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(at, "at");
        return db.inTransaction(() -> {
            DSLContext ctx = db.ctx();
            ctx.select(SETUP_TOKENS.TOKEN_HASH).from(SETUP_TOKENS).where(SETUP_TOKENS.USED_AT.isNull())
                    .orderBy(SETUP_TOKENS.TOKEN_HASH).forUpdate().fetch();
            // a new statement: it sees what a consumer we waited for committed
            int spent = ctx.update(SETUP_TOKENS).set(SETUP_TOKENS.USED_AT, Sql.utc(at))
                    .where(SETUP_TOKENS.TOKEN_HASH.eq(tokenHash)
                            .and(SETUP_TOKENS.USED_AT.isNull())
                            .and(SETUP_TOKENS.EXPIRES_AT.gt(Sql.utc(at))))
                    .execute();
            if (spent == 0) {
                return false;
            }
            ctx.update(SETUP_TOKENS).set(SETUP_TOKENS.USED_AT, Sql.utc(at)).where(SETUP_TOKENS.USED_AT.isNull()).execute();
            return true;
        });
    }

    /** The refusal does not echo the value: it is derived from a secret. */
    private static void requireHash(String tokenHash) {
        Objects.requireNonNull(tokenHash, "tokenHash");
        if (!HEX_64.matcher(tokenHash).matches()) {
            throw new IllegalArgumentException("tokenHash is the lower-case hex of a SHA-256 digest (64 characters)");
        }
    }
}
