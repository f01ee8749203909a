package dev.bulwark.ports.driving.venues;

import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.venues.Environment;
import dev.bulwark.domain.venues.Permission;
import dev.bulwark.domain.venues.SyncState;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.domain.venues.VenueCircuit;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/** What {@link ConnectVenues} answers. The key appears only masked ({@code apiKeyHint}); the secret never. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface VenueViews {
    /**
     * A venue that can be connected.
     *
     * @param needsPassphrase whether credentials include a passphrase
     * @param circuit its circuit breaker now, when it has one
     */
    record VenueInfo(VenueId id, String displayName, Set<Market> markets, Set<String> environments,
                     boolean needsCredentials, boolean needsPassphrase, boolean nativeOco,
                     @Nullable VenueCircuit circuit) {
    }

    record VenueAccountView(VenueAccountId id, VenueId venue, String label, Environment environment,
                            @Nullable String baseUrl, Set<Permission> permissions, boolean active,
                            @Nullable String apiKeyHint, SyncState sync, Instant createdAt, Instant updatedAt) {
    }

    /** One audited use or change of an account's credentials: who, what, when, from where. */
    record CredentialUse(Instant at, String actor, String action, @Nullable String correlationId,
                         Map<String, String> details) {
    }

    record CredentialUses(List<CredentialUse> uses) {
        public CredentialUses {
            uses = List.copyOf(uses);
        }
    }

    /**
     * An account's risk profile as the risk engine applies it to every order on the account (a bot's own limits only
     * tighten it).
     *
     * @param custom false while the account uses the product's defaults (version 0, no {@code updatedAt})
     * @param version 1 for the first profile set, one more at each change; receipts name it
     */
    record RiskProfileView(VenueAccountId account, boolean custom, int version, Set<String> symbolWhitelist,
                           BigDecimal minOrderSize, BigDecimal maxOrderSize, BigDecimal maxOrderValue,
                           BigDecimal maxPositionValue, BigDecimal maxPositionShare, BigDecimal maxLeverage,
                           BigDecimal maxRiskPerTrade, BigDecimal maxDailyLoss, int maxOpenPositions,
                           @Nullable Instant updatedAt) {
    }
}
