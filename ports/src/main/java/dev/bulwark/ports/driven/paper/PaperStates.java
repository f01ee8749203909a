package dev.bulwark.ports.driven.paper;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.venues.VenueAccountId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Where the paper venue keeps each account's exchange-side state, so it survives a restart: one versioned document
 * for what is live (balances, working orders, positions), and an append-only history of what settled (final orders
 * and fills), written in the same transaction as the document that stopped holding them, so an entry is never lost
 * nor kept twice. Scoped by workspace like every owned row: another workspace's account reads as empty and cannot be
 * written.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface PaperStates {
    Optional<PaperState> load(WorkspaceId workspace, VenueAccountId account);

    /**
     * The stored version alone (0: none stored, or not the workspace's account): a cheap check that a copy of the
     * books held in memory is still the latest, without reading the document.
     */
    long version(WorkspaceId workspace, VenueAccountId account);

    /**
     * Saves the document and appends the settled entries, or does nothing at all, and returns the new version:
     * {@link dev.bulwark.ports.errors.Conflict} when another writer saved since {@code save.expectedVersion()}, and
     * {@link dev.bulwark.ports.errors.NotFound} when the account is not the workspace's. See {@link PaperSave}.
     */
    long save(WorkspaceId workspace, VenueAccountId account, PaperSave save);

    /** A save that settles nothing; see {@link #save(WorkspaceId, VenueAccountId, PaperSave)}. */
    default long save(WorkspaceId workspace, VenueAccountId account, String document, long expectedVersion, Instant at) {
        return save(workspace, account, PaperSave.of(document, expectedVersion, at));
    }

    /** The settled order last appended with {@code clientOrderId}, as a venue answers a query by client id. */
    Optional<PaperHistoryEntry> settledOrder(WorkspaceId workspace, VenueAccountId account, ClientOrderId clientOrderId);

    /** Whether a settled order has {@code clientOrderId}: a client id once used is never taken again. */
    boolean hasSettledOrder(WorkspaceId workspace, VenueAccountId account, ClientOrderId clientOrderId);

    /** The settled fills of {@code instrument} at or after {@code since}, in the order they were appended. */
    List<PaperHistoryEntry> settledFills(WorkspaceId workspace, VenueAccountId account, Instrument instrument, Instant since);

    /** Forgets the account's paper state and its history (a reset starts again from its funding); false when there was none. */
    boolean delete(WorkspaceId workspace, VenueAccountId account);
}
