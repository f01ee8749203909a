package dev.bulwark.domain.portfolio;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.venues.VenueAccountId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Everything one venue account held at one moment, as its venue reported it: the record that values over time
 * are drawn from. Every holding belongs to {@code account}; a wallet has one line per asset and the account sits
 * on one venue (the rules of {@link Portfolio}). The holdings are kept in {@link Portfolio}'s order, so two
 * snapshots of the same lines are equal however the lines came. An empty snapshot is an account that holds nothing,
 * which a value-over-time chart needs as much as any other point.
 */
public record HoldingsSnapshot(UUID id, WorkspaceId workspace, VenueAccountId account, Instant takenAt,
        List<Holding> holdings) {

    public HoldingsSnapshot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(holdings, "holdings");
        for (Holding holding : holdings) {
            Objects.requireNonNull(holding, "holding");
            if (!holding.account().equals(account)) {
                throw new IllegalArgumentException("a snapshot of account " + account + " holds a line of account "
                        + holding.account());
            }
        }
        holdings = new Portfolio(holdings).holdings();
    }

    /** These holdings as a portfolio, to aggregate and value. */
    public Portfolio portfolio() {
        return new Portfolio(holdings);
    }
}
