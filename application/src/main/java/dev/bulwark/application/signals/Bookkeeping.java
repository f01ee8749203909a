package dev.bulwark.application.signals;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.events.Event;
import dev.bulwark.domain.events.EventType;
import dev.bulwark.domain.money.Decimals;
import dev.bulwark.domain.money.Money;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.positions.Position;
import dev.bulwark.domain.positions.PositionChange;
import dev.bulwark.domain.signals.JourneyStep;
import dev.bulwark.domain.signals.Signal;
import dev.bulwark.domain.signals.SignalId;
import dev.bulwark.ports.driven.signals.SignalJourneys;
import dev.bulwark.ports.driven.venues.VenueCapability;
import dev.bulwark.ports.driven.venues.VenueGateway;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Records what the venue reported: an order's new state, its fills (each once, by trade id), the positions they
 * change, the receipt's steps and the live events. Called inside the caller's transaction; events are collected and
 * appended last ({@link #flush}), since appending holds the event log's sequence lock until the commit.
 *
 * <p>Fewer commits per signal: a receipt step is collected and written with the next transaction's other steps (one
 * statement), and work that need not commit on its own ({@link #defer}) runs first in the next transaction. Every
 * path of an attempt ends in a transaction (its decision, or its failure), which writes what was collected; a
 * transaction that rolls back forgets it all, as if it had never been collected.
 */
final class Bookkeeping {
    private final ProcessingPorts ports;
    private final List<Event> pending = new ArrayList<>();
    private final List<SignalJourneys.Entry> steps = new ArrayList<>();
    private final List<Runnable> deferred = new ArrayList<>();
    /** Events of a committed transaction that appended none, to be appended by the next (see {@link #txBeforeSend}). */
    private final List<Event> held = new ArrayList<>();
    /** Where this book's steps and events go while its transactions are parts of a batch's (see {@link #together}). */
    private @Nullable Shared shared;
    /** While set, {@link #txBeforeSend} opens no transaction: its work waits, deferred, for the next one. */
    private boolean postponing;

    Bookkeeping(ProcessingPorts ports) {
        this.ports = ports;
    }

    Instant now() {
        return ports.time().now();
    }

    /** Collects a receipt step, stamped now; the next transaction writes it. */
    void step(WorkspaceId workspace, SignalId signal, String name, Map<String, String> details) {
        steps.add(new SignalJourneys.Entry(workspace, signal, new JourneyStep(name, now(), details)));
    }

    /** The steps and events of a batch's books, written once by the batch's transaction. */
    private static final class Shared {
        final List<SignalJourneys.Entry> steps = new ArrayList<>();
        final List<Event> events = new ArrayList<>();
    }

    /**
     * Runs {@code work} for each item, then {@code then}, in one transaction: the transactions the items' books open
     * join it, and their receipt steps are written in one round of statements and their events appended once, last,
     * before the one commit. A failure rolls all of it back (each book forgets what it had collected, as on any
     * rollback) and is rethrown.
     */
    static <T> void together(ProcessingPorts ports, List<T> items, Function<T, Bookkeeping> bookOf, Consumer<T> work,
                             Runnable then) {
        Shared shared = new Shared();
        try {
            ports.transactions().inTransaction(() -> {
                for (T item : items) {
                    bookOf.apply(item).shared = shared;
                    work.accept(item);
                }
                then.run();
                if (!shared.steps.isEmpty()) {
                    ports.journeys().appendEach(shared.steps);
                }
                if (!shared.events.isEmpty()) {
                    ports.events().appendAll(shared.events);
                }
            });
        } finally {
            items.forEach(item -> bookOf.apply(item).shared = null);
        }
    }

    /**
     * While {@code on}, a transaction that would store an order before it is sent is not opened: its work is deferred
     * to the next transaction, which the caller opens (a batch's, one for many signals) before anything is sent.
     */
    void postponeBeforeSend(boolean on) {
        this.postponing = on;
    }

    /** Runs {@code work} first in the next transaction (in the order deferred), instead of in one of its own. */
    void defer(Runnable work) {
        deferred.add(work);
    }

    /** Saves a new order and announces it. */
    void saveNew(WorkspaceId workspace, Order order) {
        ports.orders().save(workspace, order);
        pending.add(orderEvent(workspace, order));
    }

    /**
     * Moves {@code local} to what the venue reported, when the state machine allows it (a late report of an earlier
     * state changes nothing); returns the order as stored now.
     */
    Order applyReport(WorkspaceId workspace, Order local, Order reported) {
        Order updated = reportApplied(local, reported);
        if (updated.equals(local)) {
            return local;
        }
        ports.orders().update(workspace, local, updated);
        pending.add(orderEvent(workspace, updated));
        return updated;
    }

    /**
     * What {@code local} becomes with the venue's report: its status, fills and average price, when the state machine
     * allows the move (a late report of an earlier state, or of fewer fills, leaves it as it is).
     */
    static Order reportApplied(Order local, Order reported) {
        if (local.status().isTerminal() || !local.status().canMoveTo(reported.status())) {
            return local;
        }
        if (reported.filledQuantity().compareTo(local.filledQuantity()) < 0) {
            return local; // a late report: fills never shrink
        }
        Instant updatedAt = reported.updatedAt().isAfter(local.updatedAt()) ? reported.updatedAt() : local.updatedAt();
        return new Order(local.id(), local.clientOrderId(), local.account(), local.instrument(), local.side(),
                local.type(), local.size(), local.limitPrice(), local.stopPrice(), local.trailing(), local.timeInForce(),
                reported.status(), reported.filledQuantity(), reported.averageFillPrice(), local.createdAt(), updatedAt);
    }

    /** An order as stored before a venue's report was applied, and after. */
    record Reported(Order before, Order after) {
    }

    /**
     * Applies what the venue reported of {@code local} to the order as stored now (another worker or process may have
     * moved it since {@code local} was read; {@code local} itself when it is not stored) and records its fills that are
     * new. Joins the caller's transaction.
     */
    Reported applyVenueReport(WorkspaceId workspace, Order local, Order reported, VenueGateway gateway) {
        Order current = ports.orders().find(workspace, local.id()).orElse(local);
        Order recorded = applyReport(workspace, current, reported);
        recordFills(workspace, recorded, gateway);
        return new Reported(current, recorded);
    }

    /** Moves a stored order to {@code status} (cancelling, claiming or failing it here); returns it as stored. */
    Order move(WorkspaceId workspace, Order local, dev.bulwark.domain.orders.OrderStatus status) {
        Order updated = local.transitionTo(status, now());
        if (!updated.equals(local)) {
            ports.orders().update(workspace, local, updated);
            pending.add(orderEvent(workspace, updated));
        }
        return updated;
    }

    /**
     * Records the order's fills the venue reports that are not recorded yet, and the position each changes. Without
     * {@link VenueCapability#FILLS}, what the order reports filled beyond the fills recorded becomes one fill at the
     * average price, under a trade id derived from the client order id and the filled quantity (so recording it
     * again changes nothing). Returns the fills that were new.
     */
    List<Fill> recordFills(WorkspaceId workspace, Order order, VenueGateway gateway) {
        return recordFills(workspace, order, venueFills(order, gateway));
    }

    /**
     * The order's fills as the venue lists them (asked now, while the gateway is open), or null when the venue lists
     * no fills and they are derived from the order when recorded.
     */
    static @Nullable List<Fill> venueFills(Order order, VenueGateway gateway) {
        if (order.filledQuantity().signum() == 0) {
            return List.of();
        }
        if (!gateway.capabilities().contains(VenueCapability.FILLS)) {
            return null;
        }
        return gateway.fills(order.instrument(), order.createdAt().minus(Duration.ofMinutes(5))).stream()
                .filter(f -> f.orderId().equals(order.id())).toList();
    }

    /** As {@link #recordFills(WorkspaceId, Order, VenueGateway)}, with the venue's fills already in hand. */
    List<Fill> recordFills(WorkspaceId workspace, Order order, @Nullable List<Fill> atVenue) {
        if (order.filledQuantity().signum() == 0) {
            return List.of();
        }
        List<Fill> reported = atVenue != null ? atVenue : synthesized(workspace, order);
        List<Fill> fresh = new ArrayList<>();
        for (Fill fill : reported) {
            if (ports.orders().addFill(workspace, fill)) {
                fresh.add(fill);
                // locked until the commit: two workers filling on one account never lose each other's fill
                Position position = ports.positions().lockForChange(workspace, order.account(), order.instrument());
                PositionChange change = position.apply(fill);
                ports.positions().upsert(workspace, change.position());
                pending.add(fillEvent(workspace, fill, change));
            }
        }
        return fresh;
    }

    private List<Fill> synthesized(WorkspaceId workspace, Order order) {
        BigDecimal recorded = ports.orders().fills(workspace, order.id()).stream().map(Fill::quantity)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal rest = Decimals.normalize(order.filledQuantity().subtract(recorded));
        BigDecimal average = order.averageFillPrice();
        if (rest.signum() <= 0 || average == null) {
            return List.of();
        }
        String tradeId = order.clientOrderId().value() + "-" + order.filledQuantity().toPlainString();
        return List.of(new Fill(tradeId, order.id(), order.instrument(), order.side(), average, rest,
                Money.zero(order.instrument().quote()), order.updatedAt()));
    }

    void signalStatus(Signal signal) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("signalId", signal.id().toString());
        data.put("botId", signal.bot().toString());
        data.put("status", signal.status().name());
        if (signal.reason() != null) {
            data.put("reason", signal.reason());
        }
        pending.add(new Event(signal.workspace(), EventType.SIGNAL_STATUS, now(), data));
    }

    /**
     * Runs {@code work} in one transaction and appends the events it collected last, just before the commit; on a
     * rollback the events are forgotten with everything else.
     */
    <T> T tx(java.util.function.Supplier<T> work) {
        return inTransaction(work, true);
    }

    void tx(Runnable work) {
        tx(() -> {
            work.run();
            return null;
        });
    }

    /**
     * As {@link #tx(Runnable)}, for the transaction that stores an order before it is sent: its events (the new
     * order, the signal's move) are appended by the attempt's next transaction instead, a few milliseconds later and
     * in the same order. Appending holds the event log's one sequence lock until the commit, so every transaction
     * that appends waits for the others: one append per signal instead of two is what lets the workers commit side
     * by side. The events stay held when a later transaction rolls back (what they describe did commit); an attempt
     * cut off before its next transaction loses them, not the state they describe.
     */
    void txBeforeSend(Runnable work) {
        if (postponing) {
            defer(work);
            return;
        }
        inTransaction(() -> {
            work.run();
            return null;
        }, false);
    }

    /**
     * The deferred work, {@code work} and the collected steps in one transaction; the events too when
     * {@code appendEvents}, else held for the next transaction once this one has committed.
     */
    private <T> T inTransaction(java.util.function.Supplier<T> work, boolean appendEvents) {
        T result;
        try {
            result = ports.transactions().inTransaction(() -> {
                runDeferred();
                T done = work.get();
                if (appendEvents) {
                    flush();
                } else {
                    writeSteps();
                }
                return done;
            });
        } catch (RuntimeException e) {
            discard();
            throw e;
        }
        if (appendEvents) {
            held.clear(); // appended and committed
        } else {
            held.addAll(pending); // committed: appended by the next transaction
            pending.clear();
        }
        return result;
    }

    private void runDeferred() {
        while (!deferred.isEmpty()) {
            List<Runnable> due = List.copyOf(deferred);
            deferred.clear();
            due.forEach(Runnable::run);
        }
    }

    /** Writes the collected steps (one round of statements), then appends the events: the last thing a transaction does. */
    private void flush() {
        writeSteps();
        if (shared != null) {
            shared.events.addAll(held);
            shared.events.addAll(pending);
        } else if (!held.isEmpty() || !pending.isEmpty()) {
            List<Event> all = new ArrayList<>(held);
            all.addAll(pending);
            ports.events().appendAll(all);
        }
        pending.clear(); // the held events are let go once the transaction commits
    }

    private void writeSteps() {
        if (shared != null) {
            shared.steps.addAll(steps);
        } else if (!steps.isEmpty()) {
            ports.journeys().appendEach(steps);
        }
        steps.clear();
    }

    /** Forgets what was collected and deferred (the transaction rolled back). */
    private void discard() {
        pending.clear();
        steps.clear();
        deferred.clear();
    }

    private Event orderEvent(WorkspaceId workspace, Order order) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("orderId", order.id().toString());
        data.put("clientOrderId", order.clientOrderId().value());
        data.put("account", order.account().value().toString());
        data.put("symbol", order.instrument().symbol());
        data.put("market", order.instrument().market().name());
        data.put("side", order.side().name());
        data.put("type", order.type().name());
        data.put("status", order.status().name());
        data.put("filledQuantity", order.filledQuantity().toPlainString());
        putIfSet(data, "averageFillPrice", order.averageFillPrice());
        putIfSet(data, "stopPrice", order.stopPrice());
        return new Event(workspace, EventType.ORDER_UPDATED, now(), data);
    }

    private Event fillEvent(WorkspaceId workspace, Fill fill, PositionChange change) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("orderId", fill.orderId().toString());
        data.put("tradeId", fill.tradeId());
        data.put("symbol", fill.instrument().symbol());
        data.put("side", fill.side().name());
        data.put("price", fill.price().toPlainString());
        data.put("quantity", fill.quantity().toPlainString());
        data.put("fee", fill.fee().amount().toPlainString());
        data.put("feeAsset", fill.fee().asset().code());
        data.put("position", change.position().quantity().toPlainString());
        data.put("realizedPnl", change.realizedPnl().amount().toPlainString());
        return new Event(workspace, EventType.FILL, now(), data);
    }

    static void putIfSet(Map<String, String> data, String key, @Nullable BigDecimal value) {
        if (value != null) {
            data.put(key, value.toPlainString());
        }
    }

    static String plain(BigDecimal value) {
        return Objects.requireNonNull(value, "value").toPlainString();
    }
}
