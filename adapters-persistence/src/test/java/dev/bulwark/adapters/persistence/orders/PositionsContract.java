package dev.bulwark.adapters.persistence.orders;

import static dev.bulwark.adapters.persistence.orders.OrderFixtures.BTC_USDT;
import static dev.bulwark.adapters.persistence.orders.OrderFixtures.BTC_USDT_PERP;
import static dev.bulwark.adapters.persistence.orders.OrderFixtures.ETH_USDT;
import static dev.bulwark.adapters.persistence.orders.OrderFixtures.d;
import static dev.bulwark.adapters.persistence.venues.VenueAccountFixtures.storedAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.adapters.persistence.testing.StoreContract;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.money.Money;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.OrderId;
import dev.bulwark.domain.positions.Position;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.ports.errors.NotFound;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

abstract class PositionsContract extends StoreContract {
    JooqPositions positions;
    WorkspaceId workspace;
    VenueAccountId account;

    @BeforeEach
    void setUp() {
        positions = new JooqPositions(database.db());
        workspace = newWorkspace();
        account = storedAccount(database, workspace).id();
    }

    static Position position(VenueAccountId account, Instrument instrument, String quantity, String basis, String pnl, String leverage) {
        return new Position(account, instrument, d(quantity), new Money(d(basis), instrument.quote()),
                new Money(d(pnl), instrument.quote()), d(leverage));
    }

    static Position after(Position position, OrderSide side, String price, String quantity) {
        return position.apply(new Fill(UUID.randomUUID().toString(), new OrderId(UUID.randomUUID()), position.instrument(),
                side, d(price), d(quantity), Money.of("0", "USDT"), T0)).position();
    }

    @Test
    void aPositionReadsBackEqualWithExactNumbers() {
        Position shortPerp = position(account, BTC_USDT_PERP, "-0.000000000000000001", "0.04", "-12345678901234567890.123456789012345678", "12.5");
        positions.upsert(workspace, shortPerp);
        assertThat(positions.find(workspace, account, BTC_USDT_PERP)).contains(shortPerp);
    }

    @Test
    void lockForChangeIsTheStoredPositionOrAFlatOneAndAStrangerIsNotFound() {
        assertThat(positions.lockForChange(workspace, account, BTC_USDT)).isEqualTo(Position.flat(account, BTC_USDT));
        Position held = after(Position.flat(account, BTC_USDT), OrderSide.BUY, "40000", "0.5");
        positions.upsert(workspace, held);
        assertThat(positions.lockForChange(workspace, account, BTC_USDT)).isEqualTo(held);
        assertThatThrownBy(() -> positions.lockForChange(newWorkspace(), account, BTC_USDT)).isInstanceOf(NotFound.class);
    }

