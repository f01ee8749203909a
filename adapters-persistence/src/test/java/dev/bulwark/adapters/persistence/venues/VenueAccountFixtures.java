package dev.bulwark.adapters.persistence.venues;

import dev.bulwark.adapters.persistence.Database;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.secrets.SealedSecret;
import dev.bulwark.domain.venues.Environment;
import dev.bulwark.domain.venues.Permission;
import dev.bulwark.domain.venues.SyncState;
import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.domain.venues.VenueId;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** Test data shared by the trading stores' contracts: venue accounts, stored or not. */
public final class VenueAccountFixtures {
    public static final Instant T0 = Instant.parse("2026-11-21T08:00:00.123456Z");
    public static final VenueId BINANCE = new VenueId("binance");

    private VenueAccountFixtures() {
    }

    /** A live Binance account with a sealed key, reading and trading, never synchronised. */
    public static VenueAccount binance(WorkspaceId workspace, String label) {
        return new VenueAccount(new VenueAccountId(UUID.randomUUID()), workspace, BINANCE, label, Environment.LIVE, null,
                Set.of(Permission.READ, Permission.TRADE), true, "abcd\u2026wxyz", new SealedSecret("v1:envelope-" + label),
                SyncState.never(), T0, T0);
    }

    /** A Binance account in {@code workspace}, stored, labelled uniquely. */
    public static VenueAccount storedAccount(Database database, WorkspaceId workspace) {
        VenueAccount account = binance(workspace, "acct " + UUID.randomUUID());
        new JooqVenueAccounts(database.db()).create(account);
        return account;
    }
}
