package dev.bulwark.application.venues;

import dev.bulwark.ports.driven.audit.AuditLog;
import dev.bulwark.ports.driven.storage.Transactions;
import dev.bulwark.ports.driven.system.IdGenerator;
import dev.bulwark.ports.driven.system.TimeSource;
import dev.bulwark.ports.driven.vault.SecretVault;
import dev.bulwark.ports.driven.risk.RiskProfiles;
import dev.bulwark.ports.driven.venues.VenueAccounts;
import dev.bulwark.ports.driven.venues.VenueConnector;
import dev.bulwark.ports.driving.accounts.Principal;
import dev.bulwark.ports.driving.venues.ConnectVenues;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/** Creates the venue accounts use case; its service stays package-private. */
public final class VenuesFactory {
    private VenuesFactory() {
    }

    /**
     * @param secondFactor checks a second factor for a sensitive change by the principal and throws when it is
     *     missing or wrong (usually {@code manageAccounts::requireSecondFactor}); a function rather than the accounts
     *     use case, so venue accounts need no more of accounts than this
     */
    public static ConnectVenues connectVenues(VenueAccounts accounts, RiskProfiles riskProfiles,
                                              VenueConnector venues, SecretVault vault,
                                              AuditLog audit, Transactions transactions, TimeSource time,
                                              IdGenerator ids, BiConsumer<Principal, @Nullable String> secondFactor) {
        return new VenueAccountService(accounts, riskProfiles, venues, vault, audit, transactions, time, ids, secondFactor);
    }
}
