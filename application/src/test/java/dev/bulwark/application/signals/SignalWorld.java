package dev.bulwark.application.signals;

import dev.bulwark.application.events.MemoryEventLog;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.bots.AssetType;
import dev.bulwark.domain.bots.Bot;
import dev.bulwark.domain.bots.BotId;
import dev.bulwark.domain.bots.BotRisk;
import dev.bulwark.domain.bots.BotStatus;
import dev.bulwark.domain.bots.PositionSizing;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.TradingRules;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.money.Money;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderId;
import dev.bulwark.domain.orders.OrderSize;
import dev.bulwark.domain.orders.OrderStatus;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.portfolio.AccountKind;
import dev.bulwark.domain.portfolio.Holding;
import dev.bulwark.domain.positions.Position;
import dev.bulwark.domain.secrets.SealedSecret;
import dev.bulwark.domain.risk.AccountRiskProfile;
import dev.bulwark.domain.signals.JourneyStep;
import dev.bulwark.domain.signals.Signal;
import dev.bulwark.domain.signals.SignalId;
import dev.bulwark.domain.signals.SignalStatus;
import dev.bulwark.domain.venues.Environment;
import dev.bulwark.domain.venues.SyncState;
import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.bots.Bots;
import dev.bulwark.ports.driven.jobs.ClaimedJob;
import dev.bulwark.ports.driven.jobs.DeadJob;
import dev.bulwark.ports.driven.jobs.FailOutcome;
import dev.bulwark.ports.driven.jobs.JobId;
import dev.bulwark.ports.driven.jobs.JobQueue;
import dev.bulwark.ports.driven.jobs.NewJob;
import dev.bulwark.ports.driven.jobs.QueueStats;
import dev.bulwark.ports.driven.jobs.RetryPolicy;
import dev.bulwark.ports.driven.market.MarketData;
import dev.bulwark.ports.driven.market.MarketPrices;
import dev.bulwark.ports.driven.market.Quote;
import dev.bulwark.ports.driven.orders.FillTotal;
import dev.bulwark.ports.driven.orders.Orders;
import dev.bulwark.ports.driven.orders.Positions;
import dev.bulwark.ports.driven.signals.SignalJourneys;
import dev.bulwark.ports.driven.signals.Signals;
import dev.bulwark.ports.driven.storage.Transactions;
import dev.bulwark.ports.driven.venues.CancelResult;
import dev.bulwark.ports.driven.venues.CredentialCheck;
import dev.bulwark.ports.driven.venues.OcoLegs;
import dev.bulwark.ports.driven.venues.OcoRequest;
import dev.bulwark.ports.driven.venues.OcoResult;
import dev.bulwark.ports.driven.venues.OrderRequest;
import dev.bulwark.ports.driven.venues.PlacementResult;
import dev.bulwark.ports.driven.risk.RiskProfiles;
import dev.bulwark.ports.driven.venues.VenueAccounts;
import dev.bulwark.ports.driven.venues.VenueCapability;
import dev.bulwark.ports.driven.venues.VenueConnector;
import dev.bulwark.ports.driven.venues.VenueGateway;
import dev.bulwark.ports.driving.signals.ProcessSignals;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.NotFound;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One workspace with a paper-like venue account, a bot and every port in memory; signals are enqueued as the webhook
 * would, and {@link #process} runs the workers until the queue is idle, moving the clock past retry delays.
 */
final class SignalWorld {
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    static final Instrument BTC = Instrument.spot("BTC", "USDT");

    final WorkspaceId workspace = new WorkspaceId(new UUID(1, 1));
    final VenueAccountId accountId = new VenueAccountId(new UUID(2, 2));
    Instant now = T0;
    long ids = 100;

    final MemoryEventLog events = new MemoryEventLog();
    final FakeQueue queue = new FakeQueue();
    final FakeSignals signals = new FakeSignals();
    final FakeJourneys journeys = new FakeJourneys();
    final FakeOrders orders = new FakeOrders();
    final FakePositions positions = new FakePositions();
    final FakeVenue venue = new FakeVenue();
    /** What processing handed to its diagnostics: where, and the failure itself. */
    final List<Map.Entry<String, Throwable>> unexpected = new ArrayList<>();
    final Map<BotId, Bot> bots = new LinkedHashMap<>();
    /** Venue accounts beside the first ({@link #botOnAccountOfItsOwn}); they trade on the same fake venue. */
    final Map<VenueAccountId, VenueAccount> otherAccounts = new LinkedHashMap<>();
    VenueAccount account = new VenueAccount(accountId, workspace, VenueId.PAPER, "Paper", Environment.PAPER, null,
            Set.of(dev.bulwark.domain.venues.Permission.TRADE), true, null, null, SyncState.never(), T0, T0);
    @Nullable BigDecimal marketPrice = new BigDecimal("50000");
    /** The accounts' risk profiles; none: the defaults. */
    final Map<VenueAccountId, AccountRiskProfile> riskProfiles = new LinkedHashMap<>();
    Bot bot;
    final ProcessSignals process;

    SignalWorld() {
        bot = bot(new PositionSizing.FixedQuote(new BigDecimal("500")), BotRisk.NONE);
        Bots botStore = proxy(Bots.class, (name, args) -> switch (name) {
            case "find" -> Optional.ofNullable(bots.get((BotId) args[1]));
            default -> throw new UnsupportedOperationException(name);
        });
        VenueAccounts accounts = proxy(VenueAccounts.class, (name, args) -> switch (name) {
            case "find" -> !args[0].equals(workspace) ? Optional.empty() : args[1].equals(accountId) ? Optional.of(account)
                    : Optional.ofNullable(otherAccounts.get((VenueAccountId) args[1]));
            case "listActive" -> account.active() ? List.of(account) : List.of();
            case "workspacesWithActiveAccounts" -> List.of(workspace);
            default -> throw new UnsupportedOperationException(name);
        });
        RiskProfiles profiles = proxy(RiskProfiles.class, (name, args) -> switch (name) {
            case "find" -> Optional.ofNullable(riskProfiles.get((VenueAccountId) args[1])).filter(p -> p.workspace().equals(args[0]));
            default -> throw new UnsupportedOperationException(name);
        });
        VenueConnector connector = new VenueConnector() {
            @Override
            public VenueGateway connect(VenueAccount account, String purpose) {
                venue.connects++;
                return opened(venue);
            }
        };
        MarketData market = proxy(MarketData.class, (name, args) -> switch (name) {
            case "lastPrice" -> marketPrice == null ? Optional.empty()
                    : Optional.of(new Quote(Asset.BTC, Asset.USDT, marketPrice, now, "test", false, false));
            case "prices" -> new MarketPrices(now, List.of(), List.of());
            default -> throw new UnsupportedOperationException(name);
        });
        Transactions tx = new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                return work.get(); // the fakes have no rollback; tests do not rely on one
            }
        };
        process = ProcessingFactory.processSignals(queue, signals, journeys, botStore, accounts, profiles, connector, orders,
                positions, market, events, tx, () -> now, (what, error) -> unexpected.add(Map.entry(what, error)));
    }

    /** One connection to the fake venue: like a real gateway, it refuses every call once closed. */
    private static VenueGateway opened(FakeVenue venue) {
        boolean[] closed = {false};
        return (VenueGateway) java.lang.reflect.Proxy.newProxyInstance(VenueGateway.class.getClassLoader(),
                new Class<?>[] {VenueGateway.class}, (self, method, args) -> {
                    if (method.getName().equals("close")) {
                        closed[0] = true;
                        return null;
                    }
                    if (closed[0]) {
                        throw new IllegalStateException("this gateway is closed: " + method.getName() + " after close");
                    }
                    try {
                        return method.invoke(venue, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    Bot bot(PositionSizing sizing, BotRisk risk) {
        Bot made = new Bot(new BotId(new UUID(3, 3)), workspace, "Bot", "", AssetType.CRYPTO, accountId,
                Environment.PAPER, sizing, risk, BotStatus.ACTIVE, new SealedSecret("sealed"), null, null, 7, T0, T0);
        bots.put(made.id(), made);
        bot = made;
        return made;
    }

    /** A new bot (the current one from now on) on a new paper account of its own. */
    Bot botOnAccountOfItsOwn() {
        VenueAccount own = new VenueAccount(new VenueAccountId(new UUID(2, ids++)), workspace, VenueId.PAPER, "Paper",
                Environment.PAPER, null, Set.of(dev.bulwark.domain.venues.Permission.TRADE), true, null, null,
                SyncState.never(), T0, T0);
        otherAccounts.put(own.id(), own);
        Bot made = new Bot(new BotId(new UUID(3, ids++)), workspace, "Bot", "", AssetType.CRYPTO, own.id(),
                Environment.PAPER, new PositionSizing.FixedQuote(new BigDecimal("500")), BotRisk.NONE, BotStatus.ACTIVE,
                new SealedSecret("sealed"), null, null, 7, T0, T0);
        bots.put(made.id(), made);
        bot = made;
        return made;
    }

    /** Stores a RECEIVED signal and its job, as the webhook does. */
    SignalId signal(String action, String symbol, @Nullable String quantity, @Nullable String stopLoss,
            @Nullable String takeProfit) {
        SignalId id = new SignalId(new UUID(7, ids++));
        signals.rows.put(id, new Signal(id, workspace, bot.id(), now, SignalStatus.RECEIVED, null, "key-" + id, "{}",
                "application/json", action, symbol, quantity, null, stopLoss, takeProfit, null, null));
        queue.enqueue(NewJob.now(ProcessingFactory.JOB_TYPE, workspace, id.toString()));
        return id;
    }

    SignalId buy(String quantity) {
        return signal("buy", "BINANCE:BTCUSDT", quantity, null, null);
    }

    /** Runs the workers until nothing is due, moving the clock past every retry delay; returns the runs. */
    int process() {
        int runs = 0;
        for (int i = 0; i < 50; i++) {
            int handled = process.runOnce("w1", 16);
            if (handled == 0) {
                Optional<Instant> next = queue.nextDue();
                if (next.isEmpty()) {
                    return runs;
                }
                now = next.get().isAfter(now) ? next.get() : now.plusMillis(1);
                continue;
            }
            runs += handled;
        }
        throw new AssertionError("the queue never became idle");
    }

    Signal stored(SignalId id) {
        return signals.rows.get(id);
    }

    List<String> steps(SignalId id) {
        return journeys.steps(workspace, id).stream().map(JourneyStep::step).toList();
    }

    JourneyStep step(SignalId id, String name) {
        return journeys.steps(workspace, id).stream().filter(s -> s.step().equals(name)).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no step " + name + " in " + steps(id)));
    }

    BigDecimal position() {
        return positions.find(workspace, accountId, BTC).map(Position::quantity).orElse(BigDecimal.ZERO);
    }

    @SuppressWarnings("unchecked")
    static <T> T proxy(Class<T> type, java.util.function.BiFunction<String, Object[], Object> handler) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "toString" -> type.getSimpleName();
                    case "hashCode" -> System.identityHashCode(p);
                    default -> p == args[0];
                };
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(p, method, args); // e.g. findAll: the port's own, over find
            }
            return handler.apply(method.getName(), args == null ? new Object[0] : args);
        });
    }

    // ------------------------------------------------------------------------------------------------ queue

    final class FakeQueue implements JobQueue {
        final RetryPolicy policy = RetryPolicy.DEFAULT;
        final Map<JobId, Job> jobs = new LinkedHashMap<>();

        final class Job {
            final JobId id;
            final NewJob spec;
            String status = "READY";
            int attempts;
            Instant runAt;
            UUID lease = new UUID(0, 0);
            String lastError = "";

            Job(JobId id, NewJob spec) {
                this.id = id;
                this.spec = spec;
                this.runAt = now;
            }
        }

        @Override
        public JobId enqueue(NewJob job) {
            JobId id = new JobId(new UUID(9, ids++));
            jobs.put(id, new Job(id, job));
            return id;
        }

        @Override
        public List<ClaimedJob> claim(String worker, Set<String> types, int max, Duration lease) {
            List<ClaimedJob> claimed = new ArrayList<>();
            for (Job job : jobs.values()) {
                if (claimed.size() == max) {
                    break;
                }
                boolean due = (job.status.equals("READY") || job.status.equals("RUNNING")) && !job.runAt.isAfter(now);
                if (due && (types.isEmpty() || types.contains(job.spec.type()))) {
                    job.status = "RUNNING";
                    job.attempts++;
                    job.lease = new UUID(11, ids++);
                    job.runAt = now.plus(lease);
                    claimed.add(new ClaimedJob(job.id, job.spec.type(), job.spec.workspace(), job.spec.payload(),
                            job.attempts, job.lease, job.runAt));
                }
            }
            return claimed;
        }

        @Override
        public boolean complete(ClaimedJob claimed) {
            Job job = jobs.get(claimed.id());
            if (!job.lease.equals(claimed.leaseToken())) {
                return false;
            }
            job.status = "DONE";
            return true;
        }

        @Override
        public FailOutcome fail(ClaimedJob claimed, String error, boolean retryable) {
            Job job = jobs.get(claimed.id());
            if (!job.lease.equals(claimed.leaseToken())) {
                return new FailOutcome.LeaseLost();
            }
            job.lastError = error;
            if (retryable && policy.retriesAfter(job.attempts)) {
                job.status = "READY";
                job.runAt = now.plus(policy.delayAfter(job.attempts, job.id.value()));
                return new FailOutcome.RetryScheduled(job.runAt, job.attempts + 1);
            }
            job.status = "DEAD";
            return new FailOutcome.DeadLettered(job.attempts);
        }

        @Override
        public List<DeadJob> dead(@Nullable WorkspaceId workspace, int limit) {
            return jobs.values().stream().filter(j -> j.status.equals("DEAD"))
                    .map(j -> new DeadJob(j.id, j.spec.type(), j.spec.workspace(), j.spec.payload(), j.attempts,
                            j.lastError, now)).toList();
        }

        @Override
        public boolean replay(@Nullable WorkspaceId workspace, JobId id) {
            Job job = jobs.get(id);
            if (job == null || !job.status.equals("DEAD")) {
                return false;
            }
            job.status = "READY";
            job.attempts = 0;
            job.runAt = now;
            return true;
        }

        @Override
        public QueueStats stats() {
            return new QueueStats(0, 0, 0, 0, Duration.ZERO);
        }

        Optional<Instant> nextDue() {
            return jobs.values().stream().filter(j -> j.status.equals("READY")).map(j -> j.runAt).min(Instant::compareTo);
        }

        Job only() {
            return jobs.values().iterator().next();
        }
    }

    // ------------------------------------------------------------------------------------------------ stores

    static final class FakeSignals implements Signals {
        final Map<SignalId, Signal> rows = new LinkedHashMap<>();

        @Override
        public dev.bulwark.ports.driven.signals.SignalRecording record(Signal signal, Duration window) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Signal> find(WorkspaceId workspace, SignalId id) {
            return Optional.ofNullable(rows.get(id)).filter(s -> s.workspace().equals(workspace));
        }

        @Override
        public Signal updateStatus(WorkspaceId workspace, SignalId id, SignalStatus status, @Nullable String reason,
                Instant at) {
            Signal signal = find(workspace, id).orElseThrow(() -> new NotFound("no signal"));
            if (signal.status().isFinal()) {
                throw new Conflict("final");
            }
            Signal moved = signal.moveTo(status, reason, at);
            rows.put(id, moved);
            return moved;
        }

        @Override
        public List<Signal> listForBot(WorkspaceId workspace, BotId bot,
                dev.bulwark.ports.driven.signals.@Nullable SignalCursor cursor, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long countSince(WorkspaceId workspace, Instant since) {
            throw new UnsupportedOperationException();
        }
    }

    static final class FakeJourneys implements SignalJourneys {
        final Map<SignalId, List<JourneyStep>> steps = new LinkedHashMap<>();

        @Override
        public void append(WorkspaceId workspace, SignalId signal, JourneyStep step) {
            steps.computeIfAbsent(signal, k -> new ArrayList<>()).add(step);
        }

        @Override
        public List<JourneyStep> steps(WorkspaceId workspace, SignalId signal) {
            return List.copyOf(steps.getOrDefault(signal, List.of()));
        }
    }

    static final class FakeOrders implements Orders {
        final Map<OrderId, Order> rows = new LinkedHashMap<>();
        final Map<OrderId, List<Fill>> fills = new LinkedHashMap<>();

        /** Thrown by every {@link #find} while set: a store that fails. */
        @org.jspecify.annotations.Nullable RuntimeException failFind;

        /** Runs once before the next save: lets a test store a row first, as another worker would. */
        java.util.function.@org.jspecify.annotations.Nullable Consumer<Order> beforeNextSave;

        @Override
        public void save(WorkspaceId workspace, Order order) {
            var before = beforeNextSave;
            beforeNextSave = null;
            if (before != null) {
                before.accept(order);
            }
            if (rows.containsKey(order.id()) || rows.values().stream().anyMatch(o -> o.account().equals(order.account())
                    && o.clientOrderId().equals(order.clientOrderId()))) {
                throw new Conflict("order exists");
            }
            rows.put(order.id(), order);
        }

        /** Runs once before the next update: lets a test change the stored row first, as another worker would. */
        @org.jspecify.annotations.Nullable Runnable beforeNextUpdate;

        @Override
        public void update(WorkspaceId workspace, Order expected, Order updated) {
            Runnable before = beforeNextUpdate;
            beforeNextUpdate = null;
            if (before != null) {
                before.run();
            }
            Order stored = rows.get(expected.id());
            if (stored == null) {
                throw new NotFound("no order");
            }
            if (!stored.equals(expected)) {
                throw new Conflict("stale");
            }
            rows.put(updated.id(), updated);
        }

        @Override
        public Optional<Order> find(WorkspaceId workspace, OrderId id) {
            if (failFind != null) {
                throw failFind;
            }
            return Optional.ofNullable(rows.get(id));
        }

        @Override
        public Optional<Order> findByClientOrderId(WorkspaceId workspace, VenueAccountId account, ClientOrderId id) {
            return rows.values().stream().filter(o -> o.account().equals(account) && o.clientOrderId().equals(id))
                    .findFirst();
        }

        @Override
        public List<Order> listOpen(WorkspaceId workspace, VenueAccountId account) {
            return rows.values().stream().filter(o -> o.account().equals(account) && !o.status().isTerminal()).toList();
        }

        @Override
        public boolean addFill(WorkspaceId workspace, Fill fill) {
            List<Fill> list = fills.computeIfAbsent(fill.orderId(), k -> new ArrayList<>());
            if (list.stream().anyMatch(f -> f.tradeId().equals(fill.tradeId()))) {
                return false;
            }
            list.add(fill);
            return true;
        }

        @Override
        public List<Fill> fills(WorkspaceId workspace, OrderId order) {
            return List.copyOf(fills.getOrDefault(order, List.of()));
        }

        @Override
        public List<Fill> recentFills(WorkspaceId workspace, VenueAccountId account, int limit) {
            return fills.values().stream().flatMap(List::stream).toList();
        }

        @Override
        public List<FillTotal> fillTotals(WorkspaceId workspace, VenueAccountId account, Instant since) {
            return FillTotal.of(fills.values().stream().flatMap(List::stream).filter(f -> !f.time().isBefore(since)).toList());
        }

        List<Order> all() {
            return List.copyOf(rows.values());
        }
    }

    final class FakePositions implements Positions {
        final Map<Instrument, Position> rows = new LinkedHashMap<>();

        @Override
        public Position lockForChange(WorkspaceId workspace, VenueAccountId account, Instrument instrument) {
            return find(workspace, account, instrument).orElseGet(() -> Position.flat(account, instrument));
        }

        @Override
        public void upsert(WorkspaceId workspace, Position position) {
            rows.put(position.instrument(), position);
        }

        @Override
        public Optional<Position> find(WorkspaceId workspace, VenueAccountId account, Instrument instrument) {
            return Optional.ofNullable(rows.get(instrument));
        }

        @Override
        public List<Position> listOpen(WorkspaceId workspace, VenueAccountId account) {
            return rows.values().stream().filter(p -> !p.isFlat()).toList();
        }

        @Override
        public List<Position> listOpen(WorkspaceId workspace) {
            return listOpen(workspace, accountId);
        }
    }

    // ------------------------------------------------------------------------------------------------ venue

    /** What the venue does with the next placement. */
    enum Next {
        /** Takes the order and fills it at the price. */
        FILL,
        /** Takes and fills the order, but the answer is lost: the caller sees a timeout. */
        TIMEOUT_AFTER_PLACING,
        /** Times out before the order reaches the venue. */
        TIMEOUT_BEFORE_PLACING,
        /** Refuses: not enough funds. */
        REJECT
    }

    /** A paper-like venue: market orders fill at once at the last price, 0.1 % fee in the quote asset. */
    final class FakeVenue implements VenueGateway {
        final Set<VenueCapability> capabilities = EnumSet.of(VenueCapability.BALANCES, VenueCapability.FILLS,
                VenueCapability.PRICES);
        final Deque<Next> script = new ArrayDeque<>();
        Next otherwise = Next.FILL;
        final Map<ClientOrderId, Order> orders = new LinkedHashMap<>();
        final List<Fill> fills = new ArrayList<>();
        final List<OrderRequest> received = new ArrayList<>();
        final List<OcoRequest> ocos = new ArrayList<>();
        final Map<Asset, BigDecimal> balances = new LinkedHashMap<>(Map.of(Asset.USDT, new BigDecimal("100000")));
        int connects;
        int lookups;
        /** Whether a placement's answer carries its fills (as Binance's full response does). */
        boolean fillsInAnswer;
        int fillQueries;
        boolean findFails;
        @Nullable RuntimeException rulesFail;

        @Override
        public Set<VenueCapability> capabilities() {
            return capabilities;
        }

        @Override
        public List<Holding> balances() {
            return balances.entrySet().stream().filter(e -> e.getValue().signum() > 0)
                    .map(e -> new Holding(accountId, VenueId.PAPER, AccountKind.SPOT, e.getKey(), e.getValue(),
                            BigDecimal.ZERO)).toList();
        }

        @Override
        public List<Position> positions() {
            return List.of();
        }

        @Override
        public List<Order> openOrders(@Nullable Instrument instrument) {
            return orders.values().stream().filter(o -> !o.status().isTerminal()).toList();
        }

        @Override
        public PlacementResult place(OrderRequest request) {
            Next next = script.isEmpty() ? otherwise : script.poll();
            switch (next) {
                case TIMEOUT_BEFORE_PLACING -> throw new VenueUnavailable(VenueId.PAPER, "timed out", null);
                case REJECT -> {
                    return new PlacementResult.Rejected(PlacementResult.Rejected.INSUFFICIENT_FUNDS, "not enough USDT");
                }
                default -> {
                }
            }
            if (orders.containsKey(request.clientOrderId()) && !orders.get(request.clientOrderId()).status().isTerminal()) {
                return new PlacementResult.Rejected(PlacementResult.Rejected.DUPLICATE_CLIENT_ORDER_ID, "duplicate");
            }
            received.add(request);
            Order order = request.toNewOrder(accountId, now);
            if (request.type() == OrderType.MARKET) {
                BigDecimal price = java.util.Objects.requireNonNull(marketPrice);
                BigDecimal quantity = ((OrderSize.OfQuantity) request.size()).quantity();
                Fill fill = new Fill("t" + (fills.size() + 1), order.id(), request.instrument(), request.side(), price,
                        quantity, new Money(quantity.multiply(price).multiply(new BigDecimal("0.001")), Asset.USDT), now);
                fills.add(fill);
                order = order.transitionTo(OrderStatus.ACCEPTED, now).apply(fill);
                BigDecimal notional = quantity.multiply(price);
                int sign = request.side().sign();
                balances.merge(Asset.BTC, quantity.multiply(BigDecimal.valueOf(sign)), BigDecimal::add);
                balances.merge(Asset.USDT, notional.multiply(BigDecimal.valueOf(-sign)), BigDecimal::add);
            } else {
                order = order.transitionTo(OrderStatus.ACCEPTED, now);
            }
            orders.put(request.clientOrderId(), order);
            if (next == Next.TIMEOUT_AFTER_PLACING) {
                throw new VenueUnavailable(VenueId.PAPER, "timed out", null);
            }
            if (fillsInAnswer) {
                OrderId placedId = order.id();
                return new PlacementResult.Placed(order, fills.stream().filter(f -> f.orderId().equals(placedId)).toList());
            }
            return new PlacementResult.Placed(order);
        }

        /**
         * Keeps an OCO pair as one order under the take-profit's id, as Alpaca (a parent and its leg) and OKX (an algo
         * order) do: the stop-loss's own id means nothing to it alone; the pair is found and cancelled as a pair.
         */
        boolean pairUnderOneId;
        /** Stop-loss leg ids the venue knows only through their pair (when {@link #pairUnderOneId}). */
        final Set<ClientOrderId> pairOnly = new HashSet<>();
        int pairLookups;
        int pairCancels;
        /** The next OCO is placed but its answer lost: the caller sees a timeout. */
        boolean ocoTimeoutAfterPlacing;

        @Override
        public OcoResult placeOco(OcoRequest request) {
            if (!capabilities.contains(VenueCapability.OCO)) {
                return VenueGateway.super.placeOco(request);
            }
            ocos.add(request);
            Order tp = request.takeProfitLeg().toNewOrder(accountId, now).transitionTo(OrderStatus.ACCEPTED, now);
            Order sl = request.stopLossLeg().toNewOrder(accountId, now).transitionTo(OrderStatus.ACCEPTED, now);
            orders.put(tp.clientOrderId(), tp);
            orders.put(sl.clientOrderId(), sl);
            if (pairUnderOneId) {
                pairOnly.add(sl.clientOrderId());
            }
            if (ocoTimeoutAfterPlacing) {
                ocoTimeoutAfterPlacing = false;
                throw new VenueUnavailable(VenueId.PAPER, "timed out", null);
            }
            return new OcoResult.Placed(tp, sl);
        }

        @Override
        public OcoLegs findOco(Instrument instrument, ClientOrderId takeProfit, ClientOrderId stopLoss) {
            if (!pairUnderOneId) {
                return VenueGateway.super.findOco(instrument, takeProfit, stopLoss);
            }
            pairLookups++;
            Optional<Order> parent = findByClientOrderId(instrument, takeProfit);
            return new OcoLegs(parent, parent.map(p -> orders.get(stopLoss)));
        }

        @Override
        public OcoLegs cancelOco(Instrument instrument, ClientOrderId takeProfit, ClientOrderId stopLoss) {
            if (!pairUnderOneId) {
                return VenueGateway.super.cancelOco(instrument, takeProfit, stopLoss);
            }
            pairCancels++;
            Optional<Order> parent = cancel(instrument, takeProfit).orderAfter();
            parent.ifPresent(p -> cancelStored(stopLoss));
            return new OcoLegs(parent, parent.map(p -> orders.get(stopLoss)));
        }

        @Override
        public CancelResult cancel(Instrument instrument, ClientOrderId clientOrderId) {
            if (pairOnly.contains(clientOrderId)) {
                return new CancelResult.UnknownOrder(clientOrderId);
            }
            return cancelStored(clientOrderId);
        }

        private CancelResult cancelStored(ClientOrderId clientOrderId) {
            Order order = orders.get(clientOrderId);
            if (order == null) {
                return new CancelResult.UnknownOrder(clientOrderId);
            }
            if (order.status().isTerminal()) {
                return new CancelResult.AlreadyFinal(order);
            }
            Order cancelled = order.transitionTo(OrderStatus.CANCELLED, now);
            orders.put(clientOrderId, cancelled);
            return new CancelResult.Cancelled(cancelled);
        }

        @Override
        public Optional<Order> findByClientOrderId(Instrument instrument, ClientOrderId clientOrderId) {
            lookups++;
            if (findFails) {
                throw new VenueUnavailable(VenueId.PAPER, "timed out", null);
            }
            if (pairOnly.contains(clientOrderId)) {
                return Optional.empty();
            }
            return Optional.ofNullable(orders.get(clientOrderId));
        }

        @Override
        public List<Fill> fills(Instrument instrument, Instant since) {
            fillQueries++;
            return fills.stream().filter(f -> !f.time().isBefore(since)).toList();
        }

        @Override
        public TradingRules rules(Instrument instrument) {
            if (rulesFail != null) {
                throw rulesFail;
            }
            if (!instrument.equals(BTC)) {
                throw new NotFound("not listed");
            }
            return TradingRules.unbounded(new BigDecimal("0.01"), new BigDecimal("0.00001"), new BigDecimal("0.00001"),
                    new BigDecimal("5"));
        }

        @Override
        public Optional<BigDecimal> price(Instrument instrument) {
            return Optional.ofNullable(marketPrice);
        }

        @Override
        public CredentialCheck checkCredentials() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }

        /** Orders the venue received for one client order id. */
        long placementsFor(ClientOrderId id) {
            return received.stream().filter(r -> r.clientOrderId().equals(id)).count();
        }
    }
}
