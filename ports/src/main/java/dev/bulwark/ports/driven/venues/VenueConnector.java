package dev.bulwark.ports.driven.venues;

import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.domain.venues.VenueCircuit;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Connects a gateway for one of a user's venue accounts: finds the venue's provider and opens the account's
 * sealed credentials at the moment of use (an audited opening). The caller closes the gateway.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface VenueConnector {
    /**
     * @param purpose why the credentials are opened (for the audit entry), e.g. {@code portfolio sync}
     * @throws dev.bulwark.ports.errors.NotFound when no provider serves the account's venue
     */
    VenueGateway connect(VenueAccount account, String purpose);

    /**
     * What every venue that can be connected is and supports, one descriptor per venue, ordered by id: what a user
     * picks from, and what the application checks an account against before connecting it (environments,
     * passphrase). No I/O.
     */
    default List<VenueDescriptor> descriptors() {
        return List.of();
    }

    /** The venues' circuit breakers now (see {@link VenueProvider#circuits()}), for the API and metrics. No I/O. */
    default List<VenueCircuit> circuits() {
        return List.of();
    }
}
