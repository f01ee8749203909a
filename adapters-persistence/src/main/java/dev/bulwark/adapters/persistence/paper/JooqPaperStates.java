package dev.bulwark.adapters.persistence.paper;

import static dev.bulwark.adapters.persistence.jooq.Tables.PAPER_STATES;
import static dev.bulwark.adapters.persistence.jooq.Tables.VENUE_ACCOUNTS;

import dev.bulwark.adapters.persistence.Db;
import dev.bulwark.adapters.persistence.SqlErrors;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.ports.driven.paper.PaperState;
import dev.bulwark.ports.driven.paper.PaperStates;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.NotFound;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import org.jooq.exception.DataAccessException;

/** Paper states in SQL: one row per account, saved by compare-and-set on its version. */
public final class JooqPaperStates implements PaperStates {
    private final Db db;

    public JooqPaperStates(Db db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public Optional<PaperState> load(WorkspaceId workspace, VenueAccountId account) {
        return db.ctx().selectFrom(PAPER_STATES)
                .where(PAPER_STATES.WORKSPACE_ID.eq(workspace.value()).and(PAPER_STATES.ACCOUNT_ID.eq(account.value())))
                .fetchOptional()
                .map(r -> new PaperState(new VenueAccountId(r.getAccountId()), r.getDocument(), r.getVersion(),
                        r.getUpdatedAt().toInstant()));
    }

    @Override
    public long version(WorkspaceId workspace, VenueAccountId account) {
        Long version = db.ctx().select(PAPER_STATES.VERSION).from(PAPER_STATES)
                .where(PAPER_STATES.WORKSPACE_ID.eq(workspace.value()).and(PAPER_STATES.ACCOUNT_ID.eq(account.value())))
                .fetchOne(PAPER_STATES.VERSION);
        return version == null ? 0 : version;
    }

    @Override
    public long save(WorkspaceId workspace, VenueAccountId account, String document, long expectedVersion, Instant at) {
        Objects.requireNonNull(document, "document");
        if (expectedVersion < 0) {
            throw new IllegalArgumentException("expectedVersion is 0 (nothing saved yet) or a saved version");
        }
        long next = expectedVersion + 1;
        return db.inTransaction(() -> {
            if (expectedVersion == 0) {
                requireOwnAccount(workspace, account);
                int inserted = db.ctx().insertInto(PAPER_STATES)
                        .set(PAPER_STATES.WORKSPACE_ID, workspace.value())
                        .set(PAPER_STATES.ACCOUNT_ID, account.value())
                        .set(PAPER_STATES.DOCUMENT, document)
                        .set(PAPER_STATES.VERSION, next)
                        .set(PAPER_STATES.UPDATED_AT, at.atOffset(ZoneOffset.UTC))
                        .onConflict(PAPER_STATES.ACCOUNT_ID).doNothing()
                        .execute();
                if (inserted == 0) {
                    throw new Conflict("the paper state of account " + account + " was saved by another writer");
                }
                return next;
            }
            int updated = db.ctx().update(PAPER_STATES)
                    .set(PAPER_STATES.DOCUMENT, document)
                    .set(PAPER_STATES.VERSION, next)
                    .set(PAPER_STATES.UPDATED_AT, at.atOffset(ZoneOffset.UTC))
                    .where(PAPER_STATES.WORKSPACE_ID.eq(workspace.value())
                            .and(PAPER_STATES.ACCOUNT_ID.eq(account.value()))
                            .and(PAPER_STATES.VERSION.eq(expectedVersion)))
                    .execute();
            if (updated == 0) {
                if (load(workspace, account).isEmpty()) {
                    throw new NotFound("no paper state for account " + account);
                }
                throw new Conflict("the paper state of account " + account + " moved past version " + expectedVersion);
            }
            return next;
        });
    }

    @Override
    public boolean delete(WorkspaceId workspace, VenueAccountId account) {
        try {
            return db.ctx().deleteFrom(PAPER_STATES)
                    .where(PAPER_STATES.WORKSPACE_ID.eq(workspace.value()).and(PAPER_STATES.ACCOUNT_ID.eq(account.value())))
                    .execute() == 1;
        } catch (DataAccessException e) {
            throw SqlErrors.translate(e);
        }
    }

    private void requireOwnAccount(WorkspaceId workspace, VenueAccountId account) {
        boolean own = db.ctx().fetchExists(VENUE_ACCOUNTS,
                VENUE_ACCOUNTS.WORKSPACE_ID.eq(workspace.value()).and(VENUE_ACCOUNTS.ID.eq(account.value())));
        if (!own) {
            throw new NotFound("venue account " + account + " not found");
        }
    }
}
