package dev.bulwark.host.embedded.venues;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.adapters.persistence.storage.JooqWorkspaces;
import dev.bulwark.adapters.persistence.venues.JooqVenueAccounts;
import dev.bulwark.domain.accounts.Workspace;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.portfolio.AssetValuation;
import dev.bulwark.domain.venues.Environment;
import dev.bulwark.domain.venues.Permission;
import dev.bulwark.domain.venues.SyncState;
import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.host.embedded.BulwarkRuntime;
import dev.bulwark.host.embedded.RuntimeSettings;
import dev.bulwark.ports.driven.vault.SecretBinding;
import dev.bulwark.ports.driven.venues.VenueCredentials;
import dev.bulwark.ports.driving.portfolio.AccountSync;
import dev.bulwark.ports.driving.portfolio.PortfolioView;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Portfolio sync and view through the real runtime: H2, the vault, the paper venue and an integrator's venue. */
class PortfolioSyncTest {
    private static final Instant NOW = Instant.parse("2025-06-02T00:00:00Z"); // inside the shipped price history

    @TempDir
    Path dataDir;
    private final java.util.concurrent.atomic.AtomicReference<Instant> clock = new java.util.concurrent.atomic.AtomicReference<>(NOW);
    private BulwarkRuntime runtime;
    private WorkspaceId workspace;

    @BeforeEach
    void start() {
        runtime = BulwarkRuntime.builder().settings(RuntimeSettings.inMemory(dataDir)).time(clock::get).start();
        workspace = new WorkspaceId(UUID.randomUUID());
        new JooqWorkspaces(runtime.database().db()).create(new Workspace(workspace, "me", Workspace.Kind.PERSONAL, NOW));
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    /** A live account on the slow test exchange whose sealed secret makes it answer, fail or refuse. */
    VenueAccount slowex(String label, String secret) {
        VenueAccountId id = new VenueAccountId(UUID.randomUUID());
        var sealed = runtime.vault().seal(VenueCredentials.of("key-" + label, secret).encoded(),
                new SecretBinding(workspace, "venue-account:" + id));
        VenueAccount account = new VenueAccount(id, workspace, SlowExchangeProvider.ID, label, Environment.LIVE, null,
                Set.of(Permission.READ), true, "key-\u2026" + label.charAt(0), sealed, SyncState.never(), NOW, NOW);
        new JooqVenueAccounts(runtime.database().db()).create(account);
        return account;
    }

    VenueAccount paper(String label) {
        VenueAccount account = VenueAccount.paper(new VenueAccountId(UUID.randomUUID()), workspace, label, NOW);
        new JooqVenueAccounts(runtime.database().db()).create(account);
        return account;
    }

    @Test
    void everyAccountSyncsInParallelAndOneFailingVenueNeverBlocksTheOthers() {
        VenueAccount good = slowex("good", "s3cret");
        VenueAccount down = slowex("down", "down");
        VenueAccount wrong = slowex("wrong", "wrong");
        VenueAccount paper = paper("paper");

        Map<VenueAccountId, AccountSync> synced = runtime.portfolioSyncer().syncWorkspace(workspace).stream()
                .collect(Collectors.toMap(AccountSync::account, Function.identity()));

        assertThat(synced.get(good.id()).state().status()).isEqualTo(SyncState.Status.CONNECTED);
        assertThat(synced.get(good.id()).holdings()).isEqualTo(2);
        assertThat(synced.get(paper.id()).state().status()).isEqualTo(SyncState.Status.CONNECTED);
        assertThat(synced.get(down.id()).state()).satisfies(s -> {
            assertThat(s.status()).isEqualTo(SyncState.Status.FAILED);
            assertThat(s.lastError()).startsWith("venue-unavailable").doesNotContain("down");
            assertThat(s.lastSyncAt()).isEqualTo(NOW);
        });
        assertThat(synced.get(wrong.id()).state().lastError()).startsWith("unauthorized");
        // the states are stored on the accounts, as the user will see them
        assertThat(new JooqVenueAccounts(runtime.database().db()).find(workspace, down.id()).orElseThrow().sync().status())
                .isEqualTo(SyncState.Status.FAILED);
    }

    @Test
    void theViewAggregatesAssetsAcrossVenuesWithTheBreakdownAndValuesThemInUsdAndEur() {
        slowex("a", "one");
        slowex("b", "two");
        paper("paper");
        runtime.portfolioSyncer().syncWorkspace(workspace);

        PortfolioView view = runtime.viewPortfolio().view(workspace);

        AssetValuation btc = view.valuation().assets().stream().filter(a -> a.asset().equals(Asset.BTC)).findFirst().orElseThrow();
        assertThat(btc.total()).isEqualByComparingTo("3.0");
        assertThat(btc.usd()).hasValueSatisfying(usd -> assertThat(usd).isGreaterThan(new BigDecimal("100000")));
        assertThat(btc.eur()).isPresent();
        var usdt = view.valuation().assets().stream().filter(a -> a.asset().equals(Asset.USDT)).findFirst().orElseThrow();
        assertThat(usdt.total()).isEqualByComparingTo("15000"); // 2 × 2,500 on slowex + 10,000 on paper
        assertThat(usdt.assumed()).as("offline, USDT rests on its peg").isTrue();
        assertThat(view.valuation().totalUsd()).isGreaterThan(new BigDecimal("100000"));
        assertThat(view.accounts()).hasSize(3).allSatisfy(a -> assertThat(a.holdingsAt()).isEqualTo(NOW));
    }

    @Test
    void eachSyncKeepsASnapshotSoValueOverTimeCanBeDrawn() {
        VenueAccount account = slowex("history", "s3cret");
        runtime.syncPortfolio().sync(workspace, account.id());
        assertThat(runtime.syncPortfolio().sync(workspace, account.id()).state().status())
                .as("a second sync at the same instant is not an error").isEqualTo(SyncState.Status.CONNECTED);
        clock.set(NOW.plusSeconds(300));
        runtime.syncPortfolio().sync(workspace, account.id());

        var history = new dev.bulwark.adapters.persistence.portfolio.JooqHoldingsSnapshots(runtime.database().db())
                .history(workspace, account.id(), NOW, NOW.plusSeconds(301));
        assertThat(history).extracting(dev.bulwark.domain.portfolio.HoldingsSnapshot::takenAt).containsExactly(NOW, NOW.plusSeconds(300));
    }

    @Test
    void aWorkspaceWithoutAccountsSyncsNothingAndViewsEmpty() {
        assertThat(runtime.portfolioSyncer().syncWorkspace(workspace)).isEmpty();
        PortfolioView view = runtime.viewPortfolio().view(workspace);
        assertThat(view.valuation().assets()).isEmpty();
        assertThat(view.accounts()).isEmpty();
        assertThat(List.of(view.valuation().totalUsd())).allSatisfy(t -> assertThat(t).isZero());
    }

    @Test
    void theScheduledRunSyncsEveryWorkspaceWithAnActiveAccount() {
        slowex("scheduled", "s3cret");
        paper("paper");

        assertThat(runtime.portfolioSyncer().syncAll()).isGreaterThanOrEqualTo(2);
        assertThat(runtime.viewPortfolio().view(workspace).accounts())
                .allSatisfy(a -> assertThat(a.sync().status()).isEqualTo(SyncState.Status.CONNECTED));
    }
}
