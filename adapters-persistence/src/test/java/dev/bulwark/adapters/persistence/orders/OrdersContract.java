package dev.bulwark.adapters.persistence.orders;

import static dev.bulwark.adapters.persistence.orders.OrderFixtures.BTC_USDT;
import static dev.bulwark.adapters.persistence.orders.OrderFixtures.BTC_USDT_PERP;
import static dev.bulwark.adapters.persistence.orders.OrderFixtures.d;
import static dev.bulwark.adapters.persistence.orders.OrderFixtures.fill;
import static dev.bulwark.adapters.persistence.orders.OrderFixtures.limitBuy;
import static dev.bulwark.adapters.persistence.orders.OrderFixtures.limitSell;
import static dev.bulwark.adapters.persistence.venues.VenueAccountFixtures.storedAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.adapters.persistence.testing.StoreContract;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.money.Money;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.money.Decimals;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderId;
import dev.bulwark.domain.orders.OrderSize;
import dev.bulwark.domain.orders.OrderStatus;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.orders.TimeInForce;
import dev.bulwark.domain.orders.TrailingOffset;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.ports.driven.orders.FillTotal;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.NotFound;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

abstract class OrdersContract extends StoreContract {
    JooqOrders orders;
    WorkspaceId workspace;
    VenueAccountId account;

    @BeforeEach
    void setUp() {
        orders = new JooqOrders(database.db());
        workspace = newWorkspace();
        account = storedAccount(database, workspace).id();
    }

    Order saved(Order order) {
        orders.save(workspace, order);
        return order;
    }

    @Test
    void everyKindOfOrderReadsBackEqual() {
        List<Order> kinds = List.of(
                limitBuy(account, "limit", "0.12345678", T0),
                Order.create(new OrderId(UUID.randomUUID()), new ClientOrderId("market-quote"), account, BTC_USDT,
                        OrderSide.BUY, OrderType.MARKET, OrderSize.quoteAmount(d("250.50")), null, null, null, TimeInForce.IOC, T0),
                Order.create(new OrderId(UUID.randomUUID()), new ClientOrderId("stop-limit"), account, BTC_USDT_PERP,
                        OrderSide.SELL, OrderType.STOP_LIMIT, OrderSize.quantity(d("2")), d("39000.5"), d("39100"), null,
                        TimeInForce.FOK, T0),
                Order.create(new OrderId(UUID.randomUUID()), new ClientOrderId("trail-pct"), account, BTC_USDT,
                        OrderSide.SELL, OrderType.TRAILING_STOP, OrderSize.quantity(d("1")), null, d("41000"),
                        new TrailingOffset.ByPercent(d("1.5")), TimeInForce.GTC, T0),
                Order.create(new OrderId(UUID.randomUUID()), new ClientOrderId("trail-amt"), account, BTC_USDT,
                        OrderSide.SELL, OrderType.TRAILING_STOP, OrderSize.quantity(d("1")), null, null,
                        new TrailingOffset.ByAmount(d("250")), TimeInForce.GTC, T0),
                new Order(new OrderId(UUID.randomUUID()), new ClientOrderId("part"), account, BTC_USDT, OrderSide.BUY,
                        OrderType.LIMIT, OrderSize.quantity(d("3")), d("40000"), null, null, TimeInForce.GTC,
                        OrderStatus.PARTIALLY_FILLED, d("1.000000000000000001"), d("39999.123456789012345678"), T0,
                        T0.plusSeconds(3)));
        kinds.forEach(this::saved);
        for (Order order : kinds) {
            assertThat(orders.find(workspace, order.id())).contains(order);
        }
    }

    @Test
    void anUnknownOrderIsEmpty() {
        assertThat(orders.find(workspace, new OrderId(UUID.randomUUID()))).isEmpty();
        assertThat(orders.findByClientOrderId(workspace, account, new ClientOrderId("nope"))).isEmpty();
    }

    @Test
    void anOrderIsFoundByItsAccountAndClientOrderId() {
        Order order = saved(limitBuy(account, "sig-42", "1", T0));
        VenueAccountId other = storedAccount(database, workspace).id();
        assertThat(orders.findByClientOrderId(workspace, account, new ClientOrderId("sig-42"))).contains(order);
        assertThat(orders.findByClientOrderId(workspace, other, new ClientOrderId("sig-42"))).isEmpty();
    }

