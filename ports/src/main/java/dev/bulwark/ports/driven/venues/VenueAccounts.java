package dev.bulwark.ports.driven.venues;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.venues.SyncState;
import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.domain.venues.VenueAccountId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Venue accounts, each owned by one workspace. Every method is scoped by the workspace: another workspace's
 * account is not found, never returned or changed. Joins the caller's transaction.
 *
 * <p>Labels are unique within a workspace regardless of case ({@code Main} and {@code main} would be the same
 * account to a reader), so an account can be named unambiguously.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface VenueAccounts {

    /**
     * Stores a new account.
     *
     * @throws dev.bulwark.ports.errors.Conflict when the workspace has an account with that label, or the id exists
     */
    void create(VenueAccount account);

    Optional<VenueAccount> find(WorkspaceId workspace, VenueAccountId id);

    /**
     * The workspace's accounts among {@code ids}, in no particular order (an id not found, or another workspace's,
     * is left out). A store answers in one query.
     */
    default List<VenueAccount> findAll(WorkspaceId workspace, Collection<VenueAccountId> ids) {
        return ids.stream().distinct().map(id -> find(workspace, id)).flatMap(Optional::stream).toList();
    }

    /** The workspace's active accounts, ordered by label (case-insensitively). */
    List<VenueAccount> listActive(WorkspaceId workspace);

    /** All of the workspace's accounts, active or not, ordered by label (case-insensitively). */
    List<VenueAccount> listAll(WorkspaceId workspace);

    /**
     * The workspaces that have at least one active account: the one read across workspaces, for the scheduled
     * portfolio sync, which then reads each workspace's accounts scoped as usual.
     */
    List<WorkspaceId> workspacesWithActiveAccounts();

    /**
     * Replaces what a user may change: label, environment, base URL, permissions, active, credentials and their
     * hint, and {@code updatedAt}. The venue and creation time never change, and the sync state is
     * {@linkplain #recordSync recorded} apart: neither is written here. The account is found by its id within
     * {@code account.workspace()}.
     *
     * @throws dev.bulwark.ports.errors.NotFound when the workspace has no such account
     * @throws dev.bulwark.ports.errors.Conflict when the new label is another account's
     */
    void update(VenueAccount account);

    /**
     * Records how a synchronisation went; nothing else of the account changes.
     *
     * @throws dev.bulwark.ports.errors.NotFound when the workspace has no such account
     */
    void recordSync(WorkspaceId workspace, VenueAccountId id, SyncState sync);

    /**
     * Deletes an account and its holdings snapshots; false when the workspace has no such account.
     *
     * @throws dev.bulwark.ports.errors.Conflict when the account has orders or positions: its trading history is
     *     kept (tax, audit), so such an account is deactivated instead
     */
    boolean delete(WorkspaceId workspace, VenueAccountId id);
}
