package dev.bulwark.application.botfakes;

import dev.bulwark.application.bots.BotsFactory;
import dev.bulwark.application.signals.SignalsFactory;
import dev.bulwark.domain.accounts.Plan;
import dev.bulwark.domain.accounts.Role;
import dev.bulwark.domain.accounts.Scope;
import dev.bulwark.domain.accounts.SessionId;
import dev.bulwark.domain.accounts.UserId;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.audit.AuditEntry;
import dev.bulwark.domain.bots.Bot;
import dev.bulwark.domain.bots.BotId;
import dev.bulwark.domain.bots.BotStatus;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderId;
import dev.bulwark.domain.positions.Position;
import dev.bulwark.domain.secrets.SealedSecret;
import dev.bulwark.domain.signals.JourneyStep;
import dev.bulwark.domain.signals.Signal;
import dev.bulwark.domain.signals.SignalId;
import dev.bulwark.domain.signals.SignalStatus;
import dev.bulwark.domain.venues.Environment;
import dev.bulwark.domain.venues.Permission;
import dev.bulwark.domain.venues.SyncState;
import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.accounts.Plans;
import dev.bulwark.ports.driven.audit.AuditLog;
import dev.bulwark.ports.driven.bots.Bots;
import dev.bulwark.ports.driven.jobs.ClaimedJob;
import dev.bulwark.ports.driven.jobs.DeadJob;
import dev.bulwark.ports.driven.jobs.FailOutcome;
import dev.bulwark.ports.driven.jobs.JobId;
import dev.bulwark.ports.driven.jobs.JobQueue;
import dev.bulwark.ports.driven.jobs.NewJob;
import dev.bulwark.ports.driven.jobs.QueueStats;
import dev.bulwark.ports.driven.orders.FillTotal;
import dev.bulwark.ports.driven.orders.Orders;
import dev.bulwark.ports.driven.orders.Positions;
import dev.bulwark.ports.driven.signals.SignalCursor;
import dev.bulwark.ports.driven.signals.SignalIntake;
import dev.bulwark.ports.driven.signals.SignalJourneys;
import dev.bulwark.ports.driven.signals.SignalRecording;
import dev.bulwark.ports.driven.signals.Signals;
import dev.bulwark.ports.driven.signals.WebhookLog;
import dev.bulwark.ports.driven.storage.Transactions;
import dev.bulwark.ports.driven.vault.SecretBinding;
import dev.bulwark.ports.driven.vault.SecretUse;
import dev.bulwark.ports.driven.vault.SecretVault;
import dev.bulwark.ports.driven.venues.VenueAccounts;
import dev.bulwark.ports.driving.accounts.Principal;
import dev.bulwark.ports.driving.bots.ManageBots;
import dev.bulwark.ports.driving.signals.ReceiveSignals;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.NotFound;
import dev.bulwark.ports.errors.SecretUnavailable;
import dev.bulwark.ports.errors.Unauthorized;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The bots and webhook use cases over small in-memory driven ports, each as strict as its port's contract says
 * (workspace scoping, optimistic versions, idempotency windows), with a clock tests move.
 */
public final class BotWorld {
    public static final String CODE = "123456";

    public final WorkspaceId workspace = new WorkspaceId(new UUID(1, 1));
    public final WorkspaceId otherWorkspace = new WorkspaceId(new UUID(1, 2));
    public final AtomicReference<Instant> clock = new AtomicReference<>(Instant.parse("2026-11-21T08:00:30Z"));
    private final AtomicLong nextId = new AtomicLong(0x1000);
    private final AtomicLong nextToken = new AtomicLong();

    public final MemoryBots bots = new MemoryBots();
    public final MemorySignals signals = new MemorySignals();
    public final MemoryJourneys journeys = new MemoryJourneys(signals);
    public final MemoryWebhookLog webhookLog = new MemoryWebhookLog();
    public final MemoryIntake intake = new MemoryIntake(signals, webhookLog);
    public final MemoryPlans plans = new MemoryPlans();
    public final MemoryAudit audit = new MemoryAudit();
    public final MemoryVault vault = new MemoryVault();
    public final MemoryJobs jobs = new MemoryJobs();
    public final MemoryAccounts accounts = new MemoryAccounts();
    public final MemoryOrders orders = new MemoryOrders();
    public final MemoryPositions positions = new MemoryPositions();
    public final PassThroughTransactions transactions = new PassThroughTransactions();
    public final List<String> secondFactorsAsked = new ArrayList<>();
    public Plan defaultPlan = Plan.BASIC;

