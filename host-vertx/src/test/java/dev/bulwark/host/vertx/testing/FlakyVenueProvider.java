package dev.bulwark.host.vertx.testing;

import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.market.TradingRules;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.money.Money;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderSize;
import dev.bulwark.domain.orders.OrderStatus;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.orders.TimeInForce;
import dev.bulwark.domain.portfolio.AccountKind;
import dev.bulwark.domain.portfolio.Holding;
import dev.bulwark.domain.positions.Position;
import dev.bulwark.domain.venues.Permission;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.system.TimeSource;
import dev.bulwark.ports.driven.venues.CancelResult;
import dev.bulwark.ports.driven.venues.CredentialCheck;
import dev.bulwark.ports.driven.venues.OrderRequest;
import dev.bulwark.ports.driven.venues.PlacementResult;
import dev.bulwark.ports.driven.venues.VenueCapability;
import dev.bulwark.ports.driven.venues.VenueConnection;
import dev.bulwark.ports.driven.venues.VenueDescriptor;
import dev.bulwark.ports.driven.venues.VenueEnvironment;
import dev.bulwark.ports.driven.venues.VenueGateway;
import dev.bulwark.ports.driven.venues.VenueProvider;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A venue whose failures a test decides, to prove that an unknown outcome never becomes a second order. Each API key
 * is one venue account with its own books ({@link #venue(String)}): 10,000 USDT, BTC/USDT at 50,000, every market
 * order filled at once. Like Binance, it accepts a client order id again once the first order is filled, so a
 * placement sent twice shows up here as two orders: the counters are what the test reads.
 *
 * <p>The books are static (keyed by API key) because the runtime builds its providers itself through
 * {@link java.util.ServiceLoader}; that is test code only, a real provider keeps no static state.
 */
public final class FlakyVenueProvider implements VenueProvider {
    public static final VenueId ID = new VenueId("flakyvenue");
    public static final BigDecimal PRICE = new BigDecimal("50000");
    private static final Instrument BTC_USDT = Instrument.spot("BTC", "USDT");
    private static final Asset USDT = Asset.of("USDT");
    private static final VenueDescriptor DESCRIPTOR = new VenueDescriptor(ID, "Flaky venue", EnumSet.of(Market.SPOT),
            EnumSet.of(OrderType.MARKET, OrderType.LIMIT), EnumSet.allOf(TimeInForce.class),
            EnumSet.of(VenueCapability.BALANCES, VenueCapability.PERMISSIONS, VenueCapability.PRICES, VenueCapability.FILLS),
            List.of(), EnumSet.of(VenueEnvironment.LIVE, VenueEnvironment.TESTNET), false);
    private static final Map<String, Venue> VENUES = new ConcurrentHashMap<>();

    /** The books of the account with this API key (created empty on first use). */
    public static Venue venue(String apiKey) {
        return VENUES.computeIfAbsent(apiKey, k -> new Venue());
    }

    @Override
    public VenueDescriptor describe() {
        return DESCRIPTOR;
    }

    @Override
    public VenueGateway connect(VenueConnection connection) {
        String key = connection.credentials() == null ? "" : connection.credentials().apiKey();
        return new Gateway(venue(key), connection.account().id(), connection.clock());
    }

    /** When the next placement fails to answer. */
    public enum Timeout {
        /** No failure. */
        NONE,
        /** The request never reaches the venue's books: nothing placed, no answer. */
        BEFORE_RECORDING,
        /** The venue places (and fills) the order, then the answer is lost. */
        AFTER_RECORDING
    }

    /** One account's books and what the test can observe and change. */
    public static final class Venue {
        private final AtomicReference<Timeout> nextPlacement = new AtomicReference<>(Timeout.NONE);
        private volatile boolean down;
        private volatile boolean acceptWithoutFilling;
        private final List<Order> orders = new ArrayList<>();
        private final List<Fill> fills = new ArrayList<>();
        private final Map<String, AtomicInteger> placeCalls = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> findCalls = new ConcurrentHashMap<>();
        private BigDecimal usdt = new BigDecimal("10000");
        private BigDecimal btc = BigDecimal.ZERO;
        private int trades;

        /** The next placement (only that one) fails to answer, {@code when}. */
        public void timeOutOnce(Timeout when) {
            nextPlacement.set(when);
        }

        /** While down, every placement fails to answer before reaching the books. */
        public void down(boolean down) {
            this.down = down;
        }

        /** While on, a placement is acknowledged (ACCEPTED) and left working, unfilled, until {@link #fillWorking}. */
        public void acceptWithoutFilling(boolean on) {
            this.acceptWithoutFilling = on;
        }

        /** Fills every order working here at {@link #PRICE}, as the venue would once the market reached it. */
        public synchronized void fillWorking(Instant at) {
            for (int i = 0; i < orders.size(); i++) {
                Order order = orders.get(i);
                if (order.status() == OrderStatus.ACCEPTED) {
                    BigDecimal quantity = ((OrderSize.OfQuantity) order.size()).quantity();
                    Fill fill = new Fill("flaky-" + ++trades, order.id(), order.instrument(), order.side(), PRICE, quantity,
                            Money.zero(USDT), at);
                    book(order.side(), quantity, fill.notional());
                    orders.set(i, order.apply(fill));
                    fills.add(fill);
                }
            }
        }

        /** Every order the venue holds, in placement order; one client order id may appear twice (see class doc). */
        public synchronized List<Order> orders() {
            return List.copyOf(orders);
        }

        /** How many orders the venue holds under this client order id. */
        public synchronized long orders(String clientOrderId) {
            return orders.stream().filter(o -> o.clientOrderId().value().equals(clientOrderId)).count();
        }

        /** How many times {@code place} was called with this client order id, answered or not. */
        public int placeCalls(String clientOrderId) {
            AtomicInteger calls = placeCalls.get(clientOrderId);
            return calls == null ? 0 : calls.get();
        }

        /** Every {@code place} call, whatever its client order id. */
        public int placeCalls() {
            return placeCalls.values().stream().mapToInt(AtomicInteger::get).sum();
        }

        /** Every client order id {@code place} was called with. */
        public java.util.Set<String> placedIds() {
            return java.util.Set.copyOf(placeCalls.keySet());
        }

        /** How many times the venue was asked for this client order id. */
        public int findCalls(String clientOrderId) {
            AtomicInteger calls = findCalls.get(clientOrderId);
            return calls == null ? 0 : calls.get();
        }

        private synchronized Order fill(OrderRequest request, VenueAccountId account, Instant at) {
            Order order = request.toNewOrder(account, at).transitionTo(OrderStatus.ACCEPTED, at);
            if (acceptWithoutFilling && request.size() instanceof OrderSize.OfQuantity) {
                orders.add(order);
                return order;
            }
            BigDecimal quantity = switch (request.size()) {
                case OrderSize.OfQuantity q -> q.quantity();
                case OrderSize.OfQuoteAmount a -> a.amount().divide(PRICE, 8, java.math.RoundingMode.DOWN);
            };
            Fill fill = new Fill("flaky-" + ++trades, order.id(), request.instrument(), request.side(), PRICE, quantity,
                    Money.zero(USDT), at);
            Order filled = order.apply(fill);
            if (request.size() instanceof OrderSize.OfQuoteAmount) {
                filled = filled.transitionTo(OrderStatus.FILLED, at);
            }
            book(request.side(), quantity, fill.notional());
            orders.add(filled);
            fills.add(fill);
            return filled;
        }

        private void book(OrderSide side, BigDecimal quantity, BigDecimal notional) {
            if (side == OrderSide.BUY) {
                usdt = usdt.subtract(notional);
                btc = btc.add(quantity);
            } else {
                usdt = usdt.add(notional);
                btc = btc.subtract(quantity);
            }
        }

        private synchronized Optional<Order> find(ClientOrderId id) {
            findCalls.computeIfAbsent(id.value(), k -> new AtomicInteger()).incrementAndGet();
            Order last = null;
            for (Order order : orders) {
                if (order.clientOrderId().equals(id)) {
                    last = order;
                }
            }
            return Optional.ofNullable(last);
        }

        private synchronized List<Holding> balances(VenueAccountId account) {
            List<Holding> holdings = new ArrayList<>();
            holdings.add(new Holding(account, ID, AccountKind.SPOT, USDT, usdt.max(BigDecimal.ZERO), BigDecimal.ZERO));
            if (btc.signum() > 0) {
                holdings.add(new Holding(account, ID, AccountKind.SPOT, Asset.of("BTC"), btc, BigDecimal.ZERO));
            }
            return holdings;
        }

        private synchronized List<Fill> fills(Instrument instrument, Instant since) {
            return fills.stream().filter(f -> f.instrument().equals(instrument) && !f.time().isBefore(since)).toList();
        }
    }

    private record Gateway(Venue venue, VenueAccountId account, TimeSource clock) implements VenueGateway {
        @Override
        public Set<VenueCapability> capabilities() {
            return DESCRIPTOR.capabilities();
        }

        @Override
        public List<Holding> balances() {
            return venue.balances(account);
        }

        @Override
        public List<Position> positions() {
            return List.of();
        }

        @Override
        public List<Order> openOrders(@Nullable Instrument instrument) {
            return List.of(); // every order fills at once
        }

        @Override
        public PlacementResult place(OrderRequest request) {
            Optional<String> unsupported = DESCRIPTOR.unsupported(request, capabilities());
            if (unsupported.isPresent()) {
                return new PlacementResult.Rejected(PlacementResult.Rejected.UNSUPPORTED, unsupported.get());
            }
            venue.placeCalls.computeIfAbsent(request.clientOrderId().value(), k -> new AtomicInteger()).incrementAndGet();
            if (venue.down) {
                throw new VenueUnavailable(ID, "the flaky venue is down", null);
            }
            Timeout timeout = venue.nextPlacement.getAndSet(Timeout.NONE);
            if (timeout == Timeout.BEFORE_RECORDING) {
                throw new VenueUnavailable(ID, "the flaky venue did not answer (nothing placed)", null);
            }
            Order placed = venue.fill(request, account, clock.now());
            if (timeout == Timeout.AFTER_RECORDING) {
                throw new VenueUnavailable(ID, "the flaky venue did not answer (the order was placed)", null);
            }
            return new PlacementResult.Placed(placed);
        }

        @Override
        public CancelResult cancel(Instrument instrument, ClientOrderId clientOrderId) {
            return venue.find(clientOrderId).<CancelResult>map(o -> new CancelResult.AlreadyFinal(o))
                    .orElseGet(() -> new CancelResult.UnknownOrder(clientOrderId));
        }

        @Override
        public Optional<Order> findByClientOrderId(Instrument instrument, ClientOrderId clientOrderId) {
            return venue.find(clientOrderId).filter(o -> o.instrument().equals(instrument));
        }

        @Override
        public List<Fill> fills(Instrument instrument, Instant since) {
            return venue.fills(instrument, since);
        }

        @Override
        public TradingRules rules(Instrument instrument) {
            return TradingRules.unbounded(new BigDecimal("0.01"), new BigDecimal("0.00001"), new BigDecimal("0.00001"),
                    new BigDecimal("5"));
        }

        @Override
        public Optional<BigDecimal> price(Instrument instrument) {
            return instrument.equals(BTC_USDT) ? Optional.of(PRICE) : Optional.empty();
        }

        @Override
        public CredentialCheck checkCredentials() {
            return CredentialCheck.valid(EnumSet.of(Permission.READ, Permission.TRADE));
        }

        @Override
        public void close() {
        }
    }
}
