package dev.bulwark.application.signals;

import dev.bulwark.application.signals.ClientOrderIds.Leg;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderId;
import dev.bulwark.domain.orders.OrderStatus;
import dev.bulwark.domain.signals.SignalId;
import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.ports.driven.venues.OcoLegs;
import dev.bulwark.ports.driven.venues.VenueGateway;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.RateLimited;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Brings up to date the orders a venue works after the signal that sent them was decided: an entry that rested (a
 * limit order, or one the venue had not filled when it answered) and the protective legs the venue holds natively (a
 * stop, a take-profit, an OCO pair) fill or end at the venue later, and Bulwark learns of it only by asking.
 *
 * <p>Every open order of an active account that the venue has acknowledged ({@code ACCEPTED} or
 * {@code PARTIALLY_FILLED}) and that is not a leg Bulwark watches itself ({@link ProtectionWatcher} owns those) is
 * looked up by its client order id, each at most once every {@link #CHECK_EVERY} per process while young, less often
 * as it ages ({@link #interval}: every {@link #CHECK_AT_MOST_EVERY} at most once it has rested 20 minutes), in rounds
 * at most every {@link #ROUND_EVERY}, and never within
 * {@link #CHECK_EVERY} of its last change (the worker that placed it may still be recording it). What the venue
 * reports is applied as processing applies it: the state machine only moves forward, a fill is recorded once, the
 * position follows each new fill, events go out. When the order's status changed, the signal it belongs to gets a
 * receipt step ({@code filled}, {@code partially-filled} or {@code order-ended}) naming the order and the leg. A venue
 * that does not answer, or does not know the order yet, is asked again on a later round, as is an order another
 * process changed while this one recorded it (a Conflict: nothing of this attempt is kept); any other failure of one
 * account goes to the diagnostics and the round goes on with the next account.
 */
final class OrderSync {
    /** How often a young order is asked about, and how long after its last change it is first asked about. */
    static final Duration CHECK_EVERY = Duration.ofSeconds(15);
    /**
     * How often an order that has not changed for long is asked about at most: the interval is a quarter of the time
     * since its last change, between {@link #CHECK_EVERY} and this. A protective leg resting for days is asked about
     * every 5 minutes, not every 15 seconds: each round with a due order opens the account's credentials (an audited
     * use) and spends the venue's request budget.
     */
    static final Duration CHECK_AT_MOST_EVERY = Duration.ofMinutes(5);
    /**
     * How often a round reads the open orders at all: each account's list is a query, and the workers' loop calls
     * every 2 s; a third of {@link #CHECK_EVERY} keeps an order's check at most 20 s after it is due.
     */
    static final Duration ROUND_EVERY = Duration.ofSeconds(5);
    static final String PURPOSE = "order sync";

    private final ProcessingPorts ports;
    /** When each open order was last asked about (in this process); an order no longer open is forgotten. */
    private final Map<OrderId, Instant> asked = new ConcurrentHashMap<>();
    /** When the last round ran; null before the first. */
    private volatile @Nullable Instant lastRound;

    OrderSync(ProcessingPorts ports) {
        this.ports = ports;
    }

    /** One round over every active account, unless one ran within {@link #ROUND_EVERY}; how many orders changed. */
    int sync() {
        Instant now = ports.time().now();
        Instant last = lastRound;
        if (last != null && last.plus(ROUND_EVERY).isAfter(now)) {
            return 0;
        }
        lastRound = now;
        int changed = 0;
        Set<OrderId> open = new HashSet<>();
        for (WorkspaceId workspace : ports.accounts().workspacesWithActiveAccounts()) {
            for (VenueAccount account : ports.accounts().listActive(workspace)) {
                try {
                    changed += sync(workspace, account, open);
                } catch (RuntimeException e) {
                    // one account's failure (no adapter for its venue, its credentials, the store) is not the others'
                    ports.diagnostics().unexpected("syncing the orders of venue account " + account.id(), e);
                }
            }
        }
        asked.keySet().retainAll(open);
        return changed;
    }

    private int sync(WorkspaceId workspace, VenueAccount account, Set<OrderId> open) {
        Instant now = ports.time().now();
        List<Order> due = new ArrayList<>();
        Map<ClientOrderId, Order> followed = new HashMap<>();
        for (Order order : ports.orders().listOpen(workspace, account.id())) {
            if (!worked(order)) {
                continue;
            }
            open.add(order.id());
            followed.put(order.clientOrderId(), order);
            Instant last = asked.getOrDefault(order.id(), order.updatedAt());
            if (!last.plus(interval(order, now)).isAfter(now)) {
                due.add(order);
            }
        }
        if (due.isEmpty()) {
            return 0;
        }
        int changed = 0;
        Set<OrderId> seen = new HashSet<>();
        try (VenueGateway gateway = ports.venues().connect(account, PURPOSE)) {
            for (Order order : due) {
                if (!seen.add(order.id())) {
                    continue; // asked with its pair's other leg
                }
                Map<Order, Optional<Order>> reports;
                try {
                    reports = ask(gateway, order, followed, seen);
                } catch (VenueUnavailable | RateLimited unavailable) {
                    break; // the venue is not answering now: the rest of this account waits for the next round
                }
                for (Map.Entry<Order, Optional<Order>> report : reports.entrySet()) {
                    Order local = report.getKey();
                    try {
                        if (report.getValue().isPresent() && record(gateway, workspace, local, report.getValue().get())) {
                            changed++;
                        }
                    } catch (Conflict raced) {
                        // another process (a worker, another sync) recorded a change first: the next round reads it again
                        continue;
                    }
                    asked.put(local.id(), now); // only once recorded: a failure leaves the order due
                }
            }
        }
        return changed;
    }

    /**
     * What the venue reports of {@code order}: alone, or with the other leg of its native pair when that is followed
     * too (a venue may keep the pair under one id: {@link VenueGateway#findOco}), that leg then marked seen.
     */
    private static Map<Order, Optional<Order>> ask(VenueGateway gateway, Order order, Map<ClientOrderId, Order> followed,
                                                   Set<OrderId> seen) {
        Map<Order, Optional<Order>> reports = new LinkedHashMap<>();
        Optional<Order> partner = ClientOrderIds.partnerOf(order.clientOrderId()).map(followed::get);
        if (partner.isEmpty()) {
            reports.put(order, gateway.findByClientOrderId(order.instrument(), order.clientOrderId()));
            return reports;
        }
        seen.add(partner.get().id());
        boolean stop = ClientOrderIds.legOf(order.clientOrderId()).map(Leg::stop).orElse(false);
        Order takeProfit = stop ? partner.get() : order;
        Order stopLoss = stop ? order : partner.get();
        OcoLegs there = gateway.findOco(order.instrument(), takeProfit.clientOrderId(), stopLoss.clientOrderId());
        reports.put(takeProfit, there.takeProfit());
        reports.put(stopLoss, there.stopLoss());
        return reports;
    }

    /** A quarter of the time since the order last changed, between {@link #CHECK_EVERY} and {@link #CHECK_AT_MOST_EVERY}. */
    static Duration interval(Order order, Instant now) {
        Duration quarter = Duration.between(order.updatedAt(), now).dividedBy(4);
        return quarter.compareTo(CHECK_EVERY) < 0 ? CHECK_EVERY
                : quarter.compareTo(CHECK_AT_MOST_EVERY) > 0 ? CHECK_AT_MOST_EVERY : quarter;
    }

    /** Whether the venue works the order and this sync follows it: sent, acknowledged, not one Bulwark watches itself. */
    private static boolean worked(Order order) {
        if (order.status() != OrderStatus.ACCEPTED && order.status() != OrderStatus.PARTIALLY_FILLED) {
            return false;
        }
        return ClientOrderIds.legOf(order.clientOrderId()).map(leg -> !leg.watched()).orElse(true);
    }

    /** Applies the venue's report, its fills and the signal's step in one transaction; whether the order changed. */
    private boolean record(VenueGateway gateway, WorkspaceId workspace, Order local, Order reported) {
        Bookkeeping book = new Bookkeeping(ports);
        return book.tx(() -> {
            Bookkeeping.Reported applied = book.applyVenueReport(workspace, local, reported, gateway);
            Order recorded = applied.after();
            if (recorded.status() == applied.before().status()) {
                return !recorded.equals(applied.before());
            }
            Optional<SignalId> signal = ClientOrderIds.signalOf(recorded.clientOrderId())
                    .filter(id -> ports.signals().find(workspace, id).isPresent());
            signal.ifPresent(id -> book.step(workspace, id, stepOf(recorded.status()), details(recorded)));
            return true;
        });
    }

    private static String stepOf(OrderStatus status) {
        return switch (status) {
            case FILLED -> "filled";
            case PARTIALLY_FILLED -> "partially-filled";
            default -> "order-ended";
        };
    }

    private static Map<String, String> details(Order order) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("order", ClientOrderIds.legOf(order.clientOrderId()).map(OrderSync::legName).orElse("entry"));
        details.put("clientOrderId", order.clientOrderId().value());
        details.put("status", order.status().name());
        details.put("filledQuantity", order.filledQuantity().toPlainString());
        if (order.averageFillPrice() != null) {
            details.put("averageFillPrice", order.averageFillPrice().toPlainString());
        }
        details.put("how", "found at the venue by the order sync");
        return details;
    }

    private static String legName(Leg leg) {
        return leg.stop() ? "stop-loss" : "take-profit";
    }
}
