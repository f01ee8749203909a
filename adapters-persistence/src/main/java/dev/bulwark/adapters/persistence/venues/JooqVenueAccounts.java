package dev.bulwark.adapters.persistence.venues;

import static dev.bulwark.adapters.persistence.jooq.Tables.ORDERS;
import static dev.bulwark.adapters.persistence.jooq.Tables.POSITIONS;
import static dev.bulwark.adapters.persistence.jooq.Tables.VENUE_ACCOUNTS;
import static org.jooq.impl.DSL.noCondition;

import dev.bulwark.adapters.persistence.Db;
import dev.bulwark.adapters.persistence.SqlErrors;
import dev.bulwark.adapters.persistence.jooq.tables.records.VenueAccountsRecord;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.secrets.SealedSecret;
import dev.bulwark.domain.venues.Environment;
import dev.bulwark.domain.venues.Permission;
import dev.bulwark.domain.venues.SyncState;
import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.venues.VenueAccounts;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.NotFound;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.exception.DataAccessException;
import org.jspecify.annotations.Nullable;

/**
 * Venue accounts in SQL. Labels are unique per workspace by their lower-case form ({@code label_key}); lists are
 * sorted here rather than by the database, because PostgreSQL's collation and H2's would order some labels
 * differently and a list should read the same on both.
 */
