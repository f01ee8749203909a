package dev.bulwark.application.signals;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.bots.Bot;
import dev.bulwark.domain.bots.BotId;
import dev.bulwark.domain.bots.BotStatus;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.risk.AccountRiskProfile;
import dev.bulwark.domain.signals.Signal;
import dev.bulwark.domain.signals.SignalId;
import dev.bulwark.domain.signals.SignalStatus;
import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.ports.driven.jobs.ClaimedJob;
import dev.bulwark.ports.driven.jobs.FailOutcome;
import dev.bulwark.ports.driven.venues.VenueCapability;
import dev.bulwark.ports.driven.venues.VenueGateway;
import dev.bulwark.ports.driving.signals.ProcessSignals;
import dev.bulwark.ports.errors.BulwarkException;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.RateLimited;
import dev.bulwark.ports.errors.Unavailable;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The workers' use case. Each claimed {@code signal.process} job names a signal (its payload is the signal id, its
 * workspace the signal's). The signal moves to PROCESSING, then to a decision: COMPLETED (placed, or nothing to do),
 * REJECTED (the risk engine, the venue or the signal itself said no: recorded, the job completed, never retried) or
 * IGNORED (the bot is not active). A failure that may pass (the venue did not answer or throttled, no price, a
 * dependency down, anything unexpected) leaves the signal FAILED with the reason and fails the job for a retry by the
 * queue's policy; when the attempts are spent the queue dead-letters the job and the signal is DEAD, until a replay
 * brings the job back and the next attempt picks up where the last one stopped.
 */
final class SignalProcessor implements ProcessSignals {
    static final String JOB_TYPE = "signal.process";
    static final Duration LEASE = Duration.ofSeconds(60);
    static final int MAX_BATCH = 256;
    private static final String PURPOSE = "signal processing";

    private final ProcessingPorts ports;
    /** Remembers when each open order was last asked about, so it keeps state across rounds. */
    private final OrderSync orderSync;

    SignalProcessor(ProcessingPorts ports) {
        this.ports = ports;
        this.orderSync = new OrderSync(ports);
    }

    @Override
    public int runOnce(String worker, int max) {
        if (worker == null || worker.isBlank()) {
            throw new IllegalArgumentException("a worker names itself");
        }
        if (max < 1 || max > MAX_BATCH) {
            throw new IllegalArgumentException("a worker claims 1 to " + MAX_BATCH + " jobs at a time, was " + max);
        }
        var jobs = ports.queue().claim(worker, Set.of(JOB_TYPE), max, LEASE);
        if (jobs.isEmpty()) {
            return 0;
        }
        Batch batch = Batch.read(ports, jobs);
        List<Attempt> fresh = new ArrayList<>();
        for (ClaimedJob job : jobs) {
            Optional<Signal> signal = fresh(job, batch);
            if (signal.isPresent()) {
                fresh.add(new Attempt(job, signal.get()));
            } else {
                handle(job, batch);
            }
        }
        for (List<Attempt> round : rounds(fresh, batch)) {
            together(round, batch);
        }
        return jobs.size();
    }