    public final VenueAccount paperAccount;
    public final VenueAccount liveAccount;
    public final VenueAccount strangerAccount;

    public BotWorld() {
        Instant at = clock.get();
        paperAccount = VenueAccount.paper(new VenueAccountId(new UUID(2, 1)), workspace, "Paper", at);
        liveAccount = new VenueAccount(new VenueAccountId(new UUID(2, 2)), workspace, new VenueId("bx"), "Live",
                Environment.LIVE, null, Set.of(Permission.READ, Permission.TRADE), true, "\u2026WXYZ",
                new SealedSecret("venue-credentials"), SyncState.never(), at, at);
        strangerAccount = VenueAccount.paper(new VenueAccountId(new UUID(2, 3)), otherWorkspace, "Theirs", at);
        accounts.rows.put(paperAccount.id(), paperAccount);
        accounts.rows.put(liveAccount.id(), liveAccount);
        accounts.rows.put(strangerAccount.id(), strangerAccount);
    }

    public Instant now() {
        return clock.get();
    }

    public void advance(Duration by) {
        clock.updateAndGet(t -> t.plus(by));
    }

    public UUID newId() {
        // version 7 bits, so ids compare like the real ones; increasing
        return new UUID(0x0000_0000_0000_7000L | (nextId.incrementAndGet() << 16), 0x8000_0000_0000_0000L | nextId.get());
    }

