package dev.bulwark.adapters.exchange.bybit;

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
 * Bybit's USDT perpetuals (API v5, {@code category=linear}) as a venue of its own, {@code bybit-linear}, found with
 * {@code ServiceLoader}: as with Binance and Bitget, a venue account connects one gateway, so an account is either a
 * spot one or a futures one (the same key may serve both as two accounts). Live ({@code api.bybit.com}) or testnet.
 * Signing ({@link BybitSigner}), the raw client ({@link BybitClient}) and the error codes
 * ({@link BybitErrorAdapter}) are the spot adapter's.
 *
 * <p>On a unified trading account spot and derivatives share one wallet, all of it margin for perpetuals: this venue
 * reports it as FUTURES balances, and the spot venue reports the same coins as SPOT, so one key connected as both
 * accounts counts the wallet twice.
 *
 * <p>Declared: USDT perpetuals, MARKET and LIMIT, GTC/IOC/FOK, reduce-only, leverage per symbol, positions, fills,
 * prices and permissions (the key's own description says whether it may trade contracts and withdraw). Not
 * declared: QUOTE_AMOUNT (futures size by quantity), stops, trailing stops, OCO. The HTTP client and the resilience
 * live in this instance and are shared by its gateways; nothing is static. No I/O until a gateway is used.
 */
public final class BybitLinearVenueProvider implements VenueProvider {
    public static final VenueId BYBIT_LINEAR = BybitLinearAdapters.VENUE;

    private static final VenueDescriptor DESCRIPTOR = new VenueDescriptor(BYBIT_LINEAR, "Bybit USDT Perpetuals",
            EnumSet.of(Market.USDM_FUTURES), EnumSet.of(OrderType.MARKET, OrderType.LIMIT), EnumSet.allOf(TimeInForce.class),
            EnumSet.of(VenueCapability.BALANCES, VenueCapability.POSITIONS, VenueCapability.FUTURES, VenueCapability.FILLS,
                    VenueCapability.PRICES, VenueCapability.PERMISSIONS),
            BybitVenueProvider.LIMITS, EnumSet.of(VenueEnvironment.LIVE, VenueEnvironment.TESTNET), false);

    private final SharedTransport transport;

    public BybitLinearVenueProvider() {
        this(VenueResilience.Settings.DEFAULTS);
    }

    BybitLinearVenueProvider(VenueResilience.Settings settings) {
        this.transport = new SharedTransport(BYBIT_LINEAR, BybitVenueProvider.LIMITS, settings);
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
        URI base = connection.baseUrl() != null ? URI.create(connection.baseUrl())
                : connection.environment() == VenueEnvironment.LIVE ? BybitVenueProvider.LIVE : BybitVenueProvider.TESTNET;
        BybitClient client = new BybitClient(BYBIT_LINEAR, base, transport.http(), transport.timeout(), credentials,
                connection.clock());
        return new BybitLinearGateway(DESCRIPTOR, connection.account().id(), client, transport.resilience(), connection.clock());
    }

    @Override
    public String toString() {
        return "BybitLinearVenueProvider";
    }
}
