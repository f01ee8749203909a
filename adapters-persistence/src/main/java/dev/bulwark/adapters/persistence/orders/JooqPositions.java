package dev.bulwark.adapters.persistence.orders;

import static dev.bulwark.adapters.persistence.jooq.Tables.POSITIONS;
import static dev.bulwark.adapters.persistence.jooq.Tables.VENUE_ACCOUNTS;

import dev.bulwark.adapters.persistence.Db;
import dev.bulwark.adapters.persistence.Jdbc;
import dev.bulwark.adapters.persistence.market.Columns;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.money.Money;
import dev.bulwark.domain.positions.Position;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.ports.driven.orders.Positions;
import dev.bulwark.ports.errors.NotFound;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Positions in SQL, one row per (account, instrument). The cost basis and realized P&amp;L are stored as amounts
 * only: the domain's {@link Position} holds both in the instrument's quote asset, so the quote column is their
 * asset and a second column could only disagree with it.
 */
public final class JooqPositions implements Positions {
    private static final String COLUMNS = "account_id, base, quote, market, quantity, cost_basis, realized_pnl, leverage";
    private static final String OF_INSTRUMENT = " where workspace_id = ? and account_id = ? and base = ? and quote = ?"
            + " and market = ?";
    private static final String UPDATE = "update positions set quantity = ?, cost_basis = ?, realized_pnl = ?, leverage = ?"
            + OF_INSTRUMENT;
    private static final String SELECT_ONE = "select " + COLUMNS + " from positions" + OF_INSTRUMENT;
    private static final String LOCK = SELECT_ONE + " for update";

    private final Db db;

