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
import dev.bulwark.adapters.persistence.venues.JooqVenueAccounts;
import dev.bulwark.host.embedded.venues.PortfolioSyncer;
import dev.bulwark.host.embedded.venues.Venues;
import dev.bulwark.adapters.persistence.audit.JooqAuditLog;
import dev.bulwark.adapters.persistence.jobs.JooqJobQueue;
import dev.bulwark.adapters.persistence.vault.EnvelopeVault;
import dev.bulwark.adapters.persistence.vault.MasterKeyRing;
import dev.bulwark.application.ApplicationFactory;
import dev.bulwark.host.embedded.system.SystemTimeSource;
import dev.bulwark.host.embedded.system.UuidV7Generator;
import dev.bulwark.host.embedded.validation.CommandValidator;
import dev.bulwark.ports.driven.jobs.JobQueue;
import dev.bulwark.ports.driven.market.MarketData;
import dev.bulwark.ports.driven.jobs.RetryPolicy;
import dev.bulwark.ports.driven.storage.Transactions;
import dev.bulwark.ports.driven.system.IdGenerator;
import dev.bulwark.ports.driven.vault.SecretVault;
import dev.bulwark.ports.driven.system.TimeSource;
import dev.bulwark.ports.driving.backtest.RunBacktest;
import dev.bulwark.ports.driving.health.CheckHealth;
import dev.bulwark.ports.driving.portfolio.SyncPortfolio;
import dev.bulwark.ports.driving.portfolio.ViewPortfolio;
import java.net.http.HttpClient;
import java.time.Duration;
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

    private BulwarkRuntime(Builder builder, RuntimeSettings settings) {
        this.buildInfo = BuildInfo.load();
        this.time = builder.time != null ? builder.time : new SystemTimeSource();
        this.ids = builder.ids != null ? builder.ids : new UuidV7Generator(time);
        this.database = Database.open(settings.database());
        try {
            MasterKeyRing keys = settings.keys() != null ? settings.keys() : MasterKeyRing.fromKeyFile(settings.keyFile());
            this.vault = new EnvelopeVault(keys, new JooqAuditLog(database.db()), time, ids);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        this.jobs = new JooqJobQueue(database.db(), time, ids, RetryPolicy.DEFAULT);
        this.marketData = marketData(settings, time);
        this.paperVenue = new PaperVenueProvider(marketData, new JooqPaperStates(database.db()),
                PaperVenueProvider.binanceLikeSpot(), PaperVenueProvider.DEFAULT_FUNDING);
        this.validator = new CommandValidator();
        this.venues = new Venues(List.of(paperVenue), vault, time);
        ApplicationFactory application = new ApplicationFactory(buildInfo.version(), time, marketData,
                PaperVenueProvider.binanceLikeSpot(), ids, new JooqVenueAccounts(database.db()),
                new JooqHoldingsSnapshots(database.db()), venues);
        this.syncPortfolio = application.syncPortfolio();
        this.viewPortfolio = application.viewPortfolio();
        this.portfolioSyncer = new PortfolioSyncer(syncPortfolio);
        portfolioSyncer.every(settings.syncInterval());
        this.checkHealth = application.checkHealth();
        RunBacktest backtests = application.runBacktest();
        this.runBacktest = command -> backtests.run(validator.validate(command)); // every field error at once, before the run
        LOG.info("Bulwark {} runtime started", buildInfo.version());
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

    @Override
    public void close() {
        portfolioSyncer.close();
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
