package dev.bulwark.adapters.persistence.portfolio;

import static dev.bulwark.adapters.persistence.jooq.Tables.HOLDINGS_SNAPSHOTS;
import static dev.bulwark.adapters.persistence.jooq.Tables.HOLDINGS_SNAPSHOT_LINES;
import static dev.bulwark.adapters.persistence.jooq.Tables.VENUE_ACCOUNTS;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.select;

import dev.bulwark.adapters.persistence.Db;
import dev.bulwark.adapters.persistence.SqlErrors;
import dev.bulwark.adapters.persistence.jooq.tables.records.HoldingsSnapshotLinesRecord;
import dev.bulwark.adapters.persistence.jooq.tables.records.HoldingsSnapshotsRecord;
import dev.bulwark.adapters.persistence.market.Columns;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.portfolio.AccountKind;
import dev.bulwark.domain.portfolio.Holding;
import dev.bulwark.domain.portfolio.HoldingsSnapshot;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.portfolio.HoldingsSnapshots;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.NotFound;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.exception.DataAccessException;

/**
 * Holdings snapshots in SQL: a row per snapshot and a row per line. A read selects the snapshots, then their lines
 * with the same condition through a join (never a list of ids, which a long history would make too long for one
 * statement), and puts them together.
 */
public final class JooqHoldingsSnapshots implements HoldingsSnapshots {
    private final Db db;

    public JooqHoldingsSnapshots(Db db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public void save(HoldingsSnapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        for (Holding holding : snapshot.holdings()) {
            Columns.exact(holding.free(), "free");
            Columns.exact(holding.locked(), "locked");
        }
        UUID workspace = snapshot.workspace().value();
        db.inTransaction(() -> {
            // checked first so the usual refusal needs no failed statement, which would abort an open PostgreSQL
            // transaction; the foreign key still guards the rest
            if (!db.ctx().fetchExists(VENUE_ACCOUNTS, VENUE_ACCOUNTS.ID.eq(snapshot.account().value())
                    .and(VENUE_ACCOUNTS.WORKSPACE_ID.eq(workspace)))) {
                throw new NotFound("venue account " + snapshot.account() + " not found");
            }
            try {
                db.ctx().insertInto(HOLDINGS_SNAPSHOTS)
                        .set(HOLDINGS_SNAPSHOTS.ID, snapshot.id())
                        .set(HOLDINGS_SNAPSHOTS.WORKSPACE_ID, workspace)
                        .set(HOLDINGS_SNAPSHOTS.ACCOUNT_ID, snapshot.account().value())
                        .set(HOLDINGS_SNAPSHOTS.TAKEN_AT, Columns.utc(snapshot.takenAt()))
                        .execute();
            } catch (DataAccessException e) {
                if (SqlErrors.isUniqueViolation(e)) {
                    throw new Conflict("holdings snapshot " + snapshot.id() + " exists already, or account "
                            + snapshot.account() + " has one taken at " + snapshot.takenAt());
                }
                throw SqlErrors.translate(e);
            }
            if (!snapshot.holdings().isEmpty()) {
                var insert = db.ctx().insertInto(HOLDINGS_SNAPSHOT_LINES,
                        HOLDINGS_SNAPSHOT_LINES.SNAPSHOT_ID, HOLDINGS_SNAPSHOT_LINES.WORKSPACE_ID,
                        HOLDINGS_SNAPSHOT_LINES.KIND, HOLDINGS_SNAPSHOT_LINES.ASSET, HOLDINGS_SNAPSHOT_LINES.VENUE,
                        HOLDINGS_SNAPSHOT_LINES.FREE_AMOUNT, HOLDINGS_SNAPSHOT_LINES.LOCKED_AMOUNT);
                for (Holding h : snapshot.holdings()) {
                    insert = insert.values(snapshot.id(), workspace, h.kind().name(), h.asset().code(),
                            h.venue().value(), h.free(), h.locked());
                }
                insert.execute();
            }
        });
    }

    @Override
    public Optional<HoldingsSnapshot> latest(WorkspaceId workspace, VenueAccountId account) {
        return load(ofAccount(workspace, account).and(isLatestOfItsAccount()), HOLDINGS_SNAPSHOTS.TAKEN_AT).stream().findFirst();
    }

    @Override
    public List<HoldingsSnapshot> latestOfEveryAccount(WorkspaceId workspace) {
        return load(HOLDINGS_SNAPSHOTS.WORKSPACE_ID.eq(workspace.value()).and(isLatestOfItsAccount()), HOLDINGS_SNAPSHOTS.ACCOUNT_ID);
    }

    @Override
    public List<HoldingsSnapshot> history(WorkspaceId workspace, VenueAccountId account, Instant from, Instant to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("a history ends after it starts, was " + from + " to " + to);
        }
        return load(ofAccount(workspace, account)
                .and(HOLDINGS_SNAPSHOTS.TAKEN_AT.ge(Columns.utc(from)))
                .and(HOLDINGS_SNAPSHOTS.TAKEN_AT.lt(Columns.utc(to))), HOLDINGS_SNAPSHOTS.TAKEN_AT);
    }

