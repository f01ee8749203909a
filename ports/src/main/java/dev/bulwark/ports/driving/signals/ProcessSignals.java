package dev.bulwark.ports.driving.signals;

import org.apiguardian.api.API;

/**
 * The workers' use case: claim queued signal jobs and turn each into orders (size, risk decision, place with one
 * client order id per intent, record orders, fills and positions, protective orders, receipt, events); complete the
 * job, or fail it for a retry (the first attempt plus 3 retries with backoff) and then the dead letters. An unknown
 * outcome is resolved by asking the venue for the client order id before anything is sent again. A host calls
 * {@link #runOnce} in a loop on its worker threads; several processes may run workers on one database.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface ProcessSignals {
    /**
     * Claims up to {@code max} due signal jobs as {@code worker} and processes them; returns how many it handled
     * (0: nothing was due, the caller may wait a little).
     */
    int runOnce(String worker, int max);

    /**
     * Watches open protective orders that the venue does not hold natively (stop-loss / take-profit without OCO)
     * against current prices and sends the one that is hit; returns how many were sent.
     */
    int watchProtection();

    /**
     * Asks the venues about the orders they work that were decided earlier (an entry that rested, the protective
     * legs a venue holds natively) and records what became of them: status, fills, positions, events and a step on
     * the signal's receipt. Each order is asked about every 15 seconds while young, at most every 5 minutes once it
     * has rested long; returns how many orders changed.
     */
    int syncOrders();
}
