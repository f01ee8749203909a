package dev.bulwark.ports.driven.venues;

import dev.bulwark.domain.venues.VenueCircuit;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A venue's entry point, found with {@link java.util.ServiceLoader}: an integrator adds a venue by implementing
 * this and {@link VenueGateway}, and registering the class in
 * {@code META-INF/services/dev.bulwark.ports.driven.venues.VenueProvider} (or with {@code provides} in a module
 * declaration). It follows XChange's connector layout (a raw client, a mapper of wire types to domain records, an
 * error adapter to the {@code ports.errors} family) without its faults: capabilities are declared, parameters are
 * typed records, there is no static state.
 *
 * <p><b>Lifecycle.</b> A provider has a public constructor without parameters and does no I/O in it. A host loads
 * each provider once, keeps it for the life of the runtime and, through it, {@linkplain #connect connects} one
 * {@link VenueGateway} per venue account; each gateway is closed by whoever connected it. What gateways of one
 * provider share (an HTTP client, the per-IP rate limit budget, cached trading rules) lives in the provider
 * instance, never in static fields, so two runtimes in one JVM do not meet.
 *
 * <p><b>Threads.</b> A provider is thread-safe: {@link #describe()} and {@link #connect} may be called from any
 * thread at any time.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface VenueProvider {

    /** What the venue is and supports. The same value on every call; no I/O. */
    VenueDescriptor describe();

    /**
     * Opens a gateway for one account. It may reach the venue (to sync its clock, load trading rules) or defer that
     * to first use; it does not check the credentials, which is {@link VenueGateway#checkCredentials()}'s job, and
     * never places or cancels anything. Each call returns a new gateway, which the caller closes.
     *
     * @throws dev.bulwark.ports.errors.Invalid when the connection asks for what this venue does not offer: an
     *     account of another venue, an environment not in the descriptor, missing credentials, or a missing
     *     passphrase where the venue needs one
     * @throws dev.bulwark.ports.errors.VenueUnavailable when the provider reaches the venue while connecting and
     *     cannot
     */
    VenueGateway connect(VenueConnection connection);

    /**
     * The provider's circuit breakers (one per venue it calls, shared by its gateways), for metrics and the API.
     * Empty for a provider without one (the paper venue). No I/O; cheap enough to call on every scrape.
     */
    default List<VenueCircuit> circuits() {
        return List.of();
    }
}
