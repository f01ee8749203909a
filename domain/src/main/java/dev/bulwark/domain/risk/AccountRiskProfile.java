package dev.bulwark.domain.risk;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.venues.VenueAccountId;
import java.time.Instant;
import java.util.Objects;

/**
 * The risk profile a venue account's owner set: the limits every order placed on that account passes, before a bot's
 * own limits tighten them further. An account without one uses {@link RiskProfile#defaults()} (version 0).
 *
 * @param version 1 for the first profile set, one more at each change; a signal's receipt names the version its
 *                decision used, so the decision can be re-run on the same limits
 */
public record AccountRiskProfile(VenueAccountId account, WorkspaceId workspace, RiskProfile limits, int version,
                                 Instant updatedAt) {

    /** At most this many symbols in an account's whitelist. */
    public static final int MAX_SYMBOLS = 500;

    public AccountRiskProfile {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (version < 1) {
            throw new IllegalArgumentException("a stored risk profile's version is at least 1, was " + version);
        }
        if (limits.symbolWhitelist().size() > MAX_SYMBOLS) {
            throw new IllegalArgumentException("a whitelist holds at most " + MAX_SYMBOLS + " symbols, was "
                    + limits.symbolWhitelist().size());
        }
    }
}
