package dev.bulwark.adapters.persistence.risk;

import static dev.bulwark.adapters.persistence.jooq.Tables.ACCOUNT_RISK_PROFILES;
import static dev.bulwark.adapters.persistence.jooq.Tables.VENUE_ACCOUNTS;

import dev.bulwark.adapters.persistence.Db;
import dev.bulwark.adapters.persistence.SqlErrors;
import dev.bulwark.adapters.persistence.jooq.tables.records.AccountRiskProfilesRecord;
import dev.bulwark.adapters.persistence.market.Columns;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.risk.AccountRiskProfile;
import dev.bulwark.domain.risk.RiskProfile;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.ports.driven.risk.RiskProfiles;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.NotFound;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.exception.DataAccessException;

/**
 * Risk profiles in SQL: one row per venue account, referencing the account together with its workspace (so none sits
 * on another workspace's account) and deleted with it. Versions are compared in SQL, so two editors of one version
 * cannot both win. The whitelist is one column, the sorted symbols joined by ',' (codes never contain one).
 */
public final class JooqRiskProfiles implements RiskProfiles {
    /**
     * A reference to a venue account that is not there (SQL states): PostgreSQL says 23503 for every foreign key
     * violation, H2 says 23506 when the referenced row is missing.
     */
    private static final Set<String> MISSING_ACCOUNT = Set.of("23503", "23506");
    private static final String SEPARATOR = ",";

    private final Db db;

