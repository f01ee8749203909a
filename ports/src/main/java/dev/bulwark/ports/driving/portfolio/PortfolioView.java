package dev.bulwark.ports.driving.portfolio;

import dev.bulwark.domain.portfolio.PortfolioValuation;
import dev.bulwark.domain.venues.SyncState;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.domain.venues.VenueId;
import java.time.Instant;
import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The portfolio as of {@code at}: the valuation (per asset: totals, the per-venue breakdown, USD and EUR values,
 * allocation; unpriced assets listed, never valued at 0; values built on a peg or a configured rate flagged
 * assumed, and {@code stalePrices} when a price was old) and each account with its sync state.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record PortfolioView(Instant at, PortfolioValuation valuation, boolean stalePrices, List<AccountStatus> accounts) {

    /** One venue account: connected / syncing / failed, the last error and sync time, and its snapshot's time. */
    public record AccountStatus(VenueAccountId account, VenueId venue, String label, SyncState sync,
                                @Nullable Instant holdingsAt) {
    }

    public PortfolioView {
        accounts = List.copyOf(accounts);
    }
}
