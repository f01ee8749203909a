package dev.bulwark.ports.driving.venues;

import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.ports.driving.accounts.Principal;
import dev.bulwark.ports.driving.venues.VenueCommands.CreateVenueAccount;
import dev.bulwark.ports.driving.venues.VenueCommands.ReplaceCredentials;
import dev.bulwark.ports.driving.venues.VenueCommands.SetRiskProfile;
import dev.bulwark.ports.driving.venues.VenueCommands.UpdateVenueAccount;
import dev.bulwark.ports.driving.venues.VenueViews.CredentialUses;
import dev.bulwark.ports.driving.venues.VenueViews.RiskProfileView;
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

    /**
     * The account's risk profile: the limits every order on it passes (symbol whitelist, order and position sizes,
     * leverage, risk per trade, daily loss, open positions); a bot's own limits only tighten them. The product's
     * defaults until set. NotFound when not the workspace's.
     */
    RiskProfileView riskProfile(Principal principal, VenueAccountId id);

    /**
     * Replaces the account's risk profile (a limit left out takes the default); needs MANAGE, audited with every
     * limit that changed. Invalid with field errors for a limit out of range (minOrderSize above maxOrderSize too);
     * Conflict when {@code version} is given and is not the stored one. Applies to the signals processed from then on.
     */
    RiskProfileView setRiskProfile(Principal principal, VenueAccountId id, SetRiskProfile command);

    /** Audited uses and changes of the account's credentials, newest first, paged back with {@code before}. */
    CredentialUses credentialUses(Principal principal, VenueAccountId id, @Nullable Instant before, int limit);
}
