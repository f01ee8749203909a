package dev.bulwark.adapters.exchange.xchange;

import dev.bulwark.adapters.exchange.support.VenueResilience;
import dev.bulwark.domain.venues.VenueCircuit;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.venues.RateLimit;
import dev.bulwark.ports.driven.venues.VenueConnection;
import dev.bulwark.ports.driven.venues.VenueDescriptor;
import dev.bulwark.ports.driven.venues.VenueGateway;
import dev.bulwark.ports.driven.venues.VenueProvider;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.knowm.xchange.kucoin.KucoinExchange;

/**
 * KuCoin spot through the XChange bridge ({@code xchange-kucoin}), read-only: balances and prices. Keys come with a
 * passphrase. The one {@link XChangeVenueProvider} that {@link java.util.ServiceLoader} finds out of the box, as it
 * needs a constructor without arguments; other XChange exchanges are one such class (or one
 * {@code new XChangeVenueProvider(...)}) away, with their module on the class path.
 */
public final class XChangeKucoinVenueProvider implements VenueProvider {
    static final VenueId VENUE = new VenueId("xchange-kucoin");
    static final URI BASE = URI.create("https://api.kucoin.com");

    /**
     * KuCoin counts REST requests per UID and IP in weighted pools over 30 s windows (spot about 4000 weight per
     * 30 s); the bridge's two reads weigh 20 (accounts) and 15 (stats), so 10 requests a second stays well inside.
     */
    static final List<RateLimit> LIMITS = List.of(
            new RateLimit(XChangeErrorAdapter.LIMIT, 10, Duration.ofSeconds(1), RateLimit.Scope.IP));

    private final XChangeVenueProvider bridge;

    public XChangeKucoinVenueProvider() {
        this(VenueResilience.Settings.DEFAULTS);
    }

    XChangeKucoinVenueProvider(VenueResilience.Settings settings) {
        this.bridge = new XChangeVenueProvider(VENUE, "KuCoin (XChange)", KucoinExchange.class, BASE, true, LIMITS,
                settings);
    }

    @Override
    public VenueDescriptor describe() {
        return bridge.describe();
    }

    VenueResilience resilience() {
        return bridge.resilience();
    }

    @Override
    public VenueGateway connect(VenueConnection connection) {
        return bridge.connect(connection);
    }

    @Override
    public List<VenueCircuit> circuits() {
        return bridge.circuits();
    }
}
