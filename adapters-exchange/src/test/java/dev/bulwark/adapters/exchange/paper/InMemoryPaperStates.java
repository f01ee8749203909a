package dev.bulwark.adapters.exchange.paper;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.ports.driven.paper.PaperState;
import dev.bulwark.ports.driven.paper.PaperStates;
import dev.bulwark.ports.errors.Conflict;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The paper state store's contract in memory (the SQL stores are proven against the same rules). */
final class InMemoryPaperStates implements PaperStates {
    private final Map<VenueAccountId, PaperState> states = new ConcurrentHashMap<>();
    int saves;

    @Override
    public Optional<PaperState> load(WorkspaceId workspace, VenueAccountId account) {
        return Optional.ofNullable(states.get(account));
    }

    @Override
    public long version(WorkspaceId workspace, VenueAccountId account) {
        return Optional.ofNullable(states.get(account)).map(PaperState::version).orElse(0L);
    }

    @Override
    public synchronized long save(WorkspaceId workspace, VenueAccountId account, String document, long expectedVersion, Instant at) {
        long stored = Optional.ofNullable(states.get(account)).map(PaperState::version).orElse(0L);
        if (stored != expectedVersion) {
            throw new Conflict("moved");
        }
        states.put(account, new PaperState(account, document, stored + 1, at));
        saves++;
        return stored + 1;
    }

    @Override
    public boolean delete(WorkspaceId workspace, VenueAccountId account) {
        return states.remove(account) != null;
    }
}
