package dev.bulwark.domain.orders;

/**
 * Where an order is in its life. The states are ordered NEW, ACCEPTED, PARTIALLY_FILLED, then the terminal ones;
 * {@link #canMoveTo} is the whole state machine.
 */
public enum OrderStatus {
    /** Created here, not yet acknowledged by the venue. */
    NEW(0),
    /** Acknowledged by the venue and working. */
    ACCEPTED(1),
    /** Some of it has filled; more fills may follow. */
    PARTIALLY_FILLED(2),
    /** All of it has filled. */
    FILLED(3),
    /** Cancelled, by us or the venue, possibly after partial fills. */
    CANCELLED(3),
    /** Refused by the venue before it worked the order. */
    REJECTED(3),
    /** Its time in force ran out (an IOC's rest, a FOK that could not fill, a venue's expiry). */
    EXPIRED(3),
    /** It could not be placed or its fate could not be settled (our side gave up). */
    FAILED(3);

    private final int stage;

    OrderStatus(int stage) {
        this.stage = stage;
    }

    /** Whether nothing more can happen to the order. */
    public boolean isTerminal() {
        return stage == 3;
    }

    /**
     * Whether an order in this state may be reported in {@code target}. Nothing leaves a terminal state. Venues
     * report late and skip states, so a later state may come at once (NEW to FILLED) but never an earlier one.
     * Staying put is allowed (a no-op, or more fills while partially filled). REJECTED only comes before the
     * venue works the order (from NEW or ACCEPTED); CANCELLED, EXPIRED and FAILED may end it at any point.
     */
    public boolean canMoveTo(OrderStatus target) {
        if (isTerminal()) {
            return false;
        }
        if (target == this) {
            return true;
        }
        return switch (target) {
            case REJECTED -> this == NEW || this == ACCEPTED;
            case CANCELLED, EXPIRED, FAILED -> true;
            case NEW, ACCEPTED, PARTIALLY_FILLED, FILLED -> target.stage > stage;
        };
    }
}
