package dev.bulwark.domain.paper;

import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.money.Decimals;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderId;
import dev.bulwark.domain.positions.Position;
import dev.bulwark.domain.venues.VenueAccountId;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The whole state of a {@link PaperAccount}, so a paper venue can persist it and carry on after a restart:
 * {@code PaperAccount.restore(s).snapshot()} equals {@code s}, and the restored account behaves exactly as the one
 * the snapshot was taken of.
 *
 * <p>{@code free} is each asset's free balance (locked amounts are derived from the working orders' reservations
 * and the futures margins, so they cannot drift); {@code absorbedLosses} what the venue's insurance fund covered
 * when a futures loss exceeded the wallet; {@code orders} every order placed and not yet handed over by
 * {@link PaperAccount#takeSettled()}, in placement order, as it is now (so after a take: the working ones alone);
 * {@code fills} likewise the fills not yet handed over; {@code workingOrders} the open ones in placement order;
 * {@code sequence} the last sequence number handed out.
 *
 * <p>{@code lastPrices} and {@code marks} are what the account last observed of the market, not anything it owns:
 * see {@link #sameOwnedState}.
 */
public record PaperSnapshot(
        VenueAccountId account,
        PaperProfile profile,
        Map<Asset, BigDecimal> free,
        Map<Asset, BigDecimal> absorbedLosses,
        List<WorkingOrder> workingOrders,
        List<Order> orders,
        List<Fill> fills,
        Map<Instrument, Position> positions,
        Map<Instrument, BigDecimal> margins,
        Map<Instrument, BigDecimal> leverages,
        Map<Instrument, BigDecimal> lastPrices,
        Map<Instrument, BigDecimal> marks,
        long sequence) {

    public PaperSnapshot {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(profile, "profile");
        free = normalized(free, "free", false);
        absorbedLosses = normalized(absorbedLosses, "absorbedLosses", false);
        workingOrders = List.copyOf(workingOrders);
        orders = List.copyOf(orders);
        fills = List.copyOf(fills);
        positions = Map.copyOf(positions);
        margins = normalized(margins, "margins", false);
        leverages = normalized(leverages, "leverages", true);
        lastPrices = normalized(lastPrices, "lastPrices", true);
        marks = normalized(marks, "marks", true);

        Map<OrderId, Order> byId = new HashMap<>();
        for (Order order : orders) {
            if (byId.put(order.id(), order) != null) {
                throw new IllegalArgumentException("order " + order.id() + " appears twice");
            }
        }
        long previous = Long.MIN_VALUE;
        for (WorkingOrder working : workingOrders) {
            if (working.sequence() <= previous) {
                throw new IllegalArgumentException("working orders are in placement order");
            }
            previous = working.sequence();
            if (working.sequence() > sequence) {
                throw new IllegalArgumentException("working order " + working.order().id() + " has sequence "
                        + working.sequence() + " beyond the last handed out, " + sequence);
            }
            if (!working.order().equals(byId.get(working.order().id()))) {
                throw new IllegalArgumentException("working order " + working.order().id() + " differs from its order record");
            }
        }
        for (Map.Entry<Instrument, Position> entry : positions.entrySet()) {
            if (!entry.getValue().instrument().equals(entry.getKey()) || !entry.getValue().account().equals(account)) {
                throw new IllegalArgumentException("position under " + entry.getKey() + " is " + entry.getValue());
            }
        }
    }

    /**
     * Whether {@code other} holds exactly what this one does (balances, orders and what the venue keeps about them,
     * fills, positions, margins, leverages, sequence), differing at most in the market observations: the last
     * prices and marks.
     */
    public boolean sameOwnedState(PaperSnapshot other) {
        return sequence == other.sequence
                && account.equals(other.account)
                && free.equals(other.free)
                && absorbedLosses.equals(other.absorbedLosses)
                && workingOrders.equals(other.workingOrders)
                && orders.equals(other.orders)
                && fills.equals(other.fills)
                && positions.equals(other.positions)
                && margins.equals(other.margins)
                && leverages.equals(other.leverages)
                && profile.equals(other.profile);
    }

    private static <K> Map<K, BigDecimal> normalized(Map<K, BigDecimal> values, String name, boolean positive) {
        Map<K, BigDecimal> copy = new HashMap<>();
        values.forEach((key, value) -> copy.put(Objects.requireNonNull(key, name),
                positive ? Decimals.requirePositive(value, name) : Decimals.requireNonNegative(value, name)));
        return Map.copyOf(copy);
    }
}