public final class JooqVenueAccounts implements VenueAccounts {
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    /** By label regardless of case, then exactly, then by id: a total order, the same on every engine. */
    private static final Comparator<VenueAccount> BY_LABEL = Comparator.comparing(VenueAccount::label, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(VenueAccount::label)
            .thenComparing(a -> a.id().value());

    private final Db db;

    public JooqVenueAccounts(Db db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public void create(VenueAccount account) {
        Objects.requireNonNull(account, "account");
        conflictOnDuplicate(account, () -> db.ctx().insertInto(VENUE_ACCOUNTS)
                .set(VENUE_ACCOUNTS.ID, account.id().value())
                .set(VENUE_ACCOUNTS.WORKSPACE_ID, account.workspace().value())
                .set(VENUE_ACCOUNTS.VENUE, account.venue().value())
                .set(VENUE_ACCOUNTS.SYNC_STATUS, account.sync().status().name())
                .set(VENUE_ACCOUNTS.LAST_SYNC_AT, utcOrNull(account.sync().lastSyncAt()))
                .set(VENUE_ACCOUNTS.LAST_SYNC_ERROR, account.sync().lastError())
                .set(VENUE_ACCOUNTS.CREATED_AT, utc(account.createdAt()))
                .set(editable(account))
                .execute());
    }

    @Override
    public Optional<VenueAccount> find(WorkspaceId workspace, VenueAccountId id) {
        return db.ctx().selectFrom(VENUE_ACCOUNTS)
                .where(owned(workspace, id))
                .fetchOptional()
                .map(JooqVenueAccounts::toAccount);
    }

    @Override
    public List<VenueAccount> findAll(WorkspaceId workspace, Collection<VenueAccountId> ids) {
        return db.findAll(VENUE_ACCOUNTS, VENUE_ACCOUNTS.WORKSPACE_ID, VENUE_ACCOUNTS.ID, workspace.value(),
                ids.stream().map(VenueAccountId::value).toList(), JooqVenueAccounts::toAccount);
    }

    @Override
    public List<VenueAccount> listActive(WorkspaceId workspace) {
        return list(workspace, VENUE_ACCOUNTS.ACTIVE.isTrue());
    }

    @Override
    public List<VenueAccount> listAll(WorkspaceId workspace) {
        return list(workspace, noCondition());
    }

    @Override
    public List<WorkspaceId> workspacesWithActiveAccounts() {
        return db.ctx().selectDistinct(VENUE_ACCOUNTS.WORKSPACE_ID).from(VENUE_ACCOUNTS)
                .where(VENUE_ACCOUNTS.ACTIVE.isTrue())
                .orderBy(VENUE_ACCOUNTS.WORKSPACE_ID)
                .fetch(r -> new WorkspaceId(r.value1()));
    }

    private List<VenueAccount> list(WorkspaceId workspace, Condition condition) {
        List<VenueAccount> accounts = new ArrayList<>(db.ctx().selectFrom(VENUE_ACCOUNTS)
                .where(VENUE_ACCOUNTS.WORKSPACE_ID.eq(workspace.value()).and(condition))
                .fetch(JooqVenueAccounts::toAccount));
        accounts.sort(BY_LABEL);
        return List.copyOf(accounts);
    }

    @Override
    public void update(VenueAccount account) {
        Objects.requireNonNull(account, "account");
        int updated = conflictOnDuplicate(account, () -> db.ctx().update(VENUE_ACCOUNTS)
                .set(editable(account))
                .where(owned(account.workspace(), account.id()))
                .execute());
        if (updated == 0) {
            throw notFound(account.id());
        }
    }

    @Override
    public void recordSync(WorkspaceId workspace, VenueAccountId id, SyncState sync) {
        Objects.requireNonNull(sync, "sync");
        int updated = db.ctx().update(VENUE_ACCOUNTS)
                .set(VENUE_ACCOUNTS.SYNC_STATUS, sync.status().name())
                .set(VENUE_ACCOUNTS.LAST_SYNC_AT, utcOrNull(sync.lastSyncAt()))
                .set(VENUE_ACCOUNTS.LAST_SYNC_ERROR, sync.lastError())
                .where(owned(workspace, id))
                .execute();
        if (updated == 0) {
            throw notFound(id);
        }
    }

    @Override
    public boolean delete(WorkspaceId workspace, VenueAccountId id) {
        // Checked first so the usual refusal needs no failed statement (which would abort a PostgreSQL transaction
        // the caller has open); the foreign keys still refuse a row that slips in between.
        boolean hasHistory = db.ctx().fetchExists(ORDERS, ORDERS.ACCOUNT_ID.eq(id.value()).and(ORDERS.WORKSPACE_ID.eq(workspace.value())))
                || db.ctx().fetchExists(POSITIONS, POSITIONS.ACCOUNT_ID.eq(id.value()).and(POSITIONS.WORKSPACE_ID.eq(workspace.value())));
        if (hasHistory) {
            throw historyKept(id);
        }
        try {
            return db.ctx().deleteFrom(VENUE_ACCOUNTS).where(owned(workspace, id)).execute() > 0;
        } catch (DataAccessException e) {
            if (FOREIGN_KEY_VIOLATION.equals(e.sqlState())) {
                throw historyKept(id);
            }
            throw SqlErrors.translate(e);
        }
    }

    private static Conflict historyKept(VenueAccountId id) {
        return new Conflict("venue account " + id + " has orders or positions; its trading history is kept, so deactivate it instead");
    }

    private static NotFound notFound(VenueAccountId id) {
        return new NotFound("venue account " + id + " not found");
    }

    private static Condition owned(WorkspaceId workspace, VenueAccountId id) {
        return VENUE_ACCOUNTS.ID.eq(id.value()).and(VENUE_ACCOUNTS.WORKSPACE_ID.eq(workspace.value()));
    }

    /** The columns a user may change, written alike by create and update. */
    private static VenueAccountsRecord editable(VenueAccount account) {
        VenueAccountsRecord r = new VenueAccountsRecord();
        r.setLabel(account.label());
        r.setLabelKey(labelKey(account.label()));
        r.setEnvironment(account.environment().name());
        r.setBaseUrl(account.baseUrl());
        r.setCanRead(account.permissions().contains(Permission.READ));
        r.setCanTrade(account.permissions().contains(Permission.TRADE));
        r.setCanWithdraw(account.permissions().contains(Permission.WITHDRAW));
        r.setActive(account.active());
        r.setApiKeyHint(account.apiKeyHint());
        r.setCredentials(account.credentials() == null ? null : account.credentials().envelope());
        r.setUpdatedAt(utc(account.updatedAt()));
        // only the fields set above are written: the rest of the record stays untouched
        return r;
    }

    static String labelKey(String label) {
        return label.toLowerCase(Locale.ROOT);
    }

    private <T> T conflictOnDuplicate(VenueAccount account, Supplier<T> write) {
        try {
            return write.get();
        } catch (DataAccessException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                // the label is the usual culprit; the id only when a caller reuses one
                throw new Conflict("a venue account labelled '" + account.label() + "' (or with id " + account.id()
                        + ") exists already in this workspace");
            }
            throw SqlErrors.translate(e);
        }
    }

    private static VenueAccount toAccount(VenueAccountsRecord r) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        if (r.getCanRead()) {
            permissions.add(Permission.READ);
        }
        if (r.getCanTrade()) {
            permissions.add(Permission.TRADE);
        }
        if (r.getCanWithdraw()) {
            permissions.add(Permission.WITHDRAW);
        }
        return new VenueAccount(
                new VenueAccountId(r.getId()),
                new WorkspaceId(r.getWorkspaceId()),
                new VenueId(r.getVenue()),
                r.getLabel(),
                Environment.valueOf(r.getEnvironment()),
                r.getBaseUrl(),
                permissions,
                r.getActive(),
                r.getApiKeyHint(),
                r.getCredentials() == null ? null : new SealedSecret(r.getCredentials()),
                new SyncState(SyncState.Status.valueOf(r.getSyncStatus()), instantOrNull(r.getLastSyncAt()), r.getLastSyncError()),
                r.getCreatedAt().toInstant(),
                r.getUpdatedAt().toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static @Nullable OffsetDateTime utcOrNull(@Nullable Instant instant) {
        return instant == null ? null : utc(instant);
    }

    private static @Nullable Instant instantOrNull(@Nullable OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
