package dev.bulwark.adapters.persistence.venues;

import static dev.bulwark.adapters.persistence.venues.VenueAccountFixtures.BINANCE;
import static dev.bulwark.adapters.persistence.venues.VenueAccountFixtures.binance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.adapters.persistence.orders.JooqOrders;
import dev.bulwark.adapters.persistence.orders.JooqPositions;
import dev.bulwark.adapters.persistence.portfolio.JooqHoldingsSnapshots;
import dev.bulwark.adapters.persistence.testing.StoreContract;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderId;
import dev.bulwark.domain.orders.OrderSize;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.orders.TimeInForce;
import dev.bulwark.domain.portfolio.AccountKind;
import dev.bulwark.domain.portfolio.Holding;
import dev.bulwark.domain.portfolio.HoldingsSnapshot;
import dev.bulwark.domain.positions.Position;
import dev.bulwark.domain.secrets.SealedSecret;
import dev.bulwark.domain.venues.Environment;
import dev.bulwark.domain.venues.Permission;
import dev.bulwark.domain.venues.SyncState;
import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.NotFound;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

abstract class VenueAccountsContract extends StoreContract {
    JooqVenueAccounts accounts;
    WorkspaceId workspace;

    @BeforeEach
    void setUp() {
        accounts = new JooqVenueAccounts(database.db());
        workspace = newWorkspace();
    }

    /** {@code account} with a new label, key and settings, changed an hour later. */
    static VenueAccount edited(VenueAccount account, String label) {
        return new VenueAccount(account.id(), account.workspace(), account.venue(), label, Environment.PAPER,
                "https://testnet.binance.vision", EnumSet.allOf(Permission.class), false, "\u2026zz99",
                new SealedSecret("v1:rotated"), account.sync(), account.createdAt(), account.updatedAt().plus(Duration.ofHours(1)));
    }

    @Test
    void findAllReadsTheWorkspacesAccountsAmongTheIdsAndLeavesOutTheRest() {
        VenueAccount main = binance(workspace, "Main");
        VenueAccount spare = binance(workspace, "Spare");
        VenueAccount elsewhere = binance(newWorkspace(), "Main");
        for (VenueAccount each : List.of(main, spare, elsewhere)) {
            accounts.create(each);
        }

        assertThat(accounts.findAll(workspace, List.of(main.id(), spare.id(), main.id(), elsewhere.id(),
                new VenueAccountId(UUID.randomUUID())))).containsExactlyInAnyOrder(main, spare);
        assertThat(accounts.findAll(workspace, List.of())).isEmpty();
    }

    @Test
    void aCreatedAccountReadsBackEqual() {
        VenueAccount account = binance(workspace, "Main");
        accounts.create(account);
        assertThat(accounts.find(workspace, account.id())).contains(account);
    }

    @Test
    void aPaperAccountWithoutKeyReadsBackEqual() {
        VenueAccount paper = VenueAccount.paper(new VenueAccountId(UUID.randomUUID()), workspace, "Practice", T0);
        accounts.create(paper);
        assertThat(accounts.find(workspace, paper.id())).contains(paper);
    }

    @Test
    void anAccountWithEverySettingReadsBackEqual() {
        VenueAccount account = edited(binance(workspace, "Main"), "Testnet");
        VenueAccount synced = new VenueAccount(account.id(), workspace, account.venue(), account.label(), account.environment(),
                account.baseUrl(), account.permissions(), account.active(), account.apiKeyHint(), account.credentials(),
                SyncState.failed(T0.plusSeconds(5), "invalid API key"), account.createdAt(), account.updatedAt());
        accounts.create(synced);
        assertThat(accounts.find(workspace, synced.id())).contains(synced);
    }

    @Test
    void anUnknownAccountIsEmpty() {
        assertThat(accounts.find(workspace, new VenueAccountId(UUID.randomUUID()))).isEmpty();
    }

