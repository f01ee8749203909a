package dev.bulwark.application.bots;

import dev.bulwark.domain.accounts.Plan;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.audit.AuditEntry;
import dev.bulwark.domain.bots.AssetType;
import dev.bulwark.domain.bots.Bot;
import dev.bulwark.domain.bots.BotId;
import dev.bulwark.domain.bots.BotRisk;
import dev.bulwark.domain.bots.BotStatus;
import dev.bulwark.domain.bots.PositionSizing;
import dev.bulwark.domain.secrets.SealedSecret;
import dev.bulwark.domain.signals.JourneyStep;
import dev.bulwark.domain.signals.Signal;
import dev.bulwark.domain.signals.SignalId;
import dev.bulwark.domain.signals.SignalStatus;
import dev.bulwark.domain.venues.Environment;
import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.ports.driven.accounts.Plans;
import dev.bulwark.ports.driven.audit.AuditLog;
import dev.bulwark.ports.driven.bots.Bots;
import dev.bulwark.ports.driven.jobs.DeadJob;
import dev.bulwark.ports.driven.jobs.JobQueue;
import dev.bulwark.ports.driven.signals.SignalCursor;
import dev.bulwark.ports.driven.signals.SignalJourneys;
import dev.bulwark.ports.driven.signals.Signals;
import dev.bulwark.ports.driven.storage.Transactions;
import dev.bulwark.ports.driven.system.IdGenerator;
import dev.bulwark.ports.driven.system.SecureTokens;
import dev.bulwark.ports.driven.system.TimeSource;
import dev.bulwark.ports.driven.vault.SecretBinding;
import dev.bulwark.ports.driven.vault.SecretVault;
import dev.bulwark.ports.driven.venues.VenueAccounts;
import dev.bulwark.ports.driving.accounts.Principal;
import dev.bulwark.ports.driving.bots.BotCommands;
import dev.bulwark.ports.driving.bots.BotCommands.CloneBot;
import dev.bulwark.ports.driving.bots.BotCommands.CreateBot;
import dev.bulwark.ports.driving.bots.BotCommands.SetStatus;
import dev.bulwark.ports.driving.bots.BotCommands.SizingKind;
import dev.bulwark.ports.driving.bots.BotCommands.UpdateBot;
import dev.bulwark.ports.driving.bots.BotViews.BotCreated;
import dev.bulwark.ports.driving.bots.BotViews.BotSummary;
import dev.bulwark.ports.driving.bots.BotViews.BotView;
import dev.bulwark.ports.driving.bots.BotViews.DeadLetter;
import dev.bulwark.ports.driving.bots.BotViews.ReceiptStep;
import dev.bulwark.ports.driving.bots.BotViews.SecretRotated;
import dev.bulwark.ports.driving.bots.BotViews.SignalReceipt;
import dev.bulwark.ports.driving.bots.BotViews.SignalView;
import dev.bulwark.ports.driving.bots.ManageBots;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.Forbidden;
import dev.bulwark.ports.errors.Invalid;
import dev.bulwark.ports.errors.Invalid.FieldError;
import dev.bulwark.ports.errors.NotFound;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A workspace's bots. Reading needs READ, every change {@link Principal#canTrade()}. Input is checked in full (every
 * field error at once) before the plan, the venue account and then the second factor are looked at, so a typo never
 * spends a code.
 *
 * <p><b>LIVE.</b> A bot trades LIVE only on a plan that allows it ({@code plan-live}), on an active LIVE venue
 * account of the workspace, and only after a second factor: asked on every create or update whose result is a LIVE
 * bot. A clone of a LIVE bot stays LIVE without a second factor: it starts PAUSED, on the very account and
 * configuration that were confirmed already; resuming it is a status change like any other (the plan is checked).
 * A bot's mode always matches its account's environment: a PAPER bot on a live account would move real money.
 *
 * <p><b>Webhook secret.</b> 32 bytes from {@link SecureTokens}, base64url without padding (43 characters), sealed by
 * the vault to {@code bot:<id>} in the workspace and returned once; the plaintext is never stored, logged or
 * audited. A rotation keeps the previous secret working for {@link Bot#PREVIOUS_SECRET_GRACE}.
 */
final class BotsService implements ManageBots {
    static final int SECRET_BYTES = 32;
    static final int MAX_PAGE = 200;
    /** How many of the workspace's newest dead jobs a replay looks through for the signal's job. */
    static final int DEAD_LETTER_SEARCH = 1_000;
    static final String SIGNAL_JOB = "signal.process";
    static final String CONFIRM_DELETE = "confirm the deletion: send confirm=true";

    static final String CREATED = "bot.create";
    static final String UPDATED = "bot.update";
    static final String CLONED = "bot.clone";
    static final String DELETED = "bot.delete";
    static final String STATUS = "bot.status";
    static final String ROTATED = "bot.rotate-secret";
    static final String REPLAYED = "signal.replay";

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final Bots bots;
    private final Signals signals;
    private final SignalJourneys journeys;
    private final JobQueue jobs;
    private final VenueAccounts accounts;
    private final BotSummaries summaries;
    private final Plans plans;
    private final Plan defaultPlan;
    private final SecretVault vault;
    private final AuditLog audit;
    private final Transactions transactions;
    private final SecureTokens random;
    private final TimeSource time;
    private final IdGenerator ids;
    private final BiConsumer<Principal, @Nullable String> secondFactor;

    BotsService(Bots bots, Signals signals, SignalJourneys journeys, JobQueue jobs, VenueAccounts accounts,
                BotSummaries summaries, Plans plans, Plan defaultPlan, SecretVault vault, AuditLog audit,
                Transactions transactions, SecureTokens random, TimeSource time, IdGenerator ids,
                BiConsumer<Principal, @Nullable String> secondFactor) {
        this.bots = Objects.requireNonNull(bots, "bots");
        this.signals = Objects.requireNonNull(signals, "signals");
        this.journeys = Objects.requireNonNull(journeys, "journeys");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.summaries = Objects.requireNonNull(summaries, "summaries");
        this.plans = Objects.requireNonNull(plans, "plans");
        this.defaultPlan = Objects.requireNonNull(defaultPlan, "defaultPlan");
        this.vault = Objects.requireNonNull(vault, "vault");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.random = Objects.requireNonNull(random, "random");
        this.time = Objects.requireNonNull(time, "time");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.secondFactor = Objects.requireNonNull(secondFactor, "secondFactor");
    }

    @Override
    public BotCreated create(Principal principal, CreateBot command) {
        requireTrade(principal);
        command = command(command);
        List<FieldError> errors = new ArrayList<>();
        String name = name(command.name(), errors);
        String description = description(command.description(), errors);
        if (command.assetType() == null) {
            errors.add(new FieldError("assetType", "required"));
        }
        VenueAccountId accountId = accountId(command.account(), true, errors);
        if (command.mode() == null) {
            errors.add(new FieldError("mode", "required"));
        }
        PositionSizing sizing = sizing(command.sizing(), true, errors);
        BotRisk risk = risk(command.risk(), errors);
        if (!errors.isEmpty() || name == null || accountId == null || sizing == null || risk == null
                || command.assetType() == null || command.mode() == null) {
            throw new Invalid("the bot cannot be created", errors);
        }
        Plan plan = planOf(principal.workspace());
        requireRoomFor(principal.workspace(), plan);
        Environment mode = command.mode();
        requireAccountFor(principal, accountId, mode, plan);
        if (mode == Environment.LIVE) {
            secondFactor.accept(principal, command.secondFactor());
        }
        Instant now = time.now();
        BotId id = new BotId(ids.newId());
        String secret = newSecret();
        Bot bot = new Bot(id, principal.workspace(), name, description, command.assetType(), accountId, mode, sizing,
                risk, BotStatus.ACTIVE, seal(secret, principal.workspace(), id), null, null, 1, now, now);
        transactions.inTransaction(() -> {
            requireRoomFor(principal.workspace(), plan); // again inside: a concurrent create may have taken the room
            bots.create(bot);
            audit.append(entry(principal, CREATED, id, now, describe(bot)));
        });
        return new BotCreated(view(bot), secret);
    }

    @Override
    public List<BotView> list(Principal principal) {
        requireRead(principal);
        return bots.list(principal.workspace()).stream().map(BotsService::view).toList();
    }

    @Override
    public BotView get(Principal principal, BotId id) {
        requireRead(principal);
        return view(find(principal, id));
    }

    @Override
    public BotView update(Principal principal, BotId id, UpdateBot command) {
        requireTrade(principal);
        command = command(command);
        List<FieldError> errors = new ArrayList<>();
        Integer version = command.configVersion();
        if (version == null) {
            errors.add(new FieldError("configVersion", "required: the version the change was made on"));
        } else if (version < 1) {
            errors.add(new FieldError("configVersion", "at least 1"));
        }
        String name = command.name();
        if (name != null && (name.isBlank() || name.strip().length() > Bot.MAX_NAME)) {
            errors.add(new FieldError("name", "1 to " + Bot.MAX_NAME + " characters"));
        }
        String description = command.description() == null ? null : description(command.description(), errors);
        VenueAccountId accountId = accountId(command.account(), false, errors);
        PositionSizing sizing = sizing(command.sizing(), false, errors);
        BotRisk risk = command.risk() == null ? null : risk(command.risk(), errors);
        if (!errors.isEmpty() || version == null) {
            throw new Invalid("the bot cannot be changed", errors);
        }
        Bot current = find(principal, id);
        Environment mode = command.mode() == null ? current.mode() : command.mode();
        VenueAccountId account = accountId == null ? current.account() : accountId;
        AssetType assetType = command.assetType() == null ? current.assetType() : command.assetType();
        if (command.mode() != null || accountId != null || mode == Environment.LIVE) {
            requireAccountFor(principal, account, mode, planOf(principal.workspace()));
        }
        if (mode == Environment.LIVE) {
            secondFactor.accept(principal, command.secondFactor());
        }
        Instant now = notBefore(time.now(), current.createdAt());
        Bot changed = new Bot(current.id(), current.workspace(), name == null ? current.name() : name,
                description == null ? current.description() : description, assetType, account, mode,
                sizing == null ? current.sizing() : sizing, risk == null ? current.risk() : risk, current.status(),
                current.webhookSecret(), current.previousSecret(), current.previousSecretValidUntil(), version,
                current.createdAt(), now);
        return view(transactions.inTransaction(() -> {
            Bot stored = bots.update(changed);
            Map<String, String> details = describe(stored);
            details.put("configVersion", Integer.toString(stored.configVersion()));
            audit.append(entry(principal, UPDATED, id, now, details));
            return stored;
        }));
    }

    @Override
    public BotCreated clone(Principal principal, BotId id, CloneBot command) {
        requireTrade(principal);
        command = command(command);
        List<FieldError> errors = new ArrayList<>();
        String name = name(command.name(), errors);
        if (!errors.isEmpty() || name == null) {
            throw new Invalid("the bot cannot be cloned", errors);
        }
        Bot source = find(principal, id);
        Plan plan = planOf(principal.workspace());
        requireRoomFor(principal.workspace(), plan);
        requireAccountFor(principal, source.account(), source.mode(), plan);
        Instant now = time.now();
        BotId cloneId = new BotId(ids.newId());
        String secret = newSecret();
        Bot clone = new Bot(cloneId, source.workspace(), name, source.description(), source.assetType(),
                source.account(), source.mode(), source.sizing(), source.risk(), BotStatus.PAUSED,
                seal(secret, source.workspace(), cloneId), null, null, 1, now, now);
        transactions.inTransaction(() -> {
            requireRoomFor(principal.workspace(), plan);
            bots.create(clone);
            Map<String, String> details = describe(clone);
            details.put("source", subjectOf(id));
            audit.append(entry(principal, CLONED, cloneId, now, details));
        });
        return new BotCreated(view(clone), secret);
    }

    @Override
    public void delete(Principal principal, BotId id, boolean confirmed) {
        requireTrade(principal);
        Bot bot = find(principal, id); // a stranger's id is not found, confirmed or not
        if (!confirmed) {
            throw new Conflict(CONFIRM_DELETE);
        }
        Instant now = time.now();
        transactions.inTransaction(() -> {
            bots.delete(principal.workspace(), id);
            audit.append(entry(principal, DELETED, id, now, Map.of("name", bot.name())));
        });
    }

    @Override
    public BotView setStatus(Principal principal, BotId id, SetStatus command) {
        requireTrade(principal);
        command = command(command);
        BotStatus status = command.status();
        if (status == null) {
            throw new Invalid("the status is missing", List.of(new FieldError("status", "required")));
        }
        Bot current = find(principal, id);
        if (status == BotStatus.ACTIVE && current.mode() == Environment.LIVE) {
            requireLive(planOf(principal.workspace()));
        }
        Instant now = notBefore(time.now(), current.createdAt());
        return view(transactions.inTransaction(() -> {
            Bot stored = bots.setStatus(principal.workspace(), id, status, now);
            audit.append(entry(principal, STATUS, id, now, Map.of("from", current.status().name(), "to", status.name())));
            return stored;
        }));
    }

    @Override
    public SecretRotated rotateSecret(Principal principal, BotId id) {
        requireTrade(principal);
        find(principal, id);
        String secret = newSecret();
        SealedSecret sealed = seal(secret, principal.workspace(), id);
        Instant now = time.now();
        Instant until = now.plus(Bot.PREVIOUS_SECRET_GRACE);
        transactions.inTransaction(() -> {
            bots.rotateSecret(principal.workspace(), id, sealed, until, now);
            audit.append(entry(principal, ROTATED, id, now, Map.of("previousValidUntil", until.toString())));
        });
        return new SecretRotated(secret, until);
    }

    @Override
    public BotSummary summary(Principal principal, BotId id) {
        requireRead(principal);
        Bot bot = find(principal, id);
        return summaries.summarize(bot, view(bot), time.now());
    }

    @Override
    public List<SignalView> signals(Principal principal, BotId id, @Nullable Instant before, int limit) {
        requireRead(principal);
        requireLimit(limit);
        find(principal, id);
        // the smallest id: the page starts strictly before {@code before}
        SignalCursor cursor = before == null ? null : new SignalCursor(before, new SignalId(new UUID(0, 0)));
        return signals.listForBot(principal.workspace(), id, cursor, limit).stream().map(BotsService::view).toList();
    }

    @Override
    public SignalReceipt receipt(Principal principal, SignalId id) {
        requireRead(principal);
        Signal signal = signals.find(principal.workspace(), id).orElseThrow(() -> signalNotFound(id));
        List<JourneyStep> stored = journeys.steps(principal.workspace(), id);
        List<ReceiptStep> steps = new ArrayList<>();
        if (stored.isEmpty() || !stored.getFirst().step().equals("received")) {
            // the webhook stores no step of its own (it keeps the hot path to one write): the signal is its record
            steps.add(new ReceiptStep("received", signal.receivedAt(), received(signal)));
            steps.add(new ReceiptStep("parsed", signal.receivedAt(), parsed(signal)));
        }
        for (JourneyStep step : stored) {
            steps.add(new ReceiptStep(step.step(), step.at(), step.details()));
        }
        return new SignalReceipt(view(signal), List.copyOf(steps));
    }

    @Override
    public List<DeadLetter> deadLetters(Principal principal, int limit) {
        requireRead(principal);
        requireLimit(limit);
        List<DeadLetter> letters = new ArrayList<>();
        for (DeadJob job : jobs.dead(principal.workspace(), limit)) {
            Optional<Signal> signal = signalOf(principal.workspace(), job);
            signal.ifPresent(s -> letters.add(new DeadLetter(s.id(), s.bot(), job.lastError(), job.attempts(), job.diedAt())));
        }
        return List.copyOf(letters);
    }

    @Override
    public void replay(Principal principal, SignalId id) {
        requireTrade(principal);
        WorkspaceId workspace = principal.workspace();
        Signal signal = signals.find(workspace, id).orElseThrow(() -> signalNotFound(id));
        DeadJob job = jobs.dead(workspace, DEAD_LETTER_SEARCH).stream()
                .filter(j -> j.type().equals(SIGNAL_JOB) && j.payload().equals(id.toString()))
                .findFirst().orElseThrow(() -> new NotFound("signal " + id + " is not a dead letter"));
        Instant now = time.now();
        transactions.inTransaction(() -> {
            if (!jobs.replay(workspace, job.id())) {
                throw new NotFound("signal " + id + " is not a dead letter"); // replayed by someone else meanwhile
            }
            if (signal.status() != SignalStatus.RECEIVED) {
                signals.updateStatus(workspace, id, SignalStatus.RECEIVED, "replayed by " + principal.actor(), now);
            }
            audit.append(new AuditEntry(ids.newId(), workspace, principal.actor(), REPLAYED, "signal:" + id, null, null,
                    null, now, Map.of("bot", signal.bot().toString(), "attempts", Integer.toString(job.attempts()))));
        });
    }

    private Optional<Signal> signalOf(WorkspaceId workspace, DeadJob job) {
        if (!job.type().equals(SIGNAL_JOB) || !UUID_TEXT.matcher(job.payload()).matches()) {
            return Optional.empty();
        }
        return signals.find(workspace, new SignalId(UUID.fromString(job.payload())));
    }

    // ---- plan, account, secret ----

    private Plan planOf(WorkspaceId workspace) {
        return plans.find(workspace).orElse(defaultPlan);
    }

    private void requireRoomFor(WorkspaceId workspace, Plan plan) {
        if (bots.count(workspace) >= plan.maxBots()) {
            throw new Forbidden("limit plan-bots: the " + plan + " plan allows " + plan.maxBots()
                    + (plan.maxBots() == 1 ? " bot" : " bots") + "; delete one or change the plan");
        }
    }

    private static void requireLive(Plan plan) {
        if (!plan.allowsLive()) {
            throw new Forbidden("limit plan-live: the " + plan + " plan trades on paper only; change the plan to trade live");
        }
    }

    /**
     * The account must be one of the workspace's (NotFound otherwise, like any stranger id), active, and in the
     * bot's mode; a LIVE bot needs a plan that allows it.
     */
    private void requireAccountFor(Principal principal, VenueAccountId id, Environment mode, Plan plan) {
        VenueAccount account = accounts.find(principal.workspace(), id)
                .orElseThrow(() -> new NotFound("venue account " + id + " not found"));
        if (mode == Environment.LIVE) {
            requireLive(plan);
        }
        List<FieldError> errors = new ArrayList<>();
        if (!account.active()) {
            errors.add(new FieldError("account", "the venue account is not active"));
        }
        if (account.environment() != mode) {
            errors.add(new FieldError("mode", "the venue account is " + account.environment()
                    + ": a bot trades in its account's mode"));
        }
        if (!errors.isEmpty()) {
            throw new Invalid("the bot cannot trade on this account", errors);
        }
    }

    private String newSecret() {
        byte[] bytes = random.bytes(SECRET_BYTES);
        if (bytes.length != SECRET_BYTES) {
            throw new IllegalStateException("the token source gave " + bytes.length + " bytes, not " + SECRET_BYTES);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private SealedSecret seal(String secret, WorkspaceId workspace, BotId id) {
        return vault.seal(secret, new SecretBinding(workspace, subjectOf(id)));
    }

    /** The subject a bot's webhook secret is sealed to, and the audit target of what is done to the bot. */
    static String subjectOf(BotId id) {
        return "bot:" + id;
    }

    // ---- input ----

    private static <T> T command(@Nullable T command) {
        if (command == null) {
            throw new Invalid("the request is missing", List.of());
        }
        return command;
    }

    /** A required bot name of at most {@link Bot#MAX_NAME} characters (null, with the field error, otherwise). */
    private static @Nullable String name(@Nullable String given, List<FieldError> errors) {
        String name = required(given, "name", errors);
        if (name != null && name.strip().length() > Bot.MAX_NAME) {
            errors.add(new FieldError("name", "at most " + Bot.MAX_NAME + " characters"));
        }
        return name;
    }

    private static @Nullable String required(@Nullable String value, String field, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "required"));
            return null;
        }
        return value.strip();
    }

    private static String description(@Nullable String description, List<FieldError> errors) {
        String text = description == null ? "" : description.strip();
        if (text.length() > Bot.MAX_DESCRIPTION) {
            errors.add(new FieldError("description", "at most " + Bot.MAX_DESCRIPTION + " characters"));
        }
        return text;
    }

    private static @Nullable VenueAccountId accountId(@Nullable String account, boolean required, List<FieldError> errors) {
        if (account == null || account.isBlank()) {
            if (required) {
                errors.add(new FieldError("account", "required"));
            }
            return null;
        }
        String text = account.strip();
        if (!UUID_TEXT.matcher(text).matches()) {
            errors.add(new FieldError("account", "a venue account id"));
            return null;
        }
        return new VenueAccountId(UUID.fromString(text));
    }

    private static @Nullable PositionSizing sizing(BotCommands.@Nullable Sizing sizing, boolean required,
                                                   List<FieldError> errors) {
        if (sizing == null) {
            if (required) {
                errors.add(new FieldError("sizing", "required"));
            }
            return null;
        }
        SizingKind kind = sizing.kind();
        BigDecimal amount = sizing.amount();
        if (kind == null) {
            errors.add(new FieldError("sizing.kind", "required"));
        }
        if (amount == null) {
            errors.add(new FieldError("sizing.amount", "required"));
        } else if (amount.signum() <= 0) {
            errors.add(new FieldError("sizing.amount", "above 0"));
        } else if (kind == SizingKind.PERCENT_OF_EQUITY && amount.compareTo(HUNDRED) > 0) {
            errors.add(new FieldError("sizing.amount", "a percent of equity is at most 100"));
        }
        if (kind == null || amount == null || amount.signum() <= 0
                || (kind == SizingKind.PERCENT_OF_EQUITY && amount.compareTo(HUNDRED) > 0)) {
            return null;
        }
        return switch (kind) {
            case FIXED_QUOTE -> new PositionSizing.FixedQuote(amount);
            case PERCENT_OF_EQUITY -> new PositionSizing.PercentOfEquity(amount);
            case FIXED_UNITS -> new PositionSizing.FixedUnits(amount);
        };
    }

    /** The bot's risk, each limit checked on its own so every wrong one is named; {@code null}: no limits. */
    private static @Nullable BotRisk risk(BotCommands.@Nullable Risk risk, List<FieldError> errors) {
        if (risk == null) {
            return BotRisk.NONE;
        }
        int before = errors.size();
        BigDecimal stop = risk.stopLossPercent();
        if (stop != null && (stop.signum() <= 0 || stop.compareTo(HUNDRED) >= 0)) {
            errors.add(new FieldError("risk.stopLossPercent", "above 0 and below 100"));
        }
        BigDecimal take = risk.takeProfitPercent();
        if (take != null && take.signum() <= 0) {
            errors.add(new FieldError("risk.takeProfitPercent", "above 0"));
        }
        BigDecimal daily = risk.maxDailyLoss();
        if (daily != null && (daily.signum() <= 0 || daily.compareTo(BigDecimal.ONE) > 0)) {
            errors.add(new FieldError("risk.maxDailyLoss", "a share of equity above 0 and at most 1"));
        }
        Integer open = risk.maxOpenPositions();
        if (open != null && (open < 1 || open > 1_000)) {
            errors.add(new FieldError("risk.maxOpenPositions", "1 to 1000"));
        }
        Set<String> symbols = risk.allowedSymbols() == null ? Set.of() : risk.allowedSymbols();
        if (symbols.size() > BotRisk.MAX_ALLOWED_SYMBOLS) {
            errors.add(new FieldError("risk.allowedSymbols", "at most " + BotRisk.MAX_ALLOWED_SYMBOLS + " symbols"));
        } else {
            for (String symbol : symbols) {
                try {
                    new BotRisk(null, null, null, null, Set.of(symbol));
                } catch (IllegalArgumentException | NullPointerException wrong) {
                    errors.add(new FieldError("risk.allowedSymbols", "symbols are BASE/QUOTE, such as BTC/USDT"));
                    break;
                }
            }
        }
        if (errors.size() > before) {
            return null;
        }
        return new BotRisk(stop, take, daily, open, symbols);
    }

    // ---- reading ----

    private Bot find(Principal principal, BotId id) {
        Objects.requireNonNull(id, "id");
        return bots.find(principal.workspace(), id).orElseThrow(() -> new NotFound("bot " + id + " not found"));
    }

    private static NotFound signalNotFound(SignalId id) {
        return new NotFound("signal " + id + " not found");
    }

    private static void requireLimit(int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new Invalid("limit is 1 to " + MAX_PAGE, List.of(new FieldError("limit", "1 to " + MAX_PAGE)));
        }
    }

    private static void requireRead(@Nullable Principal principal) {
        if (principal == null || !principal.canRead()) {
            throw new Forbidden("reading bots needs the READ scope");
        }
    }

    private static void requireTrade(@Nullable Principal principal) {
        if (principal == null || !principal.canTrade()) {
            throw new Forbidden("changing bots needs a trader or an owner, with the TRADE scope");
        }
    }

    private static Instant notBefore(Instant now, Instant earliest) {
        return now.isBefore(earliest) ? earliest : now;
    }

    private AuditEntry entry(Principal principal, String action, BotId id, Instant at, Map<String, String> details) {
        return new AuditEntry(ids.newId(), principal.workspace(), principal.actor(), action, subjectOf(id), null, null,
                null, at, details);
    }

    /** What an audit entry says of a bot: its configuration, never its secret. */
    private static Map<String, String> describe(Bot bot) {
        Map<String, String> details = new TreeMap<>();
        details.put("name", bot.name());
        details.put("assetType", bot.assetType().name());
        details.put("account", bot.account().toString());
        details.put("mode", bot.mode().name());
        details.put("sizing", kindOf(bot.sizing()).name() + " " + bot.sizing().value().toPlainString());
        details.put("status", bot.status().name());
        return details;
    }

    private static SizingKind kindOf(PositionSizing sizing) {
        return switch (sizing) {
            case PositionSizing.FixedQuote q -> SizingKind.FIXED_QUOTE;
            case PositionSizing.PercentOfEquity p -> SizingKind.PERCENT_OF_EQUITY;
            case PositionSizing.FixedUnits u -> SizingKind.FIXED_UNITS;
        };
    }

    static BotView view(Bot bot) {
        BotRisk risk = bot.risk();
        return new BotView(bot.id(), bot.name(), bot.description(), bot.assetType(), bot.account(), bot.mode(),
                new BotCommands.Sizing(kindOf(bot.sizing()), bot.sizing().value()),
                new BotCommands.Risk(risk.stopLossPercent(), risk.takeProfitPercent(), risk.maxDailyLoss(),
                        risk.maxOpenPositions(), risk.allowedSymbols()),
                bot.status(), bot.configVersion(), bot.createdAt(), bot.updatedAt(), "/webhook/" + bot.id());
    }

    static SignalView view(Signal signal) {
        return new SignalView(signal.id(), signal.bot(), signal.receivedAt(), signal.status(), signal.reason(),
                signal.action(), signal.symbol(), signal.quantity(), signal.externalOrderId(), signal.updatedAt());
    }

    private static Map<String, String> received(Signal signal) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("bytes", Integer.toString(signal.rawBody().length()));
        if (signal.contentType() != null) {
            details.put("contentType", signal.contentType());
        }
        details.put("idempotencyKey", signal.idempotencyKey());
        return details;
    }

    private static Map<String, String> parsed(Signal signal) {
        Map<String, String> details = new LinkedHashMap<>();
        putIf(details, "action", signal.action());
        putIf(details, "symbol", signal.symbol());
        putIf(details, "quantity", signal.quantity());
        putIf(details, "price", signal.price());
        putIf(details, "stopLoss", signal.stopLoss());
        putIf(details, "takeProfit", signal.takeProfit());
        putIf(details, "orderId", signal.externalOrderId());
        return details;
    }

    private static void putIf(Map<String, String> details, String key, @Nullable String value) {
        if (value != null) {
            details.put(key, value);
        }
    }
}
