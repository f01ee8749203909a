package dev.bulwark.ports.driven.paper;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * One save of a paper account, all or nothing: the new document, if the stored version is still
 * {@code expectedVersion} (0: none stored yet), and with it the entries that settled since the last save, appended to
 * the account's history in the order given (orders in placement order, then fills in the order they happened).
 * {@code forgetHistory} (a reset) first forgets the whole history before this save, in the same transaction, so a
 * reset's document is never seen with the history of the account it replaced.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record PaperSave(String document, long expectedVersion, Instant at, List<PaperHistoryEntry> settled,
                        boolean forgetHistory) {

    public PaperSave {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(at, "at");
        if (expectedVersion < 0) {
            throw new IllegalArgumentException("expectedVersion is 0 (nothing saved yet) or a saved version");
        }
        settled = List.copyOf(settled);
        Set<String> seen = new HashSet<>();
        for (PaperHistoryEntry entry : settled) {
            if (!seen.add(entry.kind() + ":" + entry.id())) {
                throw new IllegalArgumentException("the " + entry.kind() + " " + entry.id() + " settles twice in one save");
            }
        }
    }

    /** A save that settles nothing. */
    public static PaperSave of(String document, long expectedVersion, Instant at) {
        return new PaperSave(document, expectedVersion, at, List.of(), false);
    }
}
