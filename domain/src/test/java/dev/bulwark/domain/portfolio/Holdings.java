package dev.bulwark.domain.portfolio;

import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.domain.venues.VenueId;
import java.math.BigDecimal;
import java.util.UUID;

/** Test data: fixed venue accounts, so failures read the same on every run. */
final class Holdings {
    static final VenueAccountId BINANCE_MAIN = account(1);
    static final VenueAccountId BINANCE_SUB = account(2);
    static final VenueAccountId KRAKEN = account(3);
    static final VenueAccountId PAPER = account(4);

    static final VenueId BINANCE = new VenueId("binance");
    static final VenueId KRAKEN_VENUE = new VenueId("kraken");

    private Holdings() {
    }

    static VenueAccountId account(long n) {
        return new VenueAccountId(new UUID(0, n));
    }

    static VenueId venueOf(VenueAccountId account) {
        long n = account.value().getLeastSignificantBits();
        return n <= 2 ? BINANCE : n == 3 ? KRAKEN_VENUE : VenueId.PAPER;
    }

    static Holding spot(VenueAccountId account, String asset, String free, String locked) {
        return new Holding(account, venueOf(account), AccountKind.SPOT, Asset.of(asset), new BigDecimal(free),
                new BigDecimal(locked));
    }

    static Holding futures(VenueAccountId account, String asset, String free, String locked) {
        return new Holding(account, venueOf(account), AccountKind.FUTURES, Asset.of(asset), new BigDecimal(free),
                new BigDecimal(locked));
    }
}
