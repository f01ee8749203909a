package dev.bulwark.application.signals;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.positions.Position;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.ports.driven.orders.FillTotal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a decision reads of its account's own books: the open positions and the day's fill totals. Read when asked,
 * or once for every account of a batch ({@link #readOnce}), which answers the same as long as nothing is written to
 * those books in between: a batch decides all its signals before it writes any.
 */
interface AccountBooks {
    List<Position> openPositions(WorkspaceId workspace, VenueAccountId account);

    List<FillTotal> fillTotals(WorkspaceId workspace, VenueAccountId account, Instant since);

    /** Each read when asked. */
    static AccountBooks direct(ProcessingPorts ports) {
        return new AccountBooks() {
            @Override
            public List<Position> openPositions(WorkspaceId workspace, VenueAccountId account) {
                return ports.positions().listOpen(workspace, account);
            }

            @Override
            public List<FillTotal> fillTotals(WorkspaceId workspace, VenueAccountId account, Instant since) {
                return ports.orders().fillTotals(workspace, account, since);
            }
        };
    }

    /**
     * Read at the first question for every one of {@code accounts} in the workspace asked about (a query for the
     * positions, one for the totals since that instant), then answered from what was read. An account not listed is
     * read on its own.
     */
    static AccountBooks readOnce(ProcessingPorts ports, Map<WorkspaceId, List<VenueAccountId>> accounts) {
        return new AccountBooks() {
            private final Map<WorkspaceId, Map<VenueAccountId, List<Position>>> positions = new HashMap<>();
            private final Map<WorkspaceId, Map<Instant, Map<VenueAccountId, List<FillTotal>>>> totals = new HashMap<>();

            private Set<VenueAccountId> of(WorkspaceId workspace, VenueAccountId account) {
                Set<VenueAccountId> all = new LinkedHashSet<>(accounts.getOrDefault(workspace, List.of()));
                all.add(account);
                return all;
            }

            @Override
            public List<Position> openPositions(WorkspaceId workspace, VenueAccountId account) {
                Map<VenueAccountId, List<Position>> read = positions.get(workspace);
                if (read == null || !read.containsKey(account)) {
                    Set<VenueAccountId> wanted = of(workspace, account);
                    Map<VenueAccountId, List<Position>> byAccount = new HashMap<>();
                    wanted.forEach(a -> byAccount.put(a, new ArrayList<>()));
                    ports.positions().listOpenOf(workspace, wanted).forEach(p -> byAccount.get(p.account()).add(p));
                    positions.computeIfAbsent(workspace, w -> new HashMap<>()).putAll(byAccount);
                    read = positions.get(workspace);
                }
                return List.copyOf(read.get(account));
            }

            @Override
            public List<FillTotal> fillTotals(WorkspaceId workspace, VenueAccountId account, Instant since) {
                Map<VenueAccountId, List<FillTotal>> read = totals.computeIfAbsent(workspace, w -> new HashMap<>())
                        .computeIfAbsent(since, s -> new HashMap<>());
                if (!read.containsKey(account)) {
                    read.putAll(ports.orders().fillTotalsOf(workspace, of(workspace, account), since));
                }
                return List.copyOf(read.getOrDefault(account, List.of()));
            }
        };
    }
}
