package dev.bulwark.adapters.persistence.bots;

import static dev.bulwark.adapters.persistence.jooq.Tables.BOTS;

import dev.bulwark.adapters.persistence.Db;
import dev.bulwark.adapters.persistence.SqlErrors;
import dev.bulwark.adapters.persistence.jooq.tables.records.BotsRecord;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.bots.AssetType;
import dev.bulwark.domain.bots.Bot;
import dev.bulwark.domain.bots.BotId;
import dev.bulwark.domain.bots.BotRisk;
import dev.bulwark.domain.bots.BotStatus;
import dev.bulwark.domain.bots.PositionSizing;
import dev.bulwark.domain.secrets.SealedSecret;
import dev.bulwark.domain.venues.Environment;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.ports.driven.bots.Bots;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.NotFound;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.exception.DataAccessException;
import org.jspecify.annotations.Nullable;

/** Bots in SQL: one row each, names unique per workspace ignoring case, configuration versions compared in SQL. */
public final class JooqBots implements Bots {
    /** A row another table holds on to (SQL state of a foreign key violation). */
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private final Db db;

    public JooqBots(Db db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public void create(Bot bot) {
        try {
            BotsRecord row = db.ctx().newRecord(BOTS);
            row.setId(bot.id().value());
            row.setWorkspaceId(bot.workspace().value());
            writeConfig(row, bot);
            row.setStatus(bot.status().name());
            row.setWebhookSecret(bot.webhookSecret().envelope());
            row.setPreviousSecret(bot.previousSecret() == null ? null : bot.previousSecret().envelope());
            row.setPreviousSecretValidUntil(utc(bot.previousSecretValidUntil()));
            row.setConfigVersion(bot.configVersion());
            row.setCreatedAt(utc(bot.createdAt()));
            row.setUpdatedAt(utc(bot.updatedAt()));
            db.ctx().insertInto(BOTS).set(row).execute();
        } catch (DataAccessException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new Conflict("a bot named '" + bot.name() + "' exists already in this workspace");
            }
            throw SqlErrors.translate(e);
        }
    }

    @Override
    public Optional<Bot> find(WorkspaceId workspace, BotId id) {
        return db.ctx().selectFrom(BOTS).where(owned(workspace, id)).fetchOptional().map(JooqBots::toBot);
    }

    @Override
    public List<Bot> findAll(WorkspaceId workspace, Collection<BotId> ids) {
        return db.findAll(BOTS, BOTS.WORKSPACE_ID, BOTS.ID, workspace.value(), ids.stream().map(BotId::value).toList(),
                JooqBots::toBot);
    }

    @Override
    public List<Bot> list(WorkspaceId workspace) {
        return db.ctx().selectFrom(BOTS).where(BOTS.WORKSPACE_ID.eq(workspace.value()))
                .orderBy(BOTS.NAME_KEY, BOTS.ID).fetch(JooqBots::toBot);
    }

    @Override
    public Bot update(Bot changed) {
        return db.inTransaction(() -> {
            BotsRecord row = db.ctx().newRecord(BOTS);
            writeConfig(row, changed);
            int updated;
            try {
                updated = db.ctx().update(BOTS)
                        .set(BOTS.NAME, row.getName())
                        .set(BOTS.NAME_KEY, row.getNameKey())
                        .set(BOTS.DESCRIPTION, row.getDescription())
                        .set(BOTS.ASSET_TYPE, row.getAssetType())
                        .set(BOTS.VENUE_ACCOUNT_ID, row.getVenueAccountId())
                        .set(BOTS.ENVIRONMENT, row.getEnvironment())
                        .set(BOTS.SIZING_KIND, row.getSizingKind())
                        .set(BOTS.SIZING_VALUE, row.getSizingValue())
                        .set(BOTS.STOP_LOSS_PERCENT, row.getStopLossPercent())
                        .set(BOTS.TAKE_PROFIT_PERCENT, row.getTakeProfitPercent())
                        .set(BOTS.MAX_DAILY_LOSS, row.getMaxDailyLoss())
                        .set(BOTS.MAX_OPEN_POSITIONS, row.getMaxOpenPositions())
                        .set(BOTS.ALLOWED_SYMBOLS, row.getAllowedSymbols())
                        .set(BOTS.CONFIG_VERSION, BOTS.CONFIG_VERSION.plus(1))
                        .set(BOTS.UPDATED_AT, utc(changed.updatedAt()))
                        // compared in SQL, so two editors of one version cannot both win
                        .where(owned(changed.workspace(), changed.id()))
                        .and(BOTS.CONFIG_VERSION.eq(changed.configVersion()))
                        .execute();
            } catch (DataAccessException e) {
                if (SqlErrors.isUniqueViolation(e)) {
                    throw new Conflict("a bot named '" + changed.name() + "' exists already in this workspace");
                }
                throw SqlErrors.translate(e);
            }
            if (updated == 0) {
                Bot stored = find(changed.workspace(), changed.id()).orElseThrow(() -> notFound(changed.id()));
                throw new Conflict("bot " + changed.id() + " was changed meanwhile (version " + stored.configVersion()
                        + ", not " + changed.configVersion() + "): reload it and apply the change again");
            }
            return require(changed.workspace(), changed.id());
        });
    }

    @Override
    public Bot setStatus(WorkspaceId workspace, BotId id, BotStatus status, Instant at) {
        Objects.requireNonNull(status, "status");
        return db.inTransaction(() -> {
            int updated = db.ctx().update(BOTS)
                    .set(BOTS.STATUS, status.name())
                    .set(BOTS.UPDATED_AT, utc(at))
                    .where(owned(workspace, id))
                    .execute();
            if (updated == 0) {
                throw notFound(id);
            }
            return require(workspace, id);
        });
    }

