package dev.bulwark.application.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.application.events.MemoryEventLog;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.events.Event;
import dev.bulwark.domain.events.EventType;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.portfolio.AccountKind;
import dev.bulwark.domain.portfolio.Holding;
import dev.bulwark.domain.portfolio.HoldingsSnapshot;
import dev.bulwark.domain.venues.SyncState;
import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.ports.driven.market.MarketData;
import dev.bulwark.ports.driven.market.MarketPrices;
import dev.bulwark.ports.driven.market.Quote;
import dev.bulwark.ports.driven.portfolio.HoldingsSnapshots;
import dev.bulwark.ports.driven.venues.VenueAccounts;
import dev.bulwark.ports.driven.venues.VenueConnector;
import dev.bulwark.ports.driven.venues.VenueGateway;
import dev.bulwark.ports.driving.portfolio.SyncPortfolio;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A sync tells followers how it went, and the workspace's new value when the holdings it brought changed it. */
class SyncEventsTest {
    final WorkspaceId workspace = new WorkspaceId(new UUID(1, 1));
    final AtomicReference<Instant> clock = new AtomicReference<>(Instant.parse("2026-11-21T08:00:00Z"));
    final AtomicLong ids = new AtomicLong();
    final Map<VenueAccountId, VenueAccount> accounts = new LinkedHashMap<>();
    final List<HoldingsSnapshot> snapshots = new ArrayList<>();
    /** What each account's venue answers: its balances, or a failure. */
    final Map<VenueAccountId, Object> balances = new HashMap<>();
    final MemoryEventLog events = new MemoryEventLog();
    int pricesAsked;
    final SyncPortfolio sync = PortfolioFactory.syncPortfolio(proxy(VenueAccounts.class, this::accounts),
            proxy(HoldingsSnapshots.class, this::snapshots), this::connect, proxy(MarketData.class, this::market),
            () -> clock.updateAndGet(t -> t.plusSeconds(1)), () -> new UUID(0, ids.incrementAndGet()), events);

    final VenueAccount a = account("a");
    final VenueAccount b = account("b");

    VenueAccount account(String label) {
        VenueAccount account = VenueAccount.paper(new VenueAccountId(new UUID(2, label.charAt(0))), workspace, label,
                Instant.parse("2026-01-01T00:00:00Z"));
        accounts.put(account.id(), account);
        return account;
    }

    Holding btc(VenueAccount account, String free, String locked) {
        return new Holding(account.id(), account.venue(), AccountKind.SPOT, Asset.BTC, new BigDecimal(free),
                new BigDecimal(locked));
    }

    List<Event> published(EventType type) {
        return events.events().stream().filter(e -> e.type() == type).toList();
    }

    static void assertTotals(Event event, String usd, String eur) {
        assertThat(new BigDecimal(event.data().get("totalUsd"))).isEqualByComparingTo(usd);
        assertThat(new BigDecimal(event.data().get("totalEur"))).isEqualByComparingTo(eur);
        assertThat(event.data()).containsOnlyKeys("totalUsd", "totalEur");
    }

    @Test
    void aSyncPublishesItsStatusAndTheWorkspacesNewValue() {
        balances.put(b.id(), List.of(btc(b, "0.5", "0")));
        sync.sync(workspace, b.id());
        balances.put(a.id(), List.of(btc(a, "1", "0")));
        int before = events.events().size();

        sync.sync(workspace, a.id());

        List<Event> now = events.events().subList(before, events.events().size());
        assertThat(now).extracting(Event::type).containsExactly(EventType.SYNC_STATUS, EventType.PORTFOLIO_VALUE);
        assertThat(now).allSatisfy(e -> assertThat(e.workspace()).isEqualTo(workspace));
        assertThat(now.get(0).data()).isEqualTo(Map.of("account", a.id().toString(), "venue", "paper",
                "state", "CONNECTED", "holdings", "1"));
        assertTotals(now.get(1), "150", "135"); // both accounts: 1.5 BTC at 100 USD, 0.9 EUR per USD
    }

