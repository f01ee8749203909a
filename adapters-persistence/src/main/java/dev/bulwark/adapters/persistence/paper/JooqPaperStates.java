package dev.bulwark.adapters.persistence.paper;

import static dev.bulwark.adapters.persistence.jooq.Tables.PAPER_HISTORY;
import static dev.bulwark.adapters.persistence.jooq.Tables.PAPER_STATES;
import static dev.bulwark.adapters.persistence.jooq.Tables.VENUE_ACCOUNTS;

import dev.bulwark.adapters.persistence.Db;
import dev.bulwark.adapters.persistence.Jdbc;
import dev.bulwark.adapters.persistence.SqlErrors;
import dev.bulwark.adapters.persistence.jooq.tables.records.PaperHistoryRecord;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.ports.driven.paper.PaperHistoryEntry;
import dev.bulwark.ports.driven.paper.PaperSave;
import dev.bulwark.ports.driven.paper.PaperState;
import dev.bulwark.ports.driven.paper.PaperStates;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.NotFound;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * Paper states in SQL: one row per account, saved by compare-and-set on its version, and the account's settled
 * history in {@code paper_history}, appended in the same transaction. The compare-and-set runs first, so a save that
 * lost the race fails before it writes a history row; a history row refers to its document and goes with it.
 */
