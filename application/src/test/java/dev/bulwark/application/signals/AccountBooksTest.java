package dev.bulwark.application.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.money.Money;
import dev.bulwark.domain.positions.Position;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.ports.driven.bots.Bots;
import dev.bulwark.ports.driven.events.EventLog;
import dev.bulwark.ports.driven.jobs.JobQueue;
import dev.bulwark.ports.driven.market.MarketData;
import dev.bulwark.ports.driven.orders.FillTotal;
import dev.bulwark.ports.driven.orders.Orders;
import dev.bulwark.ports.driven.orders.Positions;
import dev.bulwark.ports.driven.signals.SignalJourneys;
import dev.bulwark.ports.driven.signals.Signals;
import dev.bulwark.ports.driven.storage.Transactions;
import dev.bulwark.ports.driven.risk.RiskProfiles;
import dev.bulwark.ports.driven.venues.VenueAccounts;
import dev.bulwark.ports.driven.venues.VenueConnector;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A batch reads its accounts' books once for all of them, and answers each account its own. */
class AccountBooksTest {
    private static final WorkspaceId WS = new WorkspaceId(new UUID(1, 1));
    private static final VenueAccountId A = new VenueAccountId(new UUID(2, 1));
    private static final VenueAccountId B = new VenueAccountId(new UUID(2, 2));
    private static final VenueAccountId C = new VenueAccountId(new UUID(2, 3));
    private static final Instrument BTC = Instrument.spot("BTC", "USDT");
    private static final Instant DAY = Instant.parse("2026-11-22T00:00:00Z");

    private final List<String> asked = new ArrayList<>();
    private final Map<VenueAccountId, List<Position>> open = Map.of(
            A, List.of(position(A, "1")), B, List.of(), C, List.of(position(C, "2")));
    private final Map<VenueAccountId, List<FillTotal>> totals = Map.of(
            A, List.of(new FillTotal(BTC, OrderSide.BUY, BigDecimal.ONE, new BigDecimal("40000"), 1)), B, List.of(),
            C, List.of(new FillTotal(BTC, OrderSide.SELL, BigDecimal.TWO, new BigDecimal("81000"), 2)));

    private static Position position(VenueAccountId account, String quantity) {
        return new Position(account, BTC, new BigDecimal(quantity), Money.of("40000", "USDT"), Money.of("0", "USDT"),
                BigDecimal.ONE);
    }

    private ProcessingPorts ports() {
        Positions positions = stores(Positions.class, (name, args) -> {
            @SuppressWarnings("unchecked")
            Collection<VenueAccountId> accounts = name.equals("listOpenOf") ? (Collection<VenueAccountId>) args[1]
                    : List.of((VenueAccountId) args[1]);
            asked.add(name + " " + accounts.size());
            return accounts.stream().flatMap(a -> open.get(a).stream()).toList();
        });
        Orders orders = stores(Orders.class, (name, args) -> {
            @SuppressWarnings("unchecked")
            Collection<VenueAccountId> accounts = (Collection<VenueAccountId>) args[1];
            asked.add(name + " " + accounts.size() + " since " + args[2]);
            Map<VenueAccountId, List<FillTotal>> answer = new LinkedHashMap<>();
            accounts.forEach(a -> answer.put(a, totals.get(a)));
            return answer;
        });
        return new ProcessingPorts(unused(JobQueue.class), unused(Signals.class), unused(SignalJourneys.class),
                unused(Bots.class), unused(VenueAccounts.class), unused(RiskProfiles.class), unused(VenueConnector.class), orders, positions,
                unused(MarketData.class), unused(EventLog.class), unused(Transactions.class), () -> DAY,
                (what, error) -> { });
    }

    /** A store answering every call, its batch reads included, through {@code handler} (the ports' defaults bypassed). */
    @SuppressWarnings("unchecked")
    private static <T> T stores(Class<T> type, java.util.function.BiFunction<String, Object[], Object> handler) {
        return (T) java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> handler.apply(method.getName(), args));
    }

    private static <T> T unused(Class<T> type) {
        return SignalWorld.proxy(type, (name, args) -> {
            throw new AssertionError(type.getSimpleName() + "." + name + " is not for the books");
        });
    }

    @Test
    void theBatchsAccountsAreReadOnceAndEachAccountGetsItsOwn() {
        AccountBooks books = AccountBooks.readOnce(ports(), Map.of(WS, List.of(A, B, C)));

        assertThat(books.openPositions(WS, A)).containsExactly(position(A, "1"));
        assertThat(books.openPositions(WS, B)).isEmpty();
        assertThat(books.openPositions(WS, C)).containsExactly(position(C, "2"));
        assertThat(books.fillTotals(WS, C, DAY)).isEqualTo(totals.get(C));
        assertThat(books.fillTotals(WS, A, DAY)).isEqualTo(totals.get(A));
        assertThat(books.fillTotals(WS, B, DAY)).isEmpty();

        assertThat(asked).containsExactly("listOpenOf 3", "fillTotalsOf 3 since " + DAY);
    }

    @Test
    void anotherInstantOrAnAccountOutsideTheBatchIsReadAgain() {
        AccountBooks books = AccountBooks.readOnce(ports(), Map.of(WS, List.of(A, B)));
        books.fillTotals(WS, A, DAY);
        books.fillTotals(WS, A, DAY.plusSeconds(1));
        books.openPositions(WS, A);
        assertThat(books.openPositions(WS, C)).as("not one of the batch's: read on its own turn")
                .containsExactly(position(C, "2"));

        assertThat(asked).containsExactly("fillTotalsOf 2 since " + DAY, "fillTotalsOf 2 since " + DAY.plusSeconds(1),
                "listOpenOf 2", "listOpenOf 3");
    }

    @Test
    void directReadsEachTimeItIsAsked() {
        AccountBooks books = AccountBooks.direct(ports());
        books.openPositions(WS, A);
        books.openPositions(WS, A);
        assertThat(asked).containsExactly("listOpen 1", "listOpen 1");
    }
}