    private static Condition ofAccount(WorkspaceId workspace, VenueAccountId account) {
        return HOLDINGS_SNAPSHOTS.WORKSPACE_ID.eq(workspace.value()).and(HOLDINGS_SNAPSHOTS.ACCOUNT_ID.eq(account.value()));
    }

    /** One per account: (account, taken_at) is unique, so the latest instant names one snapshot. */
    private static Condition isLatestOfItsAccount() {
        var other = HOLDINGS_SNAPSHOTS.as("other");
        return HOLDINGS_SNAPSHOTS.TAKEN_AT.eq(select(max(other.TAKEN_AT)).from(other)
                .where(other.ACCOUNT_ID.eq(HOLDINGS_SNAPSHOTS.ACCOUNT_ID)));
    }

    /** The snapshots meeting {@code condition} (which must name the workspace), in {@code order}. */
    private List<HoldingsSnapshot> load(Condition condition, Field<?> order) {
        List<HoldingsSnapshotsRecord> snapshots = db.ctx().selectFrom(HOLDINGS_SNAPSHOTS)
                .where(condition)
                .orderBy(order)
                .fetch();
        if (snapshots.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<HoldingsSnapshotLinesRecord>> lines = new HashMap<>();
        db.ctx().select(HOLDINGS_SNAPSHOT_LINES.fields())
                .from(HOLDINGS_SNAPSHOT_LINES)
                .join(HOLDINGS_SNAPSHOTS)
                .on(HOLDINGS_SNAPSHOTS.ID.eq(HOLDINGS_SNAPSHOT_LINES.SNAPSHOT_ID)
                        .and(HOLDINGS_SNAPSHOTS.WORKSPACE_ID.eq(HOLDINGS_SNAPSHOT_LINES.WORKSPACE_ID)))
                .where(condition)
                .fetchInto(HOLDINGS_SNAPSHOT_LINES)
                .forEach(line -> lines.computeIfAbsent(line.getSnapshotId(), id -> new ArrayList<>()).add(line));
        List<HoldingsSnapshot> result = new ArrayList<>(snapshots.size());
        for (HoldingsSnapshotsRecord s : snapshots) {
            VenueAccountId account = new VenueAccountId(s.getAccountId());
            List<Holding> holdings = lines.getOrDefault(s.getId(), List.of()).stream()
                    .map(line -> toHolding(account, line))
                    .toList();
            result.add(new HoldingsSnapshot(s.getId(), new WorkspaceId(s.getWorkspaceId()), account,
                    s.getTakenAt().toInstant(), holdings));
        }
        return List.copyOf(result);
    }

    private static Holding toHolding(VenueAccountId account, HoldingsSnapshotLinesRecord line) {
        return new Holding(account, new VenueId(line.getVenue()), AccountKind.valueOf(line.getKind()),
                new Asset(line.getAsset()), line.getFreeAmount(), line.getLockedAmount());
    }
}
