package dev.bulwark.domain.events;

/** The kinds of live event; the wire name is the lower-case, dotted form ({@code order.updated}). */
public enum EventType {
    ORDER_UPDATED("order.updated"),
    FILL("fill"),
    SIGNAL_STATUS("signal.status"),
    PORTFOLIO_VALUE("portfolio.value"),
    SYNC_STATUS("sync.status"),
    ALERT("alert");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
