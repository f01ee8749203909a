package dev.bulwark.adapters.persistence.alerts;

import static dev.bulwark.adapters.persistence.jooq.Tables.ALERTS;

import dev.bulwark.adapters.persistence.Db;
import dev.bulwark.adapters.persistence.SqlErrors;
import dev.bulwark.adapters.persistence.jooq.tables.records.AlertsRecord;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.alerts.Alert;
import dev.bulwark.domain.alerts.AlertCondition;
import dev.bulwark.domain.alerts.AlertId;
import dev.bulwark.domain.alerts.AlertStatus;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.ports.driven.alerts.Alerts;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.NotFound;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.exception.DataAccessException;
import org.jspecify.annotations.Nullable;

/** Alerts in SQL: a condition is stored as its kind, an instrument for price conditions, and one threshold. */
public final class JooqAlerts implements Alerts {
    private static final int MAX_PAGE = 1_000;

    private final Db db;

    public JooqAlerts(Db db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public void create(Alert alert) {
        try {
            AlertsRecord row = db.ctx().newRecord(ALERTS);
            row.setId(alert.id().value());
            row.setWorkspaceId(alert.workspace().value());
            row.setName(alert.name());
            writeCondition(row, alert.condition());
            row.setStatus(alert.status().name());
            row.setCreatedAt(utc(alert.createdAt()));
            row.setTriggeredAt(alert.triggeredAt() == null ? null : utc(alert.triggeredAt()));
            row.setLastMessage(alert.lastMessage());
            db.ctx().insertInto(ALERTS).set(row).execute();
        } catch (DataAccessException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new Conflict("alert " + alert.id() + " exists already");
            }
            throw SqlErrors.translate(e);
        }
    }

    @Override
    public Optional<Alert> find(WorkspaceId workspace, AlertId id) {
        return db.ctx().selectFrom(ALERTS).where(owned(workspace, id)).fetchOptional().map(JooqAlerts::toAlert);
    }

    @Override
    public List<Alert> list(WorkspaceId workspace) {
        return db.ctx().selectFrom(ALERTS).where(ALERTS.WORKSPACE_ID.eq(workspace.value()))
                .orderBy(ALERTS.CREATED_AT, ALERTS.ID).fetch(JooqAlerts::toAlert);
    }

    @Override
    public List<Alert> listActive(@Nullable AlertId after, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("a page holds 1 to " + MAX_PAGE + " alerts, was " + limit);
        }
        Condition where = ALERTS.STATUS.eq(AlertStatus.ACTIVE.name());
        if (after != null) {
            where = where.and(ALERTS.ID.gt(after.value()));
        }
        return db.ctx().selectFrom(ALERTS).where(where).orderBy(ALERTS.ID).limit(limit).fetch(JooqAlerts::toAlert);
    }

    @Override
    public boolean markTriggered(WorkspaceId workspace, AlertId id, Instant at, String message) {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(message, "message");
        if (message.length() > Alert.MAX_MESSAGE) {
            throw new IllegalArgumentException("an alert message is at most " + Alert.MAX_MESSAGE + " characters");
        }
        // conditional on ACTIVE: of two checkers that saw it met, only one triggers it (and notifies)
        int updated = db.ctx().update(ALERTS)
                .set(ALERTS.STATUS, AlertStatus.TRIGGERED.name())
                .set(ALERTS.TRIGGERED_AT, utc(at))
                .set(ALERTS.LAST_MESSAGE, message)
                .where(owned(workspace, id))
                .and(ALERTS.STATUS.eq(AlertStatus.ACTIVE.name()))
                .execute();
        if (updated == 1) {
            return true;
        }
        if (find(workspace, id).isEmpty()) {
            throw notFound(id);
        }
        return false;
    }

    @Override
    public Alert updateStatus(WorkspaceId workspace, AlertId id, AlertStatus status) {
        Objects.requireNonNull(status, "status");
        if (status == AlertStatus.TRIGGERED) {
            throw new IllegalArgumentException("an alert is triggered by its checker (markTriggered), not set so");
        }
        return db.inTransaction(() -> {
            int updated = db.ctx().update(ALERTS).set(ALERTS.STATUS, status.name()).where(owned(workspace, id)).execute();
            if (updated == 0) {
                throw notFound(id);
            }
            return find(workspace, id).orElseThrow(() -> notFound(id));
        });
    }

    @Override
    public void delete(WorkspaceId workspace, AlertId id) {
        if (db.ctx().deleteFrom(ALERTS).where(owned(workspace, id)).execute() == 0) {
            throw notFound(id);
        }
    }

    private static NotFound notFound(AlertId id) {
        return new NotFound("no alert " + id);
    }

    private static Condition owned(WorkspaceId workspace, AlertId id) {
        return ALERTS.WORKSPACE_ID.eq(workspace.value()).and(ALERTS.ID.eq(id.value()));
    }

    private static void writeCondition(AlertsRecord row, AlertCondition condition) {
        switch (condition) {
            case AlertCondition.PriceAbove c -> {
                row.setConditionKind("PRICE_ABOVE");
                writeInstrument(row, c.instrument());
                row.setThreshold(c.price());
            }
            case AlertCondition.PriceBelow c -> {
                row.setConditionKind("PRICE_BELOW");
                writeInstrument(row, c.instrument());
                row.setThreshold(c.price());
            }
            case AlertCondition.PortfolioValueBelow c -> {
                row.setConditionKind("PORTFOLIO_VALUE_BELOW");
                row.setThreshold(c.usd());
            }
            case AlertCondition.DailyLossAbove c -> {
                row.setConditionKind("DAILY_LOSS_ABOVE");
                row.setThreshold(c.share());
            }
        }
    }

    private static void writeInstrument(AlertsRecord row, Instrument instrument) {
        row.setInstrumentBase(instrument.base().code());
        row.setInstrumentQuote(instrument.quote().code());
        row.setInstrumentMarket(instrument.market().name());
    }

    private static AlertCondition toCondition(AlertsRecord r) {
        return switch (r.getConditionKind()) {
            case "PRICE_ABOVE" -> new AlertCondition.PriceAbove(instrument(r), r.getThreshold());
            case "PRICE_BELOW" -> new AlertCondition.PriceBelow(instrument(r), r.getThreshold());
            case "PORTFOLIO_VALUE_BELOW" -> new AlertCondition.PortfolioValueBelow(r.getThreshold());
            case "DAILY_LOSS_ABOVE" -> new AlertCondition.DailyLossAbove(r.getThreshold());
            default -> throw new IllegalStateException("unknown alert condition in the database: " + r.getConditionKind());
        };
    }

    private static Instrument instrument(AlertsRecord r) {
        return new Instrument(new Asset(r.getInstrumentBase()), new Asset(r.getInstrumentQuote()),
                Market.valueOf(r.getInstrumentMarket()));
    }

    private static Alert toAlert(AlertsRecord r) {
        return new Alert(
                new AlertId(r.getId()),
                new WorkspaceId(r.getWorkspaceId()),
                r.getName(),
                toCondition(r),
                AlertStatus.valueOf(r.getStatus()),
                r.getCreatedAt().toInstant(),
                r.getTriggeredAt() == null ? null : r.getTriggeredAt().toInstant(),
                r.getLastMessage());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
