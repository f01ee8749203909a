package dev.bulwark.ports.driving.venues;

import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.ports.driving.accounts.Principal;
import dev.bulwark.ports.driving.venues.VenueCommands.CreateVenueAccount;
import dev.bulwark.ports.driving.venues.VenueCommands.ReplaceCredentials;
import dev.bulwark.ports.driving.venues.VenueCommands.UpdateVenueAccount;
import dev.bulwark.ports.driving.venues.VenueViews.CredentialUses;
import dev.bulwark.ports.driving.venues.VenueViews.VenueAccountView;
import dev.bulwark.ports.driving.venues.VenueViews.VenueInfo;
import java.time.Instant;
import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A workspace's venue accounts. Reading needs READ; every change needs an owner signed in as a person (MANAGE);
 * credentials and LIVE also need a second factor. Credentials are validated through the venue's adapter before
 * anything is stored: a key the venue refuses is {@link dev.bulwark.ports.errors.Invalid} (field {@code apiKey},
 * with the venue's reason), a key that can withdraw is refused the same way, and a venue that cannot be reached
 * is {@link dev.bulwark.ports.errors.VenueUnavailable} (nothing stored). Every change is audited.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface ConnectVenues {
    /** The venues that can be connected, with their circuit breaker state. */
    List<VenueInfo> venues();

    VenueAccountView create(Principal principal, CreateVenueAccount command);

    List<VenueAccountView> list(Principal principal);

    /** NotFound when not the workspace's. */
    VenueAccountView get(Principal principal, VenueAccountId id);

    VenueAccountView update(Principal principal, VenueAccountId id, UpdateVenueAccount command);

    VenueAccountView replaceCredentials(Principal principal, VenueAccountId id, ReplaceCredentials command);

    /** Deletes the account; Conflict when it has trading history (deactivate it instead). */
    void delete(Principal principal, VenueAccountId id);

    /** Audited uses and changes of the account's credentials, newest first, paged back with {@code before}. */
    CredentialUses credentialUses(Principal principal, VenueAccountId id, @Nullable Instant before, int limit);
}
