package dev.bulwark.adapters.exchange.bitget;

import dev.bulwark.adapters.exchange.support.Connections;
import dev.bulwark.adapters.exchange.support.SharedTransport;
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
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

/**
 * Bitget USDT-M futures (API v2 "mix", {@code productType=USDT-FUTURES}) as a venue of its own,
 * {@code bitget-futures}, found with {@code ServiceLoader}. Why a second venue rather than a second market of
 * {@code bitget}: as with Binance, futures are another wallet with other endpoints and rules, and a venue account
 * connects one gateway; the same key (with its passphrase) may serve both as two accounts. Signing
 * ({@link BitgetSigner}), the raw client ({@link BitgetClient}) and the error codes ({@link BitgetErrorAdapter}) are
 * the spot adapter's.
 *
 * <p>Declared: USDT-M perpetuals, MARKET and LIMIT, GTC/IOC/FOK, reduce-only, leverage per symbol, positions, fills
 * and prices. Not declared: PERMISSIONS (the account answer does not say what the key may do), QUOTE_AMOUNT (futures
 * size by quantity), stops, trailing stops, OCO. The HTTP client and the resilience live in this instance and are
 * shared by its gateways; nothing is static. No I/O until a gateway is used.
 */
public final class BitgetFuturesVenueProvider implements VenueProvider {
    public static final VenueId BITGET_FUTURES = BitgetFuturesAdapters.VENUE;

    /** Bitget's futures trade and account endpoints allow 10 requests per second each: one budget of 10. */
    static final List<RateLimit> LIMITS = List.of(
            new RateLimit(BitgetErrorAdapter.LIMIT, 10, Duration.ofSeconds(1), RateLimit.Scope.IP));

    private static final VenueDescriptor DESCRIPTOR = new VenueDescriptor(BITGET_FUTURES, "Bitget USDT-M Futures",
            EnumSet.of(Market.USDM_FUTURES), EnumSet.of(OrderType.MARKET, OrderType.LIMIT), EnumSet.allOf(TimeInForce.class),
            EnumSet.of(VenueCapability.BALANCES, VenueCapability.POSITIONS, VenueCapability.FUTURES, VenueCapability.FILLS,
                    VenueCapability.PRICES),
            LIMITS, EnumSet.of(VenueEnvironment.LIVE), true);

    private final SharedTransport transport;

    public BitgetFuturesVenueProvider() {
        this(VenueResilience.Settings.DEFAULTS);
    }

    BitgetFuturesVenueProvider(VenueResilience.Settings settings) {
        this.transport = new SharedTransport(BITGET_FUTURES, LIMITS, settings);
    }

    @Override
    public VenueDescriptor describe() {
        return DESCRIPTOR;
    }

    VenueResilience resilience() {
        return transport.resilience();
    }

    /** The provider's one breaker, shared by its gateways. */
    @Override
    public List<VenueCircuit> circuits() {
        return transport.circuits();
    }

    @Override
    public VenueGateway connect(VenueConnection connection) {
        VenueCredentials credentials = Connections.require(connection, DESCRIPTOR);
        URI base = connection.baseUrl() != null ? URI.create(connection.baseUrl()) : BitgetVenueProvider.BASE;
        BitgetClient client = new BitgetClient(BITGET_FUTURES, base, transport.http(), transport.timeout(), credentials,
                connection.clock());
        return new BitgetFuturesGateway(DESCRIPTOR, connection.account().id(), client, transport.resilience(), connection.clock());
    }

    @Override
    public String toString() {
        return "BitgetFuturesVenueProvider";
    }
}
