package dev.bulwark.host.embedded;

import dev.bulwark.adapters.exchange.marketdata.LiveMarketData;
import dev.bulwark.adapters.exchange.marketdata.LiveMarketDataSettings;
import dev.bulwark.adapters.exchange.marketdata.binance.BinanceMarketData;
import dev.bulwark.adapters.exchange.marketdata.coinbase.CoinbaseMarketData;
import dev.bulwark.adapters.exchange.marketdata.kraken.KrakenMarketData;
import dev.bulwark.adapters.exchange.marketdata.replay.ReplayMarketData;
import dev.bulwark.adapters.exchange.paper.PaperVenueProvider;
import dev.bulwark.adapters.persistence.Database;
import dev.bulwark.adapters.persistence.paper.JooqPaperStates;
import dev.bulwark.adapters.persistence.portfolio.JooqHoldingsSnapshots;
import dev.bulwark.adapters.persistence.risk.JooqRiskProfiles;
import dev.bulwark.adapters.persistence.venues.JooqVenueAccounts;
import dev.bulwark.host.embedded.venues.PortfolioSyncer;
import dev.bulwark.host.embedded.venues.Venues;
import dev.bulwark.adapters.persistence.audit.JooqAuditLog;
import dev.bulwark.adapters.persistence.jobs.JooqJobQueue;
import dev.bulwark.adapters.persistence.vault.EnvelopeVault;
import dev.bulwark.adapters.persistence.vault.MasterKeyRing;
import dev.bulwark.application.ApplicationFactory;
import dev.bulwark.adapters.persistence.Db;
import dev.bulwark.adapters.persistence.accounts.JooqApiKeys;
import dev.bulwark.adapters.persistence.accounts.JooqInvitations;
import dev.bulwark.adapters.persistence.accounts.JooqLoginThrottle;
import dev.bulwark.adapters.persistence.accounts.JooqMemberships;
import dev.bulwark.adapters.persistence.accounts.JooqSessions;
import dev.bulwark.adapters.persistence.accounts.JooqSetupTokens;
import dev.bulwark.adapters.persistence.accounts.JooqTwoFactorSecrets;
import dev.bulwark.adapters.persistence.accounts.JooqUsers;
import dev.bulwark.adapters.persistence.accounts.JooqPlans;
import dev.bulwark.adapters.persistence.bots.JooqBots;
import dev.bulwark.adapters.persistence.events.JooqEventLog;
import dev.bulwark.adapters.persistence.orders.JooqOrders;
import dev.bulwark.adapters.persistence.orders.JooqPositions;
import dev.bulwark.adapters.persistence.signals.JooqSignalIntake;
import dev.bulwark.adapters.persistence.signals.JooqSignalJourneys;
import dev.bulwark.adapters.persistence.signals.JooqSignals;
import dev.bulwark.adapters.persistence.signals.JooqWebhookLog;
import dev.bulwark.application.bots.BotsFactory;
import dev.bulwark.application.signals.ProcessingFactory;
import dev.bulwark.application.signals.SignalsFactory;
import dev.bulwark.host.embedded.signals.SignalWorkers;
import dev.bulwark.ports.driving.signals.ProcessSignals;
import dev.bulwark.adapters.persistence.storage.JooqWorkspaces;
import dev.bulwark.application.accounts.AccountsFactory;
import dev.bulwark.application.events.EventsFactory;
import dev.bulwark.application.health.HealthFactory;
import dev.bulwark.application.venues.VenuesFactory;
import dev.bulwark.host.embedded.security.Argon2idPasswordHasher;
import dev.bulwark.host.embedded.security.NbvcxzPasswordStrength;
import dev.bulwark.host.embedded.system.SecureRandomTokens;
import dev.bulwark.host.embedded.validation.Validating;
import dev.bulwark.ports.driven.storage.Transactions;
import dev.bulwark.ports.driven.system.SecureTokens;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import dev.bulwark.host.embedded.system.SystemTimeSource;
import dev.bulwark.host.embedded.system.UuidV7Generator;
import dev.bulwark.host.embedded.validation.CommandValidator;
import dev.bulwark.ports.driven.events.EventLog;
import dev.bulwark.ports.driven.jobs.JobQueue;
import dev.bulwark.ports.driven.market.MarketData;
import dev.bulwark.ports.driven.jobs.RetryPolicy;
import dev.bulwark.ports.driven.storage.Transactions;
import dev.bulwark.ports.driven.system.IdGenerator;
import dev.bulwark.ports.driven.vault.SecretVault;
import dev.bulwark.ports.driven.system.TimeSource;
import dev.bulwark.ports.driving.backtest.RunBacktest;
import dev.bulwark.ports.driving.accounts.ManageAccounts;
import dev.bulwark.ports.driving.accounts.ManageApiKeys;
import dev.bulwark.ports.driving.accounts.ManageWorkspaces;
import dev.bulwark.ports.driving.events.FollowEvents;
import dev.bulwark.ports.driving.bots.ManageBots;
import dev.bulwark.ports.driving.health.CheckHealth;
import dev.bulwark.ports.driving.signals.ReceiveSignals;
import dev.bulwark.ports.driving.health.CheckReadiness;
import dev.bulwark.ports.driving.venues.ConnectVenues;
import dev.bulwark.ports.driving.portfolio.SyncPortfolio;
import dev.bulwark.ports.driving.portfolio.ViewPortfolio;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Bulwark engine in this process: the composition root. Built with {@link #builder()}, used through
 * its driving ports, closed once. Every host (the Vert.x server, the SDK's embedded mode) starts one of these,
 * so they all run the same wiring.
 *
 * <p>Thread-safe once started.
 */
public final class BulwarkRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BulwarkRuntime.class);
    /** Keeps no events: portfolio syncs publish to it until an event store is wired here. */

    private final BuildInfo buildInfo;
    private final TimeSource time;
    private final IdGenerator ids;
    private final CommandValidator validator;
    private final CheckHealth checkHealth;
    private final RunBacktest runBacktest;
    private final Venues venues;
    private final SyncPortfolio syncPortfolio;
    private final ViewPortfolio viewPortfolio;
    private final PortfolioSyncer portfolioSyncer;
    private final Database database;
    private final SecretVault vault;
    private final JobQueue jobs;
    private final MarketData marketData;
    private final PaperVenueProvider paperVenue;
    private final ManageAccounts manageAccounts;
    private final ManageWorkspaces manageWorkspaces;
    private final ManageApiKeys manageApiKeys;
    private final ConnectVenues connectVenues;
    private final FollowEvents followEvents;
    private final CheckReadiness checkReadiness;
    private final ManageBots manageBots;
    private final ReceiveSignals receiveSignals;
    private final JooqSignalIntake signalIntake;
    private final ProcessSignals processSignals;
    /** Workers turning queued signals into orders (BULWARK_SIGNAL_WORKERS); none when this process only receives. */
    private final @Nullable SignalWorkers signalWorkers;
    private final JooqSessions sessions;
    private final JooqLoginThrottle loginThrottle;
    private final EventLog eventLog;
    private final ScheduledExecutorService housekeeping;

    private BulwarkRuntime(Builder builder, RuntimeSettings settings) {
        this.buildInfo = BuildInfo.load();
        this.time = builder.time != null ? builder.time : new SystemTimeSource();
        this.ids = builder.ids != null ? builder.ids : new UuidV7Generator(time);
        this.database = Database.open(settings.database());
        // one instance of each store, shared by every use case that needs it
        Db db = database.db();
        JooqAuditLog audit = new JooqAuditLog(db);
        JooqVenueAccounts venueAccounts = new JooqVenueAccounts(db);
        JooqRiskProfiles riskProfiles = new JooqRiskProfiles(db);
        JooqOrders orders = new JooqOrders(db);
        JooqPositions positions = new JooqPositions(db);
        try {
            MasterKeyRing keys = settings.keys() != null ? settings.keys() : MasterKeyRing.fromKeyFile(settings.keyFile());
            this.vault = new EnvelopeVault(keys, audit, time, ids);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        JooqJobQueue jobQueue = new JooqJobQueue(db, time, ids, RetryPolicy.DEFAULT);
        this.jobs = jobQueue;
        this.marketData = marketData(settings, time);
        this.paperVenue = new PaperVenueProvider(marketData, new JooqPaperStates(db),
                PaperVenueProvider.binanceLikeSpot(), PaperVenueProvider.DEFAULT_FUNDING);
        this.validator = new CommandValidator();
        this.venues = new Venues(List.of(paperVenue), vault, time);
        EventLog eventLog = new JooqEventLog(db);
        ApplicationFactory application = new ApplicationFactory(buildInfo.version(), time, marketData,
                PaperVenueProvider.binanceLikeSpot(), ids, venueAccounts, new JooqHoldingsSnapshots(db), venues, eventLog);
        this.syncPortfolio = application.syncPortfolio();
        this.viewPortfolio = application.viewPortfolio();
        this.portfolioSyncer = new PortfolioSyncer(syncPortfolio);
        portfolioSyncer.every(settings.syncInterval());
        this.checkHealth = application.checkHealth();
        this.runBacktest = Validating.wrap(RunBacktest.class, application.runBacktest(), validator);
        // the capability factories below are composed here rather than through ApplicationFactory, whose
        // constructor would otherwise take every driven port of every capability at once
        Transactions transactions = database.transactions();
        SecureTokens tokens = new SecureRandomTokens();
        JooqUsers users = new JooqUsers(db);
        JooqMemberships memberships = new JooqMemberships(db);
        JooqWorkspaces workspaces = new JooqWorkspaces(db);
        JooqApiKeys apiKeys = new JooqApiKeys(db);
        this.loginThrottle = new JooqLoginThrottle(db);
        this.sessions = new JooqSessions(db);
        this.eventLog = eventLog;
        this.manageAccounts = Validating.wrap(ManageAccounts.class, AccountsFactory.manageAccounts(users, memberships,
                sessions, new JooqTwoFactorSecrets(db), loginThrottle, apiKeys, new JooqSetupTokens(db), workspaces,
                transactions, new Argon2idPasswordHasher(tokens), new NbvcxzPasswordStrength(), tokens, vault, audit, time, ids),
                validator);
        this.manageWorkspaces = Validating.wrap(ManageWorkspaces.class, AccountsFactory.manageWorkspaces(users, memberships,
                new JooqInvitations(db), workspaces, transactions, tokens, audit, time, ids), validator);
        this.manageApiKeys = Validating.wrap(ManageApiKeys.class,
                AccountsFactory.manageApiKeys(apiKeys, transactions, tokens, audit, time, ids), validator);
        this.connectVenues = Validating.wrap(ConnectVenues.class, VenuesFactory.connectVenues(venueAccounts, riskProfiles,
                venues, vault, audit, transactions, time, ids, manageAccounts::requireSecondFactor), validator);
        this.followEvents = Validating.wrap(FollowEvents.class, EventsFactory.followEvents(eventLog), validator);
        this.checkReadiness = HealthFactory.checkReadiness(jobs);
        JooqSignals signals = new JooqSignals(db);
        JooqSignalJourneys journeys = new JooqSignalJourneys(db);
        JooqPlans plans = new JooqPlans(db);
        JooqBots bots = new JooqBots(db);
        this.signalIntake = new JooqSignalIntake(db, signals, jobQueue);
        this.manageBots = Validating.wrap(ManageBots.class, BotsFactory.manageBots(bots, signals, journeys, jobs,
                venueAccounts, orders, positions, plans, settings.defaultPlan(), vault,
                audit, transactions, tokens, time, ids, manageAccounts::requireSecondFactor), validator);
        this.processSignals = ProcessingFactory.processSignals(jobs, signals, journeys, bots, venueAccounts, riskProfiles, venues,
                orders, positions, marketData, eventLog, transactions, time,
                (what, error) -> LOG.error("unexpected failure {}; the job will be retried", what, error));
        // worker names must differ between processes sharing the queue: a fresh id per runtime
        this.signalWorkers = settings.signalWorkers() == 0 ? null : SignalWorkers.start(processSignals,
                "w-" + ids.newId().toString().substring(24), settings.signalWorkers(), Duration.ofMillis(50),
                Duration.ofSeconds(2));
        this.receiveSignals = SignalsFactory.receiveSignals(bots, signalIntake, signals, journeys, new JooqWebhookLog(db),
                plans, settings.defaultPlan(), vault, transactions, time, ids, tokens, settings.webhooksPerMinute());
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("bulwark-housekeeping").factory());
        housekeeping.scheduleWithFixedDelay(this::houseKeep, 1, 10, TimeUnit.MINUTES);
        LOG.info("Bulwark {} runtime started", buildInfo.version());
    }

    /**
     * Forgets what no longer counts: sessions ended a day ago, sign-in failures out of the lockout window, events
     * older than the 24 hours a reconnecting client may ask for. Every process may do it; the deletes are idempotent.
     */
    private void houseKeep() {
        try {
            Instant now = time.now();
            sessions.purgeEndedBefore(now.minus(Duration.ofDays(1)));
            loginThrottle.forgetBefore(now.minus(Duration.ofHours(1)));
            eventLog.forgetBefore(now.minus(Duration.ofHours(24)));
        } catch (RuntimeException e) {
            LOG.warn("housekeeping failed; next run in 10 minutes: {}", e.getMessage());
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public BuildInfo buildInfo() {
        return buildInfo;
    }

    public TimeSource time() {
        return time;
    }

    public IdGenerator ids() {
        return ids;
    }

    /** Validates inbound driving commands; every host calls it before a use case. */
    public CommandValidator validator() {
        return validator;
    }

    public CheckHealth checkHealth() {
        return checkHealth;
    }

    /** Backtests over the market data's history, through the paper venue's matching, fees and rules. */
    public RunBacktest runBacktest() {
        return runBacktest;
    }

    private static MarketData marketData(RuntimeSettings settings, TimeSource time) {
        if (settings.marketData() == RuntimeSettings.MarketDataSource.REPLAY) {
            return new ReplayMarketData(time, settings.assumedEurUsd());
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Duration timeout = Duration.ofSeconds(5);
        List<MarketData> sources = List.of(
                new BinanceMarketData(BinanceMarketData.DEFAULT_BASE_URL, http, timeout, time),
                new CoinbaseMarketData(CoinbaseMarketData.DEFAULT_BASE_URL, http, timeout, time),
                new KrakenMarketData(KrakenMarketData.DEFAULT_BASE_URL, http, timeout, time));
        LiveMarketDataSettings defaults = LiveMarketDataSettings.DEFAULTS;
        return new LiveMarketData(sources, new LiveMarketDataSettings(defaults.priceTtl(), defaults.staleAfter(),
                defaults.keepFor(), defaults.candleTtl(), settings.assumedEurUsd()), time);
    }

    /** Every venue the engine can connect, with the one that connects a user's account. */
    public Venues venues() {
        return venues;
    }

    /** Syncs one venue account's holdings (the use case); {@link #portfolioSyncer()} runs a workspace in parallel. */
    public SyncPortfolio syncPortfolio() {
        return syncPortfolio;
    }

    public PortfolioSyncer portfolioSyncer() {
        return portfolioSyncer;
    }

    /** The whole portfolio of a workspace, valued in USD and EUR. */
    public ViewPortfolio viewPortfolio() {
        return viewPortfolio;
    }

    /** Prices and candles: the shipped history (embedded default) or the venues' public endpoints. */
    public MarketData marketData() {
        return marketData;
    }

    /** The paper venue: every new account and bot trades here until switched to a live venue. */
    public PaperVenueProvider paperVenue() {
        return paperVenue;
    }

    /** Seals and opens secrets; every opening is audited. */
    public SecretVault vault() {
        return vault;
    }

    /** The durable job queue, shared with every process on the same database. */
    public JobQueue jobs() {
        return jobs;
    }

    /** Units of work across stores. */
    public Transactions transactions() {
        return database.transactions();
    }

    /** The database every store uses (migrated at start). */
    public Database database() {
        return database;
    }

    /** Registering, signing in, sessions, two-factor. */
    public ManageAccounts manageAccounts() {
        return manageAccounts;
    }

    /** Team workspaces, members, invitations. */
    public ManageWorkspaces manageWorkspaces() {
        return manageWorkspaces;
    }

    /** API keys for programmatic use. */
    public ManageApiKeys manageApiKeys() {
        return manageApiKeys;
    }

    /** Venue accounts and their credentials. */
    public ConnectVenues connectVenues() {
        return connectVenues;
    }

    /** Live events of a workspace. */
    public FollowEvents followEvents() {
        return followEvents;
    }

    /** Bots: configuration, status, secrets, results, signals and their receipts, dead letters. */
    public ManageBots manageBots() {
        return manageBots;
    }

    /** The webhook's use case: durable before it answers. */
    public ReceiveSignals receiveSignals() {
        return receiveSignals;
    }

    /** The workers' use case (the runtime runs it itself on its own worker threads). */
    public ProcessSignals processSignals() {
        return processSignals;
    }

    /** Whether the database and the job queue answer. */
    public CheckReadiness checkReadiness() {
        return checkReadiness;
    }

    @Override
    public void close() {
        housekeeping.shutdownNow();
        portfolioSyncer.close();
        signalIntake.close(); // answers every signal it accepted before the pool goes
        if (signalWorkers != null) {
            signalWorkers.close(); // lets work in hand finish; an interrupted job is claimed again after its lease
        }
        validator.close();
        database.close();
        LOG.info("Bulwark runtime stopped");
    }

    /** Configures a runtime; everything has a working default (the embedded default needs nothing). */
    public static final class Builder {
        private @Nullable TimeSource time;
        private @Nullable IdGenerator ids;
        private @Nullable RuntimeSettings settings;

        private Builder() {
        }

        /** Where data lives and how secrets are sealed; default: read from the environment (BULWARK_*). */
        public Builder settings(RuntimeSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Replaces the system clock, e.g. with a test clock. */
        public Builder time(TimeSource time) {
            this.time = Objects.requireNonNull(time, "time");
            return this;
        }

        /** Replaces the UUIDv7 generator, e.g. with a deterministic one in tests. */
        public Builder ids(IdGenerator ids) {
            this.ids = Objects.requireNonNull(ids, "ids");
            return this;
        }

        /** Starts the engine: opens and migrates the database; throws {@link InvalidSettings} for a wrong setting. */
        public BulwarkRuntime start() {
            return new BulwarkRuntime(this, settings != null ? settings : RuntimeSettings.fromEnvironment(System.getenv()));
        }
    }
}