public final class JooqPaperStates implements PaperStates {
    /** One settled order or fill (a format-1 document can settle thousands at once: sent together as a batch). */
    private static final String APPEND = "insert into paper_history (workspace_id, account_id, version, item, kind,"
            + " entry_id, client_order_id, base, quote, market, at, document) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /**
     * PostgreSQL: a save of an existing document in one statement (atomic on its own, so no transaction of its own
     * either): the compare-and-set, then the settled entries over arrays, written only when the compare-and-set moved
     * the row. Answers whether it did.
     */
    private static final String SAVE_PG = "with moved as (update paper_states set document = ?, version = ?,"
            + " updated_at = ? where workspace_id = ? and account_id = ? and version = ? returning account_id),"
            + " added as (insert into paper_history (workspace_id, account_id, version, item, kind, entry_id,"
            + " client_order_id, base, quote, market, at, document) select ?, moved.account_id, ?, given.n - 1,"
            + " given.kind, given.entry_id, given.client_order_id, given.base, given.quote, given.market, given.at,"
            + " given.document from moved, unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
            + " ?::timestamptz[], ?::text[]) with ordinality as given(kind, entry_id, client_order_id, base, quote,"
            + " market, at, document, n) returning 1) select count(*) from moved";

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
        return db.jdbc().queryOne("select version from paper_states where workspace_id = ? and account_id = ?",
                rs -> rs.getLong(1), workspace.value(), account.value()).orElse(0L);
    }

    @Override
    public long save(WorkspaceId workspace, VenueAccountId account, PaperSave save) {
        Objects.requireNonNull(save, "save");
        long expectedVersion = save.expectedVersion();
        long next = expectedVersion + 1;
        if (expectedVersion > 0 && !save.forgetHistory() && db.jdbc().postgres()) {
            if (saveInOneStatement(workspace, account, save, next) == 0) {
                moved(workspace, account, expectedVersion);
            }
            return next;
        }
        return db.inTransaction(() -> {
            DSLContext ctx = db.ctx();
            if (expectedVersion == 0) {
                requireOwnAccount(workspace, account);
                int inserted = ctx.insertInto(PAPER_STATES)
                        .set(PAPER_STATES.WORKSPACE_ID, workspace.value())
                        .set(PAPER_STATES.ACCOUNT_ID, account.value())
                        .set(PAPER_STATES.DOCUMENT, save.document())
                        .set(PAPER_STATES.VERSION, next)
                        .set(PAPER_STATES.UPDATED_AT, utc(save.at()))
                        .onConflict(PAPER_STATES.ACCOUNT_ID).doNothing()
                        .execute();
                if (inserted == 0) {
                    throw new Conflict("the paper state of account " + account + " was saved by another writer");
                }
            } else {
                int updated = db.jdbc().update("update paper_states set document = ?, version = ?, updated_at = ?"
                        + " where workspace_id = ? and account_id = ? and version = ?", save.document(), next, save.at(),
                        workspace.value(), account.value(), expectedVersion);
                if (updated == 0) {
                    moved(workspace, account, expectedVersion);
                }
            }
            // the account is the workspace's and this writer holds its row until commit: the history is ours to write
            if (save.forgetHistory()) {
                ctx.deleteFrom(PAPER_HISTORY).where(PAPER_HISTORY.ACCOUNT_ID.eq(account.value())).execute();
            }
            append(workspace, account, next, save.settled());
            return next;
        });
    }

    /** Why a compare-and-set from {@code expectedVersion} moved nothing: thrown. */
    private void moved(WorkspaceId workspace, VenueAccountId account, long expectedVersion) {
        if (load(workspace, account).isEmpty()) {
            throw new NotFound("no paper state for account " + account);
        }
        throw new Conflict("the paper state of account " + account + " moved past version " + expectedVersion);
    }

    private int saveInOneStatement(WorkspaceId workspace, VenueAccountId account, PaperSave save, long next) {
        List<PaperHistoryEntry> entries = save.settled();
        try {
            return db.jdbc().queryOne(SAVE_PG, rs -> rs.getInt(1), save.document(), next, save.at(), workspace.value(),
                    account.value(), save.expectedVersion(), workspace.value(), next,
                    Jdbc.array("text", entries.stream().map(e -> e.kind().name()).toList()),
                    Jdbc.array("text", entries.stream().map(PaperHistoryEntry::id).toList()),
                    Jdbc.array("text", entries.stream().map(e -> e.clientOrderId() == null ? null : e.clientOrderId().value())
                            .toList()),
                    Jdbc.array("text", entries.stream().map(e -> e.instrument().base().code()).toList()),
                    Jdbc.array("text", entries.stream().map(e -> e.instrument().quote().code()).toList()),
                    Jdbc.array("text", entries.stream().map(e -> e.instrument().market().name()).toList()),
                    Jdbc.array("timestamptz", entries.stream().map(PaperHistoryEntry::at).toList()),
                    Jdbc.array("text", entries.stream().map(PaperHistoryEntry::document).toList())).orElse(0);
        } catch (DataAccessException e) {
            throw alreadySettled(account, e);
        }
    }

    /** A unique violation in the history is a bug (the engine hands each order and fill over once): the save is undone. */
    private static RuntimeException alreadySettled(VenueAccountId account, DataAccessException e) {
        if (SqlErrors.isUniqueViolation(e)) {
            return new IllegalStateException("a settled order or fill of account " + account + " is already in its history", e);
        }
        return e;
    }

    private void append(WorkspaceId workspace, VenueAccountId account, long version, List<PaperHistoryEntry> entries) {
        List<Object[]> rows = new ArrayList<>(entries.size());
        for (int item = 0; item < entries.size(); item++) {
            PaperHistoryEntry entry = entries.get(item);
            Instrument instrument = entry.instrument();
            rows.add(new Object[] {workspace.value(), account.value(), version, item, entry.kind().name(), entry.id(),
                entry.clientOrderId() == null ? null : entry.clientOrderId().value(), instrument.base().code(),
                instrument.quote().code(), instrument.market().name(), entry.at(), entry.document()});
        }
        try {
            db.jdbc().batch(APPEND, rows);
        } catch (DataAccessException e) {
            throw alreadySettled(account, e);
        }
    }

    @Override
    public Optional<PaperHistoryEntry> settledOrder(WorkspaceId workspace, VenueAccountId account, ClientOrderId clientOrderId) {
        return db.ctx().selectFrom(PAPER_HISTORY)
                .where(orderWithClientId(workspace, account, clientOrderId))
                .orderBy(PAPER_HISTORY.VERSION.desc(), PAPER_HISTORY.ITEM.desc())
                .limit(1)
                .fetchOptional()
                .map(JooqPaperStates::toEntry);
    }

    @Override
    public boolean hasSettledOrder(WorkspaceId workspace, VenueAccountId account, ClientOrderId clientOrderId) {
        return db.jdbc().queryOne("select exists (select 1 from paper_history where account_id = ? and client_order_id = ?"
                        + " and workspace_id = ? and kind = 'ORDER')", rs -> rs.getBoolean(1), account.value(),
                clientOrderId.value(), workspace.value()).orElse(false);
    }

    @Override
    public List<PaperHistoryEntry> settledFills(WorkspaceId workspace, VenueAccountId account, Instrument instrument,
                                                Instant since) {
        return db.ctx().selectFrom(PAPER_HISTORY)
                .where(PAPER_HISTORY.ACCOUNT_ID.eq(account.value())
                        .and(PAPER_HISTORY.WORKSPACE_ID.eq(workspace.value()))
                        .and(PAPER_HISTORY.KIND.eq(PaperHistoryEntry.Kind.FILL.name()))
                        .and(PAPER_HISTORY.BASE.eq(instrument.base().code()))
                        .and(PAPER_HISTORY.QUOTE.eq(instrument.quote().code()))
                        .and(PAPER_HISTORY.MARKET.eq(instrument.market().name()))
                        .and(PAPER_HISTORY.AT.ge(utc(since))))
                .orderBy(PAPER_HISTORY.VERSION, PAPER_HISTORY.ITEM)
                .fetch(JooqPaperStates::toEntry);
    }

    @Override
    public boolean delete(WorkspaceId workspace, VenueAccountId account) {
        try {
            // the history goes with its document (ON DELETE CASCADE), in this one statement
            return db.ctx().deleteFrom(PAPER_STATES)
                    .where(PAPER_STATES.WORKSPACE_ID.eq(workspace.value()).and(PAPER_STATES.ACCOUNT_ID.eq(account.value())))
                    .execute() == 1;
        } catch (DataAccessException e) {
            throw SqlErrors.translate(e);
        }
    }

    private static Condition orderWithClientId(WorkspaceId workspace, VenueAccountId account, ClientOrderId clientOrderId) {
        return PAPER_HISTORY.ACCOUNT_ID.eq(account.value())
                .and(PAPER_HISTORY.CLIENT_ORDER_ID.eq(clientOrderId.value()))
                .and(PAPER_HISTORY.WORKSPACE_ID.eq(workspace.value()))
                .and(PAPER_HISTORY.KIND.eq(PaperHistoryEntry.Kind.ORDER.name()));
    }

    private static PaperHistoryEntry toEntry(PaperHistoryRecord r) {
        Instrument instrument = new Instrument(new Asset(r.getBase()), new Asset(r.getQuote()), Market.valueOf(r.getMarket()));
        return new PaperHistoryEntry(PaperHistoryEntry.Kind.valueOf(r.getKind()), r.getEntryId(),
                r.getClientOrderId() == null ? null : new ClientOrderId(r.getClientOrderId()), instrument,
                r.getAt().toInstant(), r.getDocument());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private void requireOwnAccount(WorkspaceId workspace, VenueAccountId account) {
        boolean own = db.ctx().fetchExists(VENUE_ACCOUNTS,
                VENUE_ACCOUNTS.WORKSPACE_ID.eq(workspace.value()).and(VENUE_ACCOUNTS.ID.eq(account.value())));
        if (!own) {
            throw new NotFound("venue account " + account + " not found");
        }
    }
}
