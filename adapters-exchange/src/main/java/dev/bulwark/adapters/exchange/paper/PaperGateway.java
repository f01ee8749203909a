package dev.bulwark.adapters.exchange.paper;

import dev.bulwark.adapters.exchange.paper.PaperDocuments.PaperDocument;
import dev.bulwark.domain.market.Candle;
import dev.bulwark.domain.market.CandleInterval;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.TradingRules;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.paper.Execution;
import dev.bulwark.domain.paper.MarketSnapshot;
import dev.bulwark.domain.paper.PaperAccount;
import dev.bulwark.domain.paper.PaperProfile;
import dev.bulwark.domain.paper.PaperSnapshot;
import dev.bulwark.domain.paper.PlaceResult;
import dev.bulwark.domain.paper.RejectReason;
import dev.bulwark.domain.paper.Settled;
import dev.bulwark.domain.portfolio.Holding;
import dev.bulwark.domain.positions.Position;
import dev.bulwark.domain.venues.Permission;
import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.ports.driven.market.MarketData;
import dev.bulwark.ports.driven.market.Quote;
import dev.bulwark.ports.driven.paper.PaperHistoryEntry;
import dev.bulwark.ports.driven.paper.PaperSave;
import dev.bulwark.ports.driven.paper.PaperState;
import dev.bulwark.ports.driven.paper.PaperStates;
import dev.bulwark.ports.driven.system.TimeSource;
import dev.bulwark.ports.driven.venues.CancelResult;
import dev.bulwark.ports.driven.venues.CredentialCheck;
import dev.bulwark.ports.driven.venues.OcoRequest;
import dev.bulwark.ports.driven.venues.OcoResult;
import dev.bulwark.ports.driven.venues.OrderRequest;
import dev.bulwark.ports.driven.venues.PlacementResult;
import dev.bulwark.ports.driven.venues.VenueCapability;
import dev.bulwark.ports.driven.venues.VenueGateway;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.NotFound;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One paper account as a venue. Every call first brings the books up to the market: the candles that closed
 * since the books last saw the instrument (the finest interval market data has), then the last price, so resting
 * orders fill, trigger and trail as they would have. A call that changes the books saves them (compare-and-set
 * on the stored version; another process that saved in between makes this one reload and redo the call, a few
 * times at most).
 *
 * <h2>What is saved</h2>
 * The document holds only what is live: balances, working orders (trailing marks included), positions, margins.
 * What settled during a call, orders that became final and every fill, leaves the engine
 * ({@link PaperAccount#takeSettled()}) and is appended to the store's history in the same save, so a save costs
 * what is live, not every order ever placed. The venue still answers for settled orders from that history: a query
 * by client order id, fills, a cancel (already final), and a client order id used before is refused as a duplicate,
 * even settled. A reset forgets the history in the save of its document.
 *
 * <p>A call whose only effect is on market observations (the market time each instrument was fed up to, the last
 * prices and marks) saves nothing: the account owns nothing new. That is safe after a restart, or in another
 * process, which starts from the stored, older observations and feeds that stretch of market again: a replay of
 * candles that triggered nothing triggers nothing. The stretch moved nothing the account owns the first time, with
 * the very orders, balances and positions it has now (any change would have been saved, observations included), and
 * each of those orders was accepted before the stored observations, so it is worked by every replayed candle and
 * tick as it was the first time. The replay feeds the same candles, only without the ticks taken between them; a
 * move from one price to another reaches nothing beyond its two ends, and both ends are prices the first pass
 * reached along an unbroken path, so no limit, trigger, trailing best price, volume budget or liquidation mark is
 * reached that was not reached then, and the engine is deterministic. The one way a replay differs is when market
 * data itself changed (a candle missing then and there now): the replay then acts on what the market did, as it
 * would have had the candle come in time. The cost is bounded: a replay reaches back at most {@link #MAX_CATCH_UP},
 * and the next save of anything stores the newer observations.
 *
 * <p>Thread-safe: the gateways of one account in one process share its {@link PaperBooks}, so their calls take
 * turns on one copy of the books instead of racing each other through the store.
 */
public final class PaperGateway implements VenueGateway {
    /** How far back a catch-up looks: a gateway idle for longer starts from the current price. */
    static final Duration MAX_CATCH_UP = Duration.ofDays(7);
    /** How often a call is redone on freshly loaded books when other processes keep saving first. */
    static final int MAX_ATTEMPTS = 5;
    private static final List<CandleInterval> FINEST_FIRST = List.of(CandleInterval.M1, CandleInterval.M5,
            CandleInterval.M15, CandleInterval.H1, CandleInterval.H4, CandleInterval.D1);

    private final VenueAccount account;
    private final PaperProfile profile;
    private final Map<Asset, BigDecimal> funding;
    private final MarketData market;
    private final PaperStates states;
    private final TimeSource clock;
    private final PaperBooks shared;
    private volatile boolean closed;
    /** Whether this gateway has checked the shared books against the store (once: another process may have saved). */
    private boolean checked;

    PaperGateway(VenueAccount account, PaperProfile profile, Map<Asset, BigDecimal> funding, MarketData market,
                 PaperStates states, TimeSource clock, PaperBooks shared) {
        this.account = Objects.requireNonNull(account, "account");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.funding = Map.copyOf(funding);
        this.market = Objects.requireNonNull(market, "market");
        this.states = Objects.requireNonNull(states, "states");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.shared = Objects.requireNonNull(shared, "shared");
    }

    @Override
    public Set<VenueCapability> capabilities() {
        Set<VenueCapability> capabilities = EnumSet.of(VenueCapability.BALANCES, VenueCapability.QUOTE_AMOUNT,
                VenueCapability.TRAILING_STOP, VenueCapability.FILLS, VenueCapability.PRICES, VenueCapability.PERMISSIONS,
                VenueCapability.POSITIONS, VenueCapability.OCO);
        if (profile.kind() == dev.bulwark.domain.portfolio.AccountKind.FUTURES) {
            capabilities.add(VenueCapability.FUTURES);
        }
        return capabilities;
    }

    @Override
    public List<Holding> balances() {
        return read(engine -> {
            List<Holding> holdings = new ArrayList<>();
            engine.balances().forEach((asset, balance) -> {
                if (balance.free().signum() != 0 || balance.locked().signum() != 0) {
                    holdings.add(new Holding(account.id(), account.venue(), profile.kind(), asset, balance.free(), balance.locked()));
                }
            });
            holdings.sort(java.util.Comparator.comparing(Holding::asset));
            return holdings;
        });
    }

    @Override
    public List<Position> positions() {
        return read(engine -> engine.positions().values().stream().filter(p -> !p.isFlat()).toList());
    }

    @Override
    public List<Order> openOrders(@Nullable Instrument instrument) {
        return read(engine -> engine.openOrders().stream()
                .filter(o -> instrument == null || o.instrument().equals(instrument)).toList());
    }

    @Override
    public PlacementResult place(OrderRequest request) {
        Objects.requireNonNull(request, "request");
        return change(engine -> {
            Instant now = clock.now();
            Optional<Quote> quote = market.lastPrice(request.instrument());
            if (quote.isEmpty()) {
                return new PlacementResult.Rejected("market-closed", "no price for " + request.instrument().symbol() + " right now");
            }
            Order order = request.toNewOrder(account.id(), now);
            if (engine.order(order.id()).isEmpty() && states.hasSettledOrder(account.workspace(), account.id(), order.clientOrderId())) {
                // the engine forgets what settled; the venue does not: a client order id is used once
                return new PlacementResult.Rejected(codeOf(RejectReason.DUPLICATE_ORDER), "order " + order.id() + " was placed before");
            }
            PlaceResult result = engine.place(order, new MarketSnapshot(quote.get().price(), null, null, null), now);
            return switch (result) {
                case PlaceResult.Accepted accepted -> {
                    Order placed = engine.order(accepted.order().id()).orElse(accepted.order());
                    // the fills come with the answer, as Binance's full response has them
                    List<Fill> fills = accepted.executions().stream()
                            .filter(e -> e instanceof Execution.Filled f && f.fill().orderId().equals(placed.id()))
                            .map(e -> ((Execution.Filled) e).fill()).toList();
                    yield new PlacementResult.Placed(placed, fills);
                }
                case PlaceResult.Rejected rejected -> new PlacementResult.Rejected(codeOf(rejected.reason()), rejected.detail());
            };
        }, List.of(request.instrument()));
    }

    /**
     * Places the pair as the paper engine's OCO ({@link PaperAccount#placeOco}): the stop leg a STOP_MARKET, the other
     * a TAKE_PROFIT, working until one triggers against the market, which cancels the other; both accepted or both
     * refused, as an exchange does. A client order id used before, working or settled, is refused as a duplicate.
     */
    @Override
    public OcoResult placeOco(OcoRequest request) {
        Objects.requireNonNull(request, "request");
        return change(engine -> {
            Instant now = clock.now();
            Optional<Quote> quote = market.lastPrice(request.instrument());
            if (quote.isEmpty()) {
                return new OcoResult.Rejected("market-closed", "no price for " + request.instrument().symbol() + " right now");
            }
            Order stop = request.stopLossLeg().toNewOrder(account.id(), now);
            Order target = request.takeProfitLeg().toNewOrder(account.id(), now);
            for (Order leg : List.of(stop, target)) {
                if (engine.order(leg.clientOrderId()).isPresent()
                        || states.hasSettledOrder(account.workspace(), account.id(), leg.clientOrderId())) {
                    return new OcoResult.Rejected(codeOf(RejectReason.DUPLICATE_ORDER),
                            "an order " + leg.clientOrderId() + " was placed before");
                }
            }
            return switch (engine.placeOco(stop, target, new MarketSnapshot(quote.get().price(), null, null, null), now)) {
                case dev.bulwark.domain.paper.OcoResult.Accepted accepted -> new OcoResult.Placed(
                        engine.order(accepted.otherLeg().id()).orElse(accepted.otherLeg()),
                        engine.order(accepted.stopLeg().id()).orElse(accepted.stopLeg()));
                case dev.bulwark.domain.paper.OcoResult.Rejected rejected ->
                        new OcoResult.Rejected(codeOf(rejected.reason()), rejected.detail());
            };
        }, List.of(request.instrument()));
    }

    @Override
    public CancelResult cancel(Instrument instrument, ClientOrderId clientOrderId) {
        return change(engine -> {
            Optional<Order> order = engine.order(clientOrderId).filter(o -> o.instrument().equals(instrument));
            if (order.isEmpty()) {
                return settledOrder(instrument, clientOrderId)
                        .<CancelResult>map(CancelResult.AlreadyFinal::new)
                        .orElseGet(() -> new CancelResult.UnknownOrder(clientOrderId));
            }
            return switch (engine.cancel(order.get().id(), clock.now())) {
                case dev.bulwark.domain.paper.CancelResult.Cancelled cancelled ->
                        new CancelResult.Cancelled(engine.order(order.get().id()).orElseThrow());
                case dev.bulwark.domain.paper.CancelResult.AlreadyClosed closed -> new CancelResult.AlreadyFinal(closed.order());
                case dev.bulwark.domain.paper.CancelResult.Unknown unknown -> new CancelResult.UnknownOrder(clientOrderId);
            };
        }, List.of(instrument));
    }

    @Override
    public Optional<Order> findByClientOrderId(Instrument instrument, ClientOrderId clientOrderId) {
        return read(engine -> engine.order(clientOrderId).filter(o -> o.instrument().equals(instrument))
                .or(() -> settledOrder(instrument, clientOrderId)));
    }

    @Override
    public List<Fill> fills(Instrument instrument, Instant since) {
        return read(engine -> {
            // settled before this call (the history), then during it (still in the engine until the save)
            List<Fill> fills = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            // entries are keyed by the microsecond (what SQL keeps): ask from the microsecond, then compare exactly
            Instant from = since.truncatedTo(ChronoUnit.MICROS);
            for (PaperHistoryEntry entry : states.settledFills(account.workspace(), account.id(), instrument, from)) {
                Fill fill = PaperDocuments.fill(entry);
                if (!fill.time().isBefore(since) && seen.add(fill.tradeId())) {
                    fills.add(fill);
                }
            }
            for (Fill fill : engine.fills()) {
                if (fill.instrument().equals(instrument) && !fill.time().isBefore(since) && seen.add(fill.tradeId())) {
                    fills.add(fill);
                }
            }
            return List.copyOf(fills);
        });
    }

    private Optional<Order> settledOrder(Instrument instrument, ClientOrderId clientOrderId) {
        return states.settledOrder(account.workspace(), account.id(), clientOrderId)
                .map(PaperDocuments::order)
                .filter(o -> o.instrument().equals(instrument));
    }

    @Override
    public TradingRules rules(Instrument instrument) {
        ensureOpen();
        TradingRules rules = profile.rules().get(instrument);
        if (rules == null) {
            throw new NotFound("the paper venue does not list " + instrument);
        }
        return rules;
    }

    @Override
    public Optional<BigDecimal> price(Instrument instrument) {
        ensureOpen();
        return market.lastPrice(instrument).map(Quote::price);
    }

    @Override
    public CredentialCheck checkCredentials() {
        ensureOpen();
        return CredentialCheck.valid(Set.of(Permission.READ, Permission.TRADE));
    }

    /** Adds money to the paper account (a deposit). */
    public void fund(Asset asset, BigDecimal amount) {
        change(engine -> {
            engine.fund(asset, amount);
            return null;
        }, List.of());
    }

    /** Starts the account again from {@code newFunding}: every order, fill and position is forgotten. */
    public void reset(Map<Asset, BigDecimal> newFunding) {
        change(engine -> {
            engine.reset(newFunding);
            return null;
        }, List.of(), true);
    }

    @Override
    public void close() {
        closed = true; // the books stay with the account for its next gateway
    }

    private <T> T read(Function<PaperAccount, T> query) {
        return change(query, List.of());
    }

    private <T> T change(Function<PaperAccount, T> operation, List<Instrument> touched) {
        return change(operation, touched, false);
    }

    /**
     * Runs {@code operation} on books brought up to the market, then saves them, with what settled, if anything the
     * account owns moved (see the class comment). {@code touched} are instruments the operation trades, so their
     * catch-up starts now; {@code forgetHistory}: the operation started the account again (a reset).
     */
    private <T> T change(Function<PaperAccount, T> operation, List<Instrument> touched, boolean forgetHistory) {
        ReentrantLock lock = shared.lock();
        lock.lock();
        try {
            ensureOpen();
            PaperBooks.Books cached = shared.books();
            if (!checked && cached != null && cached.version() != states.version(account.workspace(), account.id())) {
                cached = null; // another process saved since: this gateway starts from the store
            }
            checked = true;
            for (int attempt = 1; ; attempt++) {
                PaperBooks.Books current = cached != null ? cached : load();
                cached = null;
                shared.books(null); // until this call ends well, nobody else may see books it is changing
                // records compare by value: no serialization just to learn that nothing moved
                PaperSnapshot before = current.engine().snapshot();
                Map<Instrument, Instant> processed = catchUp(current.engine(), new HashMap<>(current.processedUntil()));
                T result = operation.apply(current.engine());
                for (Instrument instrument : touched) {
                    processed.putIfAbsent(instrument, clock.now());
                }
                Settled settled = current.engine().takeSettled();
                PaperSnapshot after = current.engine().snapshot();
                if (!forgetHistory && settled.isEmpty() && after.sameOwnedState(before)) {
                    // only market observations moved: kept here, not saved
                    shared.books(new PaperBooks.Books(current.engine(), Map.copyOf(processed), current.version()));
                    return result;
                }
                String document = PaperDocuments.write(new PaperDocument(PaperDocuments.FORMAT, after, processed));
                PaperSave save = new PaperSave(document, current.version(), clock.now(), PaperDocuments.entries(settled),
                        forgetHistory);
                try {
                    long version = states.save(account.workspace(), account.id(), save);
                    shared.books(new PaperBooks.Books(current.engine(), Map.copyOf(processed), version));
                    return result;
                } catch (Conflict e) {
                    // another process moved the books: reload and redo
                    if (attempt >= MAX_ATTEMPTS) {
                        throw e;
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private PaperBooks.Books load() {
        Optional<PaperState> stored = states.load(account.workspace(), account.id());
        if (stored.isEmpty()) {
            return new PaperBooks.Books(PaperAccount.open(account.id(), profile, funding), Map.of(), 0);
        }
        PaperDocument document = PaperDocuments.read(stored.get().document());
        return new PaperBooks.Books(PaperAccount.restore(document.snapshot()), document.processedUntil(), stored.get().version());
    }

    /** Feeds the closed candles since each watched instrument was last seen, then its last price. */
    private Map<Instrument, Instant> catchUp(PaperAccount engine, Map<Instrument, Instant> processed) {
        Instant now = clock.now();
        Set<Instrument> watched = new LinkedHashSet<>();
        engine.openOrders().forEach(o -> watched.add(o.instrument()));
        engine.positions().forEach((instrument, position) -> {
            if (!position.isFlat()) {
                watched.add(instrument);
            }
        });
        for (Instrument instrument : watched) {
            Instant from = processed.getOrDefault(instrument, now);
            if (from.isBefore(now.minus(MAX_CATCH_UP))) {
                from = now.minus(MAX_CATCH_UP);
            }
            Instant seen = from;
            if (from.isBefore(now)) {
                for (CandleInterval interval : FINEST_FIRST) {
                    List<Candle> candles = market.candles(instrument, interval, from, now);
                    if (!candles.isEmpty()) {
                        for (Candle candle : candles) {
                            engine.onCandle(instrument, candle);
                            seen = candle.openTime().plus(interval.duration());
                        }
                        break;
                    }
                }
            }
            Optional<Quote> last = market.lastPrice(instrument);
            if (last.isPresent()) {
                engine.onPrice(instrument, last.get().price(), now);
                seen = now;
            }
            processed.put(instrument, seen);
        }
        return processed;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this paper gateway is closed");
        }
    }

    private static String codeOf(RejectReason reason) {
        return switch (reason) {
            case INSUFFICIENT_BALANCE -> "insufficient-funds";
            case UNKNOWN_INSTRUMENT -> "unknown-instrument";
            case UNSUPPORTED_MARKET, INVALID_ORDER -> "unsupported";
            case DUPLICATE_ORDER -> "duplicate-client-order-id";
            case PRICE_OFF_TICK, QUANTITY_OFF_STEP, ZERO_QUANTITY, BELOW_MIN_QUANTITY, ABOVE_MAX_QUANTITY,
                 BELOW_MIN_NOTIONAL -> "outside-trading-rules";
            case WOULD_TRIGGER_IMMEDIATELY -> "venue:" + reason.name().toLowerCase(Locale.ROOT).replace('_', '-');
        };
    }
}
