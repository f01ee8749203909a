package dev.bulwark.adapters.persistence.portfolio;

import static dev.bulwark.adapters.persistence.venues.VenueAccountFixtures.BINANCE;
import static dev.bulwark.adapters.persistence.venues.VenueAccountFixtures.storedAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.adapters.persistence.testing.StoreContract;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.portfolio.AccountKind;
import dev.bulwark.domain.portfolio.Holding;
import dev.bulwark.domain.portfolio.HoldingsSnapshot;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.NotFound;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

abstract class HoldingsSnapshotsContract extends StoreContract {
    JooqHoldingsSnapshots snapshots;
    WorkspaceId workspace;
    VenueAccountId account;

    @BeforeEach
    void setUp() {
        snapshots = new JooqHoldingsSnapshots(database.db());
        workspace = newWorkspace();
        account = storedAccount(database, workspace).id();
    }

    static Holding line(VenueAccountId account, AccountKind kind, String asset, String free, String locked) {
        return new Holding(account, BINANCE, kind, Asset.of(asset), new BigDecimal(free), new BigDecimal(locked));
    }

    static HoldingsSnapshot snapshot(WorkspaceId workspace, VenueAccountId account, Instant at, String btc) {
        return new HoldingsSnapshot(UUID.randomUUID(), workspace, account, at,
                List.of(line(account, AccountKind.SPOT, "BTC", btc, "0"), line(account, AccountKind.SPOT, "USDT", "100", "0")));
    }

    @Test
    void aSnapshotReadsBackEqualWithEveryLineAndExactAmounts() {
        var saved = new HoldingsSnapshot(UUID.randomUUID(), workspace, account, T0, List.of(
                line(account, AccountKind.SPOT, "BTC", "0.000000000000000001", "1.5"),
                line(account, AccountKind.SPOT, "USDT", "12345678901234567890.123456789012345678", "0"),
                line(account, AccountKind.FUTURES, "USDT", "250.10", "49.90"),
                line(account, AccountKind.SPOT, "ETH", "0", "0")));
        snapshots.save(saved);
        assertThat(snapshots.latest(workspace, account)).contains(saved);
    }

    @Test
    void anEmptySnapshotIsAPointToo() {
        var empty = new HoldingsSnapshot(UUID.randomUUID(), workspace, account, T0, List.of());
        snapshots.save(empty);
        assertThat(snapshots.latest(workspace, account)).contains(empty);
    }

    @Test
    void anAccountWithoutSnapshotsHasNoLatest() {
        assertThat(snapshots.latest(workspace, account)).isEmpty();
        assertThat(snapshots.latestOfEveryAccount(workspace)).isEmpty();
    }

    @Test
    void latestIsTheMostRecentlyTakenNotTheLastSaved() {
        var noon = snapshot(workspace, account, T0.plus(Duration.ofHours(4)), "2");
        var morning = snapshot(workspace, account, T0, "1");
        snapshots.save(noon);
        snapshots.save(morning);
        assertThat(snapshots.latest(workspace, account)).contains(noon);
    }

    @Test
    void latestOfEveryAccountGivesOnePerAccountOrderedByAccountId() {
        VenueAccountId second = storedAccount(database, workspace).id();
        VenueAccountId idle = storedAccount(database, workspace).id();
        var firstOld = snapshot(workspace, account, T0, "1");
        var firstNew = snapshot(workspace, account, T0.plusSeconds(60), "2");
        var secondOnly = snapshot(workspace, second, T0.plusSeconds(30), "3");
        snapshots.save(firstNew);
        snapshots.save(secondOnly);
        snapshots.save(firstOld);

        List<HoldingsSnapshot> latest = snapshots.latestOfEveryAccount(workspace);

        // UUIDs as both engines order them: by their bytes unsigned, which is their text
        List<HoldingsSnapshot> expected = List.of(firstNew, secondOnly).stream()
                .sorted(Comparator.comparing(s -> s.account().value().toString())).toList();
        assertThat(latest).containsExactlyElementsOf(expected);
        assertThat(latest).noneMatch(s -> s.account().equals(idle));
    }

