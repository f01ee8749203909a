package dev.bulwark.ports.driven.risk;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.risk.AccountRiskProfile;
import dev.bulwark.domain.venues.VenueAccountId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The risk profiles venue accounts' owners set, one per account at most (an account without one uses the product's
 * defaults). Scoped by the workspace like {@link dev.bulwark.ports.driven.venues.VenueAccounts}: another workspace's
 * profile is never found or changed. A profile goes when its account is deleted. Joins the caller's transaction.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface RiskProfiles {

    Optional<AccountRiskProfile> find(WorkspaceId workspace, VenueAccountId account);

    /**
     * The workspace's profiles of {@code accounts}, in no particular order (an account without one, or another
     * workspace's, is left out). A store answers in one query.
     */
    default List<AccountRiskProfile> findAll(WorkspaceId workspace, Collection<VenueAccountId> accounts) {
        return accounts.stream().distinct().map(id -> find(workspace, id)).flatMap(Optional::stream).toList();
    }

    /**
     * Stores {@code profile} as its account's profile: version 1 where the account has none, otherwise the version
     * after the stored one, which it replaces.
     *
     * @throws dev.bulwark.ports.errors.Conflict when the stored version is not {@code profile.version() - 1} (someone
     *     changed it meanwhile), or version 1 is stored for an account that has a profile
     * @throws dev.bulwark.ports.errors.NotFound when the workspace has no such venue account
     */
    void save(AccountRiskProfile profile);
}
