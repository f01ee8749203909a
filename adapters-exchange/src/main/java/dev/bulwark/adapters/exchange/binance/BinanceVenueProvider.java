package dev.bulwark.adapters.exchange.binance;

import dev.bulwark.adapters.exchange.support.VenueResilience;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.orders.TimeInForce;
import dev.bulwark.domain.venues.VenueCircuit;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.venues.RateLimit;
import dev.bulwark.ports.driven.venues.VenueCapability;
import dev.bulwark.ports.driven.venues.VenueConnection;
import dev.bulwark.ports.driven.venues.VenueDescriptor;
import dev.bulwark.ports.driven.venues.VenueEnvironment;
import dev.bulwark.ports.driven.venues.VenueGateway;
import dev.bulwark.ports.driven.venues.VenueProvider;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * Binance spot, found with {@code ServiceLoader}. Gateways of one provider share, per endpoint (live or testnet
 * host), one HTTP client, the IP's request-weight and ban state, and one {@link VenueResilience} (Binance counts
 * limits per IP, so all accounts behind this process spend one budget). Nothing is created or contacted until the
 * first {@link #connect}; nothing is static.
 *
 * <p>Declared: spot only (USD-M futures are the venue {@code binance-futures}, {@link BinanceFuturesVenueProvider}), MARKET/LIMIT/STOP_LOSS(_LIMIT)/TAKE_PROFIT(_LIMIT)
 * orders, GTC/IOC/FOK, quote-amount market orders, native OCO pairs (a take-profit and a stop-loss as one
 * {@code POST /api/v3/orderList/oco}, see {@link BinanceGateway#placeOco}), fills, prices and key permissions.
 * Binance's trailing stops are not offered through this SPI version.
 */
public final class BinanceVenueProvider implements VenueProvider {
    public static final VenueId BINANCE = new VenueId("binance");
    public static final URI LIVE_URL = URI.create("https://api.binance.com");
    public static final URI TESTNET_URL = URI.create("https://testnet.binance.vision");
    /** Binance's published REQUEST_WEIGHT limit per minute (exchangeInfo rateLimits). */
    static final int WEIGHT_PER_MINUTE = 6_000;

    private static final VenueDescriptor DESCRIPTOR = new VenueDescriptor(BINANCE, "Binance",
            EnumSet.of(Market.SPOT),
            EnumSet.of(OrderType.MARKET, OrderType.LIMIT, OrderType.STOP_MARKET, OrderType.STOP_LIMIT,
                    OrderType.TAKE_PROFIT, OrderType.TAKE_PROFIT_LIMIT),
            EnumSet.allOf(TimeInForce.class),
            EnumSet.of(VenueCapability.BALANCES, VenueCapability.QUOTE_AMOUNT, VenueCapability.OCO,
                    VenueCapability.FILLS, VenueCapability.PRICES, VenueCapability.PERMISSIONS),
            List.of(new RateLimit(BinanceIpLimits.REQUEST_WEIGHT, WEIGHT_PER_MINUTE, Duration.ofMinutes(1), RateLimit.Scope.IP),
                    new RateLimit("raw-requests", 61_000, Duration.ofMinutes(5), RateLimit.Scope.IP),
                    new RateLimit("orders-10s", 100, Duration.ofSeconds(10), RateLimit.Scope.ACCOUNT),
                    new RateLimit("orders-1d", 200_000, Duration.ofDays(1), RateLimit.Scope.ACCOUNT)),
            EnumSet.of(VenueEnvironment.LIVE, VenueEnvironment.TESTNET), false);

    private final BinanceSettings settings;
    private final BinanceEndpoints endpoints;

    /** With {@link BinanceSettings#DEFAULTS}; for {@code ServiceLoader}. */
    public BinanceVenueProvider() {
        this(BinanceSettings.DEFAULTS);
    }

    public BinanceVenueProvider(BinanceSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.endpoints = new BinanceEndpoints(DESCRIPTOR, "Binance", LIVE_URL, TESTNET_URL, WEIGHT_PER_MINUTE, settings);
    }

    @Override
    public VenueDescriptor describe() {
        return DESCRIPTOR;
    }

    /**
     * One circuit for the venue: the worst of the breakers of the endpoints connected so far (live, testnet, a
     * configured URL; usually just one), CLOSED before the first connect.
     */
    @Override
    public List<VenueCircuit> circuits() {
        return List.of(endpoints.circuit());
    }

    @Override
    public VenueGateway connect(VenueConnection connection) {
        BinanceEndpoints.Connected connected = endpoints.connect(connection);
        BinanceClient client = new BinanceClient(BINANCE, connected.base(), connected.http(), connected.credentials().apiKey(),
                new BinanceSigner(connected.credentials().secret()), connection.clock(), connected.limits(), settings);
        return new BinanceGateway(connected.account(), DESCRIPTOR, client, connected.resilience(), connection.clock(),
                connected.hint(), settings);
    }

    @Override
    public String toString() {
        return "BinanceVenueProvider";
    }
}
