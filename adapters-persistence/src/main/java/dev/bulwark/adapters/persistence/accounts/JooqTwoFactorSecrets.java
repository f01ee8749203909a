package dev.bulwark.adapters.persistence.accounts;

import static dev.bulwark.adapters.persistence.jooq.Tables.BACKUP_CODES;
import static dev.bulwark.adapters.persistence.jooq.Tables.TWO_FACTOR;

import dev.bulwark.adapters.persistence.Db;
import dev.bulwark.adapters.persistence.SqlErrors;
import dev.bulwark.adapters.persistence.jooq.tables.records.BackupCodesRecord;
import dev.bulwark.adapters.persistence.jooq.tables.records.TwoFactorRecord;
import dev.bulwark.domain.accounts.BackupCode;
import dev.bulwark.domain.accounts.TwoFactor;
import dev.bulwark.domain.accounts.UserId;
import dev.bulwark.domain.secrets.SealedSecret;
import dev.bulwark.ports.driven.accounts.TwoFactorSecrets;
import dev.bulwark.ports.errors.NotFound;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * Two-factor enrollments and backup codes in SQL. Once-only is one conditional UPDATE each (step greater than the
 * last, code not yet used): the database serializes concurrent updates of a row and re-checks the condition, so
 * exactly one caller changes it and sees one updated row.
 */
public final class JooqTwoFactorSecrets implements TwoFactorSecrets {
    private final Db db;

    public JooqTwoFactorSecrets(Db db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public void save(TwoFactor enrollment) {
        try {
            db.ctx().insertInto(TWO_FACTOR)
                    .set(TWO_FACTOR.USER_ID, enrollment.user().value())
                    .set(TWO_FACTOR.SECRET, enrollment.secret().envelope())
                    .set(TWO_FACTOR.CONFIRMED, enrollment.confirmed())
                    .set(TWO_FACTOR.LAST_USED_STEP, enrollment.lastUsedStep())
                    .set(TWO_FACTOR.CREATED_AT, Sql.utc(enrollment.createdAt()))
                    .onConflict(TWO_FACTOR.USER_ID)
                    .doUpdate()
                    .set(TWO_FACTOR.SECRET, enrollment.secret().envelope())
                    .set(TWO_FACTOR.CONFIRMED, enrollment.confirmed())
                    .set(TWO_FACTOR.LAST_USED_STEP, enrollment.lastUsedStep())
                    .set(TWO_FACTOR.CREATED_AT, Sql.utc(enrollment.createdAt()))
                    .execute();
        } catch (DataAccessException e) {
            if (Sql.isMissingParent(e)) {
                throw new NotFound("user " + enrollment.user() + " not found");
            }
            throw SqlErrors.translate(e);
        }
    }

    @Override
    public Optional<TwoFactor> find(UserId user) {
        return db.ctx().selectFrom(TWO_FACTOR).where(TWO_FACTOR.USER_ID.eq(user.value())).fetchOptional()
                .map(JooqTwoFactorSecrets::toTwoFactor);
    }

    @Override
    public boolean confirm(UserId user) {
        return db.ctx().update(TWO_FACTOR).set(TWO_FACTOR.CONFIRMED, true)
                .where(TWO_FACTOR.USER_ID.eq(user.value()).and(TWO_FACTOR.CONFIRMED.isFalse()))
                .execute() == 1;
    }

    @Override
    public boolean remove(UserId user) {
        return db.inTransaction(() -> {
            DSLContext ctx = db.ctx();
            ctx.deleteFrom(BACKUP_CODES).where(BACKUP_CODES.USER_ID.eq(user.value())).execute();
            return ctx.deleteFrom(TWO_FACTOR).where(TWO_FACTOR.USER_ID.eq(user.value())).execute() == 1;
        });
    }

    @Override
    public boolean acceptStep(UserId user, long step) {
        return db.ctx().update(TWO_FACTOR).set(TWO_FACTOR.LAST_USED_STEP, step)
                .where(TWO_FACTOR.USER_ID.eq(user.value()).and(TWO_FACTOR.LAST_USED_STEP.lt(step)))
                .execute() == 1;
    }

    @Override
    public void replaceBackupCodes(UserId user, Collection<String> codeHashes) {
        Set<String> unique = new LinkedHashSet<>();
        for (String hash : codeHashes) {
            // the domain's check of the hash's shape, before anything is deleted
            String checked = new BackupCode(user, hash, null).codeHash();
            if (!unique.add(checked)) {
                throw new IllegalArgumentException("backup codes must differ: the same hash appears twice");
            }
        }
        db.inTransaction(() -> {
            DSLContext ctx = db.ctx();
            ctx.deleteFrom(BACKUP_CODES).where(BACKUP_CODES.USER_ID.eq(user.value())).execute();
            if (unique.isEmpty()) {
                return;
            }
            var insert = ctx.insertInto(BACKUP_CODES, BACKUP_CODES.USER_ID, BACKUP_CODES.CODE_HASH);
            for (String hash : unique) {
                insert = insert.values(user.value(), hash);
            }
            try {
                insert.execute();
            } catch (DataAccessException e) {
                if (Sql.isMissingParent(e)) {
                    throw new NotFound("user " + user + " not found");
                }
                throw SqlErrors.translate(e);
            }
        });
    }

    @Override
    public List<BackupCode> backupCodes(UserId user) {
        return db.ctx().selectFrom(BACKUP_CODES).where(BACKUP_CODES.USER_ID.eq(user.value()))
                .fetch(JooqTwoFactorSecrets::toBackupCode);
    }

    @Override
    public boolean useBackupCode(UserId user, String codeHash, Instant at) {
        return db.ctx().update(BACKUP_CODES).set(BACKUP_CODES.USED_AT, Sql.utc(at))
                .where(BACKUP_CODES.USER_ID.eq(user.value())
                        .and(BACKUP_CODES.CODE_HASH.eq(codeHash))
                        .and(BACKUP_CODES.USED_AT.isNull()))
                .execute() == 1;
    }

    private static TwoFactor toTwoFactor(TwoFactorRecord r) {
        return new TwoFactor(new UserId(r.getUserId()), new SealedSecret(r.getSecret()), r.getConfirmed(),
                r.getLastUsedStep(), r.getCreatedAt().toInstant());
    }

    private static BackupCode toBackupCode(BackupCodesRecord r) {
        return new BackupCode(new UserId(r.getUserId()), r.getCodeHash(), Sql.instantOrNull(r.getUsedAt()));
    }
}
