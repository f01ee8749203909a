package dev.bulwark.ports.driven.paper;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.venues.VenueAccountId;
import java.time.Instant;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Where the paper venue keeps each account's exchange-side state, so it survives a restart. Scoped by workspace
 * like every owned row.
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
     * Saves the document if the stored version is still {@code expectedVersion} (0: none stored yet) and returns
     * the new version; {@link dev.bulwark.ports.errors.Conflict} when another writer saved in between, and
     * {@link dev.bulwark.ports.errors.NotFound} when the account is not the workspace's.
     */
    long save(WorkspaceId workspace, VenueAccountId account, String document, long expectedVersion, Instant at);

    /** Forgets the account's paper state (a reset starts again from its funding); false when there was none. */
    boolean delete(WorkspaceId workspace, VenueAccountId account);
}