    @Test
    void twoWritersApplyingFillsUnderTheLockLoseNeitherFill() throws Exception {
        int writers = 4;
        int fillsEach = 10;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        try {
            var results = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (int w = 0; w < writers; w++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < fillsEach; i++) {
                        database.transactions().inTransaction(() -> {
                            Position locked = positions.lockForChange(workspace, account, BTC_USDT);
                            positions.upsert(workspace, after(locked, OrderSide.BUY, "40000", "0.01"));
                            return null;
                        });
                    }
                }));
            }
            for (var result : results) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(positions.find(workspace, account, BTC_USDT).orElseThrow().quantity())
                .isEqualByComparingTo(d("0.01").multiply(java.math.BigDecimal.valueOf((long) writers * fillsEach)));
    }

    @Test
    void anUnknownPositionIsEmpty() {
        assertThat(positions.find(workspace, account, BTC_USDT)).isEmpty();
    }

    @Test
    void upsertReplacesTheAccountsPositionInThatInstrument() {
        Position open = after(Position.flat(account, BTC_USDT), OrderSide.BUY, "40000", "2");
        positions.upsert(workspace, open);
        Position reduced = after(open, OrderSide.SELL, "41000", "0.5");
        positions.upsert(workspace, reduced);
        Position closed = after(reduced, OrderSide.SELL, "42000", "1.5");
        positions.upsert(workspace, closed);

        // flat, and kept for the P&L it realized
        assertThat(positions.find(workspace, account, BTC_USDT)).contains(closed);
        assertThat(closed.isFlat()).isTrue();
        assertThat(closed.realizedPnl()).isEqualTo(Money.of("3500", "USDT"));
    }

    @Test
    void instrumentsOnDifferentMarketsAreDifferentPositions() {
        Position spot = position(account, BTC_USDT, "1", "40000", "0", "1");
        Position perp = position(account, BTC_USDT_PERP, "-1", "40000", "0", "5");
        positions.upsert(workspace, spot);
        positions.upsert(workspace, perp);
        assertThat(positions.find(workspace, account, BTC_USDT)).contains(spot);
        assertThat(positions.find(workspace, account, BTC_USDT_PERP)).contains(perp);
    }

    @Test
    void listOpenLeavesOutFlatPositionsAndOrdersByInstrument() {
        Position perp = position(account, BTC_USDT_PERP, "-1", "40000", "0", "5");
        Position eth = position(account, ETH_USDT, "3", "6000", "0", "1");
        Position btc = position(account, BTC_USDT, "1", "40000", "0", "1");
        Position flat = position(account, Instrument.spot("SOL", "USDT"), "0", "0", "12", "1");
        for (Position p : List.of(eth, flat, perp, btc)) {
            positions.upsert(workspace, p);
        }
        VenueAccountId second = storedAccount(database, workspace).id();
        Position secondBtc = position(second, BTC_USDT, "2", "80000", "0", "1");
        positions.upsert(workspace, secondBtc);

        assertThat(positions.listOpen(workspace, account)).containsExactly(btc, perp, eth);

        List<Position> expected = List.of(btc, perp, eth, secondBtc).stream()
                .sorted(Comparator.comparing((Position p) -> p.account().value().toString())) // as both engines order UUIDs
                .toList();
        assertThat(positions.listOpen(workspace)).containsExactlyElementsOf(expected);
    }

    @Test
    void listOpenOfReadsSeveralAccountsAtOnceAsEachAlone() {
        VenueAccountId second = storedAccount(database, workspace).id();
        VenueAccountId idle = storedAccount(database, workspace).id();
        Position eth = position(account, ETH_USDT, "3", "6000", "0", "1");
        Position btc = position(account, BTC_USDT, "1", "40000", "0", "1");
        Position flat = position(second, ETH_USDT, "0", "0", "5", "1");
        Position secondBtc = position(second, BTC_USDT, "2", "80000", "0", "1");
        for (Position p : List.of(eth, btc, flat, secondBtc)) {
            positions.upsert(workspace, p);
        }
        WorkspaceId other = newWorkspace();
        VenueAccountId stranger = storedAccount(database, other).id();
        positions.upsert(other, position(stranger, BTC_USDT, "9", "1", "0", "1"));

        List<Position> expected = java.util.stream.Stream.of(account, second).sorted(Comparator.comparing(a -> a.value().toString()))
                .flatMap(a -> positions.listOpen(workspace, a).stream()).toList();
        assertThat(positions.listOpenOf(workspace, List.of(second, idle, account, second, stranger)))
                .as("each account's open positions, flat and other workspaces' left out").containsExactlyElementsOf(expected)
                .containsExactlyInAnyOrder(btc, eth, secondBtc);
        assertThat(positions.listOpenOf(workspace, List.of())).isEmpty();
    }

    @Test
    void aPositionOnAnUnknownAccountIsNotFound() {
        assertThatThrownBy(() -> positions.upsert(workspace, Position.flat(new VenueAccountId(UUID.randomUUID()), BTC_USDT)))
                .isInstanceOf(NotFound.class);
    }

    @Test
    void aNumberThatWouldBeRoundedIsRefused() {
        Position tooFine = position(account, BTC_USDT, "1", "40000.0000000000000000001", "0", "1");
        assertThatThrownBy(() -> positions.upsert(workspace, tooFine)).isInstanceOf(IllegalArgumentException.class);
        assertThat(positions.find(workspace, account, BTC_USDT)).isEmpty();
    }

    @Test
    void anotherWorkspaceNeverSeesNorWritesAPosition() {
        WorkspaceId other = newWorkspace();
        VenueAccountId theirs = storedAccount(database, other).id();
        Position mine = position(account, BTC_USDT, "1", "40000", "0", "1");
        Position theirPosition = position(theirs, ETH_USDT, "2", "6000", "0", "1");
        positions.upsert(workspace, mine);
        positions.upsert(other, theirPosition);

        assertThat(positions.find(other, account, BTC_USDT)).isEmpty();
        assertThat(positions.listOpen(other, account)).isEmpty();
        assertThat(positions.listOpen(other)).containsExactly(theirPosition);
        assertThat(positions.listOpen(workspace)).containsExactly(mine);
        assertThatThrownBy(() -> positions.upsert(other, position(account, BTC_USDT, "0", "0", "0", "1"))).isInstanceOf(NotFound.class);
        assertThat(positions.find(workspace, account, BTC_USDT)).contains(mine);
    }
}
