package dev.bulwark.ports.driving.portfolio;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.venues.VenueAccountId;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Syncs holdings from the venues. One account at a time and synchronous: the host runs many in parallel and on a
 * schedule. A failing venue is recorded on its account (FAILED with the error) and never stops the others.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface SyncPortfolio {
    /** Fetches the account's balances, stores them as a snapshot and records the account's sync state. */
    AccountSync sync(WorkspaceId workspace, VenueAccountId account);

    /** The active accounts of a workspace, for a host to sync (in parallel). */
    List<VenueAccountId> activeAccounts(WorkspaceId workspace);

    /** Every workspace with an active account: what a scheduled sync goes through. */
    List<WorkspaceId> workspacesToSync();
}
