package dev.bulwark.adapters.persistence.accounts;

import static dev.bulwark.adapters.persistence.jooq.Tables.LOGIN_FAILURES;

import dev.bulwark.adapters.persistence.Db;
import dev.bulwark.domain.accounts.LoginFailure;
import dev.bulwark.domain.accounts.LoginSubject;
import dev.bulwark.ports.driven.accounts.LoginThrottle;
import java.time.Instant;
import java.util.Objects;

/**
 * Failed sign-ins in SQL, one row each: a count over a window is then one indexed range read, and concurrent
 * failures never contend on a shared counter row.
 */
public final class JooqLoginThrottle implements LoginThrottle {
    private final Db db;

    public JooqLoginThrottle(Db db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public void recordFailure(LoginFailure failure) {
        db.ctx().insertInto(LOGIN_FAILURES)
                .set(LOGIN_FAILURES.SUBJECT, failure.subject().value())
                .set(LOGIN_FAILURES.FAILED_AT, Sql.utc(failure.at()))
                .execute();
    }

    @Override
    public int failuresSince(LoginSubject subject, Instant since) {
        return db.ctx().fetchCount(LOGIN_FAILURES,
                LOGIN_FAILURES.SUBJECT.eq(subject.value()).and(LOGIN_FAILURES.FAILED_AT.ge(Sql.utc(since))));
    }

    @Override
    public void clear(LoginSubject subject) {
        db.ctx().deleteFrom(LOGIN_FAILURES).where(LOGIN_FAILURES.SUBJECT.eq(subject.value())).execute();
    }

    @Override
    public int forgetBefore(Instant cutoff) {
        return db.ctx().deleteFrom(LOGIN_FAILURES).where(LOGIN_FAILURES.FAILED_AT.lt(Sql.utc(cutoff))).execute();
    }
}
