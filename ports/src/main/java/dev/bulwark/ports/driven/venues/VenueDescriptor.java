package dev.bulwark.ports.driven.venues;

import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.orders.OrderSize;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.orders.TimeInForce;
import dev.bulwark.domain.venues.VenueId;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * What a venue is and what it can do, as its {@link VenueProvider} declares it before any account is connected:
 * enough for a host to list the venue, offer only the markets, order types and environments it supports, and say
 * which features the application must emulate. Constant for a provider; no I/O to obtain.
 *
 * <p>Sets are kept as unmodifiable enum sets, so they iterate in declaration order (stable for display).
 * The constructor refuses a descriptor that contradicts itself:
 * <ul>
 *   <li>{@code displayName} is 1 to 100 characters, without surrounding spaces or control characters;</li>
 *   <li>{@code markets}, {@code orderTypes}, {@code timeInForces} and {@code environments} are not empty;</li>
 *   <li>{@link VenueCapability#FUTURES} is declared exactly when {@link Market#USDM_FUTURES} is listed, and brings
 *       {@link VenueCapability#POSITIONS}; {@link VenueCapability#TRAILING_STOP} exactly when
 *       {@link OrderType#TRAILING_STOP} is listed;</li>
 *   <li>rate limit names are unique;</li>
 *   <li>the {@linkplain VenueId#PAPER paper venue} offers only {@link VenueEnvironment#PAPER} and needs no
 *       passphrase.</li>
 * </ul>
 *
 * @param needsPassphrase whether an API key comes with a passphrase (OKX, Coinbase Exchange, KuCoin): a connection
 *     without one is refused
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record VenueDescriptor(
        VenueId id,
        String displayName,
        Set<Market> markets,
        Set<OrderType> orderTypes,
        Set<TimeInForce> timeInForces,
        Set<VenueCapability> capabilities,
        List<RateLimit> rateLimits,
        Set<VenueEnvironment> environments,
        boolean needsPassphrase) {

    public static final int MAX_DISPLAY_NAME = 100;

    public VenueDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        if (displayName.isBlank() || displayName.length() > MAX_DISPLAY_NAME || !displayName.strip().equals(displayName)
                || displayName.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a venue's display name is 1 to " + MAX_DISPLAY_NAME
                    + " characters, without surrounding spaces or control characters, was '" + displayName + "'");
        }
        markets = nonEmpty(markets, Market.class, "markets");
        orderTypes = nonEmpty(orderTypes, OrderType.class, "orderTypes");
        timeInForces = nonEmpty(timeInForces, TimeInForce.class, "timeInForces");
        capabilities = enumSet(capabilities, VenueCapability.class, "capabilities");
        environments = nonEmpty(environments, VenueEnvironment.class, "environments");
        rateLimits = List.copyOf(Objects.requireNonNull(rateLimits, "rateLimits"));
        Set<String> names = new HashSet<>();
        for (RateLimit limit : rateLimits) {
            if (!names.add(limit.name())) {
                throw new IllegalArgumentException("rate limit '" + limit.name() + "' is declared twice");
            }
        }
        if (capabilities.contains(VenueCapability.FUTURES) != markets.contains(Market.USDM_FUTURES)) {
            throw new IllegalArgumentException("the FUTURES capability goes with the USDM_FUTURES market, and only with"
                    + " it; markets " + markets + ", capabilities " + capabilities);
        }
        if (capabilities.contains(VenueCapability.FUTURES) && !capabilities.contains(VenueCapability.POSITIONS)) {
            throw new IllegalArgumentException("a venue with FUTURES reports its POSITIONS: the application cannot"
                    + " derive a futures position from fills alone (funding, liquidation, manual trades)");
        }
        if (capabilities.contains(VenueCapability.TRAILING_STOP) != orderTypes.contains(OrderType.TRAILING_STOP)) {
            throw new IllegalArgumentException("the TRAILING_STOP capability goes with the TRAILING_STOP order type,"
                    + " and only with it; order types " + orderTypes + ", capabilities " + capabilities);
        }
        if (id.equals(VenueId.PAPER) && (!environments.equals(EnumSet.of(VenueEnvironment.PAPER)) || needsPassphrase)) {
            throw new IllegalArgumentException("the paper venue is simulated: it offers only the PAPER environment and"
                    + " needs no key");
        }
    }

    /** Whether the venue links orders one-cancels-other natively; see {@link VenueCapability#OCO}. */
    public boolean nativeOco() {
        return capabilities.contains(VenueCapability.OCO);
    }

    /**
     * Why {@code request} cannot be placed on this venue by a gateway that has {@code connected} capabilities
     * (usually {@link VenueGateway#capabilities()}), or empty when nothing in the request is unsupported. A gateway
     * calls this first and answers a reason with {@link PlacementResult.Rejected#UNSUPPORTED} before sending
     * anything; it says nothing about trading rules, funds or the instrument being listed.
     */
    public Optional<String> unsupported(OrderRequest request, Set<VenueCapability> connected) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(connected, "connected");
        Market market = request.instrument().market();
        if (!markets.contains(market)) {
            return Optional.of(displayName + " does not trade the " + market + " market");
        }
        if (market == Market.USDM_FUTURES && !connected.contains(VenueCapability.FUTURES)) {
            return Optional.of("this " + displayName + " account has no access to futures");
        }
        if (!orderTypes.contains(request.type())) {
            return Optional.of(displayName + " has no " + request.type() + " orders");
        }
        if (request.type() == OrderType.TRAILING_STOP && !connected.contains(VenueCapability.TRAILING_STOP)) {
            return Optional.of("this " + displayName + " account has no trailing stops");
        }
        if (!timeInForces.contains(request.timeInForce())) {
            return Optional.of(displayName + " has no " + request.timeInForce() + " time in force");
        }
        if (request.size() instanceof OrderSize.OfQuoteAmount && !connected.contains(VenueCapability.QUOTE_AMOUNT)) {
            return Optional.of(displayName + " does not size market orders by a quote amount");
        }
        return Optional.empty();
    }

    private static <E extends Enum<E>> Set<E> nonEmpty(Collection<E> values, Class<E> type, String name) {
        Set<E> set = enumSet(values, type, name);
        if (set.isEmpty()) {
            throw new IllegalArgumentException(name + " cannot be empty");
        }
        return set;
    }

    private static <E extends Enum<E>> Set<E> enumSet(Collection<E> values, Class<E> type, String name) {
        Objects.requireNonNull(values, name);
        // EnumSet.copyOf refuses an empty plain collection, and rejects no nulls itself
        EnumSet<E> set = EnumSet.noneOf(type);
        for (E value : values) {
            set.add(Objects.requireNonNull(value, name + " cannot hold null"));
        }
        return Collections.unmodifiableSet(set);
    }
}