    @Test
    void historyIsTheSnapshotsOfTheHalfOpenRangeOldestFirst() {
        List<HoldingsSnapshot> saved = List.of(
                snapshot(workspace, account, T0.plus(Duration.ofHours(3)), "4"),
                snapshot(workspace, account, T0, "1"),
                snapshot(workspace, account, T0.plus(Duration.ofHours(2)), "3"),
                snapshot(workspace, account, T0.plus(Duration.ofHours(1)), "2"));
        saved.forEach(snapshots::save);

        assertThat(snapshots.history(workspace, account, T0, T0.plus(Duration.ofHours(3))))
                .extracting(HoldingsSnapshot::takenAt)
                .containsExactly(T0, T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(2)));
        assertThat(snapshots.history(workspace, account, T0.minusSeconds(1), T0.plus(Duration.ofDays(1))))
                .containsExactly(saved.get(1), saved.get(3), saved.get(2), saved.get(0));
        assertThat(snapshots.history(workspace, account, T0, T0)).isEmpty();
        assertThatThrownBy(() -> snapshots.history(workspace, account, T0, T0.minusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void historyOfOneAccountHasNoneOfAnothers() {
        VenueAccountId other = storedAccount(database, workspace).id();
        snapshots.save(snapshot(workspace, other, T0, "9"));
        var mine = snapshot(workspace, account, T0, "1");
        snapshots.save(mine);
        assertThat(snapshots.history(workspace, account, T0, T0.plusSeconds(1))).containsExactly(mine);
    }

    @Test
    void aSecondSnapshotOfTheSameMomentOrIdIsAConflictAndLeavesNoLines() {
        var first = snapshot(workspace, account, T0, "1");
        snapshots.save(first);
        assertThatThrownBy(() -> snapshots.save(snapshot(workspace, account, T0, "2"))).isInstanceOf(Conflict.class);
        var sameId = new HoldingsSnapshot(first.id(), workspace, account, T0.plusSeconds(1), first.holdings());
        assertThatThrownBy(() -> snapshots.save(sameId)).isInstanceOf(Conflict.class);
        assertThat(snapshots.history(workspace, account, T0, T0.plusSeconds(10))).containsExactly(first);
    }

    @Test
    void aSnapshotOfAnUnknownAccountIsNotFound() {
        VenueAccountId unknown = new VenueAccountId(UUID.randomUUID());
        assertThatThrownBy(() -> snapshots.save(snapshot(workspace, unknown, T0, "1"))).isInstanceOf(NotFound.class);
    }

    @Test
    void anAmountThatWouldBeRoundedIsRefusedBeforeAnythingIsWritten() {
        var tooFine = new HoldingsSnapshot(UUID.randomUUID(), workspace, account, T0,
                List.of(line(account, AccountKind.SPOT, "BTC", "0.0000000000000000001", "0")));
        assertThatThrownBy(() -> snapshots.save(tooFine)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly");
        assertThat(snapshots.latest(workspace, account)).isEmpty();
    }

    @Test
    void anotherWorkspaceNeverSeesNorWritesASnapshot() {
        WorkspaceId other = newWorkspace();
        VenueAccountId theirs = storedAccount(database, other).id();
        var mine = snapshot(workspace, account, T0, "1");
        var theirSnapshot = snapshot(other, theirs, T0, "5");
        snapshots.save(mine);
        snapshots.save(theirSnapshot);

        assertThat(snapshots.latest(other, account)).isEmpty();
        assertThat(snapshots.history(other, account, T0.minusSeconds(1), T0.plusSeconds(1))).isEmpty();
        assertThat(snapshots.latestOfEveryAccount(other)).containsExactly(theirSnapshot);
        assertThat(snapshots.latestOfEveryAccount(workspace)).containsExactly(mine);
        // a snapshot claiming another workspace's account is refused: the account is not theirs to find
        assertThatThrownBy(() -> snapshots.save(snapshot(other, account, T0.plusSeconds(5), "7"))).isInstanceOf(NotFound.class);
        assertThat(snapshots.latest(workspace, account)).contains(mine);
    }
}
