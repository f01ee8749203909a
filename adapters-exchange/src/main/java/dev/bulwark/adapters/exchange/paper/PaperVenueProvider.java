package dev.bulwark.adapters.exchange.paper;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.market.TradingRules;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.orders.TimeInForce;
import dev.bulwark.domain.paper.PaperProfile;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.market.MarketData;
import dev.bulwark.ports.driven.paper.PaperStates;
import dev.bulwark.ports.driven.venues.VenueCapability;
import dev.bulwark.ports.driven.venues.VenueConnection;
import dev.bulwark.ports.driven.venues.VenueDescriptor;
import dev.bulwark.ports.driven.venues.VenueEnvironment;
import dev.bulwark.ports.driven.venues.VenueGateway;
import dev.bulwark.ports.driven.venues.VenueProvider;
import dev.bulwark.ports.errors.Invalid;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The paper venue among the venues. Unlike a provider found by {@code ServiceLoader}, it needs the engine's
 * market data and the state store, so the composition root builds it. Every paper account connects with the
 * same profile (fees, slippage, the imitated venue's trading rules) and, until it is funded otherwise, the
 * default funding.
 */
public final class PaperVenueProvider implements VenueProvider {
    /** What a new paper account starts with. */
    public static final Map<Asset, BigDecimal> DEFAULT_FUNDING = Map.of(Asset.USDT, new BigDecimal("10000"), Asset.USD, new BigDecimal("10000"));

    private final MarketData market;
    private final PaperStates states;
    private final PaperProfile profile;
    private final Map<Asset, BigDecimal> funding;
    /** Each account's books, shared by its gateways in this process; an account idle for an hour is let go. */
    private final Cache<VenueAccountId, PaperBooks> books = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofHours(1)).maximumSize(10_000).build();

    public PaperVenueProvider(MarketData market, PaperStates states, PaperProfile profile, Map<Asset, BigDecimal> funding) {
        this.market = Objects.requireNonNull(market, "market");
        this.states = Objects.requireNonNull(states, "states");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.funding = Map.copyOf(funding);
    }

    /** Binance's fees (0.1% maker and taker) and its published spot filters for the pairs the shipped data prices. */
    public static PaperProfile binanceLikeSpot() {
        TradingRules crypto = new TradingRules(new BigDecimal("0.01"), new BigDecimal("0.00001"), new BigDecimal("0.00001"),
                new BigDecimal("9000"), new BigDecimal("5"));
        return PaperProfile.spot(Map.of(
                Instrument.spot("BTC", "USDT"), crypto,
                Instrument.spot("ETH", "USDT"), new TradingRules(new BigDecimal("0.01"), new BigDecimal("0.0001"),
                        new BigDecimal("0.0001"), new BigDecimal("9000"), new BigDecimal("5")),
                Instrument.spot("BTC", "USD"), crypto,
                Instrument.spot("ETH", "USD"), new TradingRules(new BigDecimal("0.01"), new BigDecimal("0.0001"),
                        new BigDecimal("0.0001"), new BigDecimal("9000"), new BigDecimal("5"))));
    }

    @Override
    public VenueDescriptor describe() {
        Set<VenueCapability> capabilities = EnumSet.of(VenueCapability.BALANCES, VenueCapability.POSITIONS,
                VenueCapability.QUOTE_AMOUNT, VenueCapability.TRAILING_STOP, VenueCapability.FILLS, VenueCapability.PRICES,
                VenueCapability.PERMISSIONS, VenueCapability.OCO);
        return new VenueDescriptor(VenueId.PAPER, "Paper trading", EnumSet.of(Market.SPOT),
                EnumSet.allOf(OrderType.class), EnumSet.allOf(TimeInForce.class), capabilities, List.of(),
                EnumSet.of(VenueEnvironment.PAPER), false);
    }

    @Override
    public VenueGateway connect(VenueConnection connection) {
        if (!connection.account().venue().equals(VenueId.PAPER)) {
            throw new Invalid("the paper venue connects paper accounts only, not " + connection.account().venue());
        }
        return new PaperGateway(connection.account(), profile, funding, market, states, connection.clock(),
                books.get(connection.account().id(), id -> new PaperBooks()));
    }
}
