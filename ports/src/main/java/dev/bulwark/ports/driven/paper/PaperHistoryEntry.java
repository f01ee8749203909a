package dev.bulwark.ports.driven.paper;

import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.orders.ClientOrderId;
import java.time.Instant;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One settled order or fill of a paper account, as the paper venue hands it to its store: an opaque document written
 * and read by the paper venue alone, with the keys the store finds it by. An order is settled once it is final and
 * never changes again; a fill as soon as it happens. Appended, never updated.
 *
 * <p>{@code id} is the order id or the trade id, unique per kind in the account's history (at most {@value #MAX_ID}
 * characters); {@code clientOrderId} the order's (fills have none); {@code at} when the order last changed or the fill
 * happened.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record PaperHistoryEntry(
        Kind kind,
        String id,
        @Nullable ClientOrderId clientOrderId,
        Instrument instrument,
        Instant at,
        String document) {

    public static final int MAX_ID = 128;

    public enum Kind { ORDER, FILL }

    public PaperHistoryEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(document, "document");
        if (id.isBlank() || id.length() > MAX_ID) {
            throw new IllegalArgumentException("an entry's id is 1 to " + MAX_ID + " characters, was '" + id + "'");
        }
        if ((kind == Kind.ORDER) != (clientOrderId != null)) {
            throw new IllegalArgumentException("an order entry has its client order id, a fill entry none");
        }
    }

    public static PaperHistoryEntry order(String orderId, ClientOrderId clientOrderId, Instrument instrument, Instant at,
                                          String document) {
        return new PaperHistoryEntry(Kind.ORDER, orderId, clientOrderId, instrument, at, document);
    }

    public static PaperHistoryEntry fill(String tradeId, Instrument instrument, Instant at, String document) {
        return new PaperHistoryEntry(Kind.FILL, tradeId, null, instrument, at, document);
    }
}
