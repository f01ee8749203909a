package dev.bulwark.application.portfolio;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.events.Event;
import dev.bulwark.domain.events.EventType;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.portfolio.Holding;
import dev.bulwark.domain.portfolio.HoldingsSnapshot;
import dev.bulwark.domain.portfolio.Portfolio;
import dev.bulwark.domain.portfolio.PortfolioValuation;
import dev.bulwark.domain.venues.SyncState;
import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.ports.driven.events.EventLog;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
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
    private final EventLog events;

    PortfolioService(VenueAccounts accounts, HoldingsSnapshots snapshots, VenueConnector venues, MarketData market,
                     TimeSource time, IdGenerator ids, EventLog events) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.venues = Objects.requireNonNull(venues, "venues");
        this.market = Objects.requireNonNull(market, "market");
        this.time = Objects.requireNonNull(time, "time");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public List<VenueAccountId> activeAccounts(WorkspaceId workspace) {
        return accounts.listActive(workspace).stream().map(VenueAccount::id).toList();
    }

    @Override
    public List<WorkspaceId> workspacesToSync() {
        return accounts.workspacesWithActiveAccounts();
    }

    /**
     * Syncs one account and tells followers: its sync status always, and the workspace's value when the new holdings
     * changed it (valued before and after with the same prices, so a price move alone is not reported here).
     */
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
            AccountSync result = new AccountSync(id, failed, 0);
            publishStatus(workspace, account, result);
            return result;
        }
        Instant at = time.now();
        Map<VenueAccountId, List<Holding>> before = activeHoldings(workspace);
        try {
            snapshots.save(new HoldingsSnapshot(ids.newId(), workspace, id, at, holdings));
        } catch (Conflict sameInstant) {
            // a concurrent sync (on demand and scheduled) stored this account's snapshot at this very instant
        }
        SyncState connected = SyncState.connected(at);
        accounts.recordSync(workspace, id, connected);
        AccountSync result = new AccountSync(id, connected, holdings.size());
        publishStatus(workspace, account, result);
        if (account.active()) {
            publishValueIfChanged(workspace, id, before, holdings);
        }
        return result;
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

    private void publishStatus(WorkspaceId workspace, VenueAccount account, AccountSync sync) {
        Map<String, String> data = new TreeMap<>();
        data.put("account", account.id().toString());
        data.put("venue", account.venue().value());
        data.put("state", sync.state().status().name());
        data.put("holdings", Integer.toString(sync.holdings()));
        if (sync.state().lastError() != null) {
            data.put("error", sync.state().lastError());
        }
        events.append(new Event(workspace, EventType.SYNC_STATUS, time.now(), data));
    }

    private void publishValueIfChanged(WorkspaceId workspace, VenueAccountId synced,
                                       Map<VenueAccountId, List<Holding>> before, List<Holding> now) {
        List<Holding> previous = before.getOrDefault(synced, List.of());
        if (previous.size() == now.size() && new HashSet<>(previous).equals(new HashSet<>(now))) {
            return; // the same holdings: the same value
        }
        Map<VenueAccountId, List<Holding>> after = new LinkedHashMap<>(before);
        after.put(synced, now);
        Portfolio old = new Portfolio(before.values().stream().flatMap(List::stream).toList());
        Portfolio updated = new Portfolio(after.values().stream().flatMap(List::stream).toList());
        Set<Asset> assets = new TreeSet<>();
        old.assets().forEach(a -> assets.add(a.asset()));
        updated.assets().forEach(a -> assets.add(a.asset()));
        MarketPrices prices = market.prices(assets);
        PortfolioValuation was = PortfolioValuation.of(old, prices.table());
        PortfolioValuation is = PortfolioValuation.of(updated, prices.table());
        if (was.totalUsd().compareTo(is.totalUsd()) == 0 && was.totalEur().compareTo(is.totalEur()) == 0) {
            return;
        }
        events.append(new Event(workspace, EventType.PORTFOLIO_VALUE, time.now(), Map.of(
                "totalUsd", is.totalUsd().toPlainString(),
                "totalEur", is.totalEur().toPlainString())));
    }

    /** The latest holdings of each active account of the workspace: what the view values. */
    private Map<VenueAccountId, List<Holding>> activeHoldings(WorkspaceId workspace) {
        Set<VenueAccountId> active = new HashSet<>(activeAccounts(workspace));
        Map<VenueAccountId, List<Holding>> holdings = new LinkedHashMap<>();
        for (HoldingsSnapshot snapshot : snapshots.latestOfEveryAccount(workspace)) {
            if (active.contains(snapshot.account())) {
                holdings.put(snapshot.account(), snapshot.holdings());
            }
        }
        return holdings;
    }

    private static String cut(String message) {
        return message.length() <= MAX_ERROR ? message : message.substring(0, MAX_ERROR);
    }
}
