package dev.bulwark.adapters.exchange.paper;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.ports.driven.paper.PaperHistoryEntry;
import dev.bulwark.ports.driven.paper.PaperSave;
import dev.bulwark.ports.driven.paper.PaperState;
import dev.bulwark.ports.driven.paper.PaperStates;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.NotFound;
import dev.bulwark.ports.errors.Unavailable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The paper state store's contract in memory (the SQL stores are proven against the same rules). Each account's
 * document and history are one immutable value replaced whole, so a reader sees a save entirely or not at all,
 * as a transaction gives the SQL stores. An account belongs to the workspace that first saved it; another
 * workspace reads nothing and writes nothing.
 */
final class InMemoryPaperStates implements PaperStates {
    /** One account as stored: its workspace, its document and its history in the order it settled. */
    private record Stored(WorkspaceId workspace, PaperState state, List<PaperHistoryEntry> history) {
    }

    private final Map<VenueAccountId, Stored> accounts = new ConcurrentHashMap<>();
    /** The owners of accounts whose state was deleted: the venue account outlives its paper state. */
    private final Map<VenueAccountId, WorkspaceId> owners = new ConcurrentHashMap<>();
    volatile int saves;
    /** When set, the next save fails as a store that is down would, having written nothing. */
    volatile boolean failNextSave;

    private Optional<Stored> own(WorkspaceId workspace, VenueAccountId account) {
        return Optional.ofNullable(accounts.get(account)).filter(s -> s.workspace().equals(workspace));
    }

    @Override
    public Optional<PaperState> load(WorkspaceId workspace, VenueAccountId account) {
        return own(workspace, account).map(Stored::state);
    }

    @Override
    public long version(WorkspaceId workspace, VenueAccountId account) {
        return own(workspace, account).map(s -> s.state().version()).orElse(0L);
    }

    @Override
    public synchronized long save(WorkspaceId workspace, VenueAccountId account, PaperSave save) {
        if (failNextSave) {
            failNextSave = false;
            throw new Unavailable("the store is down");
        }
        WorkspaceId owner = owners.computeIfAbsent(account, a -> workspace);
        if (!owner.equals(workspace)) {
            throw new NotFound("venue account " + account + " not found");
        }
        Stored stored = accounts.get(account);
        long version = stored == null ? 0 : stored.state().version();
        if (version != save.expectedVersion()) {
            throw new Conflict("moved");
        }
        List<PaperHistoryEntry> history = new ArrayList<>();
        if (stored != null && !save.forgetHistory()) {
            history.addAll(stored.history());
        }
        Set<String> ids = new HashSet<>();
        history.forEach(e -> ids.add(e.kind() + ":" + e.id()));
        for (PaperHistoryEntry entry : save.settled()) {
            if (!ids.add(entry.kind() + ":" + entry.id())) {
                throw new IllegalStateException("the " + entry.kind() + " " + entry.id() + " is already in the history");
            }
            history.add(entry);
        }
        accounts.put(account, new Stored(workspace, new PaperState(account, save.document(), version + 1, save.at()),
                List.copyOf(history)));
        saves++;
        return version + 1;
    }

    @Override
    public Optional<PaperHistoryEntry> settledOrder(WorkspaceId workspace, VenueAccountId account, ClientOrderId clientOrderId) {
        return own(workspace, account).flatMap(s -> s.history().reversed().stream()
                .filter(e -> clientOrderId.equals(e.clientOrderId())).findFirst());
    }

    @Override
    public boolean hasSettledOrder(WorkspaceId workspace, VenueAccountId account, ClientOrderId clientOrderId) {
        return settledOrder(workspace, account, clientOrderId).isPresent();
    }

    @Override
    public List<PaperHistoryEntry> settledFills(WorkspaceId workspace, VenueAccountId account, Instrument instrument, Instant since) {
        return own(workspace, account).map(s -> s.history().stream()
                .filter(e -> e.kind() == PaperHistoryEntry.Kind.FILL && e.instrument().equals(instrument) && !e.at().isBefore(since))
                .toList()).orElse(List.of());
    }

    @Override
    public synchronized boolean delete(WorkspaceId workspace, VenueAccountId account) {
        return own(workspace, account).map(s -> accounts.remove(account) != null).orElse(false);
    }

    /** The stored history, for tests that look inside. */
    List<PaperHistoryEntry> history(VenueAccountId account) {
        return Optional.ofNullable(accounts.get(account)).map(Stored::history).orElse(List.of());
    }

    /** Stores {@code document} as it is, as an older version of the venue would have. */
    synchronized void put(WorkspaceId workspace, VenueAccountId account, String document, Instant at) {
        owners.putIfAbsent(account, workspace);
        Stored stored = accounts.get(account);
        long version = stored == null ? 1 : stored.state().version() + 1;
        accounts.put(account, new Stored(workspace, new PaperState(account, document, version, at),
                stored == null ? List.of() : stored.history()));
    }
}