    @Test
    void theSameHoldingsAgainPublishOnlyTheStatusWithoutAskingForPrices() {
        balances.put(a.id(), List.of(btc(a, "1", "0")));
        sync.sync(workspace, a.id());
        assertThat(published(EventType.PORTFOLIO_VALUE)).hasSize(1);
        int asked = pricesAsked;

        sync.sync(workspace, a.id());

        assertThat(published(EventType.SYNC_STATUS)).hasSize(2);
        assertThat(published(EventType.PORTFOLIO_VALUE)).hasSize(1);
        assertThat(pricesAsked).isEqualTo(asked);
    }

    @Test
    void holdingsThatMovedWithoutChangingTheValuePublishNoValue() {
        balances.put(a.id(), List.of(btc(a, "1", "0")));
        sync.sync(workspace, a.id());
        balances.put(a.id(), List.of(btc(a, "0.4", "0.6"))); // an order now locks part of it

        sync.sync(workspace, a.id());

        assertThat(published(EventType.PORTFOLIO_VALUE)).hasSize(1);
    }

    @Test
    void aChangedValueIsPublishedWithTheNewTotals() {
        balances.put(a.id(), List.of(btc(a, "1", "0")));
        sync.sync(workspace, a.id());
        balances.put(a.id(), List.of(btc(a, "2", "0")));

        sync.sync(workspace, a.id());

        assertThat(published(EventType.PORTFOLIO_VALUE)).hasSize(2);
        assertTotals(published(EventType.PORTFOLIO_VALUE).getLast(), "200", "180");
    }

    @Test
    void aFailedSyncPublishesTheFailureAndNoValue() {
        balances.put(a.id(), new VenueUnavailable(a.venue(), "timed out", null));

        sync.sync(workspace, a.id());

        assertThat(events.events()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.SYNC_STATUS);
            assertThat(e.data()).containsEntry("state", "FAILED").containsEntry("holdings", "0")
                    .containsEntry("account", a.id().toString());
            assertThat(e.data().get("error")).startsWith("venue-unavailable").contains("timed out");
        });
    }

    private VenueGateway connect(VenueAccount account, String purpose) {
        Object answer = balances.getOrDefault(account.id(), List.of());
        if (answer instanceof RuntimeException failure) {
            throw failure;
        }
        return proxy(VenueGateway.class, (method, args) -> switch (method) {
            case "balances" -> answer;
            case "close" -> null;
            default -> throw new AssertionError(method);
        });
    }

    private Object accounts(String method, Object[] args) {
        return switch (method) {
            case "find" -> Optional.ofNullable(accounts.get((VenueAccountId) args[1]));
            case "listActive" -> accounts.values().stream().filter(VenueAccount::active).toList();
            case "recordSync" -> {
                VenueAccount old = accounts.get((VenueAccountId) args[1]);
                accounts.put(old.id(), new VenueAccount(old.id(), old.workspace(), old.venue(), old.label(),
                        old.environment(), old.baseUrl(), old.permissions(), old.active(), old.apiKeyHint(),
                        old.credentials(), (SyncState) args[2], old.createdAt(), old.updatedAt()));
                yield null;
            }
            default -> throw new AssertionError(method);
        };
    }

    private Object snapshots(String method, Object[] args) {
        return switch (method) {
            case "save" -> {
                snapshots.add((HoldingsSnapshot) args[0]);
                yield null;
            }
            case "latestOfEveryAccount" -> {
                Map<VenueAccountId, HoldingsSnapshot> latest = new LinkedHashMap<>();
                snapshots.stream().sorted(Comparator.comparing(HoldingsSnapshot::takenAt))
                        .forEach(s -> latest.put(s.account(), s));
                yield List.copyOf(latest.values());
            }
            default -> throw new AssertionError(method);
        };
    }

    private Object market(String method, Object[] args) {
        if (!method.equals("prices")) {
            throw new AssertionError(method);
        }
        pricesAsked++;
        Instant at = clock.get();
        return new MarketPrices(at, List.of(new Quote(Asset.BTC, Asset.USD, new BigDecimal("100"), at, "test", false, false),
                new Quote(Asset.USD, Asset.EUR, new BigDecimal("0.9"), at, "test", false, false)), List.of());
    }

    interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> port, Answer answer) {
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port},
                (proxy, method, args) -> answer.answer(method.getName(), args == null ? new Object[0] : args)));
    }
}
