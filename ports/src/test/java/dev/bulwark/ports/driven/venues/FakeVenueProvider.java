package dev.bulwark.ports.driven.venues;

import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.market.TradingRules;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.money.Money;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderStatus;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.orders.TimeInForce;
import dev.bulwark.domain.portfolio.AccountKind;
import dev.bulwark.domain.portfolio.Holding;
import dev.bulwark.domain.positions.Position;
import dev.bulwark.domain.venues.Permission;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.errors.Invalid;
import dev.bulwark.ports.errors.NotFound;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The smallest venue that honours the SPI: spot BTC/USDT at a fixed price of 100, market orders fill at once,
 * limit orders rest. Registered in this module's test resources so the ServiceLoader test can find it; an
 * integrator's provider looks the same, with a venue behind it.
 */
public final class FakeVenueProvider implements VenueProvider {
    static final VenueId ID = new VenueId("fake");
    static final Instrument BTC_USDT = Instrument.spot("BTC", "USDT");
    static final BigDecimal PRICE = new BigDecimal("100");

    private static final VenueDescriptor DESCRIPTOR = new VenueDescriptor(ID, "Fake venue", Set.of(Market.SPOT),
            Set.of(OrderType.MARKET, OrderType.LIMIT), Set.of(TimeInForce.GTC, TimeInForce.IOC),
            Set.of(VenueCapability.BALANCES, VenueCapability.FILLS, VenueCapability.PRICES, VenueCapability.PERMISSIONS),
            List.of(new RateLimit("requests", 10, Duration.ofSeconds(1), RateLimit.Scope.IP)),
            Set.of(VenueEnvironment.TESTNET, VenueEnvironment.PAPER), false);

    /** Shared by this provider's gateways: state lives in the instance, never in static fields. */
    private final AtomicLong trades = new AtomicLong();

    public FakeVenueProvider() {
    }

    @Override
    public VenueDescriptor describe() {
        return DESCRIPTOR;
    }

    @Override
    public VenueGateway connect(VenueConnection connection) {
        if (!connection.account().venue().equals(ID)) {
            throw new Invalid("account " + connection.account().id() + " is on " + connection.account().venue() + ", not " + ID);
        }
        if (!DESCRIPTOR.environments().contains(connection.environment())) {
            throw new Invalid(DESCRIPTOR.displayName() + " has no " + connection.environment() + " environment");
        }
        return new Gateway(connection);
    }

    private final class Gateway implements VenueGateway {
        private final VenueConnection connection;
        private final VenueAccountId account;
        private final Map<ClientOrderId, Order> orders = new ConcurrentHashMap<>();
        private final List<Fill> fills = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final AtomicBoolean closed = new AtomicBoolean();

        Gateway(VenueConnection connection) {
            this.connection = connection;
            this.account = connection.account().id();
        }

        @Override
        public Set<VenueCapability> capabilities() {
            return DESCRIPTOR.capabilities();
        }

        @Override
        public List<Holding> balances() {
            open();
            return List.of(new Holding(account, ID, AccountKind.SPOT, Asset.USDT, new BigDecimal("1000"), BigDecimal.ZERO));
        }

        @Override
        public List<Position> positions() {
            open();
            return List.of();
        }

        @Override
        public List<Order> openOrders(@Nullable Instrument instrument) {
            open();
            return orders.values().stream()
                    .filter(o -> !o.status().isTerminal() && (instrument == null || o.instrument().equals(instrument)))
                    .toList();
        }

        @Override
        public PlacementResult place(OrderRequest request) {
            open();
            Optional<String> unsupported = DESCRIPTOR.unsupported(request, capabilities());
            if (unsupported.isPresent()) {
                return new PlacementResult.Rejected(PlacementResult.Rejected.UNSUPPORTED, unsupported.get());
            }
            if (!request.instrument().equals(BTC_USDT)) {
                return new PlacementResult.Rejected(PlacementResult.Rejected.UNKNOWN_INSTRUMENT,
                        request.instrument() + " is not listed");
            }
            Instant now = connection.clock().now();
            Order placed = request.toNewOrder(account, now).transitionTo(OrderStatus.ACCEPTED, now);
            if (orders.putIfAbsent(request.clientOrderId(), placed) != null) {
                return new PlacementResult.Rejected(PlacementResult.Rejected.DUPLICATE_CLIENT_ORDER_ID,
                        "client order id " + request.clientOrderId() + " is taken");
            }
            if (request.type() == OrderType.MARKET) {
                BigDecimal quantity = placed.remainingQuantity().orElseThrow();
                Fill fill = new Fill("t" + trades.incrementAndGet(), placed.id(), BTC_USDT, request.side(), PRICE,
                        quantity, Money.zero(Asset.USDT), now);
                fills.add(fill);
                placed = placed.apply(fill);
                orders.put(request.clientOrderId(), placed);
            }
            return new PlacementResult.Placed(placed);
        }

        @Override
        public CancelResult cancel(Instrument instrument, ClientOrderId clientOrderId) {
            open();
            Order order = orders.get(clientOrderId);
            if (order == null || !order.instrument().equals(instrument)) {
                return new CancelResult.UnknownOrder(clientOrderId);
            }
            if (order.status().isTerminal()) {
                return new CancelResult.AlreadyFinal(order);
            }
            Order cancelled = order.transitionTo(OrderStatus.CANCELLED, connection.clock().now());
            orders.put(clientOrderId, cancelled);
            return new CancelResult.Cancelled(cancelled);
        }

        @Override
        public Optional<Order> findByClientOrderId(Instrument instrument, ClientOrderId clientOrderId) {
            open();
            return Optional.ofNullable(orders.get(clientOrderId)).filter(o -> o.instrument().equals(instrument));
        }

        @Override
        public List<Fill> fills(Instrument instrument, Instant since) {
            open();
            List<Fill> found = new ArrayList<>();
            for (Fill fill : fills) {
                if (fill.instrument().equals(instrument) && !fill.time().isBefore(since)) {
                    found.add(fill);
                }
            }
            return found;
        }

        @Override
        public TradingRules rules(Instrument instrument) {
            open();
            if (!instrument.equals(BTC_USDT)) {
                throw new NotFound(instrument + " is not listed on " + ID);
            }
            return TradingRules.unbounded(new BigDecimal("0.01"), new BigDecimal("0.001"), new BigDecimal("0.001"), BigDecimal.TEN);
        }

        @Override
        public Optional<BigDecimal> price(Instrument instrument) {
            open();
            return instrument.equals(BTC_USDT) ? Optional.of(PRICE) : Optional.empty();
        }

        @Override
        public CredentialCheck checkCredentials() {
            open();
            return connection.credentials() == null
                    ? CredentialCheck.invalid("no API key was given")
                    : CredentialCheck.valid(Set.of(Permission.READ, Permission.TRADE));
        }

        @Override
        public void close() {
            closed.set(true);
        }

        private void open() {
            if (closed.get()) {
                throw new IllegalStateException("the gateway of account " + account + " is closed");
            }
        }
    }
}
