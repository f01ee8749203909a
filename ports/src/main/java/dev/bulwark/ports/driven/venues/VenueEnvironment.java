package dev.bulwark.ports.driven.venues;

import dev.bulwark.domain.venues.Environment;
import org.apiguardian.api.API;

/**
 * Which of a venue's endpoints a gateway talks to. Finer than the domain's {@link Environment}, which says only
 * whether money is real: a venue's own sandbox and a simulation both trade play money, but only the sandbox sends
 * orders over the network. A connection's environment must agree with its account's (see
 * {@link VenueConnection}), so a paper account can never reach a live endpoint.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public enum VenueEnvironment {
    /** The venue's production endpoint: orders move real money. */
    LIVE(Environment.LIVE),
    /** The venue's own sandbox (Binance's testnet, Alpaca's paper API): the live protocol with play money. */
    TESTNET(Environment.PAPER),
    /** Simulated by the provider itself; no order leaves the process. Bulwark's paper venue works this way. */
    PAPER(Environment.PAPER);

    private final Environment environment;

    VenueEnvironment(Environment environment) {
        this.environment = environment;
    }

    /** Whether money is real here: the domain's view of this endpoint. */
    public Environment environment() {
        return environment;
    }

    public boolean movesRealMoney() {
        return environment == Environment.LIVE;
    }
}