    /**
     * The fresh attempts in rounds that hold at most one signal of each venue account, in the order claimed: a
     * decision sees what every earlier signal on its account did (its fills, its position), as if processed one by one.
     * The queue's ordering key already keeps one bot's signals apart; bots sharing an account are kept apart here.
     */
    private static List<List<Attempt>> rounds(List<Attempt> attempts, Batch batch) {
        List<List<Attempt>> rounds = new ArrayList<>();
        Map<Object, Integer> seen = new HashMap<>();
        for (Attempt attempt : attempts) {
            Object account = batch.bot(attempt.signal.workspace(), attempt.signal.bot()).<Object>map(Bot::account)
                    .orElse(attempt.signal.id()); // no bot: decided alone, in the first round
            int round = seen.merge(account, 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(attempt);
        }
        return rounds;
    }

    /** The job's signal when this is its first attempt and nothing of it was written yet: it can go with the batch. */
    private static Optional<Signal> fresh(ClaimedJob job, Batch batch) {
        if (job.workspace() == null || job.attempt() != 1) {
            return Optional.empty();
        }
        return signalId(job.payload()).flatMap(id -> batch.signal(job.workspace(), id))
                .filter(s -> s.status() == SignalStatus.RECEIVED && s.updatedAt() == null);
    }

    /**
     * What the claimed jobs' signals name, read once for the batch (a query each for the signals, their bots and
     * their accounts instead of three per signal). Read when the batch is claimed: a bot paused while the batch is
     * being worked (a few milliseconds per signal) still has the batch's signals processed, as if they had been
     * processed a moment earlier; every later batch reads it again. The signal's own status is guarded where it is
     * written (a move that is not allowed any more is refused), so a stale copy cannot overwrite a decision.
     */
    private record Batch(Map<SignalId, Signal> signals, Map<BotId, Bot> bots, Map<VenueAccountId, VenueAccount> accounts,
                         Map<VenueAccountId, AccountRiskProfile> profiles) {
        static Batch read(ProcessingPorts ports, List<ClaimedJob> jobs) {
            Map<WorkspaceId, List<SignalId>> wanted = new LinkedHashMap<>();
            for (ClaimedJob job : jobs) {
                signalId(job.payload()).ifPresent(id -> {
                    if (job.workspace() != null) {
                        wanted.computeIfAbsent(job.workspace(), w -> new ArrayList<>()).add(id);
                    }
                });
            }
            Map<SignalId, Signal> signals = new HashMap<>();
            Map<BotId, Bot> bots = new HashMap<>();
            Map<VenueAccountId, VenueAccount> accounts = new HashMap<>();
            Map<VenueAccountId, AccountRiskProfile> profiles = new HashMap<>();
            wanted.forEach((workspace, ids) -> {
                List<Signal> found = ports.signals().findAll(workspace, ids);
                found.forEach(signal -> signals.put(signal.id(), signal));
                List<Bot> botsOf = ports.bots().findAll(workspace, found.stream().filter(s -> !s.status().isFinal())
                        .map(Signal::bot).collect(Collectors.toSet()));
                botsOf.forEach(bot -> bots.put(bot.id(), bot));
                Set<VenueAccountId> accountIds = botsOf.stream().map(Bot::account).collect(Collectors.toSet());
                if (!accountIds.isEmpty()) {
                    ports.accounts().findAll(workspace, accountIds).forEach(account -> accounts.put(account.id(), account));
                    ports.riskProfiles().findAll(workspace, accountIds).forEach(p -> profiles.put(p.account(), p));
                }
            });
            return new Batch(signals, bots, accounts, profiles);
        }

        /** The batch's venue accounts by workspace. */
        Map<WorkspaceId, List<VenueAccountId>> accountsByWorkspace() {
            Map<WorkspaceId, List<VenueAccountId>> byWorkspace = new HashMap<>();
            accounts.values().forEach(a -> byWorkspace.computeIfAbsent(a.workspace(), w -> new ArrayList<>()).add(a.id()));
            return byWorkspace;
        }

        Optional<Signal> signal(WorkspaceId workspace, SignalId id) {
            return Optional.ofNullable(signals.get(id)).filter(s -> s.workspace().equals(workspace));
        }

        /** Every undecided signal's bot was asked for: one not here does not exist (any more) in the workspace. */
        Optional<Bot> bot(WorkspaceId workspace, BotId id) {
            return Optional.ofNullable(bots.get(id)).filter(b -> b.workspace().equals(workspace));
        }

        /** Every bot's account's profile was asked for: none here means the account uses the defaults. */
        Optional<AccountRiskProfile> profile(WorkspaceId workspace, VenueAccountId account) {
            return Optional.ofNullable(profiles.get(account)).filter(p -> p.workspace().equals(workspace));
        }

        /** Every bot's account was asked for: one not here does not exist (any more) in the workspace. */
        Optional<VenueAccount> account(WorkspaceId workspace, VenueAccountId id) {
            return Optional.ofNullable(accounts.get(id)).filter(a -> a.workspace().equals(workspace));
        }
    }

    @Override
    public int watchProtection() {
        return new ProtectionWatcher(ports).watch();
    }

    @Override
    public int syncOrders() {
        return orderSync.sync();
    }

    /**
     * The batch's fresh signals, side by side: each decided (reads and the venue's answers only), then every order
     * that is to be sent stored in one transaction, then each sent, then every outcome recorded (and its job
     * completed) in one transaction. Two commits for the batch instead of two per signal, and the event log's
     * sequence taken once. No transaction is open while a venue is asked anything. A batch transaction that fails
     * commits nothing: its signals go on one by one ({@link #handle}), as any attempt would after a crash at that
     * point (a stored order is looked up at the venue by its client order id before it is sent, never sent twice).
     */
    private void together(List<Attempt> attempts, Batch batch) {
        try {
            List<Attempt> decided = new ArrayList<>();
            List<Attempt> toSend = new ArrayList<>();
            // every decision reads before any writes: the batch's accounts' books are read once, for all of them
            AccountBooks books = AccountBooks.readOnce(ports, batch.accountsByWorkspace());
            for (Attempt attempt : attempts) {
                // false: failed and handled on its own (a retry), like any attempt's failure
                boolean prepared = guarded(attempt, () -> {
                    attempt.book.postponeBeforeSend(true); // its order is stored with the others', below
                    try {
                        attempt.prepare(batch, books);
                    } finally {
                        attempt.book.postponeBeforeSend(false);
                    }
                    return attempt.outcome != null ? attempt.outcome : Outcome.completed(null);
                }) != null;
                if (prepared) {
                    (attempt.outcome != null ? decided : toSend).add(attempt);
                }
            }
            if (!toSend.isEmpty()) {
                try {
                    Bookkeeping.together(ports, toSend, a -> a.book, a -> a.book.txBeforeSend(() -> { }), () -> { });
                } catch (RuntimeException failed) {
                    // none of these orders was stored: each signal starts again on its own
                    toSend.forEach(Attempt::close);
                    toSend.forEach(a -> handle(a.job, batch));
                    toSend.clear();
                }
            }
            for (Attempt attempt : toSend) {
                attempt.outcome = guarded(attempt, attempt::complete); // null: failed, handled on its own
                if (attempt.outcome != null) {
                    decided.add(attempt);
                }
            }
            recordAll(decided);
        } finally {
            attempts.forEach(Attempt::close);
        }
    }

    /**
     * Every decided attempt's outcome in one transaction, events appended once; one by one when that fails. The
     * attempts go in the order of the positions they lock (account, then instrument), so two workers' batches never
     * wait for each other in a circle.
     */
    private void recordAll(List<Attempt> decided) {
        if (decided.isEmpty()) {
            return;
        }
        decided.sort(java.util.Comparator.comparing(Attempt::lockOrder));
        try {
            Bookkeeping.together(ports, decided, a -> a.book, a -> a.book.tx(() -> record(a.signal, a.outcome, a.book)),
                    () -> ports.queue().completeAll(decided.stream().map(a -> a.job).toList()));
        } catch (RuntimeException failed) {
            // none of it landed, and what each attempt had collected to record went with it: each signal again on
            // its own, read afresh (its order is stored; the venue is asked for it before anything is sent)
            List<ClaimedJob> jobs = decided.stream().map(a -> a.job).toList();
            decided.forEach(Attempt::close);
            Batch again = Batch.read(ports, jobs);
            jobs.forEach(job -> handle(job, again));
        }
    }

    private void handle(ClaimedJob job, Batch batch) {
        WorkspaceId workspace = job.workspace();
        Optional<SignalId> id = signalId(job.payload());
        if (workspace == null || id.isEmpty()) {
            ports.queue().fail(job, "a signal job names a workspace and a signal id", false);
            return;
        }
        Optional<Signal> found = batch.signal(workspace, id.get());
        if (found.isEmpty() || found.get().status().isFinal()) {
            ports.queue().complete(job); // gone, or decided by an attempt that died before completing its job
            return;
        }
        try (Attempt attempt = new Attempt(job, found.get())) {
            Outcome outcome = guarded(attempt, () -> {
                attempt.prepare(batch, AccountBooks.direct(ports));
                return attempt.outcome != null ? attempt.outcome : attempt.complete();
            });
            if (outcome != null) {
                finish(job, attempt.signal, outcome, attempt.book);
            }
        }
    }

    /**
     * Runs a step of the attempt: its outcome, a refusal as a rejection; any other failure is handled here (a retry,
     * or the conflict's resolution) and gives null.
     */
    private @Nullable Outcome guarded(Attempt attempt, Supplier<Outcome> step) {
        ClaimedJob job = attempt.job;
        Signal signal = attempt.signal;
        Bookkeeping book = attempt.book;
        try {
            return step.get();
        } catch (Refusal refusal) {
            return Outcome.rejected(refusal.getMessage());
        } catch (VenueUnavailable | RateLimited | Unavailable transientFailure) {
            retry(job, signal, transientFailure.getMessage(), transientFailure.getMessage(), book);
        } catch (Conflict conflict) {
            onConflict(job, signal, conflict, book);
        } catch (RuntimeException unexpected) {
            ports.diagnostics().unexpected("processing signal " + signal.id() + " (job " + job.id() + ", attempt "
                    + job.attempt() + ")", unexpected);
            String kind = unexpected instanceof BulwarkException b ? b.code() : unexpected.getClass().getSimpleName();
            retry(job, signal, "an unexpected error while processing; trying again",
                    "unexpected " + kind + ": " + cut(unexpected.getMessage()), book);
        }
        return null;
    }

    /**
     * One attempt at one claimed signal: {@link #prepare} checks the bot and its account, opens the venue and decides
     * (an outcome, or an order stored to send), {@link #complete} sends it. Holds the venue's gateway until closed.
     */
    private final class Attempt implements AutoCloseable {
        final ClaimedJob job;
        final Signal signal;
        final Bookkeeping book = new Bookkeeping(ports);
        @Nullable Outcome outcome;
        private @Nullable VenueGateway gateway;
        private @Nullable SignalRun run;

        Attempt(ClaimedJob job, Signal signal) {
            this.job = job;
            this.signal = signal;
        }

        /**
         * Decides, reading the accounts' books through {@code books}: sets {@link #outcome} when there is nothing to
         * send, else leaves a run for {@link #complete}.
         */
        void prepare(Batch batch, AccountBooks books) {
            try {
                outcome = decide(batch, books);
            } catch (Refusal refusal) {
                outcome = Outcome.rejected(refusal.getMessage());
            }
        }

        private @Nullable Outcome decide(Batch batch, AccountBooks books) {
            WorkspaceId workspace = signal.workspace();
            Optional<Bot> found = batch.bot(workspace, signal.bot());
            if (found.isEmpty()) {
                return Outcome.rejected("the bot no longer exists");
            }
            Bot bot = found.get();
            if (!bot.isActive()) {
                return Outcome.ignored("the bot is " + (bot.status() == BotStatus.PAUSED ? "paused" : "stopped"));
            }
            // written with the attempt's first transaction (the new order's, or the decision's): one commit fewer
            book.defer(() -> book.signalStatus(ports.signals().updateStatus(workspace, signal.id(),
                    SignalStatus.PROCESSING, null, book.now())));
            Map<String, String> details = new LinkedHashMap<>();
            details.put("attempt", Integer.toString(job.attempt()));
            details.put("configVersion", Integer.toString(bot.configVersion()));
            book.step(workspace, signal.id(), "processing", details);
            Action action = Action.parse(signal.action());
            VenueAccount account = batch.account(workspace, bot.account())
                    .orElseThrow(() -> new Refusal("the bot's venue account no longer exists"));
            if (!account.active()) {
                throw new Refusal("the bot's venue account is deactivated");
            }
            if (account.environment() != bot.mode()) {
                throw new Refusal("the bot trades " + bot.mode() + " but its account is " + account.environment());
            }
            VenueGateway opened = ports.venues().connect(account, PURPOSE);
            gateway = opened;
            Market market = switch (bot.assetType()) {
                case STOCKS -> Market.STOCK;
                case CRYPTO -> opened.capabilities().contains(VenueCapability.FUTURES) ? Market.USDM_FUTURES : Market.SPOT;
            };
            Instrument instrument;
            try {
                instrument = SymbolNormalizer.instrument(signal.symbol(), bot.assetType(), market);
            } catch (IllegalArgumentException e) {
                throw new Refusal(e.getMessage());
            }
            SignalRun started = new SignalRun(ports, book, job, signal, bot, account,
                    batch.profile(workspace, account.id()).orElse(null), opened, instrument, action, books);
            run = started;
            return started.prepare().orElse(null);
        }

        Outcome complete() {
            return java.util.Objects.requireNonNull(run, "nothing to send").complete();
        }

        /** Where this attempt's recording locks positions: its account and instrument (none: first). */
        String lockOrder() {
            return run == null ? "" : run.lockOrder();
        }

        @Override
        public void close() {
            VenueGateway open = gateway;
            gateway = null;
            if (open != null) {
                open.close();
            }
        }
    }

    /** Records the decision, and completes the job in the same transaction. */
    private void finish(ClaimedJob job, Signal signal, Outcome outcome, Bookkeeping book) {
        try {
            book.tx(() -> {
                record(signal, outcome, book);
                ports.queue().complete(job);
            });
        } catch (Conflict conflict) {
            onConflict(job, signal, conflict, book);
        }
    }

    /** The decision's writes: the signal's final status, its receipt step, its event (the caller completes the job). */
    private void record(Signal signal, Outcome outcome, Bookkeeping book) {
        Signal moved = ports.signals().updateStatus(signal.workspace(), signal.id(), outcome.status(),
                outcome.reason(), book.now());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("status", outcome.status().name());
        if (outcome.reason() != null) {
            details.put("reason", cut(outcome.reason()));
        }
        book.step(signal.workspace(), signal.id(), outcome.status().name().toLowerCase(Locale.ROOT), details);
        book.signalStatus(moved);
    }

    /**
     * A write of this attempt met a concurrent change. When another worker decided the signal meanwhile (its lease ran
     * out under us), that decision stands and nothing is ours to record; otherwise what this attempt had to record did
     * not land, and the next attempt asks the venue for the order by its client id and records it then.
     */
    private void onConflict(ClaimedJob job, Signal signal, Conflict conflict, Bookkeeping book) {
        if (ports.signals().find(signal.workspace(), signal.id()).map(s -> s.status().isFinal()).orElse(true)) {
            ports.queue().complete(job);
        } else {
            retry(job, signal, "a concurrent change; trying again", "conflict: " + cut(conflict.getMessage()), book);
        }
    }

    /** Fails the job for a retry and the signal with it: FAILED while attempts remain, DEAD once they are spent. */
    private void retry(ClaimedJob job, Signal signal, @Nullable String reason, @Nullable String error, Bookkeeping book) {
        String why = cut(reason == null ? "the venue did not answer" : reason);
        FailOutcome outcome = ports.queue().fail(job, cut(error == null ? why : error), true);
        if (outcome instanceof FailOutcome.LeaseLost) {
            return; // another worker holds the job now; its attempt will record its own outcome
        }
        SignalStatus status = outcome instanceof FailOutcome.DeadLettered ? SignalStatus.DEAD : SignalStatus.FAILED;
        try {
            book.tx(() -> {
                Signal moved = ports.signals().updateStatus(signal.workspace(), signal.id(), status, why, book.now());
                Map<String, String> details = new LinkedHashMap<>();
                details.put("reason", why);
                details.put("attempt", Integer.toString(job.attempt()));
                switch (outcome) {
                    case FailOutcome.RetryScheduled r -> details.put("retryAt", r.at().toString());
                    case FailOutcome.DeadLettered d -> details.put("deadAfterAttempts", Integer.toString(d.attempts()));
                    case FailOutcome.LeaseLost l -> { }
                }
                book.step(signal.workspace(), signal.id(), "failed", details);
                book.signalStatus(moved);
            });
        } catch (Conflict alreadyFinal) {
            // decided meanwhile: the decision stands
        }
    }

    private static Optional<SignalId> signalId(String payload) {
        try {
            return Optional.of(new SignalId(UUID.fromString(payload.strip())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String cut(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return "no detail";
        }
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }
}