    @Override
    public Bot rotateSecret(WorkspaceId workspace, BotId id, SealedSecret next, Instant previousValidUntil, Instant at) {
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(previousValidUntil, "previousValidUntil");
        return db.inTransaction(() -> {
            // one statement: the right-hand sides read the row as it was, so current moves to previous atomically
            // and two concurrent rotations cannot lose a secret between a read and a write
            int updated = db.ctx().update(BOTS)
                    .set(BOTS.PREVIOUS_SECRET, BOTS.WEBHOOK_SECRET)
                    .set(BOTS.PREVIOUS_SECRET_VALID_UNTIL, utc(previousValidUntil))
                    .set(BOTS.WEBHOOK_SECRET, next.envelope())
                    .set(BOTS.UPDATED_AT, utc(at))
                    .where(owned(workspace, id))
                    .execute();
            if (updated == 0) {
                throw notFound(id);
            }
            return require(workspace, id);
        });
    }

    @Override
    public void delete(WorkspaceId workspace, BotId id) {
        int deleted;
        try {
            deleted = db.ctx().deleteFrom(BOTS).where(owned(workspace, id)).execute();
        } catch (DataAccessException e) {
            if (FOREIGN_KEY_VIOLATION.equals(e.sqlState())) {
                throw new Conflict("bot " + id + " is still referenced by other records: stop it instead");
            }
            throw SqlErrors.translate(e);
        }
        if (deleted == 0) {
            throw notFound(id);
        }
    }

    @Override
    public int count(WorkspaceId workspace) {
        return db.ctx().fetchCount(BOTS, BOTS.WORKSPACE_ID.eq(workspace.value()));
    }

    @Override
    public Optional<Bot> findForWebhook(BotId id) {
        return db.ctx().selectFrom(BOTS).where(BOTS.ID.eq(id.value())).fetchOptional().map(JooqBots::toBot);
    }

    private Bot require(WorkspaceId workspace, BotId id) {
        return find(workspace, id).orElseThrow(() -> notFound(id));
    }

    private static NotFound notFound(BotId id) {
        return new NotFound("no bot " + id);
    }

    private static Condition owned(WorkspaceId workspace, BotId id) {
        return BOTS.WORKSPACE_ID.eq(workspace.value()).and(BOTS.ID.eq(id.value()));
    }

    /** The configuration columns: what {@link #update} changes and {@link Bot#configVersion()} counts. */
    private static void writeConfig(BotsRecord row, Bot bot) {
        row.setName(bot.name());
        row.setNameKey(bot.name().toLowerCase(Locale.ROOT));
        row.setDescription(bot.description());
        row.setAssetType(bot.assetType().name());
        row.setVenueAccountId(bot.account().value());
        row.setEnvironment(bot.mode().name());
        row.setSizingKind(sizingKind(bot.sizing()));
        row.setSizingValue(bot.sizing().value());
        BotRisk risk = bot.risk();
        row.setStopLossPercent(risk.stopLossPercent());
        row.setTakeProfitPercent(risk.takeProfitPercent());
        row.setMaxDailyLoss(risk.maxDailyLoss());
        row.setMaxOpenPositions(risk.maxOpenPositions());
        row.setAllowedSymbols(String.join(",", risk.allowedSymbols()));
    }

    private static String sizingKind(PositionSizing sizing) {
        return switch (sizing) {
            case PositionSizing.FixedQuote ignored -> "FIXED_QUOTE";
            case PositionSizing.PercentOfEquity ignored -> "PERCENT_OF_EQUITY";
            case PositionSizing.FixedUnits ignored -> "FIXED_UNITS";
        };
    }

    private static PositionSizing toSizing(String kind, BigDecimal value) {
        return switch (kind) {
            case "FIXED_QUOTE" -> new PositionSizing.FixedQuote(value);
            case "PERCENT_OF_EQUITY" -> new PositionSizing.PercentOfEquity(value);
            case "FIXED_UNITS" -> new PositionSizing.FixedUnits(value);
            default -> throw new IllegalStateException("unknown sizing kind in the database: " + kind);
        };
    }

    private static Bot toBot(BotsRecord r) {
        String symbols = r.getAllowedSymbols();
        Set<String> allowed = symbols.isEmpty() ? Set.of() : Arrays.stream(symbols.split(",")).collect(Collectors.toSet());
        BotRisk risk = new BotRisk(r.getStopLossPercent(), r.getTakeProfitPercent(), r.getMaxDailyLoss(),
                r.getMaxOpenPositions(), allowed);
        return new Bot(
                new BotId(r.getId()),
                new WorkspaceId(r.getWorkspaceId()),
                r.getName(),
                r.getDescription(),
                AssetType.valueOf(r.getAssetType()),
                new VenueAccountId(r.getVenueAccountId()),
                Environment.valueOf(r.getEnvironment()),
                toSizing(r.getSizingKind(), r.getSizingValue()),
                risk,
                BotStatus.valueOf(r.getStatus()),
                new SealedSecret(r.getWebhookSecret()),
                r.getPreviousSecret() == null ? null : new SealedSecret(r.getPreviousSecret()),
                instant(r.getPreviousSecretValidUntil()),
                r.getConfigVersion(),
                r.getCreatedAt().toInstant(),
                r.getUpdatedAt().toInstant());
    }

    private static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static @Nullable Instant instant(@Nullable OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
