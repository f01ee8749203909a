package dev.bulwark.application.signals;

import dev.bulwark.application.signals.ClientOrderIds.Leg;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderSize;
import dev.bulwark.domain.orders.OrderStatus;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.orders.TimeInForce;
import dev.bulwark.domain.positions.Position;
import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.ports.driven.market.Quote;
import dev.bulwark.ports.driven.venues.OrderRequest;
import dev.bulwark.ports.driven.venues.PlacementResult;
import dev.bulwark.ports.driven.venues.VenueGateway;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.RateLimited;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Watches the protective legs Bulwark holds itself (stored NEW under a "watched" client order id, never sent) against
 * the market data's last price. A leg is hit when the price reaches its trigger: a sell stop at or below it, a sell
 * take-profit at or above it (a buy leg, protecting a short, the other way round). The hit leg is first claimed in the
 * store (NEW to ACCEPTED, a compare-and-set, with its sibling cancelled in the same transaction), so of several
 * watchers in several processes exactly one sends it; then it goes out as a market order under its own client order
 * id, for no more than the position still holds. A leg claimed but not settled (the venue did not answer, the
 * process died) is looked up by its id on the next round and sent again, with the same id, only when the venue has
 * no such order after {@link #RESEND_AFTER}.
 */
final class ProtectionWatcher {
    /** How long an unanswered send must be unknown to the venue before it is sent again (venues index late). */
    static final Duration RESEND_AFTER = Duration.ofSeconds(10);

    private final ProcessingPorts ports;

    ProtectionWatcher(ProcessingPorts ports) {
        this.ports = ports;
    }

    int watch() {
        int sent = 0;
        for (WorkspaceId workspace : ports.accounts().workspacesWithActiveAccounts()) {
            for (VenueAccount account : ports.accounts().listActive(workspace)) {
                sent += watch(workspace, account);
            }
        }
        return sent;
    }

    private int watch(WorkspaceId workspace, VenueAccount account) {
        Map<String, List<Order>> pairs = new LinkedHashMap<>();
        for (Order order : ports.orders().listOpen(workspace, account.id())) {
            if (ClientOrderIds.legOf(order.clientOrderId()).map(Leg::watched).orElse(false)) {
                pairs.computeIfAbsent(ClientOrderIds.pairKey(order.clientOrderId()), k -> new ArrayList<>()).add(order);
            }
        }
        if (pairs.isEmpty()) {
            return 0;
        }
        int sent = 0;
        Bookkeeping book = new Bookkeeping(ports);
        VenueGateway gateway = null;
        try {
            for (List<Order> pair : pairs.values()) {
                Optional<Order> claimed = pair.stream().filter(o -> o.status() != OrderStatus.NEW).findFirst();
                Order leg;
                if (claimed.isPresent()) {
                    leg = claimed.get();
                } else {
                    Optional<Order> hit = hit(pair);
                    if (hit.isEmpty()) {
                        continue;
                    }
                    Optional<Order> mine = claim(book, workspace, hit.get(), pair);
                    if (mine.isEmpty()) {
                        continue;
                    }
                    leg = mine.get();
                }
                if (gateway == null) {
                    gateway = ports.venues().connect(account, "protective order");
                }
                if (send(book, gateway, workspace, leg, claimed.isPresent())) {
                    sent++;
                }
            }
        } finally {
            if (gateway != null) {
                gateway.close();
            }
        }
        return sent;
    }

    private Optional<Order> hit(List<Order> pair) {
        Instrument instrument = pair.getFirst().instrument();
        Optional<BigDecimal> price;
        try {
            price = ports.market().lastPrice(instrument).map(Quote::price);
        } catch (RuntimeException unavailable) {
            return Optional.empty(); // no price, no decision: the next round asks again
        }
        if (price.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal last = price.get();
        // the stop first: when both seem hit (a gap), the loss limit is what the user asked to be sure of
        return pair.stream().sorted((a, b) -> Boolean.compare(!isStop(a), !isStop(b)))
                .filter(o -> triggered(o, last)).findFirst();
    }

    private static boolean isStop(Order leg) {
        return leg.type() == OrderType.STOP_MARKET;
    }

    static boolean triggered(Order leg, BigDecimal price) {
        BigDecimal trigger = java.util.Objects.requireNonNull(leg.stopPrice());
        boolean sell = leg.side() == OrderSide.SELL;
        int vs = price.compareTo(trigger);
        if (isStop(leg)) {
            return sell ? vs <= 0 : vs >= 0;
        }
        return sell ? vs >= 0 : vs <= 0;
    }

    /** Claims {@code hit} and cancels its sibling in one transaction; empty when another watcher was first. */
    private Optional<Order> claim(Bookkeeping book, WorkspaceId workspace, Order hit, List<Order> pair) {
        try {
            return Optional.of(book.tx(() -> {
                Order claimed = book.move(workspace, hit, OrderStatus.ACCEPTED);
                for (Order other : pair) {
                    if (!other.equals(hit)) {
                        book.move(workspace, other, OrderStatus.CANCELLED);
                    }
                }
                return claimed;
            }));
        } catch (Conflict lost) {
            return Optional.empty();
        }
    }

    /** Sends a claimed leg, or settles one sent before; whether an order went out (or was found) now. */
    private boolean send(Bookkeeping book, VenueGateway gateway, WorkspaceId workspace, Order leg, boolean sentBefore) {
        Instrument instrument = leg.instrument();
        if (sentBefore) {
            Optional<Order> there = lookUp(gateway, leg);
            if (there.isPresent()) {
                record(book, gateway, workspace, leg, there.get());
                return true;
            }
            if (leg.updatedAt().plus(RESEND_AFTER).isAfter(book.now())) {
                return false; // too early to believe the venue has none
            }
        }
        Position position = ports.positions().find(workspace, leg.account(), instrument)
                .orElseGet(() -> Position.flat(leg.account(), instrument));
        BigDecimal held = position.quantity().signum() == leg.side().opposite().sign() ? position.quantity().abs()
                : BigDecimal.ZERO;
        BigDecimal quantity = SignalRun.quantityOf(leg).min(held);
        if (!instrument.market().allowsShort()) {
            quantity = quantity.min(Protection.free(gateway.balances(), instrument));
        }
        quantity = gateway.rules(instrument).roundQuantityDown(quantity);
        if (quantity.signum() <= 0) {
            book.tx(() -> book.move(workspace, leg, OrderStatus.CANCELLED)); // nothing left to protect
            return false;
        }
        OrderRequest request = new OrderRequest(instrument, leg.side(), OrderType.MARKET, OrderSize.quantity(quantity),
                null, null, null, TimeInForce.IOC, leg.clientOrderId(), instrument.market().allowsShort(), null);
        PlacementResult result;
        try {
            result = gateway.place(request);
        } catch (VenueUnavailable | RateLimited unknown) {
            Optional<Order> there = lookUp(gateway, leg);
            there.ifPresent(o -> record(book, gateway, workspace, leg, o));
            return there.isPresent();
        }
        switch (result) {
            case PlacementResult.Placed placed -> record(book, gateway, workspace, leg, placed.order());
            case PlacementResult.Rejected rejected when
                    rejected.code().equals(PlacementResult.Rejected.DUPLICATE_CLIENT_ORDER_ID) -> {
                lookUp(gateway, leg).ifPresent(o -> record(book, gateway, workspace, leg, o));
            }
            case PlacementResult.Rejected rejected -> book.tx(() -> book.move(workspace, leg, OrderStatus.REJECTED));
        }
        return true;
    }

    private void record(Bookkeeping book, VenueGateway gateway, WorkspaceId workspace, Order leg, Order reported) {
        book.tx(() -> book.applyVenueReport(workspace, leg, reported, gateway));
    }

    private static Optional<Order> lookUp(VenueGateway gateway, Order leg) {
        try {
            return gateway.findByClientOrderId(leg.instrument(), leg.clientOrderId());
        } catch (VenueUnavailable | RateLimited e) {
            return Optional.empty();
        }
    }
}
