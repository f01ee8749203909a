package dev.bulwark.adapters.persistence.orders;

import static dev.bulwark.adapters.persistence.jooq.Tables.POSITIONS;
import static dev.bulwark.adapters.persistence.jooq.Tables.VENUE_ACCOUNTS;

import dev.bulwark.adapters.persistence.Db;
import dev.bulwark.adapters.persistence.jooq.tables.records.PositionsRecord;
import dev.bulwark.adapters.persistence.market.Columns;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.money.Money;
import dev.bulwark.domain.positions.Position;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.ports.driven.orders.Positions;
import dev.bulwark.ports.errors.NotFound;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Condition;

/**
 * Positions in SQL, one row per (account, instrument). The cost basis and realized P&amp;L are stored as amounts
 * only: the domain's {@link Position} holds both in the instrument's quote asset, so the quote column is their
 * asset and a second column could only disagree with it.
 */
public final class JooqPositions implements Positions {
    private final Db db;

    public JooqPositions(Db db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public void upsert(WorkspaceId workspace, Position position) {
        Objects.requireNonNull(position, "position");
        BigDecimal quantity = Columns.exact(position.quantity(), "quantity");
        BigDecimal costBasis = Columns.exact(position.costBasis().amount(), "costBasis");
        BigDecimal realizedPnl = Columns.exact(position.realizedPnl().amount(), "realizedPnl");
        BigDecimal leverage = Columns.exact(position.leverage(), "leverage");
        // checked first so the usual refusal needs no failed statement (which would abort the caller's PostgreSQL
        // transaction); the foreign key still guards against an account deleted in between
        if (!db.ctx().fetchExists(VENUE_ACCOUNTS, VENUE_ACCOUNTS.ID.eq(position.account().value())
                .and(VENUE_ACCOUNTS.WORKSPACE_ID.eq(workspace.value())))) {
            throw new NotFound("venue account " + position.account() + " not found");
        }
        Instrument instrument = position.instrument();
        db.ctx().insertInto(POSITIONS)
                .set(POSITIONS.ACCOUNT_ID, position.account().value())
                .set(POSITIONS.BASE, instrument.base().code())
                .set(POSITIONS.QUOTE, instrument.quote().code())
                .set(POSITIONS.MARKET, instrument.market().name())
                .set(POSITIONS.WORKSPACE_ID, workspace.value())
                .set(POSITIONS.QUANTITY, quantity)
                .set(POSITIONS.COST_BASIS, costBasis)
                .set(POSITIONS.REALIZED_PNL, realizedPnl)
                .set(POSITIONS.LEVERAGE, leverage)
                .onConflict(POSITIONS.ACCOUNT_ID, POSITIONS.BASE, POSITIONS.QUOTE, POSITIONS.MARKET)
                .doUpdate()
                .set(POSITIONS.QUANTITY, quantity)
                .set(POSITIONS.COST_BASIS, costBasis)
                .set(POSITIONS.REALIZED_PNL, realizedPnl)
                .set(POSITIONS.LEVERAGE, leverage)
                .execute();
    }

    @Override
    public Optional<Position> find(WorkspaceId workspace, VenueAccountId account, Instrument instrument) {
        return db.ctx().selectFrom(POSITIONS)
                .where(ofAccount(workspace, account))
                .and(POSITIONS.BASE.eq(instrument.base().code()))
                .and(POSITIONS.QUOTE.eq(instrument.quote().code()))
                .and(POSITIONS.MARKET.eq(instrument.market().name()))
                .fetchOptional()
                .map(JooqPositions::toPosition);
    }

    @Override
    public List<Position> listOpen(WorkspaceId workspace, VenueAccountId account) {
        return db.ctx().selectFrom(POSITIONS)
                .where(ofAccount(workspace, account))
                .and(POSITIONS.QUANTITY.ne(BigDecimal.ZERO))
                .orderBy(POSITIONS.BASE, POSITIONS.QUOTE, POSITIONS.MARKET)
                .fetch(JooqPositions::toPosition);
    }

    @Override
    public List<Position> listOpen(WorkspaceId workspace) {
        return db.ctx().selectFrom(POSITIONS)
                .where(POSITIONS.WORKSPACE_ID.eq(workspace.value()))
                .and(POSITIONS.QUANTITY.ne(BigDecimal.ZERO))
                .orderBy(POSITIONS.ACCOUNT_ID, POSITIONS.BASE, POSITIONS.QUOTE, POSITIONS.MARKET)
                .fetch(JooqPositions::toPosition);
    }

    private static Condition ofAccount(WorkspaceId workspace, VenueAccountId account) {
        return POSITIONS.WORKSPACE_ID.eq(workspace.value()).and(POSITIONS.ACCOUNT_ID.eq(account.value()));
    }

    private static Position toPosition(PositionsRecord r) {
        Instrument instrument = Columns.instrument(r.getBase(), r.getQuote(), r.getMarket());
        return new Position(
                new VenueAccountId(r.getAccountId()),
                instrument,
                r.getQuantity(),
                new Money(r.getCostBasis(), instrument.quote()),
                new Money(r.getRealizedPnl(), instrument.quote()),
                r.getLeverage());
    }
}
