package dev.bulwark.domain.portfolio;

import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.money.Decimals;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.domain.venues.VenueId;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Objects;

/**
 * One balance line: how much of an asset a wallet of a venue account holds, split into what is free to use and
 * what is locked (in open orders or as margin). Both parts are zero or more; the venue is kept with the account
 * so a breakdown can say where an asset sits without another lookup.
 */
public record Holding(VenueAccountId account, VenueId venue, AccountKind kind, Asset asset, BigDecimal free,
        BigDecimal locked) {

    /** The order of a per-venue breakdown: by venue, then account, then wallet, then asset. */
    static final Comparator<Holding> ORDER = Comparator.comparing((Holding h) -> h.venue().value())
            .thenComparing(h -> h.account().value())
            .thenComparing(Holding::kind)
            .thenComparing(Holding::asset);

    public Holding {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(asset, "asset");
        free = Decimals.requireNonNegative(free, "free");
        locked = Decimals.requireNonNegative(locked, "locked");
    }

    /** Free plus locked: everything this wallet owns of the asset. */
    public BigDecimal total() {
        return Decimals.normalize(free.add(locked));
    }
}