    @Test
    void aSecondAccountWithTheSameLabelInAWorkspaceIsAConflictWhateverTheCase() {
        VenueAccount first = binance(workspace, "Main");
        accounts.create(first);
        assertThatThrownBy(() -> accounts.create(binance(workspace, "Main"))).isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> accounts.create(binance(workspace, "MAIN"))).isInstanceOf(Conflict.class)
                .hasMessageContaining("MAIN");
        assertThat(accounts.listAll(workspace)).containsExactly(first);
    }

    @Test
    void theSameLabelInAnotherWorkspaceIsFine() {
        WorkspaceId other = newWorkspace();
        accounts.create(binance(workspace, "Main"));
        accounts.create(binance(other, "Main"));
        assertThat(accounts.listAll(other)).hasSize(1);
    }

    @Test
    void aSecondAccountWithTheSameIdIsAConflict() {
        VenueAccount first = binance(workspace, "Main");
        accounts.create(first);
        VenueAccount sameId = new VenueAccount(first.id(), workspace, BINANCE, "Other", Environment.LIVE, null,
                Set.of(Permission.READ), true, null, null, SyncState.never(), T0, T0);
        assertThatThrownBy(() -> accounts.create(sameId)).isInstanceOf(Conflict.class);
        assertThat(accounts.find(workspace, first.id())).contains(first);
    }

    @Test
    void listsAreOrderedByLabelRegardlessOfCaseAndListActiveLeavesOutTheInactive() {
        VenueAccount zeta = binance(workspace, "zeta");
        VenueAccount alpha = binance(workspace, "Alpha");
        VenueAccount beta = binance(workspace, "beta");
        VenueAccount gammaOff = new VenueAccount(new VenueAccountId(UUID.randomUUID()), workspace, BINANCE, "Gamma",
                Environment.LIVE, null, Set.of(Permission.READ), false, null, null, SyncState.never(), T0, T0);
        for (VenueAccount account : List.of(zeta, gammaOff, beta, alpha)) {
            accounts.create(account);
        }
        assertThat(accounts.listAll(workspace)).containsExactly(alpha, beta, gammaOff, zeta);
        assertThat(accounts.listActive(workspace)).containsExactly(alpha, beta, zeta);
    }

    @Test
    void anUpdateChangesWhatAUserMayChangeAndNothingElse() {
        VenueAccount account = binance(workspace, "Main");
        accounts.create(account);
        accounts.recordSync(workspace, account.id(), SyncState.connected(T0.plusSeconds(60)));
        VenueAccount edited = edited(account, "Renamed");

        accounts.update(edited);

        VenueAccount stored = accounts.find(workspace, account.id()).orElseThrow();
        // the sync state is recorded apart: an edit made from a stale read must not roll it back
        assertThat(stored.sync()).isEqualTo(SyncState.connected(T0.plusSeconds(60)));
        assertThat(stored).isEqualTo(new VenueAccount(edited.id(), workspace, BINANCE, "Renamed", edited.environment(),
                edited.baseUrl(), edited.permissions(), false, edited.apiKeyHint(), edited.credentials(), stored.sync(),
                T0, edited.updatedAt()));
    }

    @Test
    void anUpdateCanRemoveTheKey() {
        VenueAccount account = binance(workspace, "Main");
        accounts.create(account);
        VenueAccount keyless = new VenueAccount(account.id(), workspace, BINANCE, "Main", Environment.LIVE, null,
                Set.of(Permission.READ), true, null, null, SyncState.never(), T0, T0.plusSeconds(1));
        accounts.update(keyless);
        assertThat(accounts.find(workspace, account.id())).contains(keyless);
    }

    @Test
    void anUpdateToAnotherAccountsLabelIsAConflictAndChangesNothing() {
        VenueAccount main = binance(workspace, "Main");
        VenueAccount spare = binance(workspace, "Spare");
        accounts.create(main);
        accounts.create(spare);
        assertThatThrownBy(() -> accounts.update(edited(spare, "main"))).isInstanceOf(Conflict.class);
        assertThat(accounts.find(workspace, spare.id())).contains(spare);
    }

    @Test
    void anUpdateMayChangeTheCaseOfItsOwnLabel() {
        VenueAccount main = binance(workspace, "Main");
        accounts.create(main);
        accounts.update(edited(main, "MAIN"));
        assertThat(accounts.find(workspace, main.id()).orElseThrow().label()).isEqualTo("MAIN");
    }

    @Test
    void updatingOrSyncingAnUnknownAccountIsNotFound() {
        VenueAccount never = binance(workspace, "Never stored");
        assertThatThrownBy(() -> accounts.update(never)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> accounts.recordSync(workspace, never.id(), SyncState.connected(T0))).isInstanceOf(NotFound.class);
    }

    @Test
    void recordSyncChangesOnlyTheSyncState() {
        VenueAccount account = binance(workspace, "Main");
        accounts.create(account);
        for (SyncState sync : List.of(SyncState.never().syncing(), SyncState.connected(T0.plusSeconds(1)),
                SyncState.connected(T0.plusSeconds(1)).syncing(), SyncState.failed(T0.plusSeconds(2), "HTTP 503 from the venue"))) {
            accounts.recordSync(workspace, account.id(), sync);
            VenueAccount stored = accounts.find(workspace, account.id()).orElseThrow();
            assertThat(stored.sync()).isEqualTo(sync);
            assertThat(stored.label()).isEqualTo(account.label());
            assertThat(stored.updatedAt()).isEqualTo(account.updatedAt());
        }
    }

    @Test
    void timesAreKeptToTheMicrosecond() {
        VenueAccount account = binance(workspace, "Main");
        accounts.create(account);
        accounts.recordSync(workspace, account.id(), SyncState.connected(T0.plusNanos(999)));
        assertThat(accounts.find(workspace, account.id()).orElseThrow().sync().lastSyncAt()).isEqualTo(T0);
    }

    @Test
    void deleteRemovesTheAccountWithItsSnapshotsAndSaysWhetherThereWasOne() {
        VenueAccount account = binance(workspace, "Main");
        accounts.create(account);
        var snapshots = new JooqHoldingsSnapshots(database.db());
        snapshots.save(new HoldingsSnapshot(UUID.randomUUID(), workspace, account.id(), T0, List.of(
                new Holding(account.id(), BINANCE, AccountKind.SPOT, Asset.BTC, BigDecimal.ONE, BigDecimal.ZERO))));

        assertThat(accounts.delete(workspace, account.id())).isTrue();

        assertThat(accounts.find(workspace, account.id())).isEmpty();
        assertThat(snapshots.latest(workspace, account.id())).isEmpty();
        assertThat(accounts.delete(workspace, account.id())).isFalse();
        // the label is free again
        accounts.create(binance(workspace, "Main"));
    }

    @Test
    void anAccountWithOrdersOrPositionsIsNotDeletedButKeptForItsHistory() {
        VenueAccount withOrder = binance(workspace, "With order");
        VenueAccount withPosition = binance(workspace, "With position");
        accounts.create(withOrder);
        accounts.create(withPosition);
        Instrument btc = Instrument.spot("BTC", "USDT");
        new JooqOrders(database.db()).save(workspace, Order.create(new OrderId(UUID.randomUUID()), new ClientOrderId("c-1"),
                withOrder.id(), btc, OrderSide.BUY, OrderType.MARKET, OrderSize.quantity(BigDecimal.ONE), null, null, null,
                TimeInForce.IOC, T0));
        new JooqPositions(database.db()).upsert(workspace, Position.flat(withPosition.id(), btc));

        assertThatThrownBy(() -> accounts.delete(workspace, withOrder.id())).isInstanceOf(Conflict.class).hasMessageContaining("deactivate");
        assertThatThrownBy(() -> accounts.delete(workspace, withPosition.id())).isInstanceOf(Conflict.class);
        assertThat(accounts.find(workspace, withOrder.id())).isPresent();
        assertThat(accounts.find(workspace, withPosition.id())).isPresent();
    }

    @Test
    void anotherWorkspaceNeverSeesNorChangesAnAccount() {
        WorkspaceId other = newWorkspace();
        VenueAccount mine = binance(workspace, "Mine");
        VenueAccount theirs = binance(other, "Theirs");
        accounts.create(mine);
        accounts.create(theirs);

        assertThat(accounts.find(other, mine.id())).isEmpty();
        assertThat(accounts.listAll(other)).containsExactly(theirs);
        assertThat(accounts.listActive(other)).containsExactly(theirs);
        assertThat(accounts.listAll(workspace)).containsExactly(mine);

        // an update names its workspace in the account: the same id under another workspace finds nothing
        VenueAccount hijack = new VenueAccount(mine.id(), other, BINANCE, "Hijacked", Environment.LIVE, null,
                Set.of(Permission.READ), true, null, null, SyncState.never(), T0, T0.plusSeconds(1));
        assertThatThrownBy(() -> accounts.update(hijack)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> accounts.recordSync(other, mine.id(), SyncState.failed(T0, "x"))).isInstanceOf(NotFound.class);
        assertThat(accounts.delete(other, mine.id())).isFalse();

        assertThat(accounts.find(workspace, mine.id())).contains(mine);
    }

    @Test
    void aTransactionThatThrowsLeavesNoAccountBehind() {
        VenueAccount account = binance(workspace, "Doomed");
        assertThatThrownBy(() -> database.transactions().inTransaction(() -> {
            accounts.create(account);
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(accounts.find(workspace, account.id())).isEmpty();
    }

    @Test
    void theScheduledSyncFindsEveryWorkspaceWithAnActiveAccountAndNoOther() {
        var accounts = new JooqVenueAccounts(database.db());
        WorkspaceId active = newWorkspace();
        WorkspaceId idle = newWorkspace();
        accounts.create(VenueAccountFixtures.binance(active, "on"));
        VenueAccount off = VenueAccountFixtures.binance(idle, "off");
        accounts.create(off);
        accounts.update(new VenueAccount(off.id(), off.workspace(), off.venue(), off.label(), off.environment(), off.baseUrl(),
                off.permissions(), false, off.apiKeyHint(), off.credentials(), off.sync(), off.createdAt(), off.updatedAt()));

        List<WorkspaceId> found = accounts.workspacesWithActiveAccounts();

        org.assertj.core.api.Assertions.assertThat(found).contains(active).doesNotContain(idle);
    }
}
