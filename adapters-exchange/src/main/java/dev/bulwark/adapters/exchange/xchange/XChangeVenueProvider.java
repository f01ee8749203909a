package dev.bulwark.adapters.exchange.xchange;

import dev.bulwark.adapters.exchange.support.Connections;
import dev.bulwark.adapters.exchange.support.VenueResilience;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.orders.TimeInForce;
import dev.bulwark.domain.venues.VenueCircuit;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.venues.RateLimit;
import dev.bulwark.ports.driven.venues.VenueCapability;
import dev.bulwark.ports.driven.venues.VenueConnection;
import dev.bulwark.ports.driven.venues.VenueCredentials;
import dev.bulwark.ports.driven.venues.VenueDescriptor;
import dev.bulwark.ports.driven.venues.VenueEnvironment;
import dev.bulwark.ports.driven.venues.VenueGateway;
import dev.bulwark.ports.driven.venues.VenueProvider;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import org.knowm.xchange.Exchange;
import org.knowm.xchange.ExchangeFactory;
import org.knowm.xchange.ExchangeSpecification;

/**
 * A read-only venue over one XChange {@link Exchange} class: balances and last prices (capabilities BALANCES and
 * PRICES only; no PERMISSIONS, as XChange's generic API does not report what a key may do). The descriptor must
 * list a market and an order type, so it declares SPOT and LIMIT, and the gateway refuses every placement as
 * unsupported before sending anything.
 *
 * <p>Each connection gets its own XChange {@code Exchange}, pointed at the connection's base URL when it has one
 * (XChange's {@code sslUri}), with XChange's remote metadata load, retries and rate limiters off: this provider's
 * {@link VenueResilience} (one breaker for the venue, shared by its gateways) does that work. No I/O until a gateway
 * is used; nothing static here. Thread-safe.
 *
 * <p>Limits of the bridge: XChange signs with its own clock (its nonce factory reads the system time, not the
 * connection's {@code TimeSource}), and some XChange connectors keep static state of their own (KuCoin's resilience
 * registries), which is XChange's and unused while its retries and limiters are off.
 */
public final class XChangeVenueProvider implements VenueProvider {
    private final VenueDescriptor descriptor;
    private final Class<? extends Exchange> exchangeClass;
    private final URI defaultBase;
    private final VenueResilience.Settings settings;
    private final VenueResilience resilience;

    /**
     * @param id the venue id, by convention {@code xchange-<exchange>} so it never clashes with a first-class adapter
     * @param displayName the venue's name as users see it
     * @param exchangeClass the XChange connector, e.g. {@code KucoinExchange.class}
     * @param defaultBase the venue's live REST base URL, used when a connection names none
     * @param needsPassphrase whether the venue's keys come with a passphrase (passed to XChange as the
     *     {@code passphrase} exchange-specific parameter)
     * @param limits the venue's documented request limits, kept by the provider across its gateways
     */
    public XChangeVenueProvider(VenueId id, String displayName, Class<? extends Exchange> exchangeClass, URI defaultBase,
            boolean needsPassphrase, List<RateLimit> limits) {
        this(id, displayName, exchangeClass, defaultBase, needsPassphrase, limits, VenueResilience.Settings.DEFAULTS);
    }

    XChangeVenueProvider(VenueId id, String displayName, Class<? extends Exchange> exchangeClass, URI defaultBase,
            boolean needsPassphrase, List<RateLimit> limits, VenueResilience.Settings settings) {
        this.descriptor = new VenueDescriptor(id, displayName, EnumSet.of(Market.SPOT), EnumSet.of(OrderType.LIMIT),
                EnumSet.of(TimeInForce.GTC), EnumSet.of(VenueCapability.BALANCES, VenueCapability.PRICES), limits,
                EnumSet.of(VenueEnvironment.LIVE), needsPassphrase);
        this.exchangeClass = Objects.requireNonNull(exchangeClass, "exchangeClass");
        this.defaultBase = Objects.requireNonNull(defaultBase, "defaultBase");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.resilience = new VenueResilience(id, limits, settings);
    }

    @Override
    public VenueDescriptor describe() {
        return descriptor;
    }

    VenueResilience resilience() {
        return resilience;
    }

    /** The provider's one breaker, shared by its gateways. */
    @Override
    public List<VenueCircuit> circuits() {
        return List.of(resilience.circuit());
    }

    @Override
    public VenueGateway connect(VenueConnection connection) {
        VenueCredentials credentials = Connections.require(connection, descriptor);
        URI base = connection.baseUrl() != null ? URI.create(connection.baseUrl()) : defaultBase;
        ExchangeSpecification spec = new ExchangeSpecification(exchangeClass);
        spec.setSslUri(base.toString().replaceAll("/+$", ""));
        spec.setHost(base.getHost());
        spec.setApiKey(credentials.apiKey());
        spec.setSecretKey(credentials.secret());
        if (credentials.passphrase() != null) {
            spec.setExchangeSpecificParametersItem("passphrase", credentials.passphrase());
        }
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis());
        spec.setHttpConnTimeout(timeoutMillis);
        spec.setHttpReadTimeout(timeoutMillis);
        spec.setShouldLoadRemoteMetaData(false);
        spec.getResilience().setRetryEnabled(false);
        spec.getResilience().setRateLimiterEnabled(false);
        Exchange exchange;
        try {
            exchange = ExchangeFactory.INSTANCE.createExchange(spec);
        } catch (RuntimeException e) {
            // no I/O happens here (remote metadata is off): a failure is XChange refusing its own setup
            throw new VenueUnavailable(descriptor.id(), "XChange could not set up " + exchangeClass.getSimpleName(), null);
        }
        return new XChangeGateway(descriptor, connection.account().id(), exchange, resilience, connection.clock());
    }

    @Override
    public String toString() {
        return "XChangeVenueProvider[" + descriptor.id() + ", " + exchangeClass.getSimpleName() + "]";
    }
}
