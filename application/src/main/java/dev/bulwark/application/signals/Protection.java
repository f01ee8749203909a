package dev.bulwark.application.signals;

import dev.bulwark.application.signals.ClientOrderIds.Leg;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.bots.Bot;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.market.TradingRules;
import dev.bulwark.domain.money.Decimals;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderSize;
import dev.bulwark.domain.orders.OrderStatus;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.orders.TimeInForce;
import dev.bulwark.domain.portfolio.Holding;
import dev.bulwark.domain.positions.Position;
import dev.bulwark.domain.signals.Signal;
import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.ports.driven.venues.OcoLegs;
import dev.bulwark.ports.driven.venues.OcoRequest;
import dev.bulwark.ports.driven.venues.OcoResult;
import dev.bulwark.ports.driven.venues.OrderRequest;
import dev.bulwark.ports.driven.venues.PlacementResult;
import dev.bulwark.ports.driven.venues.VenueCapability;
import dev.bulwark.ports.driven.venues.VenueGateway;
import dev.bulwark.ports.errors.RateLimited;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Stop-loss and take-profit for an entry that filled: the signal's absolute prices, else the bot's percentages from
 * the average fill price, on the side that closes the position, for the quantity filled (on spot no more than is
 * free after fees), prices rounded to the tick towards the entry (a tighter stop, a nearer target).
 *
 * <p>Where the account has native OCO ({@link VenueCapability#OCO}) the venue holds them: the pair as one OCO, a
 * single leg as a resting conditional order. Otherwise they are stored as NEW orders that were never sent, under
 * the "watched" client order ids, and {@link ProtectionWatcher} sends the one the price reaches as a market order
 * and cancels the other. Every leg's client order id derives from the signal, so a retry finds what an earlier
 * attempt placed or stored and adds nothing.
 */
final class Protection {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final ProcessingPorts ports;
    private final Bookkeeping book;
    private final VenueGateway gateway;

    Protection(ProcessingPorts ports, Bookkeeping book, VenueGateway gateway) {
        this.ports = ports;
        this.book = book;
        this.gateway = gateway;
    }

    /**
     * Whether {@link #protect} may have anything to do for this signal: not for a close, nor when neither the signal
     * nor the bot asks for a stop-loss or a take-profit. When not, the entry's recording can wait for the decision's
     * transaction (protection reads the position the entry moved).
     */
    static boolean wanted(Signal signal, Bot bot, Action action) {
        if (action == Action.CLOSE) {
            return false;
        }
        return present(signal.stopLoss()) || present(signal.takeProfit())
                || bot.risk().stopLossPercent() != null || bot.risk().takeProfitPercent() != null;
    }

    private static boolean present(@Nullable String raw) {
        return raw != null && !raw.isBlank();
    }

    void protect(Signal signal, Bot bot, Order entry, Action action) {
        if (!wanted(signal, bot, action)) {
            return;
        }
        WorkspaceId workspace = signal.workspace();
        Instrument instrument = entry.instrument();
        BigDecimal average = entry.averageFillPrice();
        OrderSide entrySide = entry.side();
        @Nullable BigDecimal stopRaw = SignalRun.number(signal.stopLoss(), "stopLoss");
        @Nullable BigDecimal targetRaw = SignalRun.number(signal.takeProfit(), "takeProfit");
        if (average != null) {
            if (stopRaw == null) {
                stopRaw = away(average, bot.risk().stopLossPercent(), entrySide == OrderSide.BUY ? -1 : 1);
            }
            if (targetRaw == null) {
                targetRaw = away(average, bot.risk().takeProfitPercent(), entrySide == OrderSide.BUY ? 1 : -1);
            }
        }
        if (stopRaw == null && targetRaw == null) {
            return;
        }
        Map<String, String> details = new LinkedHashMap<>();
        if (average == null) {
            note(signal, details, "nothing filled yet, so nothing to protect");
            return;
        }
        Position position = ports.positions().find(workspace, entry.account(), instrument)
                .orElseGet(() -> Position.flat(entry.account(), instrument));
        if (position.quantity().signum() != entrySide.sign()) {
            return; // the entry reduced or closed a position: nothing of its own to protect
        }
        TradingRules rules = gateway.rules(instrument);
        BigDecimal quantity = entry.filledQuantity().min(position.quantity().abs());
        if (!instrument.market().allowsShort()) {
            quantity = quantity.min(free(gateway.balances(), instrument));
        }
        quantity = rules.roundQuantityDown(quantity);
        details.put("quantity", quantity.toPlainString());
        details.put("entryPrice", average.toPlainString());
        if (quantity.signum() <= 0) {
            note(signal, details, "less than one lot step received, nothing to protect");
            return;
        }
        boolean longEntry = entrySide == OrderSide.BUY;
        @Nullable BigDecimal stop = stopRaw == null ? null
                : rules.roundToTick(stopRaw, longEntry ? RoundingMode.CEILING : RoundingMode.FLOOR);
        @Nullable BigDecimal target = targetRaw == null ? null
                : rules.roundToTick(targetRaw, longEntry ? RoundingMode.FLOOR : RoundingMode.CEILING);
        if (stop != null && (stop.signum() <= 0 || (longEntry ? stop.compareTo(average) >= 0 : stop.compareTo(average) <= 0))) {
            details.put("droppedStop", stop.toPlainString());
            stop = null;
        }
        if (target != null && (target.signum() <= 0 || (longEntry ? target.compareTo(average) <= 0 : target.compareTo(average) >= 0))) {
            details.put("droppedTakeProfit", target.toPlainString());
            target = null;
        }
        if (stop == null && target == null) {
            note(signal, details, "the protective prices lie on the wrong side of the entry price");
            return;
        }
        Bookkeeping.putIfSet(details, "stopLoss", stop);
        Bookkeeping.putIfSet(details, "takeProfit", target);
        OrderSide side = entrySide.opposite();
        if (gateway.capabilities().contains(VenueCapability.OCO)) {
            Optional<String> refused = nativeLegs(signal, entry.account(), instrument, side, quantity, stop, target, details);
            if (refused.isEmpty()) {
                return;
            }
            details.put("nativeRefused", refused.get());
        }
        watched(signal, entry.account(), instrument, side, quantity, stop, target, details);
    }

    /** Places the legs on the venue (once: an earlier attempt's legs are found by id); the refusal, if any. */
    private Optional<String> nativeLegs(Signal signal, VenueAccountId account, Instrument instrument, OrderSide side, BigDecimal quantity,
            @Nullable BigDecimal stop, @Nullable BigDecimal target, Map<String, String> details) {
        WorkspaceId workspace = signal.workspace();
        ClientOrderId stopId = ClientOrderIds.leg(signal.id(), Leg.NATIVE_STOP);
        ClientOrderId targetId = ClientOrderIds.leg(signal.id(), Leg.NATIVE_TAKE_PROFIT);
        if (ports.orders().findByClientOrderId(workspace, account, stopId)
                .or(() -> ports.orders().findByClientOrderId(workspace, account, targetId)).isPresent()) {
            return Optional.empty(); // recorded by an earlier attempt
        }
        boolean reduceOnly = instrument.market().allowsShort();
        Optional<Order> stopThere;
        Optional<Order> targetThere;
        if (stop != null && target != null) { // a pair: the venue may keep it under one id, so it is asked as a pair
            OcoLegs there = gateway.findOco(instrument, targetId, stopId);
            stopThere = there.stopLoss();
            targetThere = there.takeProfit();
        } else {
            stopThere = stop == null ? Optional.empty() : gateway.findByClientOrderId(instrument, stopId);
            targetThere = target == null ? Optional.empty() : gateway.findByClientOrderId(instrument, targetId);
        }
        if (stopThere.isEmpty() && targetThere.isEmpty()) {
            if (stop != null && target != null) {
                OcoResult result;
                try {
                    result = gateway.placeOco(new OcoRequest(instrument, side, quantity, target, stop, targetId, stopId,
                            reduceOnly));
                } catch (VenueUnavailable unknown) {
                    OcoLegs there = lookUpPair(instrument, targetId, stopId);
                    if (there.isEmpty()) {
                        throw unknown;
                    }
                    stopThere = there.stopLoss();
                    targetThere = there.takeProfit();
                    result = null;
                }
                if (result instanceof OcoResult.Rejected rejected) {
                    return Optional.of(rejected.reason() + " (" + rejected.code() + ")");
                }
                if (result instanceof OcoResult.Placed placed) {
                    stopThere = Optional.of(placed.stopLoss());
                    targetThere = Optional.of(placed.takeProfit());
                }
            } else {
                OrderType type = stop != null ? OrderType.STOP_MARKET : OrderType.TAKE_PROFIT;
                ClientOrderId id = stop != null ? stopId : targetId;
                BigDecimal trigger = stop != null ? stop : java.util.Objects.requireNonNull(target);
                OrderRequest request = new OrderRequest(instrument, side, type, OrderSize.quantity(quantity), null,
                        trigger, null, TimeInForce.GTC, id, reduceOnly, null);
                Optional<Order> placed;
                try {
                    switch (gateway.place(request)) {
                        case PlacementResult.Placed p -> placed = Optional.of(p.order());
                        case PlacementResult.Rejected r -> {
                            return Optional.of(r.reason() + " (" + r.code() + ")");
                        }
                    }
                } catch (VenueUnavailable unknown) {
                    placed = lookUp(instrument, id);
                    if (placed.isEmpty()) {
                        throw unknown;
                    }
                }
                if (stop != null) {
                    stopThere = placed;
                } else {
                    targetThere = placed;
                }
            }
        }
        Optional<Order> stopLeg = stopThere;
        Optional<Order> targetLeg = targetThere;
        book.tx(() -> {
            stopLeg.ifPresent(o -> book.saveNew(workspace, o));
            targetLeg.ifPresent(o -> book.saveNew(workspace, o));
            details.put("held", "natively by the venue" + (stopLeg.isPresent() && targetLeg.isPresent() ? " (OCO)" : ""));
            book.step(workspace, signal.id(), "protection", details);
        });
        return Optional.empty();
    }

    /** Stores the legs Bulwark watches, once. */
    private void watched(Signal signal, VenueAccountId account, Instrument instrument, OrderSide side, BigDecimal quantity,
            @Nullable BigDecimal stop, @Nullable BigDecimal target, Map<String, String> details) {
        WorkspaceId workspace = signal.workspace();
        book.tx(() -> {
            boolean any = false;
            if (stop != null) {
                any |= storeWatched(workspace, account, ClientOrderIds.leg(signal.id(), Leg.WATCHED_STOP), instrument,
                        side, OrderType.STOP_MARKET, quantity, stop);
            }
            if (target != null) {
                any |= storeWatched(workspace, account, ClientOrderIds.leg(signal.id(), Leg.WATCHED_TAKE_PROFIT),
                        instrument, side, OrderType.TAKE_PROFIT, quantity, target);
            }
            if (any) {
                details.put("held", "watched by Bulwark against the price feed; the one reached is sent as a market"
                        + " order and the other cancelled");
                book.step(workspace, signal.id(), "protection", details);
            }
        });
    }

    private boolean storeWatched(WorkspaceId workspace, VenueAccountId account,
            ClientOrderId id, Instrument instrument, OrderSide side, OrderType type, BigDecimal quantity,
            BigDecimal trigger) {
        if (ports.orders().findByClientOrderId(workspace, account, id).isPresent()) {
            return false;
        }
        Order order = Order.create(VenueGateway.orderIdOf(account, id), id, account, instrument, side, type,
                OrderSize.quantity(quantity), null, trigger, null, TimeInForce.GTC, book.now());
        book.saveNew(workspace, order);
        return true;
    }

    /**
     * Cancels every protective leg of {@code instrument} on the account before an order that reduces the position:
     * watched legs here (they were never sent), native ones on the venue.
     */
    void cancelAll(WorkspaceId workspace, VenueAccount account, Instrument instrument) {
        List<Order> open = ports.orders().listOpen(workspace, account.id()).stream()
                .filter(order -> order.instrument().equals(instrument)).toList();
        Set<ClientOrderId> done = new HashSet<>();
        for (Order order : open) {
            Optional<Leg> leg = ClientOrderIds.legOf(order.clientOrderId());
            if (leg.isEmpty() || !done.add(order.clientOrderId())) {
                continue;
            }
            if (leg.get().watched()) {
                if (order.status() == OrderStatus.NEW) {
                    book.tx(() -> book.move(workspace, order, OrderStatus.CANCELLED));
                }
                continue;
            }
            Optional<Order> partner = ClientOrderIds.partnerOf(order.clientOrderId()).flatMap(id -> open.stream()
                    .filter(o -> o.clientOrderId().equals(id)).findFirst());
            if (partner.isPresent()) { // both legs of a native pair open: cancelled as the pair the venue holds
                done.add(partner.get().clientOrderId());
                Order takeProfit = leg.get().stop() ? partner.get() : order;
                Order stopLoss = leg.get().stop() ? order : partner.get();
                OcoLegs ended = gateway.cancelOco(instrument, takeProfit.clientOrderId(), stopLoss.clientOrderId());
                book.tx(() -> {
                    recordCancel(workspace, takeProfit, ended.takeProfit());
                    recordCancel(workspace, stopLoss, ended.stopLoss());
                });
            } else {
                Optional<Order> ended = gateway.cancel(instrument, order.clientOrderId()).orderAfter();
                book.tx(() -> recordCancel(workspace, order, ended));
            }
        }
    }

    /** Records what a cancel left of a native leg: the venue's report, else the leg cancelled here. In a transaction. */
    private void recordCancel(WorkspaceId workspace, Order order, Optional<Order> ended) {
        if (ended.isPresent()) {
            Order recorded = book.applyReport(workspace, order, ended.get());
            book.recordFills(workspace, recorded, gateway);
        } else if (order.status() != OrderStatus.CANCELLED) {
            book.move(workspace, order, OrderStatus.CANCELLED);
        }
    }

    private void note(Signal signal, Map<String, String> details, String why) {
        details.put("note", why);
        book.step(signal.workspace(), signal.id(), "protection", details); // written with the decision
    }

    private OcoLegs lookUpPair(Instrument instrument, ClientOrderId takeProfit, ClientOrderId stopLoss) {
        try {
            return gateway.findOco(instrument, takeProfit, stopLoss);
        } catch (VenueUnavailable | RateLimited e) {
            return new OcoLegs(Optional.empty(), Optional.empty());
        }
    }

    private Optional<Order> lookUp(Instrument instrument, ClientOrderId id) {
        try {
            return gateway.findByClientOrderId(instrument, id);
        } catch (VenueUnavailable | RateLimited e) {
            return Optional.empty();
        }
    }

    static BigDecimal free(List<Holding> balances, Instrument instrument) {
        return balances.stream().filter(h -> h.asset().equals(instrument.base())).map(Holding::free)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static @Nullable BigDecimal away(BigDecimal price, @Nullable BigDecimal percent, int direction) {
        if (percent == null) {
            return null;
        }
        BigDecimal distance = price.multiply(percent).divide(HUNDRED, Decimals.DIVISION_SCALE, RoundingMode.DOWN);
        return Decimals.normalize(direction > 0 ? price.add(distance) : price.subtract(distance));
    }
}