    public byte[] tokens(int length) {
        byte[] bytes = new byte[length];
        long n = nextToken.incrementAndGet();
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (n * 31 + i * 7);
        }
        return bytes;
    }

    public ManageBots manageBots() {
        return BotsFactory.manageBots(bots, signals, journeys, jobs, accounts, orders, positions, plans, defaultPlan,
                vault, audit, transactions, this::tokens, this::now, this::newId, (principal, code) -> {
                    secondFactorsAsked.add(principal.actor());
                    if (!CODE.equals(code)) {
                        throw new Unauthorized(code == null ? "a second factor is required" : "the code is wrong");
                    }
                });
    }

    public ReceiveSignals receiveSignals() {
        return SignalsFactory.receiveSignals(bots, intake, signals, journeys, webhookLog, plans, defaultPlan, vault,
                transactions, this::now, this::newId, this::tokens);
    }

    public ReceiveSignals receiveSignals(int perMinute) {
        return SignalsFactory.receiveSignals(bots, intake, signals, journeys, webhookLog, plans, defaultPlan, vault,
                transactions, this::now, this::newId, this::tokens, perMinute);
    }

    public Principal person(WorkspaceId in, Role role) {
        return new Principal(new UserId(new UUID(3, role.ordinal())), in, role, Set.of(Scope.READ, Scope.TRADE, Scope.MANAGE),
                new SessionId(new UUID(4, role.ordinal())), null);
    }

    public Principal owner() {
        return person(workspace, Role.OWNER);
    }

    public Principal trader() {
        return person(workspace, Role.TRADER);
    }

    public Principal viewer() {
        return new Principal(new UserId(new UUID(3, 9)), workspace, Role.VIEWER, Set.of(Scope.READ),
                new SessionId(new UUID(4, 9)), null);
    }

    public Principal stranger() {
        return person(otherWorkspace, Role.OWNER);
    }

    /** Runs work; nested calls join. Counts how many units of work ran, for tests that care. */
    public static final class PassThroughTransactions implements Transactions {
        public int opened;
        private int depth;

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            if (depth == 0) {
                opened++;
            }
            depth++;
            try {
                return work.get();
            } finally {
                depth--;
            }
        }
    }

    public static final class MemoryBots implements Bots {
        public final Map<BotId, Bot> rows = new LinkedHashMap<>();
        public int webhookReads;

        @Override
        public void create(Bot bot) {
            if (rows.containsKey(bot.id())) {
                throw new Conflict("id exists");
            }
            requireFreeName(bot);
            rows.put(bot.id(), bot);
        }

        private void requireFreeName(Bot bot) {
            for (Bot other : rows.values()) {
                if (other.workspace().equals(bot.workspace()) && !other.id().equals(bot.id())
                        && other.name().equalsIgnoreCase(bot.name())) {
                    throw new Conflict("the workspace has a bot named " + bot.name());
                }
            }
        }

        @Override
        public Optional<Bot> find(WorkspaceId workspace, BotId id) {
            return Optional.ofNullable(rows.get(id)).filter(b -> b.workspace().equals(workspace));
        }

        @Override
        public List<Bot> list(WorkspaceId workspace) {
            return rows.values().stream().filter(b -> b.workspace().equals(workspace))
                    .sorted(Comparator.comparing(Bot::name)).toList();
        }

        @Override
        public Bot update(Bot changed) {
            Bot current = find(changed.workspace(), changed.id()).orElseThrow(() -> new NotFound("no bot"));
            if (current.configVersion() != changed.configVersion()) {
                throw new Conflict("the bot was changed meanwhile: read it again");
            }
            requireFreeName(changed);
            Bot stored = new Bot(current.id(), current.workspace(), changed.name(), changed.description(),
                    changed.assetType(), changed.account(), changed.mode(), changed.sizing(), changed.risk(),
                    current.status(), current.webhookSecret(), current.previousSecret(),
                    current.previousSecretValidUntil(), current.configVersion() + 1, current.createdAt(),
                    changed.updatedAt());
            rows.put(stored.id(), stored);
            return stored;
        }

        @Override
        public Bot setStatus(WorkspaceId workspace, BotId id, BotStatus status, Instant at) {
            Bot c = find(workspace, id).orElseThrow(() -> new NotFound("no bot"));
            Bot stored = new Bot(c.id(), c.workspace(), c.name(), c.description(), c.assetType(), c.account(), c.mode(),
                    c.sizing(), c.risk(), status, c.webhookSecret(), c.previousSecret(), c.previousSecretValidUntil(),
                    c.configVersion(), c.createdAt(), at);
            rows.put(id, stored);
            return stored;
        }

        @Override
        public Bot rotateSecret(WorkspaceId workspace, BotId id, SealedSecret next, Instant previousValidUntil, Instant at) {
            Bot c = find(workspace, id).orElseThrow(() -> new NotFound("no bot"));
            Bot stored = new Bot(c.id(), c.workspace(), c.name(), c.description(), c.assetType(), c.account(), c.mode(),
                    c.sizing(), c.risk(), c.status(), next, c.webhookSecret(), previousValidUntil, c.configVersion(),
                    c.createdAt(), c.updatedAt());
            rows.put(id, stored);
            return stored;
        }

        @Override
        public void delete(WorkspaceId workspace, BotId id) {
            find(workspace, id).orElseThrow(() -> new NotFound("no bot"));
            rows.remove(id);
        }

        @Override
        public int count(WorkspaceId workspace) {
            return (int) rows.values().stream().filter(b -> b.workspace().equals(workspace)).count();
        }

        @Override
        public Optional<Bot> findForWebhook(BotId id) {
            webhookReads++;
            return Optional.ofNullable(rows.get(id));
        }
    }

    public static final class MemorySignals implements Signals {
        public final Map<SignalId, Signal> rows = new LinkedHashMap<>();
        private final Map<String, Map.Entry<SignalId, Instant>> firsts = new HashMap<>();

        @Override
        public synchronized SignalRecording record(Signal signal, Duration window) {
            if (signal.status() != SignalStatus.RECEIVED || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("a new signal is RECEIVED, in a positive window");
            }
            if (rows.containsKey(signal.id())) {
                throw new Conflict("id exists");
            }
            String key = signal.bot() + "|" + signal.idempotencyKey();
            Map.Entry<SignalId, Instant> first = firsts.get(key);
            if (first != null && signal.receivedAt().isBefore(first.getValue().plus(window))) {
                rows.put(signal.id(), new Signal(signal.id(), signal.workspace(), signal.bot(), signal.receivedAt(),
                        SignalStatus.DUPLICATE, "duplicate of " + first.getKey(), signal.idempotencyKey(),
                        signal.rawBody(), signal.contentType(), signal.action(), signal.symbol(), signal.quantity(),
                        signal.price(), signal.stopLoss(), signal.takeProfit(), signal.externalOrderId(), signal.receivedAt()));
                return new SignalRecording.Duplicate(first.getKey());
            }
            rows.put(signal.id(), signal);
            firsts.put(key, Map.entry(signal.id(), signal.receivedAt()));
            return new SignalRecording.Recorded(signal.id());
        }

        @Override
        public Optional<Signal> find(WorkspaceId workspace, SignalId id) {
            return Optional.ofNullable(rows.get(id)).filter(s -> s.workspace().equals(workspace));
        }

        @Override
        public Signal updateStatus(WorkspaceId workspace, SignalId id, SignalStatus status, @Nullable String reason, Instant at) {
            if (status == SignalStatus.DUPLICATE) {
                throw new IllegalArgumentException("DUPLICATE is decided by record");
            }
            Signal current = find(workspace, id).orElseThrow(() -> new NotFound("no signal"));
            if (current.status().isFinal()) {
                throw new Conflict("final");
            }
            Signal moved = current.moveTo(status, reason, at);
            rows.put(id, moved);
            return moved;
        }

        @Override
        public List<Signal> listForBot(WorkspaceId workspace, BotId bot, @Nullable SignalCursor cursor, int limit) {
            Comparator<Signal> newestFirst = Comparator.comparing(Signal::receivedAt)
                    .thenComparing(s -> s.id().value()).reversed();
            return rows.values().stream().filter(s -> s.workspace().equals(workspace) && s.bot().equals(bot))
                    .filter(s -> cursor == null || s.receivedAt().isBefore(cursor.receivedAt())
                            || (s.receivedAt().equals(cursor.receivedAt()) && s.id().value().compareTo(cursor.id().value()) < 0))
                    .sorted(newestFirst).limit(limit).toList();
        }

        @Override
        public long countSince(WorkspaceId workspace, Instant since) {
            return rows.values().stream().filter(s -> s.workspace().equals(workspace) && !s.receivedAt().isBefore(since)).count();
        }

        public List<Signal> ofBot(BotId bot) {
            return rows.values().stream().filter(s -> s.bot().equals(bot)).toList();
        }
    }

    public static final class MemoryIntake implements SignalIntake {
        private final MemorySignals signals;
        private final MemoryWebhookLog log;
        public final List<NewJob> jobs = new ArrayList<>();
        public final List<Duration> windows = new ArrayList<>();

        MemoryIntake(MemorySignals signals, MemoryWebhookLog log) {
            this.signals = signals;
            this.log = log;
        }

        @Override
        public SignalRecording accept(Signal signal, Duration window, NewJob job, WebhookLog.@Nullable Attempt logged) {
            if (logged != null && log.failRecording != null) {
                throw log.failRecording; // one transaction: a log row that cannot be written stores nothing
            }
            windows.add(window);
            SignalRecording recording = signals.record(signal, window);
            if (recording instanceof SignalRecording.Recorded) {
                jobs.add(job);
            }
            if (logged != null) {
                log.record(SignalIntake.logRow(logged, recording));
            }
            return recording;
        }
    }

    public static final class MemoryJourneys implements SignalJourneys {
        private final MemorySignals signals;
        public final Map<SignalId, List<JourneyStep>> steps = new HashMap<>();

        MemoryJourneys(MemorySignals signals) {
            this.signals = signals;
        }

        @Override
        public void append(WorkspaceId workspace, SignalId signal, JourneyStep step) {
            signals.find(workspace, signal).orElseThrow(() -> new NotFound("no signal"));
            steps.computeIfAbsent(signal, s -> new ArrayList<>()).add(step);
        }

        @Override
        public List<JourneyStep> steps(WorkspaceId workspace, SignalId signal) {
            if (signals.find(workspace, signal).isEmpty()) {
                return List.of();
            }
            return List.copyOf(steps.getOrDefault(signal, List.of()));
        }
    }

    public static final class MemoryWebhookLog implements WebhookLog {
        public final List<Attempt> attempts = new ArrayList<>();
        public final Map<String, Long> counters = new HashMap<>();
        public @Nullable RuntimeException failRecording;

        @Override
        public void record(Attempt attempt) {
            if (failRecording != null) {
                throw failRecording;
            }
            attempts.add(attempt);
        }

        @Override
        public long increment(String key, Instant windowStart, Duration keep) {
            return counters.merge(key + "@" + windowStart, 1L, Long::sum);
        }

        public Attempt last() {
            return attempts.getLast();
        }
    }

    public static final class MemoryPlans implements Plans {
        public final Map<WorkspaceId, Plan> plans = new HashMap<>();
        public int reads;

        @Override
        public Optional<Plan> find(WorkspaceId workspace) {
            reads++;
            return Optional.ofNullable(plans.get(workspace));
        }

        @Override
        public void set(WorkspaceId workspace, Plan plan) {
            plans.put(workspace, plan);
        }
    }

    public static final class MemoryAudit implements AuditLog {
        public final List<AuditEntry> entries = new ArrayList<>();

        @Override
        public void append(AuditEntry entry) {
            entries.add(entry);
        }

        @Override
        public List<AuditEntry> list(WorkspaceId workspace, @Nullable String target, @Nullable Instant before, int limit) {
            return entries.stream().filter(e -> e.workspace().equals(workspace)).limit(limit).toList();
        }

        public List<AuditEntry> actions(String action) {
            return entries.stream().filter(e -> e.action().equals(action)).toList();
        }
    }

    /** Seals by keeping the plaintext aside; counts every opening (each would write an audit entry). */
    public static final class MemoryVault implements SecretVault {
        private final Map<String, Map.Entry<String, SecretBinding>> sealed = new LinkedHashMap<>();
        private final AtomicLong next = new AtomicLong();
        public final List<SecretUse> openings = new ArrayList<>();

        @Override
        public SealedSecret seal(String plaintext, SecretBinding binding) {
            String envelope = "sealed-" + next.incrementAndGet();
            sealed.put(envelope, Map.entry(plaintext, binding));
            return new SealedSecret(envelope);
        }

        @Override
        public String open(SealedSecret secret, SecretBinding binding, SecretUse use) {
            Map.Entry<String, SecretBinding> entry = sealed.get(secret.envelope());
            if (entry == null || !entry.getValue().equals(binding)) {
                throw new SecretUnavailable("the secret does not open");
            }
            openings.add(use);
            return entry.getKey();
        }

        @Override
        public SealedSecret reseal(SealedSecret secret, SecretBinding binding) {
            throw new AssertionError("not expected");
        }

        @Override
        public boolean isCurrent(SealedSecret secret) {
            return true;
        }

        public String plaintext(SealedSecret secret) {
            return sealed.get(secret.envelope()).getKey();
        }

        public SecretBinding binding(SealedSecret secret) {
            return sealed.get(secret.envelope()).getValue();
        }
    }

    public static final class MemoryJobs implements JobQueue {
        public final List<DeadJob> dead = new ArrayList<>();
        public final List<JobId> replayed = new ArrayList<>();

        @Override
        public JobId enqueue(NewJob job) {
            throw new AssertionError("not expected");
        }

        @Override
        public List<ClaimedJob> claim(String worker, Set<String> types, int max, Duration lease) {
            throw new AssertionError("not expected");
        }

        @Override
        public boolean complete(ClaimedJob job) {
            throw new AssertionError("not expected");
        }

        @Override
        public FailOutcome fail(ClaimedJob job, String error, boolean retryable) {
            throw new AssertionError("not expected");
        }

        @Override
        public List<DeadJob> dead(@Nullable WorkspaceId workspace, int limit) {
            return dead.stream().filter(j -> workspace == null || workspace.equals(j.workspace())).limit(limit).toList();
        }

        @Override
        public boolean replay(@Nullable WorkspaceId workspace, JobId id) {
            boolean removed = dead.removeIf(j -> j.id().equals(id) && (workspace == null || workspace.equals(j.workspace())));
            if (removed) {
                replayed.add(id);
            }
            return removed;
        }

        @Override
        public QueueStats stats() {
            throw new AssertionError("not expected");
        }
    }

    public static final class MemoryAccounts implements VenueAccounts {
        public final Map<VenueAccountId, VenueAccount> rows = new LinkedHashMap<>();

        @Override
        public void create(VenueAccount account) {
            rows.put(account.id(), account);
        }

        @Override
        public Optional<VenueAccount> find(WorkspaceId workspace, VenueAccountId id) {
            return Optional.ofNullable(rows.get(id)).filter(a -> a.workspace().equals(workspace));
        }

        @Override
        public List<VenueAccount> listActive(WorkspaceId workspace) {
            return listAll(workspace).stream().filter(VenueAccount::active).toList();
        }

        @Override
        public List<VenueAccount> listAll(WorkspaceId workspace) {
            return rows.values().stream().filter(a -> a.workspace().equals(workspace)).toList();
        }

        @Override
        public List<WorkspaceId> workspacesWithActiveAccounts() {
            throw new AssertionError("not expected");
        }

        @Override
        public void update(VenueAccount account) {
            rows.put(account.id(), account);
        }

        @Override
        public void recordSync(WorkspaceId workspace, VenueAccountId id, SyncState sync) {
            throw new AssertionError("not expected");
        }

        @Override
        public boolean delete(WorkspaceId workspace, VenueAccountId id) {
            throw new AssertionError("not expected");
        }
    }

    /** Only the fills a summary reads; everything else is not expected. */
    public static final class MemoryOrders implements Orders {
        public final List<Fill> fills = new ArrayList<>();

        @Override
        public void save(WorkspaceId workspace, Order order) {
            throw new AssertionError("not expected");
        }

        @Override
        public void update(WorkspaceId workspace, Order expected, Order updated) {
            throw new AssertionError("not expected");
        }

        @Override
        public Optional<Order> find(WorkspaceId workspace, OrderId id) {
            throw new AssertionError("not expected");
        }

        @Override
        public Optional<Order> findByClientOrderId(WorkspaceId workspace, VenueAccountId account, ClientOrderId clientOrderId) {
            throw new AssertionError("not expected");
        }

        @Override
        public List<Order> listOpen(WorkspaceId workspace, VenueAccountId account) {
            throw new AssertionError("not expected");
        }

        @Override
        public boolean addFill(WorkspaceId workspace, Fill fill) {
            throw new AssertionError("not expected");
        }

        @Override
        public List<Fill> fills(WorkspaceId workspace, OrderId order) {
            throw new AssertionError("not expected");
        }

        @Override
        public List<Fill> recentFills(WorkspaceId workspace, VenueAccountId account, int limit) {
            // newest first, as the port says; every fill here is on the account under test
            return fills.stream().sorted(Comparator.comparing(Fill::time).reversed()).limit(limit).toList();
        }

        @Override
        public List<FillTotal> fillTotals(WorkspaceId workspace, VenueAccountId account, Instant since) {
            return FillTotal.of(fills.stream().filter(f -> !f.time().isBefore(since)).toList());
        }
    }

    public static final class MemoryPositions implements Positions {
        public final List<Position> open = new ArrayList<>();

        @Override
        public Position lockForChange(WorkspaceId workspace, VenueAccountId account, Instrument instrument) {
            throw new AssertionError("not expected");
        }

        @Override
        public void upsert(WorkspaceId workspace, Position position) {
            throw new AssertionError("not expected");
        }

        @Override
        public Optional<Position> find(WorkspaceId workspace, VenueAccountId account, Instrument instrument) {
            throw new AssertionError("not expected");
        }

        @Override
        public List<Position> listOpen(WorkspaceId workspace, VenueAccountId account) {
            return open.stream().filter(p -> p.account().equals(account)).toList();
        }

        @Override
        public List<Position> listOpen(WorkspaceId workspace) {
            return List.copyOf(open);
        }
    }
}
