package dev.bulwark.application.portfolio;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.portfolio.Holding;
import dev.bulwark.domain.portfolio.HoldingsSnapshot;
import dev.bulwark.domain.portfolio.Portfolio;
import dev.bulwark.domain.portfolio.PortfolioValuation;
import dev.bulwark.domain.venues.SyncState;
import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.ports.driven.market.MarketData;
import dev.bulwark.ports.driven.market.MarketPrices;
import dev.bulwark.ports.driven.portfolio.HoldingsSnapshots;
import dev.bulwark.ports.driven.system.IdGenerator;
import dev.bulwark.ports.driven.system.TimeSource;
import dev.bulwark.ports.driven.venues.VenueAccounts;
import dev.bulwark.ports.driven.venues.VenueConnector;
import dev.bulwark.ports.driven.venues.VenueGateway;
import dev.bulwark.ports.driving.portfolio.AccountSync;
import dev.bulwark.ports.driving.portfolio.PortfolioView;
import dev.bulwark.ports.driving.portfolio.SyncPortfolio;
import dev.bulwark.ports.driving.portfolio.ViewPortfolio;
import dev.bulwark.ports.errors.BulwarkException;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.NotFound;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

final class PortfolioService implements SyncPortfolio, ViewPortfolio {
    /** A failure's text kept on the account: what the user sees as "last error". */
    private static final int MAX_ERROR = 500;

    private final VenueAccounts accounts;
    private final HoldingsSnapshots snapshots;
    private final VenueConnector venues;
    private final MarketData market;
    private final TimeSource time;
    private final IdGenerator ids;

    PortfolioService(VenueAccounts accounts, HoldingsSnapshots snapshots, VenueConnector venues, MarketData market,
                     TimeSource time, IdGenerator ids) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.venues = Objects.requireNonNull(venues, "venues");
        this.market = Objects.requireNonNull(market, "market");
        this.time = Objects.requireNonNull(time, "time");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    @Override
    public List<VenueAccountId> activeAccounts(WorkspaceId workspace) {
        return accounts.listActive(workspace).stream().map(VenueAccount::id).toList();
    }

    @Override
    public List<WorkspaceId> workspacesToSync() {
        return accounts.workspacesWithActiveAccounts();
    }

    @Override
    public AccountSync sync(WorkspaceId workspace, VenueAccountId id) {
        VenueAccount account = accounts.find(workspace, id).orElseThrow(() -> new NotFound("venue account " + id + " not found"));
        accounts.recordSync(workspace, id, account.sync().syncing());
        List<Holding> holdings;
        try (VenueGateway gateway = venues.connect(account, "portfolio sync")) {
            holdings = gateway.balances();
        } catch (BulwarkException e) {
            // one failing venue is the account's state, not the caller's failure: the others go on
            SyncState failed = SyncState.failed(time.now(), e.code() + ": " + cut(e.getMessage()));
            accounts.recordSync(workspace, id, failed);
            return new AccountSync(id, failed, 0);
        }
        Instant at = time.now();
        try {
            snapshots.save(new HoldingsSnapshot(ids.newId(), workspace, id, at, holdings));
        } catch (Conflict sameInstant) {
            // a concurrent sync (on demand and scheduled) stored this account's snapshot at this very instant
        }
        SyncState connected = SyncState.connected(at);
        accounts.recordSync(workspace, id, connected);
        return new AccountSync(id, connected, holdings.size());
    }

    @Override
    public PortfolioView view(WorkspaceId workspace) {
        List<VenueAccount> all = accounts.listAll(workspace);
        Map<VenueAccountId, HoldingsSnapshot> latest = snapshots.latestOfEveryAccount(workspace).stream()
                .collect(Collectors.toMap(HoldingsSnapshot::account, Function.identity()));
        List<Holding> holdings = new ArrayList<>();
        List<PortfolioView.AccountStatus> statuses = new ArrayList<>();
        for (VenueAccount account : all) {
            HoldingsSnapshot snapshot = latest.get(account.id());
            if (account.active() && snapshot != null) {
                holdings.addAll(snapshot.holdings());
            }
            statuses.add(new PortfolioView.AccountStatus(account.id(), account.venue(), account.label(), account.sync(),
                    snapshot == null ? null : snapshot.takenAt()));
        }
        Portfolio portfolio = new Portfolio(holdings);
        Set<Asset> assets = new TreeSet<>();
        portfolio.assets().forEach(a -> assets.add(a.asset()));
        MarketPrices prices = market.prices(assets);
        PortfolioValuation valuation = PortfolioValuation.of(portfolio, prices.table());
        return new PortfolioView(time.now(), valuation, prices.stale(), statuses);
    }

    private static String cut(String message) {
        return message.length() <= MAX_ERROR ? message : message.substring(0, MAX_ERROR);
    }
}