    public JooqRiskProfiles(Db db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public Optional<AccountRiskProfile> find(WorkspaceId workspace, VenueAccountId account) {
        return db.ctx().selectFrom(ACCOUNT_RISK_PROFILES)
                .where(owned(workspace, account))
                .fetchOptional()
                .map(JooqRiskProfiles::toProfile);
    }

    @Override
    public List<AccountRiskProfile> findAll(WorkspaceId workspace, Collection<VenueAccountId> accounts) {
        return db.findAll(ACCOUNT_RISK_PROFILES, ACCOUNT_RISK_PROFILES.WORKSPACE_ID, ACCOUNT_RISK_PROFILES.ACCOUNT_ID,
                workspace.value(), accounts.stream().map(VenueAccountId::value).toList(), JooqRiskProfiles::toProfile);
    }

    @Override
    public void save(AccountRiskProfile profile) {
        Objects.requireNonNull(profile, "profile");
        AccountRiskProfilesRecord row = limits(profile); // refuses what the columns cannot hold before any statement
        db.inTransaction(() -> {
            if (profile.version() == 1) {
                insert(profile, row);
            } else {
                update(profile, row);
            }
            return null;
        });
    }

    private void insert(AccountRiskProfile profile, AccountRiskProfilesRecord row) {
        // Checked first so the usual refusal needs no failed statement (which would abort a PostgreSQL transaction
        // the caller has open); the foreign key still refuses an account deleted in between.
        requireOwnAccount(profile.workspace(), profile.account());
        row.setAccountId(profile.account().value());
        row.setWorkspaceId(profile.workspace().value());
        int inserted;
        try {
            inserted = db.upsert(() -> db.ctx().insertInto(ACCOUNT_RISK_PROFILES)
                    .set(row)
                    .onConflict(ACCOUNT_RISK_PROFILES.ACCOUNT_ID).doNothing()
                    .execute());
        } catch (DataAccessException e) {
            String state = e.sqlState(); // Set.of refuses to look a null up
            if (state != null && MISSING_ACCOUNT.contains(state)) {
                throw notFound(profile.account());
            }
            if (SqlErrors.isUniqueViolation(e)) {
                throw exists(profile.account());
            }
            throw SqlErrors.translate(e);
        }
        if (inserted == 0) {
            throw exists(profile.account());
        }
    }

    private void update(AccountRiskProfile profile, AccountRiskProfilesRecord row) {
        int updated = db.ctx().update(ACCOUNT_RISK_PROFILES)
                .set(row)
                .where(owned(profile.workspace(), profile.account()))
                .and(ACCOUNT_RISK_PROFILES.VERSION.eq(profile.version() - 1))
                .execute();
        if (updated == 0) {
            requireOwnAccount(profile.workspace(), profile.account());
            String stored = find(profile.workspace(), profile.account())
                    .map(p -> "is at version " + p.version())
                    .orElse("is not there");
            throw new Conflict("the risk profile of venue account " + profile.account() + " " + stored + ", not version "
                    + (profile.version() - 1) + " (someone changed it meanwhile): reload it and apply the change again");
        }
    }

    private void requireOwnAccount(WorkspaceId workspace, VenueAccountId account) {
        boolean own = db.ctx().fetchExists(VENUE_ACCOUNTS,
                VENUE_ACCOUNTS.WORKSPACE_ID.eq(workspace.value()).and(VENUE_ACCOUNTS.ID.eq(account.value())));
        if (!own) {
            throw notFound(account);
        }
    }

    private static NotFound notFound(VenueAccountId account) {
        return new NotFound("venue account " + account + " not found");
    }

    private static Conflict exists(VenueAccountId account) {
        return new Conflict("venue account " + account + " has a risk profile already: reload it and apply the change"
                + " again");
    }

    private static Condition owned(WorkspaceId workspace, VenueAccountId account) {
        return ACCOUNT_RISK_PROFILES.ACCOUNT_ID.eq(account.value())
                .and(ACCOUNT_RISK_PROFILES.WORKSPACE_ID.eq(workspace.value()));
    }

    /**
     * The columns a save writes, alike for insert and update (only the fields set here are written). An amount
     * NUMERIC(38,18) cannot hold exactly is refused rather than rounded; the time is kept to the microsecond.
     */
    private static AccountRiskProfilesRecord limits(AccountRiskProfile profile) {
        RiskProfile limits = profile.limits();
        AccountRiskProfilesRecord r = new AccountRiskProfilesRecord();
        // the domain keeps the set sorted, so the column is too
        r.setSymbolWhitelist(String.join(SEPARATOR, limits.symbolWhitelist()));
        r.setMinOrderSize(Columns.exact(limits.minOrderSize(), "minOrderSize"));
        r.setMaxOrderSize(Columns.exact(limits.maxOrderSize(), "maxOrderSize"));
        r.setMaxOrderValue(Columns.exact(limits.maxOrderValue(), "maxOrderValue"));
        r.setMaxPositionValue(Columns.exact(limits.maxPositionValue(), "maxPositionValue"));
        r.setMaxPositionShare(Columns.exact(limits.maxPositionShare(), "maxPositionShare"));
        r.setMaxLeverage(Columns.exact(limits.maxLeverage(), "maxLeverage"));
        r.setMaxRiskPerTrade(Columns.exact(limits.maxRiskPerTrade(), "maxRiskPerTrade"));
        r.setMaxDailyLoss(Columns.exact(limits.maxDailyLoss(), "maxDailyLoss"));
        r.setMaxOpenPositions(limits.maxOpenPositions());
        r.setVersion(profile.version());
        r.setUpdatedAt(Columns.utc(profile.updatedAt()));
        return r;
    }

    private static AccountRiskProfile toProfile(AccountRiskProfilesRecord r) {
        String symbols = r.getSymbolWhitelist();
        Set<String> whitelist = symbols.isEmpty() ? Set.of()
                : Arrays.stream(symbols.split(SEPARATOR)).collect(Collectors.toSet());
        // NUMERIC(38,18) reads back at scale 18; RiskProfile normalizes every limit, so a saved profile reads back equal
        RiskProfile limits = new RiskProfile(whitelist, r.getMinOrderSize(), r.getMaxOrderSize(), r.getMaxOrderValue(),
                r.getMaxPositionValue(), r.getMaxPositionShare(), r.getMaxLeverage(), r.getMaxRiskPerTrade(),
                r.getMaxDailyLoss(), r.getMaxOpenPositions());
        return new AccountRiskProfile(new VenueAccountId(r.getAccountId()), new WorkspaceId(r.getWorkspaceId()), limits,
                r.getVersion(), r.getUpdatedAt().toInstant());
    }
}
