package dev.bulwark.adapters.exchange.okx;

import dev.bulwark.adapters.exchange.support.Connections;
import dev.bulwark.adapters.exchange.support.SharedTransport;
import dev.bulwark.adapters.exchange.support.VenueResilience;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.orders.TimeInForce;
import dev.bulwark.domain.venues.VenueCircuit;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.venues.VenueCapability;
import dev.bulwark.ports.driven.venues.VenueConnection;
import dev.bulwark.ports.driven.venues.VenueCredentials;
import dev.bulwark.ports.driven.venues.VenueDescriptor;
import dev.bulwark.ports.driven.venues.VenueEnvironment;
import dev.bulwark.ports.driven.venues.VenueGateway;
import dev.bulwark.ports.driven.venues.VenueProvider;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;

/**
 * OKX's USDT perpetual swaps (API v5, {@code instType=SWAP}) as a venue of its own, {@code okx-swap}, found with
 * {@code ServiceLoader}: as with Binance, Bitget and Bybit, a venue account connects one gateway, so an account is
 * either a spot one or a swap one (the same key may serve both as two accounts). Live, or the demo environment
 * (TESTNET, a demo key) with {@code x-simulated-trading: 1}. Signing ({@link OkxSigner}), the raw client
 * ({@link OkxClient}) and the error codes ({@link OkxErrorAdapter}) are the spot adapter's.
 *
 * <p>On a unified account the trading account is shared with spot and all of it is margin: this venue reports it as
 * FUTURES balances, the spot venue as SPOT, so one key connected as both accounts counts it twice.
 *
 * <p>Declared: USDT swaps, MARKET and LIMIT, GTC/IOC/FOK, reduce-only, leverage per instrument, positions, fills,
 * prices and permissions. Not declared: QUOTE_AMOUNT (swaps size by quantity), stops, trailing stops, OCO. The HTTP
 * client and the resilience live in this instance and are shared by its gateways; nothing is static. No I/O until a
 * gateway is used.
 */
public final class OkxSwapVenueProvider implements VenueProvider {
    public static final VenueId OKX_SWAP = OkxSwapAdapters.VENUE;

    private static final VenueDescriptor DESCRIPTOR = new VenueDescriptor(OKX_SWAP, "OKX USDT Swaps",
            EnumSet.of(Market.USDM_FUTURES), EnumSet.of(OrderType.MARKET, OrderType.LIMIT), EnumSet.allOf(TimeInForce.class),
            EnumSet.of(VenueCapability.BALANCES, VenueCapability.POSITIONS, VenueCapability.FUTURES, VenueCapability.FILLS,
                    VenueCapability.PRICES, VenueCapability.PERMISSIONS),
            OkxVenueProvider.LIMITS, EnumSet.of(VenueEnvironment.LIVE, VenueEnvironment.TESTNET), true);

    private final SharedTransport transport;

    public OkxSwapVenueProvider() {
        this(VenueResilience.Settings.DEFAULTS);
    }

    OkxSwapVenueProvider(VenueResilience.Settings settings) {
        this.transport = new SharedTransport(OKX_SWAP, OkxVenueProvider.LIMITS, settings);
    }

    @Override
    public VenueDescriptor describe() {
        return DESCRIPTOR;
    }

    /** The provider's one breaker, shared by its gateways. */
    @Override
    public List<VenueCircuit> circuits() {
        return transport.circuits();
    }

    @Override
    public VenueGateway connect(VenueConnection connection) {
        VenueCredentials credentials = Connections.require(connection, DESCRIPTOR);
        URI base = connection.baseUrl() != null ? URI.create(connection.baseUrl()) : OkxVenueProvider.BASE;
        OkxClient client = new OkxClient(OKX_SWAP, base, transport.http(), transport.timeout(), credentials,
                connection.environment() == VenueEnvironment.TESTNET, connection.clock());
        return new OkxSwapGateway(DESCRIPTOR, connection.account().id(), client, transport.resilience(), connection.clock());
    }

    @Override
    public String toString() {
        return "OkxSwapVenueProvider";
    }
}
