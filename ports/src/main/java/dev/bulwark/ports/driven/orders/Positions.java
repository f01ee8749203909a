package dev.bulwark.ports.driven.orders;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.positions.Position;
import dev.bulwark.domain.venues.VenueAccountId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Positions, one per (venue account, instrument), owned by the account's workspace. A flat position is kept: it
 * carries the realized P&amp;L of what was closed. Every method is scoped by the workspace. Joins the caller's
 * transaction, so a fill and the position it changed commit together.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface Positions {

    /**
     * Stores the position, replacing the account's position in that instrument.
     *
     * @throws dev.bulwark.ports.errors.NotFound when the workspace has no such venue account
     * @throws IllegalArgumentException when a number has more than 18 decimals or 20 integer digits
     */
    void upsert(WorkspaceId workspace, Position position);

    Optional<Position> find(WorkspaceId workspace, VenueAccountId account, Instrument instrument);

    /**
     * The account's position in the instrument (flat when there is none yet), held against every other writer until
     * the caller's transaction ends: how a fill is applied without losing a concurrent one (read here, apply, then
     * {@link #upsert} in the same transaction). Outside a transaction it is {@link #find} or flat.
     *
     * @throws dev.bulwark.ports.errors.NotFound when the workspace has no such venue account
     */
    Position lockForChange(WorkspaceId workspace, VenueAccountId account, Instrument instrument);

    /** The account's positions that are not flat, ordered by instrument (base, quote, market). */
    List<Position> listOpen(WorkspaceId workspace, VenueAccountId account);

    /**
     * The non-flat positions of the workspace's {@code accounts}, ordered by account id, then instrument: what
     * {@link #listOpen(WorkspaceId, VenueAccountId)} answers for each, in one query (a batch's accounts at once).
     */
    default List<Position> listOpenOf(WorkspaceId workspace, Collection<VenueAccountId> accounts) {
        return accounts.stream().distinct().sorted(java.util.Comparator.comparing(VenueAccountId::value))
                .flatMap(account -> listOpen(workspace, account).stream()).toList();
    }

    /** Every non-flat position of the workspace, ordered by account id, then instrument. */
    List<Position> listOpen(WorkspaceId workspace);
}
