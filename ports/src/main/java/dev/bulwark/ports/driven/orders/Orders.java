package dev.bulwark.ports.driven.orders;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderId;
import dev.bulwark.domain.venues.VenueAccountId;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Orders and their fills, each on a venue account of one workspace. Every method is scoped by the workspace:
 * another workspace's order is not found, never returned or changed. Joins the caller's transaction.
 *
 * <p>Two rules here carry exactly-once: a client order id is unique per venue account, so an intent can never be
 * recorded as two orders, and a fill is recorded once per (order, venue trade id), however often the venue
 * reports it.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface Orders {

    /**
     * Stores a new order.
     *
     * @throws dev.bulwark.ports.errors.NotFound when the workspace has no such venue account
     * @throws dev.bulwark.ports.errors.Conflict when the order id exists, or the account has an order with the same
     *     client order id
     * @throws IllegalArgumentException when a number has more than 18 decimals or 20 integer digits (it would not
     *     be stored exactly)
     */
    void save(WorkspaceId workspace, Order order);

    /**
     * Moves a stored order from {@code expected} (as the caller read it) to {@code updated}: its status, filled
     * quantity, average fill price and {@code updatedAt}. The write is a compare-and-set against the whole stored
     * state rather than a timestamp, because {@code updatedAt} does not advance on a report that arrives late: two
     * writers starting from the same state could otherwise both succeed, and one would lose the other's change.
     *
     * @throws dev.bulwark.ports.errors.Conflict when the stored order is no longer {@code expected} (a stale write:
     *     read it again and reapply)
     * @throws dev.bulwark.ports.errors.NotFound when the workspace has no such order
     * @throws IllegalArgumentException when {@code updated} differs from {@code expected} in anything but those four
     */
    void update(WorkspaceId workspace, Order expected, Order updated);

    Optional<Order> find(WorkspaceId workspace, OrderId id);

    /** The account's order with that client order id: how an order whose outcome is unknown is found again. */
    Optional<Order> findByClientOrderId(WorkspaceId workspace, VenueAccountId account, ClientOrderId clientOrderId);

    /** The account's orders that are not terminal (NEW, ACCEPTED, PARTIALLY_FILLED), oldest first. */
    List<Order> listOpen(WorkspaceId workspace, VenueAccountId account);

    /**
     * Records a fill of a stored order, once: the same (order, trade id) again stores nothing and returns false
     * (the first report is kept as it was).
     *
     * @return whether the fill was new
     * @throws dev.bulwark.ports.errors.NotFound when the workspace has no such order
     * @throws IllegalArgumentException when the trade id is longer than 128 characters, or a number has more than
     *     18 decimals or 20 integer digits
     */
    boolean addFill(WorkspaceId workspace, Fill fill);

    /** The order's fills, in the order they happened (time, then trade id). */
    List<Fill> fills(WorkspaceId workspace, OrderId order);

    /** The account's most recent fills, newest first, at most {@code limit} (1 or more). */
    List<Fill> recentFills(WorkspaceId workspace, VenueAccountId account, int limit);

    /**
     * The account's fills executed at or after {@code since}, summed per instrument and side (quantity, and price x
     * quantity in the instrument's quote asset): what a day's P&amp;L needs, however many fills the day had. From the
     * start of a UTC day, a store may answer from totals it keeps per day as fills are added (one row per day,
     * instrument and side, whatever the day's trading), with the notional kept to 18 decimal places.
     */
    List<FillTotal> fillTotals(WorkspaceId workspace, VenueAccountId account, Instant since);

    /**
     * {@link #fillTotals} of each of the workspace's {@code accounts}, in one query where the store can (a batch's
     * accounts at once); every account asked for is a key, with no totals when it had no fills.
     */
    default Map<VenueAccountId, List<FillTotal>> fillTotalsOf(WorkspaceId workspace, Collection<VenueAccountId> accounts,
                                                             Instant since) {
        Map<VenueAccountId, List<FillTotal>> totals = new LinkedHashMap<>();
        accounts.forEach(account -> totals.computeIfAbsent(account, a -> fillTotals(workspace, a, since)));
        return totals;
    }
}
