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
 * Binance USD-M futures as a venue of its own, {@code binance-futures}, found with {@code ServiceLoader}. Why a second
 * venue rather than a second market of {@code binance}: Binance's futures are another host ({@code fapi}), another
 * wallet, other rate limits and other endpoints; a venue account connects one gateway, so an account is either a
 * spot one or a futures one. The same API key may serve both: add it as two accounts. Signing ({@link BinanceSigner}),
 * the raw client ({@link BinanceClient}), the IP limits ({@link BinanceIpLimits}) and the error codes
 * ({@link BinanceErrorAdapter}) are the spot adapter's.
 *
 * <p>Gateways of one provider share, per endpoint, one HTTP client, the IP's weight and ban state and one
 * {@link VenueResilience}. No I/O before the first {@link #connect}; nothing static is mutable.
 *
 * <p>Declared: USD-M perpetuals, MARKET/LIMIT/STOP_MARKET/STOP(-limit)/TAKE_PROFIT_MARKET/TAKE_PROFIT(-limit),
 * GTC/IOC/FOK, reduce-only, leverage per symbol, positions, fills and prices. Not declared: PERMISSIONS (the futures
 * API does not say whether a key may withdraw), QUOTE_AMOUNT (futures size by quantity), trailing stops, OCO.
 */
public final class BinanceFuturesVenueProvider implements VenueProvider {
    public static final VenueId BINANCE_FUTURES = new VenueId("binance-futures");
    public static final URI LIVE_URL = URI.create("https://fapi.binance.com");
    public static final URI TESTNET_URL = URI.create("https://testnet.binancefuture.com");
    /** Binance's published USD-M REQUEST_WEIGHT limit per minute. */
    static final int WEIGHT_PER_MINUTE = 2_400;

    private static final VenueDescriptor DESCRIPTOR = new VenueDescriptor(BINANCE_FUTURES, "Binance USD-M Futures",
            EnumSet.of(Market.USDM_FUTURES),
            EnumSet.of(OrderType.MARKET, OrderType.LIMIT, OrderType.STOP_MARKET, OrderType.STOP_LIMIT,
                    OrderType.TAKE_PROFIT, OrderType.TAKE_PROFIT_LIMIT),
            EnumSet.allOf(TimeInForce.class),
            EnumSet.of(VenueCapability.BALANCES, VenueCapability.POSITIONS, VenueCapability.FUTURES,
                    VenueCapability.FILLS, VenueCapability.PRICES),
            List.of(new RateLimit(BinanceIpLimits.REQUEST_WEIGHT, WEIGHT_PER_MINUTE, Duration.ofMinutes(1), RateLimit.Scope.IP),
                    new RateLimit("orders-10s", 300, Duration.ofSeconds(10), RateLimit.Scope.ACCOUNT),
                    new RateLimit("orders-1m", 1_200, Duration.ofMinutes(1), RateLimit.Scope.ACCOUNT)),
            EnumSet.of(VenueEnvironment.LIVE, VenueEnvironment.TESTNET), false);

    private final BinanceSettings settings;
    private final BinanceEndpoints endpoints;

    /** With {@link BinanceSettings#DEFAULTS}; for {@code ServiceLoader}. */
    public BinanceFuturesVenueProvider() {
        this(BinanceSettings.DEFAULTS);
    }

    public BinanceFuturesVenueProvider(BinanceSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.endpoints = new BinanceEndpoints(DESCRIPTOR, "Binance futures", LIVE_URL, TESTNET_URL, WEIGHT_PER_MINUTE, settings);
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
        BinanceClient client = new BinanceClient(BINANCE_FUTURES, connected.base(), connected.http(), connected.credentials().apiKey(),
                new BinanceSigner(connected.credentials().secret()), connection.clock(), connected.limits(), settings,
                BinanceClient.FUTURES_TIME);
        return new BinanceFuturesGateway(connected.account(), DESCRIPTOR, client, connected.resilience(), connection.clock(),
                connected.hint(), settings);
    }

    @Override
    public String toString() {
        return "BinanceFuturesVenueProvider";
    }
}
