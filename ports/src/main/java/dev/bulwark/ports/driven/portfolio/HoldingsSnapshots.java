package dev.bulwark.ports.driven.portfolio;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.portfolio.HoldingsSnapshot;
import dev.bulwark.domain.venues.VenueAccountId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Holdings snapshots, append-only, each of one venue account of one workspace. Every read is scoped by the
 * workspace. Joins the caller's transaction.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface HoldingsSnapshots {

    /**
     * Stores a snapshot with all of its lines, atomically: a reader sees all of them or none.
     *
     * @throws dev.bulwark.ports.errors.NotFound when the snapshot's workspace has no such venue account
     * @throws dev.bulwark.ports.errors.Conflict when the id exists, or the account has a snapshot taken at the
     *     same instant (two different pictures of one moment would make the history ambiguous)
     */
    void save(HoldingsSnapshot snapshot);

    /** The account's most recent snapshot. */
    Optional<HoldingsSnapshot> latest(WorkspaceId workspace, VenueAccountId account);

    /** The most recent snapshot of every account of the workspace that has one, ordered by account id. */
    List<HoldingsSnapshot> latestOfEveryAccount(WorkspaceId workspace);

    /**
     * The account's snapshots taken in {@code [from, to)}, oldest first: the points of its value over time.
     *
     * @throws IllegalArgumentException when {@code to} is before {@code from}
     */
    List<HoldingsSnapshot> history(WorkspaceId workspace, VenueAccountId account, Instant from, Instant to);
}