    public JooqPositions(Db db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public void upsert(WorkspaceId workspace, Position position) {
        Objects.requireNonNull(position, "position");
        Amounts amounts = Amounts.of(position);
        Instrument instrument = position.instrument();
        // the usual case (a fill moving a position that exists, locked by lockForChange): one UPDATE, scoped to the
        // workspace; only a position seen for the first time checks its account and inserts
        int updated = db.jdbc().update(UPDATE, amounts.quantity(), amounts.costBasis(), amounts.realizedPnl(),
                amounts.leverage(), workspace.value(), position.account().value(), instrument.base().code(),
                instrument.quote().code(), instrument.market().name());
        if (updated == 0) {
            requireAccount(workspace, position.account());
            insert(workspace, position, amounts, true);
        }
    }

    /** A position's numbers as the columns hold them (exact, or refused). */
    private record Amounts(BigDecimal quantity, BigDecimal costBasis, BigDecimal realizedPnl, BigDecimal leverage) {
        static Amounts of(Position position) {
            return new Amounts(Columns.exact(position.quantity(), "quantity"),
                    Columns.exact(position.costBasis().amount(), "costBasis"),
                    Columns.exact(position.realizedPnl().amount(), "realizedPnl"),
                    Columns.exact(position.leverage(), "leverage"));
        }
    }

    /** A flat row is inserted first when there is none (another writer's insert wins), then locked FOR UPDATE. */
    @Override
    public Position lockForChange(WorkspaceId workspace, VenueAccountId account, Instrument instrument) {
        Objects.requireNonNull(instrument, "instrument");
        return db.inTransaction(() -> {
            // the row is there after an account's first fill in the instrument: one statement locks and reads it
            var held = locked(workspace, account, instrument);
            if (held.isPresent()) {
                return held.get();
            }
            requireAccount(workspace, account);
            Position flat = Position.flat(account, instrument);
            // another writer's insert wins (on H2 it can race this one: see Db.upsert); its row is what we lock
            db.upsert(() -> insert(workspace, flat, Amounts.of(flat), false));
            return locked(workspace, account, instrument)
                    .orElseThrow(() -> new NotFound("venue account " + account + " not found"));
        });
    }

    private Optional<Position> locked(WorkspaceId workspace, VenueAccountId account, Instrument instrument) {
        return db.jdbc().queryOne(LOCK, JooqPositions::toPosition, workspace.value(), account.value(),
                instrument.base().code(), instrument.quote().code(), instrument.market().name());
    }

    private void requireAccount(WorkspaceId workspace, VenueAccountId account) {
        // checked first so the usual refusal needs no failed statement (which would abort the caller's PostgreSQL
        // transaction); the foreign key still guards against an account deleted in between
        if (!db.ctx().fetchExists(VENUE_ACCOUNTS, VENUE_ACCOUNTS.ID.eq(account.value())
                .and(VENUE_ACCOUNTS.WORKSPACE_ID.eq(workspace.value())))) {
            throw new NotFound("venue account " + account + " not found");
        }
    }

    /** Inserts the position; an existing row is replaced when {@code replace}, else left as it is. */
    private int insert(WorkspaceId workspace, Position position, Amounts amounts, boolean replace) {
        BigDecimal quantity = amounts.quantity();
        BigDecimal costBasis = amounts.costBasis();
        BigDecimal realizedPnl = amounts.realizedPnl();
        BigDecimal leverage = amounts.leverage();
        Instrument instrument = position.instrument();
        var insert = db.ctx().insertInto(POSITIONS)
                .set(POSITIONS.ACCOUNT_ID, position.account().value())
                .set(POSITIONS.BASE, instrument.base().code())
                .set(POSITIONS.QUOTE, instrument.quote().code())
                .set(POSITIONS.MARKET, instrument.market().name())
                .set(POSITIONS.WORKSPACE_ID, workspace.value())
                .set(POSITIONS.QUANTITY, quantity)
                .set(POSITIONS.COST_BASIS, costBasis)
                .set(POSITIONS.REALIZED_PNL, realizedPnl)
                .set(POSITIONS.LEVERAGE, leverage)
                .onConflict(POSITIONS.ACCOUNT_ID, POSITIONS.BASE, POSITIONS.QUOTE, POSITIONS.MARKET);
        if (replace) {
            return insert.doUpdate()
                    .set(POSITIONS.QUANTITY, quantity)
                    .set(POSITIONS.COST_BASIS, costBasis)
                    .set(POSITIONS.REALIZED_PNL, realizedPnl)
                    .set(POSITIONS.LEVERAGE, leverage)
                    .execute();
        }
        return insert.doNothing().execute();
    }

    @Override
    public Optional<Position> find(WorkspaceId workspace, VenueAccountId account, Instrument instrument) {
        return db.jdbc().queryOne(SELECT_ONE, JooqPositions::toPosition, workspace.value(), account.value(),
                instrument.base().code(), instrument.quote().code(), instrument.market().name());
    }

    @Override
    public List<Position> listOpen(WorkspaceId workspace, VenueAccountId account) {
        return listOpenOf(workspace, List.of(account));
    }

    @Override
    public List<Position> listOpenOf(WorkspaceId workspace, Collection<VenueAccountId> accounts) {
        List<UUID> ids = accounts.stream().map(VenueAccountId::value).distinct().toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        Object[] values = new Object[ids.size() + 1];
        values[0] = workspace.value();
        for (int i = 0; i < ids.size(); i++) {
            values[i + 1] = ids.get(i);
        }
        return db.jdbc().query("select " + COLUMNS + " from positions where workspace_id = ? and account_id in ("
                + Jdbc.marks(ids.size()) + ") and quantity <> 0 order by account_id, base, quote, market",
                JooqPositions::toPosition, values);
    }

    @Override
    public List<Position> listOpen(WorkspaceId workspace) {
        return db.jdbc().query("select " + COLUMNS + " from positions where workspace_id = ? and quantity <> 0"
                + " order by account_id, base, quote, market", JooqPositions::toPosition, workspace.value());
    }

    private static Position toPosition(ResultSet r) throws SQLException {
        Instrument instrument = Columns.instrument(r.getString("base"), r.getString("quote"), r.getString("market"));
        return new Position(new VenueAccountId(Jdbc.uuid(r, "account_id")), instrument, r.getBigDecimal("quantity"),
                new Money(r.getBigDecimal("cost_basis"), instrument.quote()),
                new Money(r.getBigDecimal("realized_pnl"), instrument.quote()), r.getBigDecimal("leverage"));
    }
}