    @Test
    void aSecondOrderWithTheSameClientOrderIdOnTheSameAccountIsAConflict() {
        Order first = saved(limitBuy(account, "sig-1", "1", T0));
        assertThatThrownBy(() -> orders.save(workspace, limitBuy(account, "sig-1", "2", T0.plusSeconds(1))))
                .isInstanceOf(Conflict.class).hasMessageContaining("sig-1");
        assertThat(orders.findByClientOrderId(workspace, account, new ClientOrderId("sig-1"))).contains(first);
        assertThat(orders.listOpen(workspace, account)).containsExactly(first);
    }

    @Test
    void theSameClientOrderIdOnAnotherAccountIsFine() {
        VenueAccountId other = storedAccount(database, workspace).id();
        saved(limitBuy(account, "sig-1", "1", T0));
        Order onOther = saved(limitBuy(other, "sig-1", "1", T0));
        assertThat(orders.findByClientOrderId(workspace, other, new ClientOrderId("sig-1"))).contains(onOther);
    }

    @Test
    void concurrentSavesOfOneIntentStoreExactlyOneOrder() throws Exception {
        int writers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Callable<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                Order attempt = limitBuy(account, "sig-race", "1", T0);
                attempts.add(() -> {
                    try {
                        database.transactions().inTransaction(() -> orders.save(workspace, attempt));
                        return true;
                    } catch (Conflict conflict) {
                        return false;
                    }
                });
            }
            long stored = 0;
            for (Future<Boolean> result : pool.invokeAll(attempts)) {
                stored += result.get() ? 1 : 0;
            }
            assertThat(stored).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(orders.listOpen(workspace, account)).hasSize(1);
    }

    @Test
    void aSecondOrderWithTheSameIdIsAConflict() {
        Order first = saved(limitBuy(account, "a", "1", T0));
        Order sameId = new Order(first.id(), new ClientOrderId("b"), account, BTC_USDT, OrderSide.BUY, OrderType.LIMIT,
                OrderSize.quantity(d("1")), d("40000"), null, null, TimeInForce.GTC, OrderStatus.NEW, d("0"), null, T0, T0);
        assertThatThrownBy(() -> orders.save(workspace, sameId)).isInstanceOf(Conflict.class);
    }

    @Test
    void anOrderOnAnUnknownAccountIsNotFound() {
        assertThatThrownBy(() -> orders.save(workspace, limitBuy(new VenueAccountId(UUID.randomUUID()), "x", "1", T0)))
                .isInstanceOf(NotFound.class);
    }

    @Test
    void aNumberThatWouldBeRoundedIsRefused() {
        Order tooFine = limitBuy(account, "fine", "0.0000000000000000001", T0);
        assertThatThrownBy(() -> orders.save(workspace, tooFine)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exactly");
        Order tooBig = limitBuy(account, "big", "123456789012345678901", T0);
        assertThatThrownBy(() -> orders.save(workspace, tooBig)).isInstanceOf(IllegalArgumentException.class);
        assertThat(orders.listOpen(workspace, account)).isEmpty();
    }

    @Test
    void anUpdateFromTheStateReadIsStored() {
        Order order = saved(limitBuy(account, "u", "2", T0));
        Fill first = fill(order, "t1", "39990", "0.5", T0.plusSeconds(1));
        Order partly = order.transitionTo(OrderStatus.ACCEPTED, T0.plusNanos(500_000)).apply(first);

        orders.update(workspace, order, partly);
        assertThat(orders.find(workspace, order.id())).contains(partly);

        Order done = partly.apply(fill(partly, "t2", "40000", "1.5", T0.plusSeconds(2)));
        orders.update(workspace, partly, done);
        assertThat(orders.find(workspace, order.id())).contains(done);
        assertThat(done.status()).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void aStaleUpdateIsRefusedAndChangesNothing() {
        Order order = saved(limitBuy(account, "s", "2", T0));
        Order accepted = order.transitionTo(OrderStatus.ACCEPTED, T0.plusSeconds(1));
        orders.update(workspace, order, accepted);

        // a second writer that read the order before the first wrote
        Order cancelled = order.transitionTo(OrderStatus.CANCELLED, T0.plusSeconds(2));
        assertThatThrownBy(() -> orders.update(workspace, order, cancelled)).isInstanceOf(Conflict.class);
        assertThat(orders.find(workspace, order.id())).contains(accepted);
    }

    @Test
    void aStaleUpdateIsRefusedEvenWhenUpdatedAtDidNotMove() {
        // a late report leaves updatedAt where it was, so a timestamp alone could not tell the two writers apart
        Order order = saved(limitBuy(account, "late", "2", T0.plusSeconds(10)));
        Order firstWriter = order.apply(fill(order, "t1", "40000", "1", T0.plusSeconds(5)));
        Order secondWriter = order.apply(fill(order, "t2", "40000", "0.5", T0.plusSeconds(6)));
        assertThat(firstWriter.updatedAt()).isEqualTo(order.updatedAt());

        orders.update(workspace, order, firstWriter);
        assertThatThrownBy(() -> orders.update(workspace, order, secondWriter)).isInstanceOf(Conflict.class);
        assertThat(orders.find(workspace, order.id())).contains(firstWriter);
    }

    @Test
    void anUpdateFromAReadWithNanosecondsComparesWhatWasStored() {
        Order order = saved(limitBuy(account, "nanos", "1", T0.plusNanos(123)));
        Order read = orders.find(workspace, order.id()).orElseThrow();
        orders.update(workspace, order, order.transitionTo(OrderStatus.ACCEPTED, T0.plusSeconds(1)));
        assertThat(orders.find(workspace, read.id()).orElseThrow().status()).isEqualTo(OrderStatus.ACCEPTED);
    }

    @Test
    void anUpdateMayNotChangeWhatTheOrderIs() {
        Order order = saved(limitBuy(account, "same", "1", T0));
        Order otherPrice = new Order(order.id(), order.clientOrderId(), account, BTC_USDT, OrderSide.BUY, OrderType.LIMIT,
                OrderSize.quantity(d("1")), d("41000"), null, null, TimeInForce.GTC, OrderStatus.ACCEPTED, d("0"), null,
                T0, T0.plusSeconds(1));
        assertThatThrownBy(() -> orders.update(workspace, order, otherPrice)).isInstanceOf(IllegalArgumentException.class);
        Order otherOrder = limitBuy(account, "same", "1", T0);
        assertThatThrownBy(() -> orders.update(workspace, order, otherOrder)).isInstanceOf(IllegalArgumentException.class);
        assertThat(orders.find(workspace, order.id())).contains(order);
    }

    @Test
    void updatingAnUnknownOrderIsNotFound() {
        Order never = limitBuy(account, "never", "1", T0);
        assertThatThrownBy(() -> orders.update(workspace, never, never.transitionTo(OrderStatus.ACCEPTED, T0)))
                .isInstanceOf(NotFound.class);
    }

    @Test
    void listOpenGivesTheAccountsNonTerminalOrdersOldestFirst() {
        Order newer = saved(limitBuy(account, "o3", "1", T0.plusSeconds(3)));
        Order older = saved(limitBuy(account, "o1", "1", T0.plusSeconds(1)));
        Order partly = saved(limitBuy(account, "o2", "2", T0.plusSeconds(2)));
        Order partlyNow = partly.apply(fill(partly, "p", "40000", "1", T0.plusSeconds(4)));
        orders.update(workspace, partly, partlyNow);
        Order done = saved(limitBuy(account, "o4", "1", T0));
        orders.update(workspace, done, done.apply(fill(done, "d", "40000", "1", T0.plusSeconds(5))));
        Order cancelled = saved(limitBuy(account, "o5", "1", T0));
        orders.update(workspace, cancelled, cancelled.transitionTo(OrderStatus.CANCELLED, T0.plusSeconds(5)));
        saved(limitBuy(storedAccount(database, workspace).id(), "elsewhere", "1", T0));

        assertThat(orders.listOpen(workspace, account)).containsExactly(older, partlyNow, newer);
    }

    @Test
    void aFillIsStoredOnceHoweverOftenItIsReported() {
        Order order = saved(limitBuy(account, "f", "2", T0));
        Fill first = fill(order, "trade-1", "40000", "0.5", T0.plusSeconds(1));

        assertThat(orders.addFill(workspace, first)).isTrue();
        assertThat(orders.addFill(workspace, first)).isFalse();
        // the same trade id reported with other numbers is still the same trade: the first report stands
        Fill garbled = new Fill("trade-1", order.id(), BTC_USDT, OrderSide.BUY, d("1"), d("9"), Money.of("0", "USDT"), T0);
        assertThat(orders.addFill(workspace, garbled)).isFalse();

        assertThat(orders.fills(workspace, order.id())).containsExactly(first);
    }

    @Test
    void addingADuplicateFillInsideATransactionLeavesTheTransactionUsable() {
        Order order = saved(limitBuy(account, "tx", "2", T0));
        Fill fill = fill(order, "trade-1", "40000", "0.5", T0.plusSeconds(1));
        orders.addFill(workspace, fill);

        Order after = database.transactions().inTransaction(() -> {
            assertThat(orders.addFill(workspace, fill)).isFalse();
            // on PostgreSQL a failed statement would have aborted the transaction; this write must still work
            Order applied = order.apply(fill);
            orders.update(workspace, order, applied);
            return applied;
        });
        assertThat(orders.find(workspace, order.id())).contains(after);
    }

    @Test
    void theSameTradeIdOnAnotherOrderIsAnotherFill() {
        Order one = saved(limitBuy(account, "one", "1", T0));
        Order two = saved(limitBuy(account, "two", "1", T0));
        assertThat(orders.addFill(workspace, fill(one, "7", "40000", "1", T0))).isTrue();
        assertThat(orders.addFill(workspace, fill(two, "7", "40000", "1", T0))).isTrue();
    }

    @Test
    void fillsOfAnOrderComeInTheOrderTheyHappened() {
        Order order = saved(limitBuy(account, "seq", "3", T0));
        Fill late = fill(order, "b", "40000", "1", T0.plusSeconds(3));
        Fill early = fill(order, "z", "40000", "1", T0.plusSeconds(1));
        Fill sameTimeAsLate = fill(order, "a", "40000", "1", T0.plusSeconds(3));
        orders.addFill(workspace, late);
        orders.addFill(workspace, early);
        orders.addFill(workspace, sameTimeAsLate);
        assertThat(orders.fills(workspace, order.id())).containsExactly(early, sameTimeAsLate, late);
    }

    @Test
    void aFillKeepsExactNumbersAndItsFeeAsset() {
        Order order = saved(limitBuy(account, "exact", "1", T0));
        Fill fill = new Fill("x-1", order.id(), BTC_USDT, OrderSide.BUY, d("39999.999999999999999999"),
                d("0.000000000000000001"), Money.of("12345678901234567890.000000000000000001", "USDT"), T0);
        orders.addFill(workspace, fill);
        assertThat(orders.fills(workspace, order.id())).containsExactly(fill);
    }

    @Test
    void aFillOfAnUnknownOrderIsNotFoundAndAnOverlongTradeIdIsRefused() {
        Order never = limitBuy(account, "never", "1", T0);
        assertThatThrownBy(() -> orders.addFill(workspace, fill(never, "t", "1", "1", T0))).isInstanceOf(NotFound.class);
        Order order = saved(limitBuy(account, "long", "1", T0));
        assertThatThrownBy(() -> orders.addFill(workspace, fill(order, "t".repeat(129), "1", "1", T0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(orders.addFill(workspace, fill(order, "t".repeat(128), "1", "1", T0))).isTrue();
    }

    @Test
    void recentFillsAreTheAccountsNewestFirstUpToTheLimit() {
        Order one = saved(limitBuy(account, "r1", "5", T0));
        Order two = saved(limitBuy(account, "r2", "5", T0));
        Order elsewhere = saved(limitBuy(storedAccount(database, workspace).id(), "r3", "5", T0));
        List<Fill> fills = List.of(
                fill(one, "1", "40000", "1", T0.plusSeconds(1)),
                fill(two, "2", "40000", "1", T0.plusSeconds(2)),
                fill(one, "3", "40000", "1", T0.plusSeconds(3)),
                fill(two, "4", "40000", "1", T0.plusSeconds(4)));
        fills.forEach(f -> orders.addFill(workspace, f));
        orders.addFill(workspace, fill(elsewhere, "5", "40000", "1", T0.plusSeconds(9)));

        assertThat(orders.recentFills(workspace, account, 3)).containsExactly(fills.get(3), fills.get(2), fills.get(1));
        assertThat(orders.recentFills(workspace, account, 100)).hasSize(4);
        assertThatThrownBy(() -> orders.recentFills(workspace, account, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fillTotalsSumTheAccountsFillsSinceATimePerInstrumentAndSide() {
        Order buy = saved(limitBuy(account, "t1", "5", T0));
        Order sell = saved(limitSell(account, "t2", "5", T0));
        Order elsewhere = saved(limitBuy(storedAccount(database, workspace).id(), "t3", "5", T0));
        orders.addFill(workspace, fill(buy, "before", "39000", "1", T0.minusSeconds(1)));
        orders.addFill(workspace, fill(buy, "b1", "40000", "0.5", T0));
        orders.addFill(workspace, fill(buy, "b2", "40001.5", "0.25", T0.plusSeconds(1)));
        orders.addFill(workspace, fill(sell, "s1", "41000", "0.1", T0.plusSeconds(2)));
        orders.addFill(workspace, fill(elsewhere, "x", "40000", "1", T0.plusSeconds(3)));

        assertThat(orders.fillTotals(workspace, account, T0)).containsExactlyInAnyOrder(
                new FillTotal(buy.instrument(), OrderSide.BUY, d("0.75"), d("30000.375"), 2),
                new FillTotal(sell.instrument(), OrderSide.SELL, d("0.1"), d("4100"), 1));
        assertThat(orders.fillTotals(workspace, account, T0.plusSeconds(10))).isEmpty();
        assertThat(orders.fillTotals(newWorkspace(), account, T0)).isEmpty();
    }

    @Test
    void fillTotalsFromADaysStartReadTheKeptTotalsWhichCountEachFillOnceAndMatchTheFills() {
        Instant day = T0.truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        Order buy = saved(limitBuy(account, "k1", "50", day));
        Order sell = saved(limitSell(account, "k2", "50", day));
        orders.addFill(workspace, fill(buy, "yesterday", "39000", "1", day.minusNanos(1000)));
        orders.addFill(workspace, fill(buy, "b1", "40000", "0.5", day));
        orders.addFill(workspace, fill(buy, "b2", "40001.123456789", "0.333333333333", day.plusSeconds(60)));
        orders.addFill(workspace, fill(sell, "s1", "41000", "0.1", day.plusSeconds(120)));
        // the same fill again (a venue reporting it twice): stored once, counted once
        assertThat(orders.addFill(workspace, fill(buy, "b1", "40000", "0.5", day))).isFalse();
        orders.addFill(workspace, fill(buy, "tomorrow", "42000", "2", day.plus(java.time.Duration.ofDays(1))));

        List<FillTotal> kept = orders.fillTotals(workspace, account, day);
        // b2's notional has 21 decimal places: kept to 18, rounded half-even
        assertThat(kept).containsExactlyInAnyOrder(
                new FillTotal(buy.instrument(), OrderSide.BUY, d("2.833333333333"), Decimals.normalize(d("20000")
                        .add(d("40001.123456789").multiply(d("0.333333333333")).setScale(18, RoundingMode.HALF_EVEN))
                        .add(d("84000"))), 3),
                new FillTotal(sell.instrument(), OrderSide.SELL, d("0.1"), d("4100"), 1));
        // from a moment that is not a day's start: the fills themselves, summed exactly
        assertThat(orders.fillTotals(workspace, account, day.plusSeconds(1))).containsExactlyInAnyOrder(
                new FillTotal(buy.instrument(), OrderSide.BUY, d("2.333333333333"),
                        Decimals.normalize(d("40001.123456789").multiply(d("0.333333333333")).add(d("84000"))), 2),
                new FillTotal(sell.instrument(), OrderSide.SELL, d("0.1"), d("4100"), 1));
        assertThat(orders.fillTotals(workspace, account, day.plus(java.time.Duration.ofDays(2)))).isEmpty();
        assertThat(orders.fillTotals(newWorkspace(), account, day)).isEmpty();
    }

    @Test
    void fillTotalsOfSeveralAccountsAreEachAccountsOwnWhetherFromADaysStartOrNot() {
        Instant day = T0.truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(java.time.Duration.ofDays(3));
        VenueAccountId second = storedAccount(database, workspace).id();
        VenueAccountId idle = storedAccount(database, workspace).id();
        Order buy = saved(limitBuy(account, "m1", "50", day));
        Order sell = saved(limitSell(account, "m2", "50", day));
        Order secondBuy = saved(limitBuy(second, "m3", "50", day));
        orders.addFill(workspace, fill(buy, "yesterday", "39000", "1", day.minusNanos(1000)));
        orders.addFill(workspace, fill(buy, "b1", "40000", "0.5", day));
        orders.addFill(workspace, fill(sell, "s1", "41000", "0.1", day.plusSeconds(60)));
        orders.addFill(workspace, fill(secondBuy, "c1", "40500", "2", day.plusSeconds(30)));
        orders.addFill(workspace, fill(secondBuy, "c2", "40600", "1", day.plusSeconds(90)));

        for (Instant since : List.of(day, day.plusSeconds(45))) {
            Map<VenueAccountId, List<FillTotal>> all = orders.fillTotalsOf(workspace, List.of(second, account, idle), since);
            assertThat(all.keySet()).as("every account asked for").containsExactlyInAnyOrder(second, account, idle);
            for (VenueAccountId each : List.of(account, second, idle)) {
                assertThat(all.get(each)).as("%s since %s", each, since)
                        .containsExactlyInAnyOrderElementsOf(orders.fillTotals(workspace, each, since));
            }
        }
        assertThat(orders.fillTotalsOf(workspace, List.of(account), day).get(account)).hasSize(2);
        assertThat(orders.fillTotalsOf(newWorkspace(), List.of(account), day).get(account)).isEmpty();
        assertThat(orders.fillTotalsOf(workspace, List.of(), day)).isEmpty();
    }

    @Test
    void aFirstFillOfADayAddedWhileAnotherIsUncommittedIsCountedToo() throws Exception {
        // the first writer inserts the day's totals row and holds its transaction open while the second adds a fill
        // of the same day: on H2, whose upsert is a MERGE without a lock, the second one's insert meets the first's row
        Instant at = T0.truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(java.time.Duration.ofDays(30));
        Order first = saved(limitBuy(account, "hold-1", "1", at));
        Order second = saved(limitBuy(account, "hold-2", "1", at));
        java.util.concurrent.CountDownLatch inserted = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch secondStarted = new java.util.concurrent.CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Boolean> holder = pool.submit(() -> database.transactions().inTransaction(() -> {
                boolean added = orders.addFill(workspace, fill(first, "h1", "40000", "0.5", at));
                inserted.countDown();
                try {
                    assertThat(secondStarted.await(1, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
                    awaitASessionWaitingForALock(); // the second writer's statement met the uncommitted row
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return added;
            }));
            assertThat(inserted.await(1, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
            Future<Boolean> other = pool.submit(() -> {
                secondStarted.countDown();
                return database.transactions().inTransaction(() -> orders.addFill(workspace,
                        fill(second, "h2", "40000", "0.25", at)));
            });
            assertThat(holder.get(1, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
            assertThat(other.get(1, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        } finally {
            pool.shutdownNow();
        }
        assertThat(orders.fillTotals(workspace, account, at)).singleElement().satisfies(total -> {
            assertThat(total.fills()).isEqualTo(2);
            assertThat(total.quantity()).isEqualByComparingTo(d("0.75"));
        });
    }

    @Test
    void anotherWorkspaceNeverSeesNorChangesAnOrderOrItsFills() {
        WorkspaceId other = newWorkspace();
        VenueAccountId theirAccount = storedAccount(database, other).id();
        Order mine = saved(limitBuy(account, "mine", "2", T0));
        Fill myFill = fill(mine, "m1", "40000", "1", T0.plusSeconds(1));
        orders.addFill(workspace, myFill);
        Order theirs = limitBuy(theirAccount, "theirs", "1", T0);
        orders.save(other, theirs);

        assertThat(orders.find(other, mine.id())).isEmpty();
        assertThat(orders.findByClientOrderId(other, account, mine.clientOrderId())).isEmpty();
        assertThat(orders.listOpen(other, account)).isEmpty();
        assertThat(orders.fills(other, mine.id())).isEmpty();
        assertThat(orders.recentFills(other, account, 10)).isEmpty();
        assertThat(orders.listOpen(workspace, theirAccount)).isEmpty();

        assertThatThrownBy(() -> orders.update(other, mine, mine.transitionTo(OrderStatus.CANCELLED, T0.plusSeconds(2))))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> orders.addFill(other, fill(mine, "m2", "40000", "1", T0))).isInstanceOf(NotFound.class);
        // an order of theirs placed on my account, or of mine on theirs: neither account is there to be found
        assertThatThrownBy(() -> orders.save(other, limitBuy(account, "sneak", "1", T0))).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> orders.save(workspace, limitBuy(theirAccount, "sneak", "1", T0))).isInstanceOf(NotFound.class);

        assertThat(orders.find(workspace, mine.id())).contains(mine);
        assertThat(orders.fills(workspace, mine.id())).containsExactly(myFill);
        assertThat(orders.find(other, theirs.id())).contains(theirs);
    }
}
